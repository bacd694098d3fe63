package org.udsvstcp.bench.stats;

/**
 * A closed interval [low, high], such as a confidence interval; both ends are NaN when unknown.
 *
 * @param low the lower end
 * @param high the upper end
 */
public record Interval(double low, double high) {

  /** Returns the interval with both ends unknown (NaN). */
  public static Interval unknown() {
    return new Interval(Double.NaN, Double.NaN);
  }

  /** Returns high - low (NaN when unknown). */
  public double width() {
    return high - low;
  }

  /** Returns whether low &lt;= x &lt;= high (false when unknown). */
  public boolean contains(double x) {
    return low <= x && x <= high;
  }
}
