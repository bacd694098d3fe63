package org.udsvstcp.bench.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Percentile-bootstrap confidence intervals, reproducible for a given seed. */
public final class Bootstrap {

  /** The number of resamples the summaries use. */
  public static final int DEFAULT_RESAMPLES = 2000;

  /** The confidence level the summaries use. */
  public static final double DEFAULT_LEVEL = 0.95;

  /** The seed the table-level summaries use, so a table always gives the same intervals. */
  public static final long DEFAULT_SEED = 0x5EEDL;

  private Bootstrap() {}

  /**
   * Returns the percentile-bootstrap confidence interval of the median at the given level (e.g.
   * 0.95), from the given number of resamples drawn with a {@link SplittableRandom} of the seed;
   * unknown (NaN) for fewer than two values, because one value says nothing about spread.
   */
  public static Interval medianCi(double[] values, double level, int resamples, long seed) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("confidence level must be in (0, 1): " + level);
    }
    if (resamples < 1) {
      throw new IllegalArgumentException("resamples must be at least 1: " + resamples);
    }
    int n = values.length;
    if (n < 2) {
      return Interval.unknown();
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    SplittableRandom random = new SplittableRandom(seed);
    double[] medians = new double[resamples];
    int[] picks = new int[n];
    double[] resample = new double[n];
    for (int r = 0; r < resamples; r++) {
      for (int i = 0; i < n; i++) {
        picks[i] = random.nextInt(n);
      }
      // Sorting indexes into the sorted sample sorts the resample itself.
      Arrays.sort(picks);
      for (int i = 0; i < n; i++) {
        resample[i] = sorted[picks[i]];
      }
      medians[r] = Quantiles.ofSorted(resample, 0.5);
    }
    Arrays.sort(medians);
    double alpha = 1 - level;
    return new Interval(
        Quantiles.ofSorted(medians, alpha / 2), Quantiles.ofSorted(medians, 1 - alpha / 2));
  }
}
