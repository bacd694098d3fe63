package org.udsvstcp.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Human-readable names with units for the trial-row columns, and byte sizes for axis ticks. */
public final class Labels {

  private static final Map<String, String> METRICS =
      Map.ofEntries(
          Map.entry("seconds", "trial time (s)"),
          Map.entry("bytes_per_s", "throughput (bytes/s)"),
          Map.entry("messages_per_s", "messages per second (1/s)"),
          Map.entry("bytes", "bytes received (bytes)"),
          Map.entry("messages", "messages"),
          Map.entry("reads", "read calls"),
          Map.entry("bytes_per_read", "bytes per read call (bytes)"),
          Map.entry("p50_us", "median round trip (µs)"),
          Map.entry("p90_us", "p90 round trip (µs)"),
          Map.entry("p99_us", "p99 round trip (µs)"),
          Map.entry("p999_us", "p99.9 round trip (µs)"),
          Map.entry("max_us", "max round trip (µs)"),
          Map.entry("latency_us", "latency (µs)"),
          Map.entry("ratio", "ratio"),
          Map.entry("cpu_ns_per_message", "CPU time per message, both ends (ns)"),
          Map.entry("system_ns_per_message", "system time per message, both ends (ns)"),
          Map.entry("switches_per_message", "context switches per message, both ends"),
          Map.entry("size", "message size (bytes)"),
          Map.entry("depth", "requests per round trip"),
          Map.entry("clients", "clients at once"),
          Map.entry("requests_per_s", "requests per second (1/s)"),
          Map.entry("offered_per_s", "offered load (requests/s)"),
          Map.entry("server_us", "server CPU time per request (µs)"));

  private Labels() {}

  /** Returns a label with units for a trial-row column, or a readable form of an unknown name. */
  public static String of(String column) {
    String known = METRICS.get(column);
    if (known != null) {
      return known;
    }
    if (column.endsWith("_us")) {
      return column.substring(0, column.length() - 3).replace('_', ' ') + " (µs)";
    }
    if (column.endsWith("_per_s")) {
      return column.replace('_', ' ').replace(" per s", " per second") + " (1/s)";
    }
    return column.replace('_', ' ');
  }

  /**
   * Returns a copy of {@code rows} whose transport column names each series, such as "tcp,
   * cross-core" or "tcp, TCP_NODELAY off, 2 writes", so charts draw one line per combination;
   * nodelay is left out for Unix transports, where it means nothing.
   */
  public static Table series(Table rows, String... columns) {
    Groups.require(rows, "transport");
    Groups.require(rows, columns);
    Table copy = rows.copy();
    StringColumn names = StringColumn.create("transport");
    for (int row = 0; row < rows.rowCount(); row++) {
      String transport = rows.column("transport").getString(row);
      List<String> parts = new ArrayList<>(List.of(transport));
      for (String column : columns) {
        String value = rows.column(column).getString(row);
        switch (column) {
          case "nodelay" -> {
            if (!transport.startsWith("uds")) {
              parts.add("TCP_NODELAY " + (Boolean.parseBoolean(value) ? "on" : "off"));
            }
          }
          case "writes" -> parts.add(value + (value.equals("1") ? " write" : " writes"));
          case "depth" -> parts.add("depth " + value);
          default -> parts.add(value);
        }
      }
      names.append(String.join(", ", parts));
    }
    copy.replaceColumn("transport", names);
    return copy;
  }

  /** Returns a byte count in binary units as people write it: 16 B, 4 KiB, 1 MiB, 1.5 KiB. */
  public static String bytes(long size) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = size;
    int unit = 0;
    while (Math.abs(value) >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    if (value == Math.rint(value)) {
      return (long) value + " " + units[unit];
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
