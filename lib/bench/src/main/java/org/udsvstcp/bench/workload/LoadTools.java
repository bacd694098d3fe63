package org.udsvstcp.bench.workload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.udsvstcp.bench.env.Affinity;
import org.udsvstcp.bench.server.ManagedServer;
import org.udsvstcp.bench.server.RedisConnections;
import org.udsvstcp.bench.transport.Endpoint;
import org.udsvstcp.bench.transport.PrivateDirectory;
import redis.clients.jedis.Jedis;

/**
 * The servers' C tools with many clients: {@code redis-benchmark -c N} (one event loop holding N
 * connections, each with one request in flight) and {@code pgbench -S -M prepared -c N -j 2} (two
 * threads sharing N connections), pinned like the Java clients, the server's processes read over
 * the tool's whole run.
 *
 * <p>What they can do at a fixed rate: {@code redis-benchmark} has no fixed-rate mode, so its
 * latencies are a closed loop's. {@code pgbench --rate} schedules transactions as a Poisson process
 * and, since PostgreSQL 9.5, measures each latency from the transaction's scheduled start, so it
 * avoids coordinated omission as the Java clients' open loop does; it reports only their mean, so
 * the run asks for its per-transaction log ({@code -l}, with each transaction's time from its
 * schedule and its schedule lag) and reads the percentiles from there.
 */
final class LoadTools {
  private static final String LOG_PREFIX = PrivateDirectory.MARKER_PREFIX + "pgbench-log";

  private LoadTools() {}

  /**
   * Runs {@code redis-benchmark -t get -d size -c N} for {@code plan}'s requests (a closed loop:
   * {@code plan.rate()} must be 0) and returns its outcome; the server counted every GET.
   */
  static LoadDriver.Outcome redisBenchmark(
      Endpoint endpoint, int size, LoadDriver.Plan plan, long serverPid, Scope scope)
      throws IOException {
    if (plan.openLoop()) {
      throw new IllegalArgumentException(
          "redis-benchmark has no fixed-rate mode: it runs closed loops only");
    }
    List<String> command = new ArrayList<>();
    command.add(ToolRuns.tool("redis-benchmark"));
    if (endpoint.transport().isUnix()) {
      command.addAll(List.of("-s", endpoint.path().toString()));
    } else {
      command.addAll(List.of("-h", endpoint.host(), "-p", Integer.toString(endpoint.port())));
    }
    long requests = plan.requests();
    command.addAll(
        List.of(
            "-c",
            Integer.toString(plan.clients()),
            "-n",
            Long.toString(requests),
            "-t",
            "get",
            "-d",
            Integer.toString(size),
            "--csv"));
    long before;
    try (Jedis jedis = RedisConnections.open(endpoint)) {
      // redis-benchmark GETs the literal key "key:__rand_int__" (no -r): give it a value.
      byte[] value = RedisClients.value(size, size);
      if (!"OK".equals(jedis.set("key:__rand_int__".getBytes(StandardCharsets.US_ASCII), value))) {
        throw new CorruptTransferException("SET of the benchmark's key failed");
      }
      before = RedisConnections.calls(jedis, "get");
    }
    ServerCpu.Interval server = serverPid < 0 ? null : ServerCpu.start(serverPid, false);
    String output;
    Cost serverCost;
    try {
      output = ToolRuns.runTool(command, scope);
    } finally {
      serverCost = server == null ? Cost.NONE : server.stop();
    }
    double[] csv = ToolRuns.csvRow(output, "GET");
    try (Jedis jedis = RedisConnections.open(endpoint)) {
      long counted = RedisConnections.calls(jedis, "get") - before;
      if (counted != requests) {
        throw new CorruptTransferException(
            "redis-benchmark: the server counted " + counted + " GETs, expected " + requests);
      }
    }
    // CSV columns: rps, avg, min, p50, p95, p99, max latency in ms.
    Tally tally =
        ServerTrial.toolTally(
            requests * size,
            requests,
            requests,
            Math.round(requests / csv[0] * 1e9),
            csv[3] * 1000,
            Double.NaN,
            csv[5] * 1000,
            Double.NaN,
            csv[6] * 1000,
            Affinity.currentCpu());
    return new LoadDriver.Outcome(tally, serverCost, Double.NaN, Double.NaN);
  }

  /**
   * Runs {@code pgbench -S -M prepared -c N -j 2} for {@code plan}'s transactions, at {@code
   * plan.rate()} with {@code --rate} if it is positive (then with its per-transaction log, for the
   * percentiles), and returns its outcome; pgbench reported every transaction processed and none
   * failed.
   */
  static LoadDriver.Outcome pgbench(
      Endpoint endpoint, LoadDriver.Plan plan, long serverPid, Scope scope) throws IOException {
    List<String> command =
        ToolRuns.pgbenchSelect(
            endpoint, plan.clients(), Math.min(2, plan.clients()), plan.requestsPerClient());
    PrivateDirectory logs = null;
    if (plan.openLoop()) {
      logs = PrivateDirectory.create("pgbench");
      command.addAll(
          List.of(
              "--rate",
              String.format(Locale.ROOT, "%.3f", plan.rate()),
              "-l",
              "--log-prefix",
              logs.resolve(LOG_PREFIX).toString()));
    }
    command.add(ManagedServer.DATABASE);
    try {
      // Its backends end when it disconnects: sample them for their context switches.
      ServerCpu.Interval server = serverPid < 0 ? null : ServerCpu.start(serverPid, true);
      String output;
      Cost serverCost;
      try {
        output = ToolRuns.runTool(command, scope);
      } finally {
        serverCost = server == null ? Cost.NONE : server.stop();
      }
      long processed = (long) ToolRuns.number(ToolRuns.PROCESSED, output, "transactions processed");
      Matcher failed = ToolRuns.FAILED.matcher(output);
      if (processed != plan.requests() || (failed.find() && Long.parseLong(failed.group(1)) != 0)) {
        throw new CorruptTransferException(
            "pgbench processed "
                + processed
                + " of "
                + plan.requests()
                + " transactions:\n"
                + output);
      }
      double tps = ToolRuns.number(ToolRuns.TPS, output, "tps");
      long nanos = Math.round(processed / tps * 1e9);
      int cpu = Affinity.currentCpu();
      if (logs == null) {
        double latencyMs = ToolRuns.number(ToolRuns.LATENCY, output, "latency average");
        Tally tally =
            ServerTrial.toolTally(
                0,
                processed,
                processed,
                nanos,
                latencyMs * 1000, // pgbench reports the mean; it stands in for the median here
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                cpu);
        return new LoadDriver.Outcome(tally, serverCost, Double.NaN, Double.NaN);
      }
      Histogram[] read = readLog(logs.path(), processed);
      Histogram latencies = read[0];
      Tally tally =
          ServerTrial.toolTally(
              0,
              processed,
              processed,
              nanos,
              latencies.getValueAtPercentile(50) / 1e3,
              latencies.getValueAtPercentile(90) / 1e3,
              latencies.getValueAtPercentile(99) / 1e3,
              latencies.getValueAtPercentile(99.9) / 1e3,
              latencies.getMaxValue() / 1e3,
              cpu);
      return new LoadDriver.Outcome(
          tally, serverCost, plan.rate(), read[1].getValueAtPercentile(99) / 1e3);
    } finally {
      if (logs != null) {
        logs.close(); // the log files are markers: removed with the directory
      }
    }
  }

  /**
   * Reads pgbench's per-transaction logs ({@code client_id transaction_no time script_no time_epoch
   * time_us schedule_lag}, times in µs) into histograms of the latency from the schedule (ns) and
   * of the schedule lag.
   *
   * @throws CorruptTransferException if the logs do not hold {@code expected} transactions, or a
   *     transaction's time from its schedule is shorter than its lag behind it (then pgbench would
   *     not be measuring from the schedule)
   */
  static Histogram[] readLog(Path directory, long expected) throws IOException {
    Histogram latencies = new Histogram(1, TimeUnit.SECONDS.toNanos(60), 3);
    Histogram lags = new Histogram(1, TimeUnit.SECONDS.toNanos(60), 3);
    long lines = 0;
    List<Path> files;
    try (Stream<Path> list = Files.list(directory)) {
      files = list.filter(p -> p.getFileName().toString().startsWith(LOG_PREFIX)).toList();
    }
    for (Path file : files) {
      for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 7) {
          throw new CorruptTransferException("pgbench's log has a line without a lag: " + line);
        }
        long time = Long.parseLong(f[2]);
        long lag = Long.parseLong(f[6]);
        if (time < lag) {
          throw new CorruptTransferException(
              "pgbench logged a transaction time of "
                  + time
                  + " µs shorter than its schedule lag of "
                  + lag
                  + " µs: its times are not from the schedule");
        }
        latencies.recordValue(
            Math.max(1, Math.min(time * 1000, latencies.getHighestTrackableValue())));
        lags.recordValue(Math.max(1, Math.min(lag * 1000, lags.getHighestTrackableValue())));
        lines++;
      }
    }
    if (lines != expected) {
      throw new CorruptTransferException(
          "pgbench logged " + lines + " transactions, expected " + expected);
    }
    return new Histogram[] {latencies, lags};
  }
}
