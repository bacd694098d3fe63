package org.udsvstcp.bench.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Reads trial rows (see notes/ROWS.md) for the statistics: phases, groups and metric values. */
final class TrialRows {

  static final String MEASURED = "measured";
  static final String WARMUP = "warmup";

  private TrialRows() {}

  /** Returns the rows of the given phase; a table without a phase column counts as measured. */
  static Table phase(Table rows, String phase) {
    if (!rows.containsColumn("phase")) {
      return phase.equals(MEASURED) ? rows : rows.emptyCopy();
    }
    Column<?> column = rows.column("phase");
    int[] keep =
        IntStream.range(0, rows.rowCount())
            .filter(i -> !column.isMissing(i) && phase.equals(column.getString(i)))
            .toArray();
    // (Tablesaw's rows() refuses an empty selection)
    return keep.length == 0 ? rows.emptyCopy() : rows.rows(keep);
  }

  /** Returns the measured rows. */
  static Table measured(Table rows) {
    return phase(rows, MEASURED);
  }

  /** Returns the numeric column of the metric, or throws naming the metric and the columns. */
  static NumericColumn<?> metricColumn(Table rows, String metric) {
    if (!rows.containsColumn(metric)) {
      throw new IllegalArgumentException(
          "no column '" + metric + "' in table; columns are " + rows.columnNames());
    }
    Column<?> column = rows.column(metric);
    if (!(column instanceof NumericColumn<?> numeric)) {
      throw new IllegalArgumentException(
          "column '" + metric + "' is not numeric: " + column.type());
    }
    return numeric;
  }

  /** Returns the value at the row as a double, NaN when missing. */
  static double value(NumericColumn<?> column, int row) {
    return column.isMissing(row) ? Double.NaN : column.getDouble(row);
  }

  /** Returns the non-missing values of the metric at the given rows, in row order. */
  static double[] values(NumericColumn<?> column, List<Integer> rows) {
    return rows.stream().mapToDouble(r -> value(column, r)).filter(v -> !Double.isNaN(v)).toArray();
  }

  /**
   * Returns the row indexes grouped by the values of the given columns, in first-seen order; each
   * key is the list of the group's column values.
   */
  static Map<List<Object>, List<Integer>> groups(Table rows, List<String> columns) {
    List<Column<?>> keyColumns = columns.stream().<Column<?>>map(rows::column).toList();
    Map<List<Object>, List<Integer>> groups = new LinkedHashMap<>();
    for (int row = 0; row < rows.rowCount(); row++) {
      List<Object> key = new ArrayList<>(keyColumns.size());
      for (Column<?> column : keyColumns) {
        key.add(column.get(row));
      }
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
    }
    return groups;
  }

  /** Returns the rows sorted by the numeric column (missing last), or unchanged if absent. */
  static List<Integer> sortedBy(Table rows, List<Integer> indexes, String column) {
    if (!rows.containsColumn(column) || !(rows.column(column) instanceof NumericColumn<?> c)) {
      return indexes;
    }
    return indexes.stream()
        .sorted(
            Comparator.comparingDouble(
                (Integer r) -> {
                  double v = value(c, r);
                  return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
                }))
        .toList();
  }

  /** Returns "tcp/64 B" style labels from a transport and a size value. */
  static String label(Object transport, Object size) {
    String sizeText = size instanceof Number number ? Units.size(number.longValue()) : "" + size;
    return transport + "/" + sizeText;
  }

  /** Returns whether a larger value of the metric is better (rates), as opposed to times. */
  static boolean higherIsBetter(String metric) {
    return metric.endsWith("_per_s") || metric.equals("bytes") || metric.equals("messages");
  }
}
