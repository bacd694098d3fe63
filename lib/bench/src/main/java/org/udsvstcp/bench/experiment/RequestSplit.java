package org.udsvstcp.bench.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.udsvstcp.bench.stats.Quantiles;
import org.udsvstcp.bench.stats.Units;
import org.udsvstcp.bench.workload.Workload;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Each round trip to a real server split into its transport part and everything else, from the
 * numbers: the transport part is a bare-socket ping-pong's median round trip (the same classic
 * {@code java.net.Socket} and junixsocket APIs the clients use, the same placement), the rest is
 * the server's and the client library's work. A Unix socket can only shrink the transport part, so
 * the UDS/TCP ratio it can reach is (work + TCP's part) / (work + UDS's part): Amdahl's law.
 */
public final class RequestSplit {
  /** The bare transports whose round trips stand for the clients' sockets. */
  public static final String BARE_TCP = "tcp-classic";

  /** The Unix counterpart of {@link #BARE_TCP}. */
  public static final String BARE_UDS = "uds-junix";

  private RequestSplit() {}

  /**
   * Returns one row per (workload, size, depth) of {@code serverRows}: workload, client, size,
   * depth, tcp_us and uds_us (median time per round trip), transport_tcp_us and transport_uds_us
   * (the bare ping-pong's median round trip at the nearest size in {@code bareRows}), work_us
   * (TCP's round trip minus its transport part), transport_share (the transport part of TCP's round
   * trip), predicted_ratio (the UDS/TCP throughput ratio if only the transport part changed) and
   * measured_ratio (of the medians).
   *
   * @throws IllegalArgumentException if {@code bareRows} has no measured round trip of both bare
   *     transports
   */
  public static Table of(Table serverRows, Table bareRows) {
    Map<String, TreeMap<Integer, Double>> bare = bareMedians(bareRows);
    if (!bare.containsKey(BARE_TCP) || !bare.containsKey(BARE_UDS)) {
      throw new IllegalArgumentException(
          "the bare rows need ping-pong trials of " + BARE_TCP + " and " + BARE_UDS);
    }
    // (workload, size, depth) -> transport -> times per round trip in µs
    Map<List<Object>, Map<String, List<Double>>> times = new TreeMap<>(RequestSplit::compare);
    for (Row row : serverRows) {
      if (!"measured".equals(row.getString("phase")) || row.getLong("reads") == 0) {
        continue;
      }
      List<Object> key =
          List.of(row.getString("workload"), row.getInt("size"), row.getInt("depth"));
      times
          .computeIfAbsent(key, k -> new TreeMap<>())
          .computeIfAbsent(row.getString("transport"), k -> new ArrayList<>())
          .add(row.getDouble("seconds") / row.getLong("reads") * 1e6);
    }
    StringColumn workloads = StringColumn.create("workload");
    StringColumn clients = StringColumn.create("client");
    IntColumn sizes = IntColumn.create("size");
    IntColumn depths = IntColumn.create("depth");
    DoubleColumn tcp = DoubleColumn.create("tcp_us");
    DoubleColumn uds = DoubleColumn.create("uds_us");
    DoubleColumn transportTcp = DoubleColumn.create("transport_tcp_us");
    DoubleColumn transportUds = DoubleColumn.create("transport_uds_us");
    DoubleColumn work = DoubleColumn.create("work_us");
    DoubleColumn share = DoubleColumn.create("transport_share");
    DoubleColumn predicted = DoubleColumn.create("predicted_ratio");
    DoubleColumn measured = DoubleColumn.create("measured_ratio");
    for (Map.Entry<List<Object>, Map<String, List<Double>>> entry : times.entrySet()) {
      Map<String, List<Double>> byTransport = entry.getValue();
      if (!byTransport.containsKey("tcp") || !byTransport.containsKey("uds")) {
        continue;
      }
      String workload = (String) entry.getKey().get(0);
      int size = (Integer) entry.getKey().get(1);
      double t = median(byTransport.get("tcp"));
      double u = median(byTransport.get("uds"));
      double bareTcp = nearest(bare.get(BARE_TCP), size);
      double bareUds = nearest(bare.get(BARE_UDS), size);
      double rest = Math.max(0, t - bareTcp);
      workloads.append(workload);
      clients.append(Workload.fromName(workload).client());
      sizes.append(size);
      depths.append((Integer) entry.getKey().get(2));
      tcp.append(t);
      uds.append(u);
      transportTcp.append(bareTcp);
      transportUds.append(bareUds);
      work.append(rest);
      share.append(Math.min(1, bareTcp / t));
      predicted.append((rest + bareTcp) / (rest + bareUds));
      measured.append(t / u);
    }
    return Table.create(
        "each round trip split into transport and server work (µs)",
        workloads,
        clients,
        sizes,
        depths,
        tcp,
        uds,
        transportTcp,
        transportUds,
        work,
        share,
        predicted,
        measured);
  }

  /** Returns one sentence per row: how much of a TCP round trip the transport was. */
  public static String describe(Table split) {
    StringBuilder text = new StringBuilder();
    for (Row row : split) {
      text.append(
          String.format(
              Locale.ROOT,
              "%s (%s): a TCP round trip took %s, of which the transport was about %s (%s);"
                  + " UDS could then reach %s, it measured %s%n",
              ServerComparison.request(
                  Workload.fromName(row.getString("workload")),
                  row.getInt("size"),
                  row.getInt("depth")),
              row.getString("client"),
              Units.micros(row.getDouble("tcp_us")),
              Units.micros(row.getDouble("transport_tcp_us")),
              Units.percent(row.getDouble("transport_share")),
              Units.ratio(row.getDouble("predicted_ratio")),
              Units.ratio(row.getDouble("measured_ratio"))));
    }
    return text.toString();
  }

  private static Map<String, TreeMap<Integer, Double>> bareMedians(Table bareRows) {
    Map<String, TreeMap<Integer, List<Double>>> values = new TreeMap<>();
    for (Row row : bareRows) {
      if (!"measured".equals(row.getString("phase"))
          || !"pingpong".equals(row.getString("workload"))) {
        continue;
      }
      values
          .computeIfAbsent(row.getString("transport"), k -> new TreeMap<>())
          .computeIfAbsent(row.getInt("size"), k -> new ArrayList<>())
          .add(row.getDouble("p50_us"));
    }
    Map<String, TreeMap<Integer, Double>> medians = new TreeMap<>();
    values.forEach(
        (transport, bySize) -> {
          TreeMap<Integer, Double> m = new TreeMap<>();
          bySize.forEach((size, list) -> m.put(size, median(list)));
          medians.put(transport, m);
        });
    return medians;
  }

  /** The bare round trip at the size nearest {@code size} on a log scale (0: the smallest). */
  private static double nearest(TreeMap<Integer, Double> bySize, int size) {
    if (size <= 0) {
      return bySize.firstEntry().getValue();
    }
    Integer best = null;
    for (int candidate : bySize.keySet()) {
      if (best == null
          || Math.abs(Math.log((double) candidate / size))
              < Math.abs(Math.log((double) best / size))) {
        best = candidate;
      }
    }
    return bySize.get(best);
  }

  private static double median(List<Double> values) {
    return Quantiles.median(values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** Orders keys of comparable parts, part by part (also {@link ServerComparison}'s groups). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(List<Object> a, List<Object> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = ((Comparable) a.get(i)).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
