package org.udsvstcp.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {

  /** Draws n values from the exponential distribution of rate 1, whose median is ln 2. */
  private static double[] exponential(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = -Math.log(1 - random.nextDouble());
    }
    return v;
  }

  @Test
  void theCiOfAnExponentialSampleContainsTheTrueMedian() {
    Interval ci = Bootstrap.medianCi(exponential(101, 11), 0.95, 2000, 5);
    assertTrue(ci.contains(Math.log(2)), ci.toString());
  }

  @Test
  void covers95PercentOfSamplesWithinSamplingError() {
    int samples = 200;
    int covered = 0;
    for (int s = 0; s < samples; s++) {
      if (Bootstrap.medianCi(exponential(25, 1000 + s), 0.95, 1000, s).contains(Math.log(2))) {
        covered++;
      }
    }
    // 95% of 200 is 190 with a binomial sd of about 3; allow for the bootstrap's small-n bias.
    assertTrue(covered >= 176, covered + " of " + samples + " intervals covered the median");
  }

  @Test
  void isReproducibleForASeed() {
    double[] v = exponential(30, 1);
    assertEquals(Bootstrap.medianCi(v, 0.95, 2000, 9), Bootstrap.medianCi(v, 0.95, 2000, 9));
  }

  @Test
  void doesNotDependOnTheOrderOfTheValues() {
    double[] v = {5, 1, 4, 2, 3, 9, 7};
    double[] reversed = {7, 9, 3, 2, 4, 1, 5};
    assertEquals(Bootstrap.medianCi(v, 0.95, 500, 3), Bootstrap.medianCi(reversed, 0.95, 500, 3));
  }

  @Test
  void narrowsAsTheSampleGrows() {
    double small = Bootstrap.medianCi(exponential(20, 2), 0.95, 2000, 1).width();
    double large = Bootstrap.medianCi(exponential(500, 2), 0.95, 2000, 1).width();
    assertTrue(large < small / 2, "n=20 width " + small + ", n=500 width " + large);
  }

  @Test
  void widensWithTheConfidenceLevel() {
    double[] v = exponential(50, 4);
    assertTrue(
        Bootstrap.medianCi(v, 0.99, 2000, 1).width() > Bootstrap.medianCi(v, 0.5, 2000, 1).width());
  }

  @Test
  void equalValuesGiveAZeroWidthInterval() {
    assertEquals(new Interval(4, 4), Bootstrap.medianCi(new double[] {4, 4, 4}, 0.95, 100, 1));
  }

  @Test
  void fewerThanTwoValuesGiveAnUnknownInterval() {
    Interval ci = Bootstrap.medianCi(new double[] {1}, 0.95, 100, 1);
    assertTrue(Double.isNaN(ci.low()) && Double.isNaN(ci.high()));
  }

  @Test
  void rejectsALevelOutsideZeroToOneAndNoResamples() {
    assertThrows(
        IllegalArgumentException.class, () -> Bootstrap.medianCi(new double[] {1, 2}, 95, 100, 1));
    assertThrows(
        IllegalArgumentException.class, () -> Bootstrap.medianCi(new double[] {1, 2}, 0.95, 0, 1));
  }
}
