package org.udsvstcp.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CellFormatTest {

  @Test
  void largeNumbersAreGroupedWholeNumbers() {
    assertEquals("5,301,234,568", CellFormat.number(5_301_234_567.8));
    assertEquals("1,000", CellFormat.number(999.96));
  }

  @Test
  void smallerNumbersKeepAboutFourSignificantDigits() {
    assertEquals("123.5", CellFormat.number(123.456));
    assertEquals("12.35", CellFormat.number(12.3456));
    assertEquals("1.235", CellFormat.number(1.23456));
    assertEquals("0.04231", CellFormat.number(0.042312));
    assertEquals("1.5E-5", CellFormat.number(0.000015));
  }

  @Test
  void percentilesReadAsTyped() {
    assertEquals("99.9", CellFormat.number(99.9));
    assertEquals("99.99", CellFormat.number(99.99));
    assertEquals("50", CellFormat.number(50));
  }

  @Test
  void missingAndInfiniteValuesAreReadable() {
    assertEquals("", CellFormat.number(Double.NaN));
    assertEquals("∞", CellFormat.number(Double.POSITIVE_INFINITY));
    assertEquals("0", CellFormat.number(0));
  }
}
