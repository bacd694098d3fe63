package org.udsvstcp.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import org.udsvstcp.bench.Profile;
import org.udsvstcp.bench.env.Environment;
import org.udsvstcp.bench.experiment.Experiment;
import org.udsvstcp.bench.experiment.ExperimentException;
import org.udsvstcp.bench.experiment.Isolation;
import org.udsvstcp.bench.experiment.LoadAnalysis;
import org.udsvstcp.bench.experiment.Placement;
import org.udsvstcp.bench.experiment.Results;
import org.udsvstcp.bench.experiment.ServerComparison;
import org.udsvstcp.bench.stats.Costs;
import org.udsvstcp.bench.stats.Ratios;
import org.udsvstcp.bench.stats.Summaries;
import org.udsvstcp.bench.stats.SummaryFormat;
import org.udsvstcp.bench.stats.Units;
import org.udsvstcp.bench.stats.Warnings;
import org.udsvstcp.bench.transport.Transport;
import org.udsvstcp.bench.workload.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** {@code run}: an interleaved experiment with a summary, the UDS/TCP ratio and warnings. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Runs transports x sizes for one workload: warm-up rounds, then measured rounds in a"
            + " shuffled order; prints a summary per (transport, size) and the paired ratio.")
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--workload",
      defaultValue = "stream",
      converter = Converters.WorkloadConverter.class,
      description =
          "stream, pingpong, connect or original; against real servers pg-select1, pg-point,"
              + " pg-batch, pg-connect, pgbench-select, redis-ping, redis-get, redis-set,"
              + " redis-benchmark-ping, redis-benchmark-get, redis-benchmark-set; under load"
              + " (--clients, --rates) redis-pool-get, lettuce-get, pg-pool-point"
              + " (default: ${DEFAULT-VALUE})")
  Workload workload;

  @Option(
      names = "--also",
      split = ",",
      converter = Converters.WorkloadConverter.class,
      description =
          "more workloads in the same rounds, e.g. the server's C tool: --workload redis-ping"
              + " --also redis-benchmark-ping")
  List<Workload> also = List.of();

  @Option(
      names = "--depths",
      split = ",",
      defaultValue = "1",
      description =
          "server workloads: requests per round trip (Redis pipeline depth, pg-batch size),"
              + " e.g. 1,16,128 (default: ${DEFAULT-VALUE})")
  List<Integer> depths;

  @Option(
      names = "--clients",
      split = ",",
      defaultValue = "1",
      description =
          "load workloads (redis-pool-get, lettuce-get, pg-pool-point, redis-benchmark-get,"
              + " pgbench-select): clients at once, e.g. 1,2,4,8,16,32,50; a trial's requests are"
              + " shared among them (default: ${DEFAULT-VALUE})")
  List<Integer> clients;

  @Option(
      names = "--rates",
      split = ",",
      defaultValue = "0",
      description =
          "load workloads that can keep a rate (not redis-benchmark): requests per second offered"
              + " in all, 0 for a closed loop, e.g. 0,5000,10000 (default: ${DEFAULT-VALUE})")
  List<Double> rates;

  @Option(
      names = "--transports",
      split = ",",
      defaultValue = "tcp,uds",
      converter = Converters.TransportConverter.class,
      description =
          "comma-separated: tcp, uds, uds-junix, tcp-classic, tcp-sockmap, tcp-veth (the last two"
              + " need root and --isolation processes; see docs/transports.md) (default:"
              + " ${DEFAULT-VALUE})")
  List<Transport> transports;

  @Option(
      names = "--sizes",
      split = ",",
      defaultValue = "64,64k",
      converter = Converters.SizeConverter.class,
      description =
          "message sizes in bytes, k and m suffixes (1k = 1024) (default: ${DEFAULT-VALUE})")
  List<Integer> sizes;

  @Option(names = "--trials", description = "measured rounds (default: from the profile)")
  Integer trials;

  @Option(names = "--warmup", description = "warm-up rounds, recorded but not summarised")
  Integer warmup;

  @Option(
      names = "--duration",
      converter = Converters.DurationConverter.class,
      description = "length of each stream trial, e.g. 1s or 500ms")
  Duration duration;

  @Option(
      names = "--bytes",
      converter = Converters.BytesConverter.class,
      description = "bytes per stream trial instead of a duration, e.g. 64m")
  Long bytes;

  @Option(names = "--round-trips", description = "round trips per pingpong or server trial")
  Integer roundTrips;

  @Option(names = "--connections", description = "connections per connect trial")
  Integer connections;

  @Option(
      names = "--isolation",
      defaultValue = "threads",
      converter = Converters.IsolationConverter.class,
      description = "threads or processes (default: ${DEFAULT-VALUE})")
  Isolation isolation;

  @Option(
      names = "--placement",
      defaultValue = "same-core",
      converter = Converters.PlacementConverter.class,
      description = "same-core, cross-core or scheduler (default: ${DEFAULT-VALUE})")
  Placement placement;

  @Option(
      names = "--nodelay",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "TCP_NODELAY on TCP sockets (default: on)")
  boolean nodelay;

  @Option(
      names = "--writes-per-message",
      defaultValue = "1",
      description =
          "pingpong: the client writes each message in this many parts (default: ${DEFAULT-VALUE})")
  int writesPerMessage;

  @Option(names = "--seed", description = "seed of the shuffled order (default: random, printed)")
  Long seed;

  @Option(
      names = "--timeout",
      converter = Converters.DurationConverter.class,
      description = "limit per trial (default: 30 s plus three times the trial length)")
  Duration timeout;

  @Option(
      names = "--out",
      defaultValue = "results/run.csv",
      description = "CSV file, one row per trial as it finishes (default: ${DEFAULT-VALUE})")
  Path csv;

  @Option(
      names = "--note",
      description =
          "a line for the top of the CSV file, e.g. how and on what a reference run was taken;"
              + " repeatable")
  List<String> notes = List.of();

  @Option(names = "--uds-path", description = "Unix socket path (default: a private directory)")
  Path udsPath;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "TCP host (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--port", defaultValue = "0", description = "TCP port (default: a free one)")
  int port;

  @Override
  public Integer call() {
    Experiment experiment = build();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Map<Transport, String> unavailable = experiment.unavailable();
    if (!unavailable.isEmpty()) {
      unavailable.forEach(
          (transport, why) -> err.println("error: " + transport + " is unavailable here: " + why));
      err.println("Nothing ran; leave those transports out of --transports to run the others.");
      return 1;
    }
    Profile profile = Profile.current();
    printHeader(out, "run", profile, experiment);
    String metric = metric(workload);
    Results results;
    try {
      results = experiment.run(csv, new ProgressBar(err, System.console() != null, metric), notes);
    } catch (ExperimentException e) {
      err.println("error: " + e.getMessage());
      if (e.results().measured().rowCount() > 0) {
        printSummary(out, e.results(), metric);
      }
      return 1;
    }
    printSummary(out, results, metric);
    out.println("rows: " + csv);
    if (profile.smokeOnly()) {
      out.println(profile.label());
    }
    out.println("These numbers describe one machine at one time, not a verdict.");
    return 0;
  }

  Experiment build() {
    check(trials, "--trials", 1);
    check(warmup, "--warmup", 0);
    check(roundTrips, "--round-trips", 1);
    check(connections, "--connections", 1);
    check(writesPerMessage, "--writes-per-message", 1);
    if (port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--port must be in 0..65535, got " + port);
    }
    Experiment.Builder builder =
        Experiment.builder()
            .workload(workload)
            .transports(transports)
            .sizes(sizes)
            .isolation(isolation)
            .placement(placement)
            .nodelay(nodelay)
            .writesPerMessage(writesPerMessage)
            .host(host)
            .port(port)
            .udsPath(udsPath)
            .timeout(timeout)
            .alongside(also.toArray(Workload[]::new))
            .depths(depths.stream().mapToInt(Integer::intValue).toArray())
            .clients(clients.stream().mapToInt(Integer::intValue).toArray())
            .rates(rates.stream().mapToDouble(Double::doubleValue).toArray());
    if (trials != null) {
      builder.trials(trials);
    }
    if (warmup != null) {
      builder.warmup(warmup);
    }
    if (duration != null) {
      builder.duration(duration);
    }
    if (bytes != null) {
      builder.byteBudget(bytes);
    }
    if ((workload == Workload.PINGPONG || workload.isServer() && workload != Workload.PG_CONNECT)
        && roundTrips != null) {
      builder.count(roundTrips);
    }
    if ((workload == Workload.CONNECT || workload == Workload.PG_CONNECT) && connections != null) {
      builder.count(connections);
    }
    if (seed != null) {
      builder.seed(seed);
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private void check(Integer value, String option, int minimum) {
    if (value != null && value < minimum) {
      throw new ParameterException(
          spec.commandLine(), option + " must be at least " + minimum + ", got " + value);
    }
  }

  static String metric(Workload workload) {
    return switch (workload) {
      case STREAM -> "bytes_per_s";
      case PINGPONG -> "p50_us";
      case CONNECT, ORIGINAL -> "messages_per_s";
      default -> "messages_per_s"; // requests per second against a real server
    };
  }

  /** Prints what runs and where: the command, the profile, the environment and the method. */
  static void printHeader(PrintWriter out, String command, Profile profile, Experiment experiment) {
    out.println("uds-vs-tcp " + command + " (" + profile.label() + ")");
    out.println();
    out.print(Environment.capture().toText());
    out.println();
    out.println("method: " + experiment.describe());
    out.println();
    out.flush();
  }

  /** Prints both ends' cost per message (per round trip for pingpong), medians per group. */
  static void printCosts(PrintWriter out, Table measured) {
    out.println();
    if (measured.rowCount() == 0 || !Costs.measured(measured)) {
      out.println("cost per message: none (" + Costs.whyEmpty(measured) + ")");
      return;
    }
    if (!hasValues(measured, "server_cpu_ns")
        || measured.stringColumn("workload").asList().stream()
            .anyMatch(w -> Workload.fromName(w).isServer())) {
      printClientCosts(out, measured);
      return;
    }
    Table costs =
        Costs.medians(
                Costs.withTotals(measured),
                List.of(
                    "cpu_ns_per_message",
                    "system_ns_per_message",
                    "user_ns_per_message",
                    "switches_per_message"),
                "transport",
                "size")
            .sortOn("transport", "size");
    out.println(
        "cost per message, both ends (medians; per round trip for pingpong; system/user split from"
            + " 10 ms ticks)");
    printCostRows(
        out,
        costs,
        "",
        "%-11s %-8s",
        new Object[] {"transport", "size"},
        row ->
            new Object[] {
              costs.stringColumn("transport").get(row), Units.size(costs.intColumn("size").get(row))
            });
  }

  /**
   * Prints the client end's cost per request, for rows whose other end is a real server (another
   * process, so only the client's thread is measured; a C tool's rows have none).
   */
  private static void printClientCosts(PrintWriter out, Table measured) {
    for (String end : List.of("client", "server")) {
      Table rows = measured.where(measured.doubleColumn(end + "_cpu_ns").isNotMissing());
      if (rows.rowCount() == 0) {
        out.println(end + " cost per request: none (not measured in these trials)");
        continue;
      }
      DoubleColumn cpu = DoubleColumn.create(end + "_cpu_ns_per_message", rows.rowCount());
      for (int row = 0; row < rows.rowCount(); row++) {
        cpu.set(
            row,
            rows.doubleColumn(end + "_cpu_ns").getDouble(row)
                / rows.numberColumn("messages").getDouble(row));
      }
      rows.addColumns(cpu);
      Table costs =
          Costs.medians(
              rows,
              List.of(
                  end + "_cpu_ns_per_message",
                  end + "_system_ns_per_message",
                  end + "_user_ns_per_message",
                  end + "_switches_per_message"),
              "workload",
              "transport",
              "size",
              "depth",
              "clients");
      out.println(
          end.equals("client")
              ? "client cost per request (medians; a C tool's cost is its own process's, so not in"
                  + " the rows; one client: over its whole connection, warm-up included; many:"
                  + " their threads over the measured interval)"
              : "server cost per request (medians; the server's processes over the client's"
                  + " measured interval: Redis's process, PostgreSQL's postmaster and backends)");
      printCostRows(
          out,
          costs,
          end + "_",
          "%-20s %-10s %-8s %5s %7s",
          new Object[] {"workload", "transport", "size", "depth", "clients"},
          row ->
              new Object[] {
                costs.stringColumn("workload").get(row),
                costs.stringColumn("transport").get(row),
                Units.size(costs.intColumn("size").get(row)),
                costs.intColumn("depth").get(row),
                costs.intColumn("clients").get(row)
              });
    }
  }

  /**
   * Prints a header and one line per row of {@code costs}: the row's keys in {@code keyFormat},
   * then the medians {@code <prefix>cpu_ns_per_message}, system and user time, and switches.
   */
  private static void printCostRows(
      PrintWriter out,
      Table costs,
      String prefix,
      String keyFormat,
      Object[] keyHeaders,
      IntFunction<Object[]> keys) {
    out.println(
        String.format(Locale.ROOT, keyFormat, keyHeaders)
            + String.format(
                Locale.ROOT, " %12s %12s %12s %9s", "cpu", "system", "user", "switches"));
    for (int row = 0; row < costs.rowCount(); row++) {
      out.println(
          String.format(Locale.ROOT, keyFormat, keys.apply(row))
              + String.format(
                  Locale.ROOT,
                  " %12s %12s %12s %9.3f",
                  Units.seconds(
                      costs.doubleColumn(prefix + "cpu_ns_per_message").getDouble(row) * 1e-9),
                  Units.seconds(
                      costs.doubleColumn(prefix + "system_ns_per_message").getDouble(row) * 1e-9),
                  Units.seconds(
                      costs.doubleColumn(prefix + "user_ns_per_message").getDouble(row) * 1e-9),
                  costs.doubleColumn(prefix + "switches_per_message").getDouble(row)));
    }
  }

  /** Prints the load workloads' tables: by clients, saturation, the CPU check and the tail. */
  static void printLoad(PrintWriter out, Table rows) {
    Table by = LoadAnalysis.byClients(rows);
    if (by.rowCount() > 0) {
      out.println();
      out.println(
          "server CPU time per request (µs), its user/system split, switches per request and how"
              + " busy it was (1 = one CPU), medians:");
      out.println(by.printAll());
      out.println();
      out.println(LoadAnalysis.saturation(by).printAll());
      out.println();
      out.println(LoadAnalysis.ratios(rows).printAll());
      Table check = LoadAnalysis.cpuCheck(rows);
      if (check.rowCount() > 0) {
        out.println();
        out.print(LoadAnalysis.describeCpuCheck(check));
      }
    }
    Table tail = LoadAnalysis.tail(rows);
    if (tail.rowCount() > 0) {
      out.println();
      out.println(tail.printAll());
      out.print(LoadAnalysis.describeMissedRates(tail));
    }
  }

  private static boolean hasValues(Table rows, String column) {
    return rows.containsColumn(column) && rows.doubleColumn(column).isNotMissing().size() > 0;
  }

  static void printSummary(PrintWriter out, Results results, String metric) {
    out.println();
    boolean servers = results.experiment().workloads().stream().anyMatch(Workload::isServer);
    out.print(
        SummaryFormat.table(
            servers
                ? Summaries.byGroup(
                    results.table(),
                    metric,
                    "workload",
                    "api",
                    "transport",
                    "size",
                    "depth",
                    "clients",
                    "offered_per_s")
                : Summaries.byGroup(results.table(), metric, "transport", "size"),
            metric));
    List<Transport> transports = results.experiment().transports();
    for (Transport numerator : List.of(Transport.UDS, Transport.UDS_JUNIX)) {
      Transport denominator = numerator.counterpart();
      if (transports.contains(numerator) && transports.contains(denominator)) {
        out.println();
        out.print(
            SummaryFormat.ratio(
                servers
                    ? Ratios.pairedBy(
                        results.table(),
                        metric,
                        numerator.label(),
                        denominator.label(),
                        "depth",
                        "clients",
                        "offered_per_s")
                    : Ratios.paired(
                        results.table(), metric, numerator.label(), denominator.label())));
      }
    }
    for (Transport routed : List.of(Transport.TCP_SOCKMAP, Transport.TCP_VETH)) {
      if (transports.contains(routed) && transports.contains(Transport.TCP)) {
        out.println();
        out.print(
            SummaryFormat.ratio(
                Ratios.paired(results.table(), metric, routed.label(), Transport.TCP.label())));
      }
    }
    if (servers) {
      String versus = ServerComparison.describe(ServerComparison.javaVsTool(results.table()));
      if (!versus.isEmpty()) {
        out.println();
        out.println("Java client vs the server's C tool (UDS/TCP requests per second):");
        out.print(versus);
      }
    }
    if (results.experiment().workloads().stream().anyMatch(Workload::concurrent)) {
      printLoad(out, results.table());
    }
    printCosts(out, results.measured());
    List<String> warnings = Warnings.check(results.table(), metric);
    if (!warnings.isEmpty()) {
      out.println();
      for (String warning : warnings) {
        out.println("warning: " + warning);
      }
    }
    out.println();
  }
}
