package org.udsvstcp.bench.stats;

import java.util.Arrays;

/**
 * Quantiles by linear interpolation between order statistics (Hyndman and Fan type 7, the default
 * of R's {@code quantile} and numpy's {@code percentile}).
 */
public final class Quantiles {

  private Quantiles() {}

  /** Returns the p-quantile (0 &lt;= p &lt;= 1) of the values, or NaN when there are none. */
  public static double of(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return ofSorted(sorted, p);
  }

  /** Returns the median of the values, or NaN when there are none. */
  public static double median(double[] values) {
    return of(values, 0.5);
  }

  /** Returns the p-quantile of values already sorted ascending, or NaN when there are none. */
  public static double ofSorted(double[] sorted, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("quantile level must be in [0, 1]: " + p);
    }
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    double h = (n - 1) * p;
    int lo = (int) Math.floor(h);
    if (lo >= n - 1) {
      return sorted[n - 1];
    }
    double fraction = h - lo;
    // Written as a + f*(b-a) so equal neighbours give exactly that value, without rounding noise.
    return sorted[lo] + fraction * (sorted[lo + 1] - sorted[lo]);
  }
}
