package org.udsvstcp.bench.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SummaryTest {

  @Test
  void summarisesAKnownSampleLikeNumpy() {
    // mean 5, sum of squared deviations 32, so the sample stdev is sqrt(32/7).
    Summary s = Summary.of(new double[] {2, 4, 4, 4, 5, 5, 7, 9}, 1);
    assertEquals(8, s.n());
    assertEquals(4.5, s.median(), 1e-12);
    assertEquals(4, s.q1(), 1e-12);
    assertEquals(5.5, s.q3(), 1e-12);
    assertEquals(1.5, s.iqr(), 1e-12);
    assertEquals(2, s.min());
    assertEquals(9, s.max());
    assertEquals(5, s.mean(), 1e-12);
    assertEquals(Math.sqrt(32.0 / 7), s.stdev(), 1e-12);
    assertEquals(Math.sqrt(32.0 / 7) / 5, s.cv(), 1e-12);
  }

  @Test
  void theMedianCiBracketsTheMedianAndLiesWithinTheData() {
    Summary s = Summary.of(new double[] {10, 12, 11, 13, 9, 10, 11, 12, 10, 11}, 7);
    assertTrue(s.ciLow() <= s.median() && s.median() <= s.ciHigh(), s.toString());
    assertTrue(s.ciLow() >= s.min() && s.ciHigh() <= s.max(), s.toString());
  }

  @Test
  void flagsTheOutlierByItsIndexInTheInput() {
    Summary s = Summary.of(new double[] {10, 10.1, 50, 9.9, 10.2, 9.8, 10}, 1);
    assertArrayEquals(new int[] {2}, s.outliers());
  }

  @Test
  void isReproducibleForASeed() {
    double[] v = {5, 3, 8, 6, 7, 4, 9, 5, 6};
    assertEquals(Summary.of(v, 42), Summary.of(v, 42));
  }

  @Test
  void oneValueHasALocationButNoSpread() {
    Summary s = Summary.of(new double[] {3}, 1);
    assertEquals(1, s.n());
    assertEquals(3, s.median());
    assertEquals(0, s.iqr());
    assertTrue(Double.isNaN(s.stdev()));
    assertTrue(Double.isNaN(s.cv()));
    assertTrue(Double.isNaN(s.ciLow()) && Double.isNaN(s.ciHigh()));
    assertEquals(0, s.outliers().length);
  }

  @Test
  void noValuesGiveNaNEverywhere() {
    Summary s = Summary.of(new double[0], 1);
    assertEquals(0, s.n());
    assertTrue(Double.isNaN(s.median()) && Double.isNaN(s.min()) && Double.isNaN(s.ciLow()));
  }

  @Test
  void refusesNaNSoThatOutlierIndexesMatchTheInput() {
    assertThrows(IllegalArgumentException.class, () -> Summary.of(new double[] {1, Double.NaN}, 1));
  }

  @Test
  void theOutlierArrayCannotBeChangedFromOutside() {
    Summary s = Summary.of(new double[] {10, 10.1, 50, 9.9, 10.2, 9.8, 10}, 1);
    s.outliers()[0] = 99;
    assertArrayEquals(new int[] {2}, s.outliers());
  }
}
