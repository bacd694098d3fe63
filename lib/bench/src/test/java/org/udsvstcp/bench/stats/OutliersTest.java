package org.udsvstcp.bench.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OutliersTest {

  @Test
  void flagsAValueFarBeyondTheModifiedZScoreThreshold() {
    // median 10, MAD 0.1: the modified z-score of 30 is 0.6745 * 20 / 0.1 = 134.9.
    assertArrayEquals(
        new int[] {6}, Outliers.byMad(new double[] {10, 10.1, 9.9, 10.2, 9.8, 10, 30}, 3.5));
  }

  @Test
  void flagsOnlyScoresAboveTheThreshold() {
    // median 10, MAD 1: 15 scores 3.37 and 16 scores 4.05.
    double[] v = {9, 10, 11, 9, 10, 11, 10, 15, 16};
    assertArrayEquals(new int[] {8}, Outliers.byMad(v, 3.5));
    assertArrayEquals(new int[] {7, 8}, Outliers.byMad(v, 3.0));
  }

  @Test
  void doesNotFlagAnythingInAnEvenlySpreadSample() {
    assertArrayEquals(
        new int[0], Outliers.byMad(new double[] {100, 101, 102, 103, 104, 105, 106, 107, 108}));
  }

  @Test
  void doesNotFlagAnythingInANormalSample() {
    SplittableRandom random = new SplittableRandom(3);
    double[] v = new double[40];
    for (int i = 0; i < v.length; i++) {
      // Irwin-Hall sum of 12 uniforms: near-normal and bounded by 6 sigma.
      double sum = 0;
      for (int k = 0; k < 12; k++) {
        sum += random.nextDouble();
      }
      v[i] = 100 + (sum - 6);
    }
    assertArrayEquals(new int[0], Outliers.byMad(v));
  }

  @Test
  void fallsBackToTheMeanAbsoluteDeviationWhenMadIsZero() {
    // MAD 0; mean absolute deviation 4/6, so 9 scores 4 / (1.2533 * 0.667) = 4.8.
    assertArrayEquals(new int[] {5}, Outliers.byMad(new double[] {5, 5, 5, 5, 5, 9}));
  }

  @Test
  void equalValuesHaveNoOutliers() {
    assertArrayEquals(new int[0], Outliers.byMad(new double[] {7, 7, 7, 7}));
  }

  @Test
  void ignoresNaNButKeepsIndexesOfTheInput() {
    assertArrayEquals(
        new int[] {7}, Outliers.byMad(new double[] {10, Double.NaN, 10.1, 9.9, 10.2, 9.8, 10, 30}));
  }
}
