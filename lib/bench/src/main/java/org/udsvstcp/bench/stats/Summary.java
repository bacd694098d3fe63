package org.udsvstcp.bench.stats;

import java.util.Arrays;

/**
 * The robust summary of one group of measurements: quartiles (type 7), extremes, mean, sample
 * standard deviation, coefficient of variation, a bootstrap 95% CI of the median and the indexes of
 * MAD outliers.
 *
 * <p>With no values every statistic is NaN; with one value the location statistics are that value
 * and the spread statistics (stdev, cv, ci) are NaN, since one trial says nothing about spread.
 *
 * @param n the number of values
 * @param median the median
 * @param q1 the first quartile
 * @param q3 the third quartile
 * @param iqr q3 - q1
 * @param min the smallest value
 * @param max the largest value
 * @param mean the arithmetic mean
 * @param stdev the sample standard deviation (n - 1 in the denominator)
 * @param cv stdev / mean
 * @param ciLow the lower end of the 95% bootstrap CI of the median
 * @param ciHigh the upper end of the 95% bootstrap CI of the median
 * @param outliers ascending indexes (into the input) of outliers by MAD
 */
public record Summary(
    int n,
    double median,
    double q1,
    double q3,
    double iqr,
    double min,
    double max,
    double mean,
    double stdev,
    double cv,
    double ciLow,
    double ciHigh,
    int[] outliers) {

  /** Creates a summary, keeping its own copy of the outlier indexes. */
  public Summary {
    outliers = outliers.clone();
  }

  /**
   * Summarises the values, drawing the bootstrap resamples from the seed; throws
   * IllegalArgumentException if a value is NaN, so that outlier indexes match the input.
   */
  public static Summary of(double[] values, long seed) {
    for (double v : values) {
      if (Double.isNaN(v)) {
        throw new IllegalArgumentException("values must not contain NaN; drop missing ones first");
      }
    }
    int n = values.length;
    if (n == 0) {
      double nan = Double.NaN;
      return new Summary(0, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, new int[0]);
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double median = Quantiles.ofSorted(sorted, 0.5);
    double q1 = Quantiles.ofSorted(sorted, 0.25);
    double q3 = Quantiles.ofSorted(sorted, 0.75);
    double mean = Arrays.stream(values).average().orElse(Double.NaN);
    double stdev = Double.NaN;
    if (n >= 2) {
      double squares = 0;
      for (double v : values) {
        squares += (v - mean) * (v - mean);
      }
      stdev = Math.sqrt(squares / (n - 1));
    }
    double cv = mean == 0 ? Double.NaN : stdev / mean;
    Interval ci =
        Bootstrap.medianCi(values, Bootstrap.DEFAULT_LEVEL, Bootstrap.DEFAULT_RESAMPLES, seed);
    return new Summary(
        n,
        median,
        q1,
        q3,
        q3 - q1,
        sorted[0],
        sorted[n - 1],
        mean,
        stdev,
        cv,
        ci.low(),
        ci.high(),
        Outliers.byMad(values));
  }

  /** Returns a copy of the outlier indexes. */
  @Override
  public int[] outliers() {
    return outliers.clone();
  }

  /** Returns the CI of the median as an interval. */
  public Interval ci() {
    return new Interval(ciLow, ciHigh);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Summary s
        && n == s.n
        && Double.compare(median, s.median) == 0
        && Double.compare(q1, s.q1) == 0
        && Double.compare(q3, s.q3) == 0
        && Double.compare(iqr, s.iqr) == 0
        && Double.compare(min, s.min) == 0
        && Double.compare(max, s.max) == 0
        && Double.compare(mean, s.mean) == 0
        && Double.compare(stdev, s.stdev) == 0
        && Double.compare(cv, s.cv) == 0
        && Double.compare(ciLow, s.ciLow) == 0
        && Double.compare(ciHigh, s.ciHigh) == 0
        && Arrays.equals(outliers, s.outliers);
  }

  @Override
  public int hashCode() {
    return 31 * Double.hashCode(median) + Arrays.hashCode(outliers) + n;
  }

  @Override
  public String toString() {
    return ("Summary[n=%d, median=%s, q1=%s, q3=%s, iqr=%s, min=%s, max=%s, mean=%s, stdev=%s,"
            + " cv=%s, ci=[%s, %s], outliers=%s]")
        .formatted(
            n,
            median,
            q1,
            q3,
            iqr,
            min,
            max,
            mean,
            stdev,
            cv,
            ciLow,
            ciHigh,
            Arrays.toString(outliers));
  }
}
