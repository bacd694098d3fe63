package org.udsvstcp.bench.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.udsvstcp.bench.ServerTestSupport;
import org.udsvstcp.bench.env.TaskCounters;
import org.udsvstcp.bench.server.ManagedServer;
import org.udsvstcp.bench.server.PostgresConnections;
import org.udsvstcp.bench.server.RedisConnections;
import org.udsvstcp.bench.server.ServerKind;
import org.udsvstcp.bench.transport.Transport;
import redis.clients.jedis.Jedis;

/**
 * A server's CPU time from its processes' own counters: a backend that ends within the interval
 * still counts (through its parent's reaped time), and a server that works more costs more.
 */
class ServerCpuTest extends ServerTestSupport {

  @Test
  void aBackendThatEndsWithinTheIntervalIsCounted() throws Exception {
    assumeInstalled(ServerKind.POSTGRESQL);
    assumeTrue(CostMeter.accounting() == Cost.Accounting.THREAD, "no per-task counters");
    try (ManagedServer server = ManagedServer.start(ServerKind.POSTGRESQL, OptionalInt.empty())) {
      ServerCpu.Interval interval = ServerCpu.start(server.pid(), false);
      long backend;
      double backendNs;
      try (Connection connection = PostgresConnections.open(server.endpoint(Transport.UDS));
          Statement statement = connection.createStatement()) {
        try (ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()")) {
          pid.next();
          backend = pid.getLong(1);
        }
        // About half a second of the backend's CPU.
        statement.execute("SELECT count(*) FROM generate_series(1, 5000000)");
        backendNs = TaskCounters.ofProcess(backend).orElseThrow().counters().runNs();
      }
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (alive(backend) && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertTrue(!alive(backend), "the backend ended");
      Cost cost = interval.stop();
      assertEquals(Cost.Accounting.PROCESSES, cost.accounting());
      // The backend's whole life is in it, to a tick per process (10 ms), and the postmaster's
      // fork.
      assertTrue(
          cost.cpuNs() >= backendNs - 20e6,
          "server "
              + cost.cpuNs() / 1e6
              + " ms, its ended backend alone "
              + backendNs / 1e6
              + " ms");
      assertTrue(cost.cpuNs() < backendNs + 500e6, "no more than the work: " + cost.cpuNs() / 1e6);
    }
  }

  @Test
  void aServerThatWorksMoreCostsMore() throws Exception {
    assumeInstalled(ServerKind.REDIS);
    assumeTrue(CostMeter.accounting() == Cost.Accounting.THREAD, "no per-task counters");
    try (ManagedServer server = ManagedServer.start(ServerKind.REDIS, OptionalInt.empty());
        Jedis jedis = RedisConnections.open(server.endpoint(Transport.UDS))) {
      ServerCpu.Interval few = ServerCpu.start(server.pid(), false);
      for (int i = 0; i < 100; i++) {
        jedis.ping();
      }
      Cost little = few.stop();
      ServerCpu.Interval many = ServerCpu.start(server.pid(), true);
      for (int i = 0; i < 10_000; i++) {
        jedis.ping();
      }
      Cost more = many.stop();
      assertTrue(
          more.cpuNs() > 10 * little.cpuNs(),
          "10,000 PINGs cost " + more.cpuNs() + " ns, 100 cost " + little.cpuNs());
      // One blocking wait per PING at least: the server sleeps between requests.
      assertTrue(more.voluntarySwitches() >= 5_000, "switches " + more.voluntarySwitches());
    }
  }
}
