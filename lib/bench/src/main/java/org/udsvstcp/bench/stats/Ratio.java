package org.udsvstcp.bench.stats;

/**
 * A paired ratio: the median of per-round ratios with its bootstrap 95% CI from resampled rounds.
 *
 * @param pairs the number of paired rounds used
 * @param ratio the median of the per-round ratios
 * @param ciLow the lower end of the 95% CI (NaN with fewer than two pairs)
 * @param ciHigh the upper end of the 95% CI (NaN with fewer than two pairs)
 */
public record Ratio(int pairs, double ratio, double ciLow, double ciHigh) {

  /** Returns the CI width relative to the ratio, e.g. 0.08 for a CI 8% as wide as the ratio. */
  public double relativeWidth() {
    return (ciHigh - ciLow) / ratio;
  }

  /** Returns the CI as an interval. */
  public Interval ci() {
    return new Interval(ciLow, ciHigh);
  }
}
