package org.udsvstcp.bench.workload;

import java.io.IOException;
import java.util.function.Consumer;
import org.udsvstcp.bench.transport.Endpoint;
import org.udsvstcp.bench.transport.TransportOptions;

/**
 * A trial against a real server (PostgreSQL, Redis): the server role is the external server the
 * experiment started, so this end only reports its address; the client role is a real client
 * (pgjdbc, Jedis and the pooled or shared clients) or the server's own C tool, which times and
 * verifies every request.
 */
public final class ServerTrial {
  private ServerTrial() {}

  /**
   * The server role: reports the running server's address from {@code options} (its port, its
   * socket path) and returns an empty tally at once.
   */
  static Tally serve(TrialSpec spec, TransportOptions options, Consumer<Endpoint> ready)
      throws IOException {
    if (spec.transport().isUnix() ? options.unixPath() == null : options.port() == 0) {
      throw new IOException(
          spec.workload() + " needs a running " + spec.workload().server().label() + " server");
    }
    ready.accept(
        spec.transport().isUnix()
            ? new Endpoint(spec.transport(), null, 0, options.unixPath(), false)
            : new Endpoint(spec.transport(), options.host(), options.port(), null, true));
    return Tally.counts(0, 0, 0, 0, 0, -1);
  }

  /**
   * The client role: runs the client of {@code spec} (pgjdbc, Jedis, Jedis's pool, Lettuce,
   * HikariCP, pgbench or redis-benchmark) against the server at {@code endpoint}, every reply
   * checked, and returns its tally: measured requests as messages, round trips as reads, their
   * total time.
   */
  static Tally connect(TrialSpec spec, Endpoint endpoint, Scope scope) throws IOException {
    Workload workload = spec.workload();
    if (workload.isTool()) {
      // Many clients or an offered rate: redis-benchmark -c N, pgbench -c N [--rate].
      return workload.concurrent() && spec.depth() == 1
          ? LoadClients.run(spec, endpoint, scope)
          : ToolRuns.run(spec, endpoint, scope);
    }
    // A server with several Java clients: the workload names its client.
    return switch (workload.client()) {
      case "jedis" -> RedisClients.run(spec, endpoint, scope);
      case "pgjdbc" -> PostgresClients.run(spec, endpoint, scope);
      case "jedis-pool", "lettuce", "hikaricp" -> LoadClients.run(spec, endpoint, scope);
      default -> throw new IllegalArgumentException("no client role for " + workload);
    };
  }

  /** Checks that the client made every request and returns requests per second. */
  static TrialResult result(TrialSpec spec, Tally server, Tally client)
      throws CorruptTransferException {
    long expected = spec.requests();
    if (client.messages() != expected || client.nanos() <= 0) {
      throw new CorruptTransferException(
          "client answered " + client.messages() + " requests, expected " + expected);
    }
    double seconds = client.seconds();
    return TrialResult.of(
        spec,
        client,
        client.bytes() / seconds,
        client.messages() / seconds,
        server.cpu(),
        client.cpu());
  }

  /**
   * Returns the tally of a C tool's run from what it reported: requests, round trips, total time
   * and latencies in microseconds (NaN where the tool does not report one).
   */
  static Tally toolTally(
      long bytes,
      long requests,
      long roundTrips,
      long nanos,
      double p50Us,
      double p90Us,
      double p99Us,
      double p999Us,
      double maxUs,
      int cpu) {
    return new Tally(
        bytes, bytes, requests, roundTrips, nanos, p50Us, p90Us, p99Us, p999Us, maxUs, cpu);
  }
}
