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
import org.udsvstcp.bench.workload.LoadDriver;
import org.udsvstcp.bench.workload.Workload;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A real server under load, from the rows of the load workloads: throughput against the number of
 * clients per transport, where it saturates, the UDS/TCP ratio at each level, what the server spent
 * per request, the tail at a fixed offered load, and the advice these add up to.
 */
public final class LoadAnalysis {
  /** A level whose throughput is within this share of the peak counts as saturated (90%). */
  public static final double SATURATED_SHARE = 0.90;

  /** A server busy for at least this share of the interval's wall time is saturated (90%). */
  public static final double BUSY_SHARE = 0.90;

  /** How close the throughput gain and the server's CPU saving must be to count as equal (5%). */
  public static final double EQUAL_WITHIN = 0.05;

  private LoadAnalysis() {}

  private static boolean closed(Row row) {
    return Double.isNaN(row.getDouble("offered_per_s"));
  }

  private static boolean load(Row row) {
    return "measured".equals(row.getString("phase"))
        && Workload.fromName(row.getString("workload")).concurrent()
        && row.getLong("messages") > 0;
  }

  /**
   * Returns one row per (workload, client, transport, clients) of the closed-loop rows, medians
   * over the measured trials: requests_per_s; server_us (the server's CPU time per request, µs),
   * server_user_us, server_system_us, server_switches (context switches per request) and
   * server_busy (the server's CPU time over the interval's wall time: 1 is one CPU all the time);
   * client_us (the client's CPU time per request; empty for a C tool).
   */
  public static Table byClients(Table rows) {
    Map<List<Object>, List<Row>> groups = new TreeMap<>(LoadAnalysis::compare);
    for (int i = 0; i < rows.rowCount(); i++) {
      Row row = rows.row(i); // its own cursor: the groups keep it
      if (load(row) && closed(row)) {
        groups
            .computeIfAbsent(
                List.of(
                    row.getString("workload"),
                    row.getString("transport"),
                    row.getInt("clients"),
                    row.getInt("size")),
                k -> new ArrayList<>())
            .add(row);
      }
    }
    StringColumn workload = StringColumn.create("workload");
    StringColumn client = StringColumn.create("client");
    StringColumn transport = StringColumn.create("transport");
    IntColumn clients = IntColumn.create("clients");
    IntColumn trials = IntColumn.create("trials");
    DoubleColumn rps = DoubleColumn.create("requests_per_s");
    DoubleColumn server = DoubleColumn.create("server_us");
    DoubleColumn user = DoubleColumn.create("server_user_us");
    DoubleColumn system = DoubleColumn.create("server_system_us");
    DoubleColumn switches = DoubleColumn.create("server_switches");
    DoubleColumn busy = DoubleColumn.create("server_busy");
    DoubleColumn clientUs = DoubleColumn.create("client_us");
    for (Map.Entry<List<Object>, List<Row>> group : groups.entrySet()) {
      List<Row> members = group.getValue();
      workload.append((String) group.getKey().get(0));
      client.append(Workload.fromName((String) group.getKey().get(0)).client());
      transport.append((String) group.getKey().get(1));
      clients.append((Integer) group.getKey().get(2));
      trials.append(members.size());
      rps.append(median(members, r -> r.getDouble("messages_per_s")));
      server.append(median(members, r -> perRequest(r, "server_cpu_ns")));
      user.append(median(members, r -> perRequest(r, "server_user_ns")));
      system.append(median(members, r -> perRequest(r, "server_system_ns")));
      switches.append(
          median(
              members,
              r ->
                  (r.getDouble("server_voluntary_switches")
                          + r.getDouble("server_involuntary_switches"))
                      / r.getLong("messages")));
      busy.append(
          median(members, r -> r.getDouble("server_cpu_ns") / 1e9 / r.getDouble("seconds")));
      clientUs.append(median(members, r -> perRequest(r, "client_cpu_ns")));
    }
    return Table.create(
        "throughput and the server's CPU time per request, by clients (medians)",
        workload,
        client,
        transport,
        clients,
        trials,
        rps,
        server,
        user,
        system,
        switches,
        busy,
        clientUs);
  }

  /**
   * Returns the UDS/TCP ratio of requests per second from paired rounds, one row per (workload,
   * size, clients) of the closed-loop rows: workload, client, clients, pairs, ratio, ci_low,
   * ci_high.
   */
  public static Table ratios(Table rows) {
    Table closed = rows.where(rows.doubleColumn("offered_per_s").isMissing());
    Table load =
        closed.where(closed.stringColumn("workload").eval(w -> Workload.fromName(w).concurrent()));
    Table ratios = Ratios.pairedBy(load, "messages_per_s", "uds", "tcp", "clients");
    StringColumn client = StringColumn.create("client");
    for (Row row : ratios) {
      client.append(Workload.fromName(row.getString("workload")).client());
    }
    ratios.insertColumn(1, client);
    return ratios
        .selectColumns("workload", "client", "clients", "pairs", "ratio", "ci_low", "ci_high")
        .setName("UDS / TCP requests per second by clients (paired rounds)");
  }

  /**
   * Returns one row per (workload, client, transport) of {@link #byClients}: peak_per_s (the
   * highest median), peak_clients (its level), saturates_at (the fewest clients within {@link
   * #SATURATED_SHARE} of the peak), and at the peak server_us and server_busy.
   */
  public static Table saturation(Table byClients) {
    Map<List<Object>, List<Row>> groups = new LinkedHashMap<>();
    for (int i = 0; i < byClients.rowCount(); i++) {
      Row row = byClients.row(i); // its own cursor: the groups keep it
      groups
          .computeIfAbsent(
              List.of(row.getString("workload"), row.getString("transport")),
              k -> new ArrayList<>())
          .add(row);
    }
    StringColumn workload = StringColumn.create("workload");
    StringColumn client = StringColumn.create("client");
    StringColumn transport = StringColumn.create("transport");
    DoubleColumn peak = DoubleColumn.create("peak_per_s");
    IntColumn peakClients = IntColumn.create("peak_clients");
    IntColumn saturates = IntColumn.create("saturates_at");
    DoubleColumn server = DoubleColumn.create("server_us");
    DoubleColumn busy = DoubleColumn.create("server_busy");
    for (Map.Entry<List<Object>, List<Row>> group : groups.entrySet()) {
      Row best = null;
      for (Row row : group.getValue()) {
        if (best == null || row.getDouble("requests_per_s") > best.getDouble("requests_per_s")) {
          best = row;
        }
      }
      double top = best.getDouble("requests_per_s");
      int first = Integer.MAX_VALUE;
      for (Row row : group.getValue()) {
        if (row.getDouble("requests_per_s") >= SATURATED_SHARE * top) {
          first = Math.min(first, row.getInt("clients"));
        }
      }
      workload.append((String) group.getKey().get(0));
      client.append(best.getString("client"));
      transport.append((String) group.getKey().get(1));
      peak.append(top);
      peakClients.append(best.getInt("clients"));
      saturates.append(first);
      server.append(best.getDouble("server_us"));
      busy.append(best.getDouble("server_busy"));
    }
    return Table.create(
        "where each transport saturates",
        workload,
        client,
        transport,
        peak,
        peakClients,
        saturates,
        server,
        busy);
  }

  /**
   * Returns, per workload, the check at its highest number of clients: the throughput gain over the
   * Unix socket (paired ratio less 1) beside the server's CPU saving per request (TCP's CPU time
   * per request over the Unix socket's, less 1), both transports' server busy, and whether they
   * agree: when the server is the bottleneck (busy at least {@link #BUSY_SHARE} of one CPU over
   * both), it answers one request per CPU time per request, so the two should be equal.
   */
  public static Table cpuCheck(Table rows) {
    Table by = byClients(rows);
    Table ratios = ratios(rows);
    StringColumn workload = StringColumn.create("workload");
    StringColumn client = StringColumn.create("client");
    IntColumn clients = IntColumn.create("clients");
    DoubleColumn gain = DoubleColumn.create("throughput_gain");
    DoubleColumn gainLow = DoubleColumn.create("gain_ci_low");
    DoubleColumn gainHigh = DoubleColumn.create("gain_ci_high");
    DoubleColumn tcpUs = DoubleColumn.create("server_tcp_us");
    DoubleColumn udsUs = DoubleColumn.create("server_uds_us");
    DoubleColumn saving = DoubleColumn.create("cpu_saving");
    DoubleColumn tcpBusy = DoubleColumn.create("busy_tcp");
    DoubleColumn udsBusy = DoubleColumn.create("busy_uds");
    BooleanColumn saturated = BooleanColumn.create("server_saturated");
    BooleanColumn equal = BooleanColumn.create("equal");
    Map<String, Integer> top = new HashMap<>();
    for (Row row : ratios) {
      top.merge(row.getString("workload"), row.getInt("clients"), Math::max);
    }
    for (Row ratio : ratios) {
      String w = ratio.getString("workload");
      int n = ratio.getInt("clients");
      if (n != top.get(w)) {
        continue;
      }
      Row tcp = find(by, w, "tcp", n);
      Row uds = find(by, w, "uds", n);
      if (tcp == null || uds == null) {
        continue;
      }
      double g = ratio.getDouble("ratio") - 1;
      double s = tcp.getDouble("server_us") / uds.getDouble("server_us") - 1;
      boolean busy =
          tcp.getDouble("server_busy") >= BUSY_SHARE && uds.getDouble("server_busy") >= BUSY_SHARE;
      workload.append(w);
      client.append(ratio.getString("client"));
      clients.append(n);
      gain.append(g);
      gainLow.append(ratio.getDouble("ci_low") - 1);
      gainHigh.append(ratio.getDouble("ci_high") - 1);
      tcpUs.append(tcp.getDouble("server_us"));
      udsUs.append(uds.getDouble("server_us"));
      saving.append(s);
      tcpBusy.append(tcp.getDouble("server_busy"));
      udsBusy.append(uds.getDouble("server_busy"));
      saturated.append(busy);
      equal.append(Math.abs((1 + g) / (1 + s) - 1) <= EQUAL_WITHIN);
    }
    return Table.create(
        "at saturation: the throughput gain against the server's CPU saving per request",
        workload,
        client,
        clients,
        gain,
        gainLow,
        gainHigh,
        tcpUs,
        udsUs,
        saving,
        tcpBusy,
        udsBusy,
        saturated,
        equal);
  }

  /** Returns one sentence per row of {@link #cpuCheck}: whether the gain equals the saving. */
  public static String describeCpuCheck(Table check) {
    StringBuilder text = new StringBuilder();
    for (Row row : check) {
      String verdict;
      if (!row.getBoolean("server_saturated")) {
        verdict =
            String.format(
                Locale.ROOT,
                "the server was busy %s (tcp) and %s (uds) of one CPU, so it was not the bottleneck"
                    + " and the two need not agree",
                Units.percent(row.getDouble("busy_tcp")),
                Units.percent(row.getDouble("busy_uds")));
      } else {
        verdict =
            row.getBoolean("equal")
                ? "equal within " + Units.percent(EQUAL_WITHIN) + ", as a saturated server predicts"
                : "not equal: more than "
                    + Units.percent(EQUAL_WITHIN)
                    + " apart although the server was saturated";
      }
      text.append(
          String.format(
              Locale.ROOT,
              "%s (%s, %d clients): the Unix socket answered %s more requests per second (95%% CI"
                  + " %s to %s); the server's CPU time per request fell from %s to %s, a saving"
                  + " of %s: %s%n",
              row.getString("client"),
              row.getString("workload"),
              row.getInt("clients"),
              signedPercent(row.getDouble("throughput_gain")),
              signedPercent(row.getDouble("gain_ci_low")),
              signedPercent(row.getDouble("gain_ci_high")),
              Units.micros(row.getDouble("server_tcp_us")),
              Units.micros(row.getDouble("server_uds_us")),
              signedPercent(row.getDouble("cpu_saving")),
              verdict));
    }
    return text.toString();
  }

  /**
   * Returns one row per (workload, client, transport, clients, offered rate) of the open-loop rows,
   * medians over trials: offered_per_s, achieved_per_s, p50_us, p99_us, p999_us (from each
   * request's intended send time), and kept (every trial answered at least 95% of the offered
   * rate).
   */
  public static Table tail(Table rows) {
    Map<List<Object>, List<Row>> groups = new TreeMap<>(LoadAnalysis::compare);
    for (int i = 0; i < rows.rowCount(); i++) {
      Row row = rows.row(i); // its own cursor: the groups keep it
      if (load(row) && !closed(row)) {
        groups
            .computeIfAbsent(
                List.of(
                    row.getString("workload"),
                    row.getString("transport"),
                    row.getInt("clients"),
                    row.getDouble("offered_per_s")),
                k -> new ArrayList<>())
            .add(row);
      }
    }
    StringColumn workload = StringColumn.create("workload");
    StringColumn client = StringColumn.create("client");
    StringColumn transport = StringColumn.create("transport");
    IntColumn clients = IntColumn.create("clients");
    DoubleColumn offered = DoubleColumn.create("offered_per_s");
    DoubleColumn achieved = DoubleColumn.create("achieved_per_s");
    DoubleColumn p50 = DoubleColumn.create("p50_us");
    DoubleColumn p99 = DoubleColumn.create("p99_us");
    DoubleColumn p999 = DoubleColumn.create("p999_us");
    BooleanColumn kept = BooleanColumn.create("kept");
    for (Map.Entry<List<Object>, List<Row>> group : groups.entrySet()) {
      List<Row> members = group.getValue();
      double rate = (Double) group.getKey().get(3);
      workload.append((String) group.getKey().get(0));
      client.append(Workload.fromName((String) group.getKey().get(0)).client());
      transport.append((String) group.getKey().get(1));
      clients.append(members.get(0).getInt("clients"));
      offered.append(rate);
      achieved.append(median(members, r -> r.getDouble("messages_per_s")));
      p50.append(median(members, r -> r.getDouble("p50_us")));
      p99.append(median(members, r -> r.getDouble("p99_us")));
      p999.append(median(members, r -> r.getDouble("p999_us")));
      kept.append(
          members.stream()
              .allMatch(r -> r.getDouble("messages_per_s") >= LoadDriver.KEPT_SHARE * rate));
    }
    return Table.create(
        "latency at a fixed offered load (from the intended send time, medians over trials)",
        workload,
        client,
        transport,
        clients,
        offered,
        achieved,
        p50,
        p99,
        p999,
        kept);
  }

  /** Returns one line per offered rate of {@link #tail} that was not kept, or empty. */
  public static String describeMissedRates(Table tail) {
    StringBuilder text = new StringBuilder();
    for (Row row : tail) {
      if (!row.getBoolean("kept")) {
        text.append(
            String.format(
                Locale.ROOT,
                "%s over %s could not keep %.0f requests/s: it answered %.0f/s, so its latencies"
                    + " describe a queue that grew, not that load%n",
                row.getString("client"),
                row.getString("transport"),
                row.getDouble("offered_per_s"),
                row.getDouble("achieved_per_s")));
      }
    }
    return text.toString();
  }

  /**
   * Returns the advice for one workload: below the highest offered load that both transports kept
   * as a share of the slower one's saturation, how much the Unix socket saved per request at the
   * median; at saturation how many more requests per second it bought and how much server CPU per
   * request it saved.
   *
   * @param saturationPerSecond the slower transport's saturation rate the offered loads are shares
   *     of
   */
  public static String advice(Table rows, String workload, double saturationPerSecond) {
    Table tail = tail(rows).where(t -> t.stringColumn("workload").isEqualTo(workload));
    Table check = cpuCheck(rows).where(t -> t.stringColumn("workload").isEqualTo(workload));
    if (check.rowCount() == 0) {
      return workload + ": no closed-loop run over both transports to advise from";
    }
    double below = Double.NaN;
    List<Double> savings = new ArrayList<>();
    for (Row row : tail) {
      if (!"tcp".equals(row.getString("transport")) || !row.getBoolean("kept")) {
        continue;
      }
      for (Row other : tail) {
        if ("uds".equals(other.getString("transport"))
            && other.getDouble("offered_per_s") == row.getDouble("offered_per_s")
            && other.getInt("clients") == row.getInt("clients")
            && other.getBoolean("kept")) {
          below =
              Double.isNaN(below)
                  ? row.getDouble("offered_per_s")
                  : Math.max(below, row.getDouble("offered_per_s"));
          savings.add(row.getDouble("p50_us") - other.getDouble("p50_us"));
        }
      }
    }
    Row at = check.row(0);
    String first =
        savings.isEmpty()
            ? "no fixed rate was kept over both transports, so nothing is said below saturation"
            : String.format(
                Locale.ROOT,
                "below %s of saturation the Unix socket saves %s per request (the median of the"
                    + " median latencies' differences at the offered loads both kept)",
                Units.percent(below / saturationPerSecond),
                Units.micros(Quantiles.median(savings.stream().mapToDouble(d -> d).toArray())));
    return String.format(
        Locale.ROOT,
        "%s (%s): %s; at saturation (%d clients) it buys %s requests per second, because it saves"
            + " %s of server CPU per request (%s against %s)",
        at.getString("client"),
        workload,
        first,
        at.getInt("clients"),
        signedPercent(at.getDouble("throughput_gain")),
        Units.micros(at.getDouble("server_tcp_us") - at.getDouble("server_uds_us")),
        Units.micros(at.getDouble("server_uds_us")),
        Units.micros(at.getDouble("server_tcp_us")));
  }

  /** Returns the offered rates at {@code shares} of {@code saturationPerSecond}, rounded. */
  public static double[] rates(double saturationPerSecond, double... shares) {
    double[] rates = new double[shares.length];
    for (int i = 0; i < shares.length; i++) {
      rates[i] = Math.max(1, Math.round(saturationPerSecond * shares[i]));
    }
    return rates;
  }

  /** Returns the lower of the two transports' peak throughput of {@code workload}. */
  public static double slowerPeak(Table saturation, String workload) {
    double slower = Double.POSITIVE_INFINITY;
    for (Row row : saturation) {
      if (row.getString("workload").equals(workload)) {
        slower = Math.min(slower, row.getDouble("peak_per_s"));
      }
    }
    if (Double.isInfinite(slower)) {
      throw new IllegalArgumentException("no saturation figure for " + workload);
    }
    return slower;
  }

  private static Row find(Table by, String workload, String transport, int clients) {
    for (Row row : by) {
      if (row.getString("workload").equals(workload)
          && row.getString("transport").equals(transport)
          && row.getInt("clients") == clients) {
        return row;
      }
    }
    return null;
  }

  private static String signedPercent(double fraction) {
    return (fraction >= 0 ? "+" : "-") + Units.percent(Math.abs(fraction));
  }

  private static double perRequest(Row row, String column) {
    return row.getDouble(column) / row.getLong("messages") / 1e3;
  }

  private interface Value {
    double of(Row row);
  }

  private static double median(List<Row> rows, Value value) {
    double[] values = rows.stream().mapToDouble(value::of).filter(v -> !Double.isNaN(v)).toArray();
    return values.length == 0 ? Double.NaN : Quantiles.median(values);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(List<Object> a, List<Object> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = ((Comparable) a.get(i)).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
