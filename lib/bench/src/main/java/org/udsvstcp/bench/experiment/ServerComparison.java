package org.udsvstcp.bench.experiment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.udsvstcp.bench.stats.Quantiles;
import org.udsvstcp.bench.stats.Ratios;
import org.udsvstcp.bench.stats.Units;
import org.udsvstcp.bench.workload.Workload;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A Java client's UDS/TCP ratio beside its server's own C tool's, request by request: both from
 * paired rounds of requests per second, so the question "does Java see the gain the C tool sees?"
 * has an answer with confidence intervals.
 */
public final class ServerComparison {
  /** How close a Java client's ratio should land to its C tool's: within 10%. */
  public static final double TOLERANCE = 0.10;

  private ServerComparison() {}

  /**
   * Returns UDS/TCP ratios of requests per second, one row per (workload, size, depth) of the
   * measured rows: workload, client, size, depth, pairs, ratio, ci_low, ci_high.
   */
  public static Table ratios(Table rows) {
    // Closed loops only: an open loop's requests per second is the rate it was offered.
    Table closed =
        rows.containsColumn("offered_per_s")
            ? rows.where(rows.doubleColumn("offered_per_s").isMissing())
            : rows;
    if (closed.rowCount() == 0) {
      // only open loops: no closed-loop rate to compare
      return Table.create(
          "UDS / TCP requests per second (paired rounds)",
          StringColumn.create("workload"),
          StringColumn.create("client"),
          IntColumn.create("size"),
          IntColumn.create("depth"),
          IntColumn.create("clients"),
          IntColumn.create("pairs"),
          DoubleColumn.create("ratio"),
          DoubleColumn.create("ci_low"),
          DoubleColumn.create("ci_high"));
    }
    Table ratios = Ratios.pairedBy(closed, "messages_per_s", "uds", "tcp", "depth", "clients");
    if (!ratios.containsColumn("clients")) {
      ratios.addColumns(IntColumn.create("clients", ratios.rowCount()).setMissingTo(1));
    }
    StringColumn client = StringColumn.create("client");
    for (Row row : ratios) {
      client.append(Workload.fromName(row.getString("workload")).client());
    }
    ratios.insertColumn(1, client);
    return ratios
        .selectColumns(
            "workload", "client", "size", "depth", "clients", "pairs", "ratio", "ci_low", "ci_high")
        .setName("UDS / TCP requests per second (paired rounds)");
  }

  /**
   * Returns one row per request that both a Java client and its C tool made (same size and depth):
   * request, size, depth, java, java_ratio, java_ci_low, java_ci_high, tool, tool_ratio,
   * tool_ci_low, tool_ci_high, java_vs_tool (the Java ratio over the tool's) and within_10pct.
   */
  public static Table javaVsTool(Table rows) {
    Table ratios = ratios(rows);
    StringColumn request = StringColumn.create("request");
    IntColumn sizes = IntColumn.create("size");
    IntColumn depths = IntColumn.create("depth");
    StringColumn java = StringColumn.create("java");
    DoubleColumn javaRatio = DoubleColumn.create("java_ratio");
    DoubleColumn javaLow = DoubleColumn.create("java_ci_low");
    DoubleColumn javaHigh = DoubleColumn.create("java_ci_high");
    StringColumn tool = StringColumn.create("tool");
    DoubleColumn toolRatio = DoubleColumn.create("tool_ratio");
    DoubleColumn toolLow = DoubleColumn.create("tool_ci_low");
    DoubleColumn toolHigh = DoubleColumn.create("tool_ci_high");
    DoubleColumn versus = DoubleColumn.create("java_vs_tool");
    BooleanColumn within = BooleanColumn.create("within_10pct");
    DoubleColumn javaTcp = DoubleColumn.create("java_tcp_us");
    DoubleColumn javaUds = DoubleColumn.create("java_uds_us");
    DoubleColumn toolTcp = DoubleColumn.create("tool_tcp_us");
    DoubleColumn toolUds = DoubleColumn.create("tool_uds_us");
    Map<List<Object>, Double> roundTrips = roundTripMedians(rows);
    for (Row mine : ratios) {
      Workload workload = Workload.fromName(mine.getString("workload"));
      Workload reference = workload.reference();
      if (reference == null) {
        continue;
      }
      for (Row theirs : ratios) {
        if (theirs.getString("workload").equals(reference.label())
            && theirs.getInt("size") == mine.getInt("size")
            && theirs.getInt("depth") == mine.getInt("depth")
            && theirs.getInt("clients") == mine.getInt("clients")) {
          int clients = mine.getInt("clients");
          request.append(
              request(workload, mine.getInt("size"), mine.getInt("depth"))
                  + (clients == 1 ? "" : ", " + clients + " clients"));
          sizes.append(mine.getInt("size"));
          depths.append(mine.getInt("depth"));
          java.append(workload.client());
          javaRatio.append(mine.getDouble("ratio"));
          javaLow.append(mine.getDouble("ci_low"));
          javaHigh.append(mine.getDouble("ci_high"));
          tool.append(reference.client());
          toolRatio.append(theirs.getDouble("ratio"));
          toolLow.append(theirs.getDouble("ci_low"));
          toolHigh.append(theirs.getDouble("ci_high"));
          double v = mine.getDouble("ratio") / theirs.getDouble("ratio");
          versus.append(v);
          within.append(Math.abs(v - 1) <= TOLERANCE);
          javaTcp.append(roundTrips.getOrDefault(key(workload, mine, "tcp"), Double.NaN));
          javaUds.append(roundTrips.getOrDefault(key(workload, mine, "uds"), Double.NaN));
          toolTcp.append(roundTrips.getOrDefault(key(reference, mine, "tcp"), Double.NaN));
          toolUds.append(roundTrips.getOrDefault(key(reference, mine, "uds"), Double.NaN));
        }
      }
    }
    return Table.create(
        "Java client vs C tool: UDS / TCP requests per second",
        request,
        sizes,
        depths,
        java,
        javaRatio,
        javaLow,
        javaHigh,
        tool,
        toolRatio,
        toolLow,
        toolHigh,
        versus,
        within,
        javaTcp,
        javaUds,
        toolTcp,
        toolUds);
  }

  /**
   * Returns how often each Java client's thread gave up the CPU per round trip, medians over the
   * measured trials, one row per (workload, depth, transport): workload, client, depth, transport,
   * trials, voluntary (blocked: waited in a receive, mostly), involuntary (preempted) and switches
   * (both) per round trip. A client that blocks once per round trip waits once for its reply; more
   * than once, it was woken before the reply was there and slept again. The counts cover the
   * client's whole connection, warm-up included; the C tools' rows have none and are left out.
   */
  public static Table switchesPerRoundTrip(Table rows) {
    Map<List<Object>, List<double[]>> perTrial = new TreeMap<>(RequestSplit::compare);
    for (Row row : rows) {
      if (!"measured".equals(row.getString("phase"))
          || row.getLong("reads") == 0
          || !rows.containsColumn("client_voluntary_switches")
          || Double.isNaN(row.getDouble("client_voluntary_switches"))) {
        continue;
      }
      double roundTrips = row.getLong("reads");
      perTrial
          .computeIfAbsent(
              List.of(row.getString("workload"), row.getInt("depth"), row.getString("transport")),
              k -> new ArrayList<>())
          .add(
              new double[] {
                row.getDouble("client_voluntary_switches") / roundTrips,
                row.getDouble("client_involuntary_switches") / roundTrips
              });
    }
    StringColumn workload = StringColumn.create("workload");
    StringColumn client = StringColumn.create("client");
    IntColumn depth = IntColumn.create("depth");
    StringColumn transport = StringColumn.create("transport");
    IntColumn trials = IntColumn.create("trials");
    DoubleColumn voluntary = DoubleColumn.create("voluntary");
    DoubleColumn involuntary = DoubleColumn.create("involuntary");
    DoubleColumn switches = DoubleColumn.create("switches");
    for (Map.Entry<List<Object>, List<double[]>> group : perTrial.entrySet()) {
      String name = (String) group.getKey().get(0);
      workload.append(name);
      client.append(Workload.fromName(name).client());
      depth.append((Integer) group.getKey().get(1));
      transport.append((String) group.getKey().get(2));
      trials.append(group.getValue().size());
      double[] vol = group.getValue().stream().mapToDouble(v -> v[0]).toArray();
      double[] inv = group.getValue().stream().mapToDouble(v -> v[1]).toArray();
      double[] all = group.getValue().stream().mapToDouble(v -> v[0] + v[1]).toArray();
      voluntary.append(Quantiles.median(vol));
      involuntary.append(Quantiles.median(inv));
      switches.append(Quantiles.median(all));
    }
    return Table.create(
        "Java client's context switches per round trip (medians over trials)",
        workload,
        client,
        depth,
        transport,
        trials,
        voluntary,
        involuntary,
        switches);
  }

  /**
   * Returns one line per Java client and depth of {@link #switchesPerRoundTrip}: how often its
   * thread blocked per round trip over each transport.
   */
  public static String describeSwitches(Table switches) {
    Map<List<Object>, Map<String, Double>> byTransport = new LinkedHashMap<>();
    for (Row row : switches) {
      byTransport
          .computeIfAbsent(
              List.of(row.getString("client"), row.getString("workload"), row.getInt("depth")),
              k -> new HashMap<>())
          .put(row.getString("transport"), row.getDouble("voluntary"));
    }
    StringBuilder text = new StringBuilder();
    byTransport.forEach(
        (key, values) -> {
          if (values.containsKey("tcp") && values.containsKey("uds")) {
            text.append(
                String.format(
                    Locale.ROOT,
                    "%s (%s%s): its thread blocked %.2f times per round trip over uds, %.2f over"
                        + " tcp%n",
                    key.get(0),
                    key.get(1),
                    (Integer) key.get(2) == 1 ? "" : ", depth " + key.get(2),
                    values.get("uds"),
                    values.get("tcp")));
          }
        });
    return text.toString();
  }

  private static List<Object> key(Workload workload, Row ratio, String transport) {
    return List.of(
        workload.label(),
        ratio.getInt("size"),
        ratio.getInt("depth"),
        ratio.getInt("clients"),
        transport);
  }

  /** Median time per round trip in µs of the measured rows, by workload, size, depth, transport. */
  private static Map<List<Object>, Double> roundTripMedians(Table rows) {
    Map<List<Object>, List<Double>> times = new HashMap<>();
    for (Row row : rows) {
      if ("measured".equals(row.getString("phase")) && row.getLong("reads") > 0) {
        times
            .computeIfAbsent(
                List.of(
                    row.getString("workload"),
                    row.getInt("size"),
                    row.getInt("depth"),
                    rows.containsColumn("clients") ? row.getInt("clients") : 1,
                    row.getString("transport")),
                k -> new ArrayList<>())
            .add(row.getDouble("seconds") / row.getLong("reads") * 1e6);
      }
    }
    Map<List<Object>, Double> medians = new HashMap<>();
    times.forEach(
        (k, v) -> medians.put(k, Quantiles.median(v.stream().mapToDouble(d -> d).toArray())));
    return medians;
  }

  /** Returns the request a workload makes, e.g. "PING, pipeline 16" or "GET 64 B". */
  public static String request(Workload workload, int size, int depth) {
    String what =
        switch (workload) {
          case REDIS_PING, REDIS_BENCHMARK_PING -> "PING";
          case REDIS_GET, REDIS_BENCHMARK_GET, REDIS_POOL_GET, LETTUCE_GET ->
              "GET " + Units.size(size);
          case REDIS_SET, REDIS_BENCHMARK_SET -> "SET " + Units.size(size);
          case PG_POINT, PGBENCH_SELECT, PG_POOL_POINT -> "point select";
          case PG_SELECT1 -> "SELECT 1";
          case PG_BATCH -> "batched update";
          case PG_CONNECT -> "connect + SELECT 1";
          default -> workload.label();
        };
    return depth == 1 ? what : what + ", " + depth + " per round trip";
  }

  /**
   * Returns the Amdahl reading of one row of {@link #javaVsTool}, from its round-trip medians: the
   * time the Unix socket saved per round trip with each client, and how much longer or shorter the
   * Java client's round trip was. It then tests one explanation of a gap between the two ratios:
   * that the saving is the same and only the round trip's length differs (the same saving is a
   * smaller share of a longer round trip). The Java client's TCP round trip less the tool's saving
   * gives the ratio that explanation predicts; within 5% of the Java client's ratio from its paired
   * rounds (the one the line above quotes), it holds; otherwise the saving itself differs.
   */
  static String savings(Row row) {
    double javaTcp = row.getDouble("java_tcp_us");
    double javaUds = row.getDouble("java_uds_us");
    double toolTcp = row.getDouble("tool_tcp_us");
    double toolUds = row.getDouble("tool_uds_us");
    if (!(javaTcp > 0 && toolTcp > 0 && javaUds > 0 && toolUds > 0)) {
      return "";
    }
    double javaSaved = javaTcp - javaUds;
    double toolSaved = toolTcp - toolUds;
    double predicted = toolSaved < javaTcp ? javaTcp / (javaTcp - toolSaved) : Double.NaN;
    double measured = row.getDouble("java_ratio"); // the paired rounds' ratio, quoted above it
    String java = row.getString("java");
    String tool = row.getString("tool");
    boolean holds = Math.abs(predicted / measured - 1) <= 0.05;
    return String.format(
        Locale.ROOT,
        "  the Unix socket saved %s per round trip with %s, %s with %s; %s's tcp round trip was %s"
            + " %s; with %s's saving it would give %s, its paired rounds measured %s: %s%n",
        Units.micros(javaSaved),
        java,
        Units.micros(toolSaved),
        tool,
        java,
        Units.micros(Math.abs(javaTcp - toolTcp)),
        javaTcp >= toolTcp ? "longer" : "shorter",
        tool,
        Units.ratio(predicted),
        Units.ratio(measured),
        holds
            ? "the same saving in a round trip of another length explains the gap"
            : "the saving itself differs, so the length of the round trip does not explain the"
                + " gap");
  }

  /** Returns one line per row of {@link #javaVsTool}: both ratios, and how far apart. */
  public static String describe(Table javaVsTool) {
    StringBuilder text = new StringBuilder();
    for (Row row : javaVsTool) {
      double v = row.getDouble("java_vs_tool");
      text.append(
          String.format(
              Locale.ROOT,
              "%s: %s %s (95%% CI %s-%s), %s %s (95%% CI %s-%s); Java's ratio is %s the tool's%s%n",
              row.getString("request"),
              row.getString("java"),
              Units.ratio(row.getDouble("java_ratio")),
              Units.decimal2(row.getDouble("java_ci_low")),
              Units.decimal2(row.getDouble("java_ci_high")),
              row.getString("tool"),
              Units.ratio(row.getDouble("tool_ratio")),
              Units.decimal2(row.getDouble("tool_ci_low")),
              Units.decimal2(row.getDouble("tool_ci_high")),
              Math.abs(v - 1) < 0.005
                  ? "equal to"
                  : Units.percent(Math.abs(v - 1)) + (v > 1 ? " above" : " below"),
              row.getBoolean("within_10pct") ? " (within 10%)" : " (more than 10% apart)"));
      if (!Double.isNaN(row.getDouble("java_tcp_us"))
          && !Double.isNaN(row.getDouble("tool_tcp_us"))) {
        text.append(
            String.format(
                Locale.ROOT,
                row.getString("request").endsWith(" clients")
                    ? "  the wall time per request (over all clients) over tcp/uds was %s/%s with %s,"
                        + " %s/%s with %s%n"
                    : "  a round trip over tcp/uds took %s/%s with %s, %s/%s with %s%n",
                Units.micros(row.getDouble("java_tcp_us")),
                Units.micros(row.getDouble("java_uds_us")),
                row.getString("java"),
                Units.micros(row.getDouble("tool_tcp_us")),
                Units.micros(row.getDouble("tool_uds_us")),
                row.getString("tool")));
        text.append(savings(row));
      }
    }
    return text.toString();
  }
}
