package org.udsvstcp.bench.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The trial-row schema: column names and types, an empty Tablesaw table, appending a row, and the
 * CSV form (comment lines starting with {@code #} carry the environment, then a header, then one
 * line per trial).
 */
public final class Rows {
  /** Marks the first line of every CSV file this library writes. */
  public static final String CSV_SIGNATURE = "# uds-vs-tcp results";

  /**
   * Each end's cost columns, prefixed {@code server_} and {@code client_}: raw CPU, user and system
   * nanoseconds and voluntary and involuntary context switches over the measured interval, then
   * user and system nanoseconds per message and per KiB and switches per message (per round trip
   * for ping-pong; per connection for connect, warm-up included; per recv call for original).
   *
   * <p>Resolution (Linux; the column {@code accounting} is {@code thread}): {@code cpu_ns} is the
   * scheduler's run time of the end's thread, exact to the nanosecond; {@code user_ns} and {@code
   * system_ns} split it in the proportion of the 10 ms clock ticks the kernel sampled (uncertain by
   * more than 5% when an end has under 0.2 s of CPU time, and empty when fewer than 4 ticks fell in
   * the interval; {@code getrusage(RUSAGE_THREAD)} splits by the same samples); switch counts are
   * exact. Elsewhere the columns are empty and {@code accounting} says {@code unavailable} (or
   * {@code off}, or {@code none} when a workload does not measure).
   */
  public static final List<String> COST_COLUMNS =
      List.of(
          "cpu_ns",
          "user_ns",
          "system_ns",
          "voluntary_switches",
          "involuntary_switches",
          "user_ns_per_message",
          "system_ns_per_message",
          "user_ns_per_kib",
          "system_ns_per_kib",
          "switches_per_message");

  /**
   * The columns in order, with their Tablesaw types. The last, {@code route_bytes}, is what
   * tcp-sockmap's or tcp-veth's route counted during the trial (see {@link TrialRow}), empty for
   * the other transports.
   */
  public static final Map<String, ColumnType> COLUMNS = columns();

  private Rows() {}

  private static Map<String, ColumnType> columns() {
    Map<String, ColumnType> c = new LinkedHashMap<>();
    c.put("run_id", ColumnType.STRING);
    c.put("seed", ColumnType.LONG);
    c.put("workload", ColumnType.STRING);
    c.put("transport", ColumnType.STRING);
    c.put("family", ColumnType.STRING);
    c.put("api", ColumnType.STRING);
    c.put("size", ColumnType.INTEGER);
    c.put("isolation", ColumnType.STRING);
    c.put("placement", ColumnType.STRING);
    c.put("pinning", ColumnType.STRING);
    c.put("nodelay", ColumnType.BOOLEAN);
    c.put("writes", ColumnType.INTEGER);
    c.put("depth", ColumnType.INTEGER);
    c.put("clients", ColumnType.INTEGER);
    c.put("offered_per_s", ColumnType.DOUBLE);
    c.put("phase", ColumnType.STRING);
    c.put("round", ColumnType.INTEGER);
    c.put("trial", ColumnType.INTEGER);
    c.put("order", ColumnType.INTEGER);
    c.put("seconds", ColumnType.DOUBLE);
    c.put("bytes", ColumnType.LONG);
    c.put("messages", ColumnType.LONG);
    c.put("reads", ColumnType.LONG);
    c.put("bytes_per_s", ColumnType.DOUBLE);
    c.put("messages_per_s", ColumnType.DOUBLE);
    c.put("p50_us", ColumnType.DOUBLE);
    c.put("p90_us", ColumnType.DOUBLE);
    c.put("p99_us", ColumnType.DOUBLE);
    c.put("p999_us", ColumnType.DOUBLE);
    c.put("max_us", ColumnType.DOUBLE);
    c.put("started_at", ColumnType.STRING);
    c.put("server_cpu", ColumnType.INTEGER);
    c.put("client_cpu", ColumnType.INTEGER);
    c.put("accounting", ColumnType.STRING);
    for (String end : List.of("server", "client")) {
      for (String cost : COST_COLUMNS) {
        c.put(end + "_" + cost, ColumnType.DOUBLE);
      }
    }
    c.put("route_bytes", ColumnType.DOUBLE);
    return java.util.Collections.unmodifiableMap(c);
  }

  /** Returns an empty table with every column of the schema. */
  public static Table emptyTable(String name) {
    Table table = Table.create(name);
    for (Map.Entry<String, ColumnType> column : COLUMNS.entrySet()) {
      table.addColumns(column.getValue().create(column.getKey()));
    }
    return table;
  }

  /** Appends one row to a table made by {@link #emptyTable(String)}. */
  public static void append(Table table, TrialRow row) {
    Object[] values = row.values();
    for (int i = 0; i < values.length; i++) {
      Column<?> column = table.column(i);
      Object value = values[i];
      if (column instanceof StringColumn strings) {
        strings.append((String) value);
      } else if (column instanceof LongColumn longs) {
        longs.append((Long) value);
      } else if (column instanceof IntColumn ints) {
        ints.append((Integer) value);
      } else if (column instanceof DoubleColumn doubles) {
        doubles.append((Double) value);
      } else if (column instanceof BooleanColumn booleans) {
        booleans.append((Boolean) value);
      } else {
        throw new IllegalStateException("unexpected column type " + column.type());
      }
    }
  }

  /** Returns the CSV header line. */
  public static String csvHeader() {
    return String.join(",", COLUMNS.keySet());
  }

  /** Returns one row as a CSV line; missing numbers (NaN) are empty fields. */
  public static String csvLine(TrialRow row) {
    StringBuilder line = new StringBuilder();
    for (Object value : row.values()) {
      if (line.length() > 0) {
        line.append(',');
      }
      if (value instanceof Double d) {
        if (!d.isNaN()) {
          line.append(d);
        }
      } else if (value instanceof String s) {
        line.append(quote(s));
      } else {
        line.append(value);
      }
    }
    return line.toString();
  }

  private static String quote(String value) {
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  /**
   * Reads a results CSV written by this library back into a table with the schema's types; files
   * from before the {@code writes}, {@code depth} or {@code clients} column get it, filled with 1
   * (every message was one write, every round trip one request, one client), and an empty {@code
   * offered_per_s} (a closed loop); files from before {@code route_bytes} get it empty.
   */
  public static Table read(Path csv) throws IOException {
    CsvReadOptions options =
        CsvReadOptions.builder(csv.toFile())
            .commentPrefix('#')
            .header(true)
            .tableName(csv.getFileName().toString())
            .columnTypes(name -> COLUMNS.getOrDefault(name, ColumnType.STRING))
            .build();
    Table table = Table.read().usingOptions(options);
    if (!table.containsColumn("writes") && table.containsColumn("nodelay")) {
      IntColumn writes = IntColumn.create("writes", table.rowCount());
      writes.setMissingTo(1);
      table.insertColumn(table.columnIndex("nodelay") + 1, writes);
    }
    if (!table.containsColumn("accounting") && table.containsColumn("client_cpu")) {
      // From before the cost columns: they are there, and empty.
      StringColumn accounting = StringColumn.create("accounting", table.rowCount());
      for (int i = 0; i < table.rowCount(); i++) {
        accounting.set(i, "none");
      }
      table.addColumns(accounting);
      for (String end : List.of("server", "client")) {
        for (String cost : COST_COLUMNS) {
          table.addColumns(DoubleColumn.create(end + "_" + cost, table.rowCount()));
        }
      }
    }
    if (!table.containsColumn("route_bytes") && table.containsColumn("client_cpu")) {
      // From before tcp-sockmap and tcp-veth: no trial took a route.
      table.addColumns(DoubleColumn.create("route_bytes", table.rowCount()));
    }
    if (!table.containsColumn("depth") && table.containsColumn("writes")) {
      IntColumn depth = IntColumn.create("depth", table.rowCount());
      depth.setMissingTo(1);
      table.insertColumn(table.columnIndex("writes") + 1, depth);
    }
    if (!table.containsColumn("clients") && table.containsColumn("depth")) {
      // From before the load workloads: one client, closed loop.
      IntColumn clients = IntColumn.create("clients", table.rowCount());
      clients.setMissingTo(1);
      table.insertColumn(table.columnIndex("depth") + 1, clients);
      table.insertColumn(
          table.columnIndex("clients") + 1, DoubleColumn.create("offered_per_s", table.rowCount()));
    }
    return table;
  }

  /** Returns the comment lines at the top of a results CSV (the environment), without {@code #}. */
  public static List<String> readComments(Path csv) throws IOException {
    List<String> comments = new ArrayList<>();
    for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
      if (!line.startsWith("#")) {
        break;
      }
      comments.add(
          line.length() > 1 && line.charAt(1) == ' ' ? line.substring(2) : line.substring(1));
    }
    return comments;
  }
}
