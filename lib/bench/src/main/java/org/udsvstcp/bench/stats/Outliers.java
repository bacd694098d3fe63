package org.udsvstcp.bench.stats;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Outliers by the modified z-score of Iglewicz and Hoaglin: {@code 0.6745 * |x - median| / MAD},
 * where MAD is the median absolute deviation from the median.
 */
public final class Outliers {

  /** The modified z-score above which Iglewicz and Hoaglin call a value an outlier. */
  public static final double DEFAULT_THRESHOLD = 3.5;

  // 0.6745 is the 0.75 quantile of the standard normal, making MAD/0.6745 estimate sigma.
  private static final double MAD_SCALE = 0.6745;

  // With MAD == 0 (over half the values equal) the mean absolute deviation stands in, scaled so
  // it too estimates sigma for normal data: sqrt(pi/2) = 1.253314.
  private static final double MEAN_AD_SCALE = 1.253314;

  private Outliers() {}

  /**
   * Returns the ascending indexes of the values whose modified z-score exceeds the threshold; when
   * MAD is 0 the mean absolute deviation is used instead, and when all values are equal there are
   * no outliers. NaN values are never flagged and do not count.
   */
  public static int[] byMad(double[] values, double threshold) {
    double[] finite = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
    if (finite.length < 3) {
      return new int[0];
    }
    double median = Quantiles.median(finite);
    double[] deviations = Arrays.stream(finite).map(v -> Math.abs(v - median)).toArray();
    double mad = Quantiles.median(deviations);
    double sigma;
    if (mad > 0) {
      sigma = mad / MAD_SCALE;
    } else {
      double meanAd = Arrays.stream(deviations).average().orElse(0);
      if (meanAd == 0) {
        return new int[0];
      }
      sigma = MEAN_AD_SCALE * meanAd;
    }
    return IntStream.range(0, values.length)
        .filter(i -> !Double.isNaN(values[i]))
        .filter(i -> Math.abs(values[i] - median) / sigma > threshold)
        .toArray();
  }

  /** Returns the indexes of outliers at the Iglewicz-Hoaglin threshold of 3.5. */
  public static int[] byMad(double[] values) {
    return byMad(values, DEFAULT_THRESHOLD);
  }
}
