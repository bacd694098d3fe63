package org.udsvstcp.bench.server;

import java.io.IOException;
import org.udsvstcp.bench.transport.Endpoint;
import org.udsvstcp.bench.workload.Scope;
import org.udsvstcp.bench.workload.Tally;
import org.udsvstcp.bench.workload.TrialSpec;

/** The client role of a server workload: pgjdbc, Jedis, pgbench or redis-benchmark. */
public final class ServerClients {
  private ServerClients() {}

  /**
   * Runs the client of {@code spec} against the server at {@code endpoint}, every reply checked,
   * and returns its tally: measured requests as messages, round trips as reads, their total time.
   */
  public static Tally run(TrialSpec spec, Endpoint endpoint, Scope scope) throws IOException {
    if (spec.workload().concurrent() && spec.depth() == 1) {
      return LoadClients.run(spec, endpoint, scope);
    }
    if (spec.workload().isTool()) {
      return ToolRuns.run(spec, endpoint, scope);
    }
    return switch (spec.workload().server()) {
      case REDIS -> RedisClients.run(spec, endpoint, scope);
      case POSTGRESQL -> PostgresClients.run(spec, endpoint, scope);
    };
  }
}
