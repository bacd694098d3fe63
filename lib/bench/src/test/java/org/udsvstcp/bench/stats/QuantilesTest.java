package org.udsvstcp.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

// Expected values are numpy.percentile(..., method="linear"), i.e. R type 7, worked by hand.
class QuantilesTest {

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertEquals(2.5, Quantiles.median(new double[] {4, 1, 3, 2}));
  }

  @Test
  void quartilesOfOneToFourInterpolateBetweenOrderStatistics() {
    double[] v = {1, 2, 3, 4};
    assertEquals(1.75, Quantiles.of(v, 0.25), 1e-12);
    assertEquals(3.25, Quantiles.of(v, 0.75), 1e-12);
  }

  @Test
  void quartilesOfFiveValuesLandOnOrderStatistics() {
    double[] v = {7, 1, 3, 5, 9};
    assertEquals(3, Quantiles.of(v, 0.25));
    assertEquals(5, Quantiles.of(v, 0.5));
    assertEquals(7, Quantiles.of(v, 0.75));
  }

  @Test
  void quartilesOfSixValuesMatchNumpy() {
    double[] v = {60, 10, 50, 20, 40, 30};
    assertEquals(22.5, Quantiles.of(v, 0.25), 1e-12);
    assertEquals(35, Quantiles.of(v, 0.5), 1e-12);
    assertEquals(47.5, Quantiles.of(v, 0.75), 1e-12);
  }

  @Test
  void ninetiethPercentileOfOneToTenIsNinePointOne() {
    assertEquals(9.1, Quantiles.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.9), 1e-12);
  }

  @Test
  void extremesAreTheMinimumAndMaximum() {
    double[] v = {3, -2, 8};
    assertEquals(-2, Quantiles.of(v, 0));
    assertEquals(8, Quantiles.of(v, 1));
  }

  @Test
  void noValuesGiveNaNAndABadLevelIsRejected() {
    assertTrue(Double.isNaN(Quantiles.median(new double[0])));
    assertThrows(IllegalArgumentException.class, () -> Quantiles.of(new double[] {1}, 1.5));
  }

  @Test
  void theInputIsNotReordered() {
    double[] v = {3, 1, 2};
    Quantiles.median(v);
    assertEquals(3, v[0]);
  }
}
