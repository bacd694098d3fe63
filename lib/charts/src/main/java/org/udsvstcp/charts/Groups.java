package org.udsvstcp.charts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/** Row indices of a table grouped by the values of some columns, transports in a fixed order. */
final class Groups {

  /** Legend order: the NIO pair first, then the classic-API pair. */
  private static final List<String> TRANSPORT_ORDER =
      List.of("tcp", "uds", "uds-junix", "tcp-classic");

  private Groups() {}

  /**
   * Returns row indices keyed by the space-joined values of {@code columns}, ordered by transport
   * (when the table has one) and then by first appearance.
   */
  static Map<String, int[]> by(Table table, List<String> columns) {
    Map<String, List<Integer>> rows = new LinkedHashMap<>();
    for (int row = 0; row < table.rowCount(); row++) {
      rows.computeIfAbsent(key(table, columns, row), k -> new ArrayList<>()).add(row);
    }
    List<String> keys = new ArrayList<>(rows.keySet());
    if (table.containsColumn("transport")) {
      keys.sort(
          Comparator.comparingInt(
              key -> transportRank(table.column("transport").getString(rows.get(key).get(0)))));
    }
    Map<String, int[]> ordered = new LinkedHashMap<>();
    for (String key : keys) {
      ordered.put(key, rows.get(key).stream().mapToInt(Integer::intValue).toArray());
    }
    return ordered;
  }

  private static String key(Table table, List<String> columns, int row) {
    StringBuilder key = new StringBuilder();
    for (String column : columns) {
      if (key.length() > 0) {
        key.append(' ');
      }
      key.append(table.column(column).getString(row));
    }
    return key.toString();
  }

  private static int transportRank(String transport) {
    // "uds, processes" sorts with uds.
    String prefix = Palette.transportPrefix(transport);
    int rank = TRANSPORT_ORDER.indexOf(prefix != null ? prefix : transport);
    return rank < 0 ? TRANSPORT_ORDER.size() : rank;
  }

  /** Returns the values of numeric column {@code column} at {@code rows}, missing ones as NaN. */
  static double[] doubles(Table table, String column, int[] rows) {
    double[] values = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      values[i] = table.numberColumn(column).getDouble(rows[i]);
    }
    return values;
  }

  /** Returns the values of column {@code column} at {@code rows} as strings. */
  static String[] strings(Table table, String column, int[] rows) {
    String[] values = new String[rows.length];
    for (int i = 0; i < rows.length; i++) {
      values[i] = table.column(column).getString(rows[i]);
    }
    return values;
  }

  /** Throws an IllegalArgumentException naming the first of {@code columns} the table lacks. */
  static void require(Table table, String... columns) {
    for (String column : columns) {
      if (!table.containsColumn(column)) {
        throw new IllegalArgumentException(
            "table '"
                + table.name()
                + "' has no column '"
                + column
                + "'; it has "
                + table.columnNames());
      }
    }
  }
}
