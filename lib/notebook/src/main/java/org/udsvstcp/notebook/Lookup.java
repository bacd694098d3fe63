package org.udsvstcp.notebook;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * Reads single numbers out of the tidy tables, so that a notebook's conclusions are computed from
 * its results in one short line instead of typed in advance.
 */
public final class Lookup {

  private Lookup() {}

  /**
   * Returns {@code column} of the one row of {@code table} whose columns equal the given values,
   * written as pairs: {@code value(summary, "cv", "transport", "tcp", "size", 64)}.
   *
   * @throws IllegalArgumentException if no row or more than one row matches
   */
  public static double value(Table table, String column, Object... where) {
    if (where.length % 2 != 0) {
      throw new IllegalArgumentException("where takes column, value pairs; got " + where.length);
    }
    Double found = null;
    for (Row row : table) {
      if (matches(row, where)) {
        if (found != null) {
          throw new IllegalArgumentException(
              "more than one row of " + table.name() + " matches " + describe(where));
        }
        found = ((NumericColumn<?>) table.column(column)).getDouble(row.getRowNumber());
      }
    }
    if (found == null) {
      throw new IllegalArgumentException(
          "no row of " + table.name() + " matches " + describe(where));
    }
    return found;
  }

  /**
   * Returns in how many rounds {@code transport} beat {@code other} on {@code metric} (higher is
   * better), counting measured rounds where both ran.
   */
  public static int wins(Table rows, String metric, String transport, String other) {
    Map<Integer, Double> mine = byRound(rows, metric, transport);
    Map<Integer, Double> theirs = byRound(rows, metric, other);
    int wins = 0;
    for (Map.Entry<Integer, Double> entry : mine.entrySet()) {
      Double rival = theirs.get(entry.getKey());
      if (rival != null && entry.getValue() > rival) {
        wins++;
      }
    }
    return wins;
  }

  /** Returns the number of measured rounds in which both transports ran. */
  public static int rounds(Table rows, String transport, String other) {
    Map<Integer, Double> theirs = byRound(rows, "round", other);
    return (int)
        byRound(rows, "round", transport).keySet().stream().filter(theirs::containsKey).count();
  }

  private static Map<Integer, Double> byRound(Table rows, String metric, String transport) {
    Map<Integer, Double> values = new TreeMap<>();
    for (Row row : rows) {
      boolean measured = !rows.containsColumn("phase") || "measured".equals(row.getString("phase"));
      if (measured && transport.equals(row.getString("transport"))) {
        values.put(
            row.getInt("round"),
            ((NumericColumn<?>) rows.column(metric)).getDouble(row.getRowNumber()));
      }
    }
    return values;
  }

  private static boolean matches(Row row, Object[] where) {
    for (int i = 0; i < where.length; i += 2) {
      Object cell = row.getObject(String.valueOf(where[i]));
      Object wanted = where[i + 1];
      boolean equal =
          cell instanceof Number && wanted instanceof Number
              ? ((Number) cell).doubleValue() == ((Number) wanted).doubleValue()
              : Objects.equals(String.valueOf(cell), String.valueOf(wanted));
      if (!equal) {
        return false;
      }
    }
    return true;
  }

  private static String describe(Object[] where) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < where.length; i += 2) {
      text.append(i == 0 ? "" : ", ").append(where[i]).append(" = ").append(where[i + 1]);
    }
    return text.toString();
  }
}
