package org.udsvstcp.charts;

import java.util.Arrays;

/** The one statistic the charts compute themselves; the bench library owns the rest. */
final class Stats {
  private Stats() {}

  /** Returns the median of the non-NaN values, or NaN when there are none. */
  static double median(double[] values) {
    double[] sorted = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
