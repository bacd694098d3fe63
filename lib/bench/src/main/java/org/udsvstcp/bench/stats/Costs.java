package org.udsvstcp.bench.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * What the messages cost, from the trial rows' per-end cost columns: both ends' totals per message,
 * medians for stacked plots, and the self-consistency check of a run on one CPU.
 */
public final class Costs {
  /** The per-message totals of both ends that {@link #withTotals(Table)} adds. */
  public static final List<String> TOTALS =
      List.of(
          "cpu_ns_per_message",
          "system_ns_per_message",
          "user_ns_per_message",
          "switches_per_message",
          "cpu_seconds_per_second");

  private Costs() {}

  /**
   * Returns true if any row's costs were measured (its {@code accounting} is {@code thread}, or
   * {@code processes} for a real server's processes beside a C tool).
   */
  public static boolean measured(Table rows) {
    return rows.containsColumn("accounting")
        && (rows.stringColumn("accounting").countOccurrences("thread") > 0
            || rows.stringColumn("accounting").countOccurrences("processes") > 0);
  }

  /** Returns why the cost columns of these rows are empty, or an empty string if they are not. */
  public static String whyEmpty(Table rows) {
    if (measured(rows)) {
      return "";
    }
    if (!rows.containsColumn("accounting")) {
      return "these rows come from a version without cost columns";
    }
    List<String> ways = rows.stringColumn("accounting").unique().asList();
    if (ways.contains("unavailable")) {
      return "this system has no per-thread counters (/proc/thread-self/schedstat, stat, status:"
          + " Linux only), so the cost columns are empty";
    }
    if (ways.contains("off")) {
      return "accounting was switched off (-Duds-vs-tcp.accounting=off)";
    }
    return "the workload did not measure its costs";
  }

  /**
   * Returns a copy of the rows with both ends' totals: CPU, system and user nanoseconds and context
   * switches per message (per round trip for ping-pong), and {@code cpu_seconds_per_second},
   * messages per second times CPU time per message: the CPUs the two ends kept busy.
   */
  public static Table withTotals(Table rows) {
    Table out = rows.copy();
    int n = rows.rowCount();
    double[][] totals = new double[TOTALS.size()][n];
    for (int row = 0; row < n; row++) {
      double messages = rows.numberColumn("messages").getDouble(row);
      double cpu = sum(rows, row, "server_cpu_ns", "client_cpu_ns") / messages;
      totals[0][row] = cpu;
      totals[1][row] =
          sum(rows, row, "server_system_ns_per_message", "client_system_ns_per_message");
      totals[2][row] = sum(rows, row, "server_user_ns_per_message", "client_user_ns_per_message");
      totals[3][row] = sum(rows, row, "server_switches_per_message", "client_switches_per_message");
      totals[4][row] = rows.numberColumn("messages_per_s").getDouble(row) * cpu / 1e9;
    }
    for (int i = 0; i < TOTALS.size(); i++) {
      if (out.containsColumn(TOTALS.get(i))) {
        out.removeColumns(TOTALS.get(i));
      }
      out.addColumns(DoubleColumn.create(TOTALS.get(i), totals[i]));
    }
    return out;
  }

  /**
   * Returns, per (transport, size) of the measured rows, the median over trials of each end's
   * system and user time per message ({@code per} "message") or per KiB ({@code per} "kib"), as
   * columns server_system, server_user, client_system, client_user, plus total.
   */
  public static Table stack(Table rows, String per) {
    if (!per.equals("message") && !per.equals("kib")) {
      throw new IllegalArgumentException("per must be message or kib, got " + per);
    }
    String suffix = "_ns_per_" + per;
    Table measured = measuredRows(rows);
    List<String> metrics = new ArrayList<>();
    for (String end : List.of("server", "client")) {
      for (String part : List.of("system", "user")) {
        metrics.add(end + "_" + part + suffix);
      }
    }
    Table medians = medians(measured, metrics, "transport", "size");
    for (String metric : metrics) {
      medians.column(metric).setName(metric.substring(0, metric.length() - suffix.length()));
    }
    DoubleColumn total = DoubleColumn.create("total", medians.rowCount());
    for (int row = 0; row < medians.rowCount(); row++) {
      double t = 0;
      for (String part : List.of("server_system", "server_user", "client_system", "client_user")) {
        t += medians.doubleColumn(part).getDouble(row);
      }
      total.set(row, t);
    }
    medians.addColumns(total);
    return medians.setName("CPU time per " + (per.equals("kib") ? "KiB" : "message") + " (ns)");
  }

  /**
   * Returns, per (transport, size), the medians of messages per second, both ends' CPU time per
   * message and their product, {@code cpu_seconds_per_second}, with {@code rest} = 1 minus it: with
   * both ends on one CPU the product should come close to one CPU-second per second, and the rest
   * is time the CPU spent on neither end (idle, waiting, other threads, interrupts).
   */
  public static Table selfConsistency(Table rows) {
    Table medians =
        medians(
            withTotals(measuredRows(rows)),
            List.of("messages_per_s", "cpu_ns_per_message", "cpu_seconds_per_second"),
            "transport",
            "size");
    DoubleColumn rest = DoubleColumn.create("rest", medians.rowCount());
    for (int row = 0; row < medians.rowCount(); row++) {
      rest.set(row, 1 - medians.doubleColumn("cpu_seconds_per_second").getDouble(row));
    }
    medians.addColumns(rest);
    return medians.setName(
        "messages/s x CPU time per message (both ends) = CPU-seconds per second");
  }

  /**
   * Returns the median over trials of each metric per group of the key columns, one row per group
   * in first-seen order (NaN values skipped; NaN if a group has none).
   */
  public static Table medians(Table rows, List<String> metrics, String... keys) {
    Map<List<Object>, List<Integer>> groups = TrialRows.groups(rows, List.of(keys));
    Table out = Table.create("medians");
    for (String key : keys) {
      Column<?> column = rows.column(key).emptyCopy();
      out.addColumns(column);
    }
    for (String metric : metrics) {
      out.addColumns(DoubleColumn.create(metric));
    }
    for (Map.Entry<List<Object>, List<Integer>> group : groups.entrySet()) {
      int first = group.getValue().get(0);
      for (String key : keys) {
        appendFrom(out.column(key), rows.column(key), first);
      }
      for (String metric : metrics) {
        double[] values =
            group.getValue().stream()
                .mapToDouble(r -> rows.numberColumn(metric).getDouble(r))
                .filter(v -> !Double.isNaN(v))
                .toArray();
        out.doubleColumn(metric).append(values.length == 0 ? Double.NaN : Quantiles.median(values));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static <T> void appendFrom(Column<T> target, Column<?> source, int row) {
    target.append(((Column<T>) source).get(row));
  }

  private static Table measuredRows(Table rows) {
    if (!rows.containsColumn("phase")) {
      return rows;
    }
    return rows.where(rows.stringColumn("phase").isEqualTo(TrialRows.MEASURED));
  }

  private static double sum(Table rows, int row, String... columns) {
    return Arrays.stream(columns)
        .mapToDouble(c -> rows.containsColumn(c) ? rows.numberColumn(c).getDouble(row) : Double.NaN)
        .sum();
  }
}
