package org.udsvstcp.charts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.columns.Column;

/** Formats table cells for people: about four significant digits, thousands grouped. */
final class CellFormat {
  private CellFormat() {}

  /** Returns true when the column holds numbers (which tables align right). */
  static boolean isNumeric(Column<?> column) {
    ColumnType type = column.type();
    return type == ColumnType.DOUBLE
        || type == ColumnType.FLOAT
        || type == ColumnType.INTEGER
        || type == ColumnType.LONG
        || type == ColumnType.SHORT;
  }

  /** Returns the cell at {@code row} formatted for display; missing values are empty. */
  static String cell(Column<?> column, int row) {
    if (column.isMissing(row)) {
      return "";
    }
    ColumnType type = column.type();
    if (type == ColumnType.DOUBLE || type == ColumnType.FLOAT) {
      return number(((Number) column.get(row)).doubleValue());
    }
    // Integers stay exact (seeds, byte counts and orders must not be rounded).
    return column.getString(row);
  }

  /**
   * Returns {@code value} with about four significant digits: grouped whole numbers from 1,000 up,
   * no padding zeros (99.9 reads as typed), scientific notation below 0.001.
   */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "∞" : "-∞";
    }
    double magnitude = Math.abs(value);
    if (magnitude == 0) {
      return "0";
    }
    if (magnitude < 0.001 || magnitude >= 1e15) {
      return new DecimalFormat("0.###E0", DecimalFormatSymbols.getInstance(Locale.ROOT))
          .format(value);
    }
    BigDecimal rounded = new BigDecimal(value).round(new MathContext(4, RoundingMode.HALF_EVEN));
    if (rounded.abs().compareTo(BigDecimal.valueOf(1000)) < 0) {
      return rounded.stripTrailingZeros().toPlainString();
    }
    return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
  }
}
