package org.udsvstcp.bench.workload;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.udsvstcp.bench.env.Affinity;
import org.udsvstcp.bench.server.Executables;
import org.udsvstcp.bench.server.ManagedServer;
import org.udsvstcp.bench.server.RedisConnections;
import org.udsvstcp.bench.server.ServerUnavailableException;
import org.udsvstcp.bench.transport.Endpoint;
import redis.clients.jedis.Jedis;

/**
 * The servers' own C tools as a client role: {@code redis-benchmark} and {@code pgbench -S}, one
 * client connection like the Java clients, pinned like them (the tool runs under {@code taskset -c}
 * with the client thread's CPU), their reports parsed into the same tally. Neither tool checks its
 * replies, so the server's own counters are: Redis's INFO commandstats must have counted every
 * request, pgbench must report every transaction processed and none failed.
 */
final class ToolRuns {
  static final Pattern TPS = Pattern.compile("(?m)^tps = ([0-9.]+)");
  static final Pattern PROCESSED =
      Pattern.compile("(?m)^number of transactions actually processed: (\\d+)");
  static final Pattern FAILED = Pattern.compile("(?m)^number of failed transactions: (\\d+)");
  static final Pattern LATENCY = Pattern.compile("(?m)^latency average = ([0-9.]+) ms");

  private ToolRuns() {}

  /** Runs the tool of {@code spec} against {@code endpoint} and returns the client's tally. */
  static Tally run(TrialSpec spec, Endpoint endpoint, Scope scope) throws IOException {
    return spec.workload() == Workload.PGBENCH_SELECT
        ? pgbench(spec, endpoint, scope)
        : redisBenchmark(spec, endpoint, scope);
  }

  private static Tally redisBenchmark(TrialSpec spec, Endpoint endpoint, Scope scope)
      throws IOException {
    String test =
        switch (spec.workload()) {
          case REDIS_BENCHMARK_PING -> "ping";
          case REDIS_BENCHMARK_GET -> "get";
          default -> "set";
        };
    List<String> command = new ArrayList<>();
    command.add(tool("redis-benchmark"));
    if (endpoint.transport().isUnix()) {
      command.addAll(List.of("-s", endpoint.path().toString()));
    } else {
      command.addAll(List.of("-h", endpoint.host(), "-p", Integer.toString(endpoint.port())));
    }
    command.addAll(
        List.of(
            "-c",
            "1",
            "-n",
            Long.toString(spec.requests()),
            "-P",
            Integer.toString(spec.depth()),
            "-t",
            test,
            "--csv"));
    if (spec.workload().hasValue()) {
      command.addAll(List.of("-d", Integer.toString(spec.size())));
    }
    long before;
    try (Jedis jedis = RedisConnections.open(endpoint)) {
      if (spec.workload() == Workload.REDIS_BENCHMARK_GET) {
        // redis-benchmark GETs the literal key "key:__rand_int__" (no -r): give it a value.
        byte[] value = RedisClients.value(spec.size(), spec.size());
        if (!"OK"
            .equals(jedis.set("key:__rand_int__".getBytes(StandardCharsets.US_ASCII), value))) {
          throw new CorruptTransferException("SET of the benchmark's key failed");
        }
      }
      before = RedisConnections.calls(jedis, test);
    }
    String output = runTool(command, scope);
    // -t ping runs PING_INLINE and PING_MBULK; Jedis sends multi-bulk, so that one is compared.
    String row =
        spec.workload() == Workload.REDIS_BENCHMARK_PING
            ? "PING_MBULK"
            : test.toUpperCase(Locale.ROOT);
    double[] csv = csvRow(output, row);
    long expected = spec.requests() * (spec.workload() == Workload.REDIS_BENCHMARK_PING ? 2 : 1);
    try (Jedis jedis = RedisConnections.open(endpoint)) {
      long counted = RedisConnections.calls(jedis, test) - before;
      if (counted != expected) {
        throw new CorruptTransferException(
            "redis-benchmark: the server counted "
                + counted
                + " "
                + test
                + " calls, expected "
                + expected);
      }
    }
    double rps = csv[0];
    long nanos = Math.round(spec.requests() / rps * 1e9);
    // CSV columns: rps, avg, min, p50, p95, p99, max latency in ms (per request, as it reports).
    return ServerTrial.toolTally(
        spec.requests() * spec.size(),
        spec.requests(),
        spec.count(),
        nanos,
        csv[3] * 1000,
        Double.NaN,
        csv[5] * 1000,
        Double.NaN,
        csv[6] * 1000,
        Affinity.currentCpu());
  }

  /** Returns rps, avg, min, p50, p95, p99, max from the line of {@code test} in --csv output. */
  static double[] csvRow(String output, String test) throws CorruptTransferException {
    for (String line : output.split("\r?\n|\r")) {
      String[] fields = line.replace("\"", "").split(",");
      if (fields.length >= 8 && fields[0].strip().equals(test)) {
        double[] values = new double[7];
        for (int i = 0; i < 7; i++) {
          String field = fields[i + 1].strip();
          values[i] =
              field.equalsIgnoreCase("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(field);
        }
        if (!(values[0] > 0) || Double.isInfinite(values[0])) {
          // Its clock counts whole milliseconds: a run shorter than one has no rate.
          throw new CorruptTransferException(
              "redis-benchmark reported "
                  + fields[1]
                  + " requests/s: the run was too short for its millisecond clock;"
                  + " give it more round trips");
        }
        return values;
      }
    }
    throw new CorruptTransferException(
        "redis-benchmark printed no " + test + " line; it printed:\n" + output.strip());
  }

  /**
   * Returns the command of pgbench's prepared point select against {@code endpoint} ({@code -S -M
   * prepared -n}, {@code clients} connections on {@code threads} threads, {@code transactions}
   * each, as the benchmark user), without the database, so that options may follow.
   */
  static List<String> pgbenchSelect(Endpoint endpoint, int clients, int threads, int transactions) {
    String host;
    int port;
    if (endpoint.transport().isUnix()) {
      Path socket = endpoint.path();
      host = socket.getParent().toString();
      port = Integer.parseInt(socket.getFileName().toString().replace(".s.PGSQL.", ""));
    } else {
      host = endpoint.host();
      port = endpoint.port();
    }
    List<String> command = new ArrayList<>();
    command.add(tool("pgbench"));
    command.addAll(
        List.of(
            "-S",
            "-M",
            "prepared",
            "-n",
            "-c",
            Integer.toString(clients),
            "-j",
            Integer.toString(threads),
            "-t",
            Integer.toString(transactions),
            "-h",
            host,
            "-p",
            Integer.toString(port),
            "-U",
            ManagedServer.USER));
    return command;
  }

  private static Tally pgbench(TrialSpec spec, Endpoint endpoint, Scope scope) throws IOException {
    List<String> command = pgbenchSelect(endpoint, 1, 1, spec.count());
    command.add(ManagedServer.DATABASE);
    String output = runTool(command, scope);
    long processed = (long) number(PROCESSED, output, "transactions processed");
    Matcher failed = FAILED.matcher(output);
    if (processed != spec.count() || (failed.find() && Long.parseLong(failed.group(1)) != 0)) {
      throw new CorruptTransferException(
          "pgbench processed " + processed + " of " + spec.count() + " transactions:\n" + output);
    }
    double tps = number(TPS, output, "tps");
    double latencyMs = number(LATENCY, output, "latency average");
    return ServerTrial.toolTally(
        0,
        spec.count(),
        spec.count(),
        Math.round(spec.count() / tps * 1e9),
        latencyMs * 1000, // pgbench reports the mean; it stands in for the median here
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Affinity.currentCpu());
  }

  static double number(Pattern pattern, String output, String what)
      throws CorruptTransferException {
    Matcher matcher = pattern.matcher(output);
    if (!matcher.find()) {
      throw new CorruptTransferException("pgbench printed no " + what + "; it printed:\n" + output);
    }
    return Double.parseDouble(matcher.group(1));
  }

  static String tool(String name) {
    return Executables.tool(name)
        .orElseThrow(
            () ->
                new ServerUnavailableException(
                    Executables.missingTool(name).orElse(name + " not found")))
        .toString();
  }

  /**
   * Runs a tool to its end and returns what it printed. It runs under {@code taskset -c} with this
   * thread's CPU when this thread is pinned to one, and under a bash guard that kills it when this
   * JVM's pipe to it closes, so a killed JVM leaves no tool behind.
   */
  static String runTool(List<String> command, Scope scope) throws IOException {
    List<String> argv = new ArrayList<>();
    String cpus = Affinity.currentThreadCpuList();
    Optional<Path> taskset = Affinity.taskset();
    if (cpus.matches("\\d+") && taskset.isPresent()) {
      argv.addAll(List.of(taskset.get().toString(), "-c", cpus));
    }
    argv.addAll(
        List.of(
            Executables.onPath("bash").orElseThrow().toString(),
            "-c",
            // A background job's stdin is /dev/null: the guard reads the pipe through fd 3.
            "exec 3<&0; \"$@\" </dev/null & pid=$!;"
                + " { cat <&3 >/dev/null; kill \"$pid\"; } >/dev/null 2>&1 & guard=$!;"
                + " exec 3<&-;"
                + " wait \"$pid\"; status=$?; kill \"$guard\" 2>/dev/null; exit \"$status\"",
            "uds-vs-tcp-tool"));
    argv.addAll(command);
    Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    // Closing the guard's pipe makes it kill the tool (killing bash alone would orphan the tool).
    Closeable stop =
        () -> {
          process.getOutputStream().close();
          process.destroyForcibly();
        };
    scope.register(stop);
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = process.waitFor();
      if (status != 0) {
        throw new IOException(
            command.get(0) + " exited with status " + status + ":\n" + output.strip());
      }
      return output;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while " + command.get(0) + " ran");
    } finally {
      process.getOutputStream().close(); // ends the guard's cat
      scope.release(stop);
    }
  }
}
