package org.udsvstcp.bench.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.udsvstcp.bench.ServerTestSupport;
import org.udsvstcp.bench.server.ManagedServer;
import org.udsvstcp.bench.server.RedisConnections;
import org.udsvstcp.bench.server.ServerKind;
import org.udsvstcp.bench.transport.Transport;

/**
 * The pooled and shared Java clients (Jedis's pool, Lettuce, HikariCP over pgjdbc) and the C tools
 * with many clients, over both families against real servers: every reply checked, at one and at
 * several clients, in a closed loop and at a fixed rate, with the server's and the clients' cost.
 */
class LoadClientsTest extends ServerTestSupport {
  private static final Map<ServerKind, ManagedServer> SERVERS = new EnumMap<>(ServerKind.class);

  private static ManagedServer server(ServerKind kind) {
    assumeInstalled(kind);
    return SERVERS.computeIfAbsent(kind, k -> ManagedServer.start(k, OptionalInt.empty()));
  }

  @AfterAll
  static void stopServers() {
    SERVERS.values().forEach(ManagedServer::close);
    SERVERS.clear();
  }

  static Stream<Arguments> clientsOverBothFamilies() {
    return Stream.of(LoadClients.Kind.values())
        .flatMap(
            kind ->
                Stream.of(Transport.TCP, Transport.UDS)
                    .flatMap(t -> Stream.of(1, 4).map(n -> Arguments.of(kind, t, n))));
  }

  @ParameterizedTest(name = "{0} over {1}, {2} clients")
  @MethodSource("clientsOverBothFamilies")
  void eachJavaClientAnswersEveryRequestWithTheServersCost(
      LoadClients.Kind kind, Transport transport, int clients) throws Exception {
    ManagedServer server = server(kind.server());
    LoadDriver.Plan plan = new LoadDriver.Plan(clients, 300, 30, 0, 1);
    LoadDriver.Outcome outcome;
    try (Scope scope = new Scope()) {
      outcome = LoadClients.run(kind, server.endpoint(transport), 64, plan, server.pid(), scope);
    }
    assertEquals(plan.requests(), outcome.client().messages());
    assertTrue(outcome.achievedPerSecond() > 0);
    assertTrue(
        outcome.client().p50Us() > 0 && outcome.client().p99Us() >= outcome.client().p50Us());
    assertMeasured(outcome, clients);
  }

  @ParameterizedTest(name = "{0} at a fixed rate")
  @MethodSource("kinds")
  void eachJavaClientKeepsAFixedRateOverBothFamilies(LoadClients.Kind kind) throws Exception {
    ManagedServer server = server(kind.server());
    for (Transport transport : List.of(Transport.TCP, Transport.UDS)) {
      // 1200 requests at 1000/s: 1.2 s, far below what either server answers.
      LoadDriver.Plan plan = new LoadDriver.Plan(4, 300, 100, 1000, 5);
      LoadDriver.Outcome outcome;
      try (Scope scope = new Scope()) {
        outcome = LoadClients.run(kind, server.endpoint(transport), 64, plan, server.pid(), scope);
      }
      assertEquals(1200, outcome.client().messages());
      assertEquals(1000, outcome.offeredPerSecond());
      String what =
          kind
              + " "
              + transport
              + ": "
              + outcome.describeRate()
              + ", p99 send lag "
              + outcome.sendLagP99Us()
              + " µs";
      // An open loop sends on schedule, not as fast as replies come: 1200 requests at 1000/s take
      // at least the schedule's 1.2 s (a closed loop answers them in a fraction of that). Whether
      // a loaded machine kept the rate is the driver's to say (LoadDriverTest checks that it does).
      assertTrue(outcome.client().seconds() >= 1.15, what);
      assertTrue(outcome.achievedPerSecond() <= 1000 * 1.05, what);
      assertTrue(outcome.client().p999Us() >= outcome.client().p99Us());
    }
  }

  static Stream<LoadClients.Kind> kinds() {
    return Stream.of(LoadClients.Kind.values());
  }

  @Test
  void lettuceReachesTheUnixSocketThroughNettysEpollTransport() {
    assertEquals("epoll", LoadClients.lettuceTransport());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("redisKinds")
  void aWrongReplyFailsTheRun(LoadClients.Kind kind) throws Exception {
    ManagedServer server = server(ServerKind.REDIS);
    // Other bytes under the key once the warm-up is over: every measured GET must fail its check.
    LoadDriver.Edges overwrite =
        new LoadDriver.Edges() {
          @Override
          public void start() {
            try (redis.clients.jedis.Jedis jedis =
                RedisConnections.open(server.endpoint(Transport.TCP))) {
              jedis.set(RedisClients.key(64), new byte[64]);
            }
          }

          @Override
          public Cost end() {
            return Cost.NONE;
          }
        };
    try (Scope scope = new Scope()) {
      TrialFailedException failed =
          assertThrows(
              TrialFailedException.class,
              () ->
                  LoadClients.run(
                      kind,
                      server.endpoint(Transport.UDS),
                      64,
                      new LoadDriver.Plan(2, 200, 10, 0, 1),
                      overwrite,
                      scope));
      assertTrue(failed.getMessage().contains("differ"), failed.getMessage());
    }
  }

  static Stream<LoadClients.Kind> redisKinds() {
    return Stream.of(LoadClients.Kind.JEDIS_POOL, LoadClients.Kind.LETTUCE);
  }

  @ParameterizedTest(name = "redis-benchmark and pgbench over {0}")
  @MethodSource("families")
  void theCToolsRunWithManyClientsAndTheServersCost(Transport transport) throws Exception {
    LoadDriver.Plan plan = new LoadDriver.Plan(4, 500, 0, 0, 1);
    for (Workload tool : List.of(Workload.REDIS_BENCHMARK_GET, Workload.PGBENCH_SELECT)) {
      assumeInstalled(tool);
      ManagedServer server = server(tool.server());
      LoadDriver.Outcome outcome;
      try (Scope scope = new Scope()) {
        outcome =
            tool == Workload.PGBENCH_SELECT
                ? LoadTools.pgbench(server.endpoint(transport), plan, server.pid(), scope)
                : LoadTools.redisBenchmark(
                    server.endpoint(transport), 64, plan, server.pid(), scope);
      }
      assertEquals(2000, outcome.client().messages(), tool.label());
      assertTrue(outcome.achievedPerSecond() > 0);
      if (CostMeter.accounting() == Cost.Accounting.THREAD) {
        assertEquals(Cost.Accounting.PROCESSES, outcome.server().accounting());
        assertTrue(outcome.server().cpuNs() > 0, tool + ": the server's cost");
        assertTrue(outcome.server().voluntarySwitches() > 0, tool + ": the server's switches");
      }
    }
  }

  static Stream<Transport> families() {
    return Stream.of(Transport.TCP, Transport.UDS);
  }

  @Test
  void pgbenchKeepsAFixedRateAndMeasuresFromTheSchedule() throws Exception {
    assumeInstalled(Workload.PGBENCH_SELECT);
    ManagedServer server = server(ServerKind.POSTGRESQL);
    LoadDriver.Plan plan = new LoadDriver.Plan(4, 300, 0, 2000, 1);
    LoadDriver.Outcome outcome;
    try (Scope scope = new Scope()) {
      outcome = LoadTools.pgbench(server.endpoint(Transport.UDS), plan, server.pid(), scope);
    }
    assertEquals(1200, outcome.client().messages());
    assertTrue(outcome.keptRate(), outcome.describeRate());
    assertTrue(outcome.client().p99Us() >= outcome.client().p50Us());
    assertTrue(outcome.client().p50Us() > 0, "percentiles from its per-transaction log");
    assertTrue(outcome.sendLagP99Us() >= 0);
  }

  @Test
  void redisBenchmarkHasNoFixedRate() {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                LoadTools.redisBenchmark(
                    null, 64, new LoadDriver.Plan(1, 10, 0, 100, 1), -1, new Scope()));
    assertTrue(refused.getMessage().contains("no fixed-rate mode"));
  }

  @Test
  void aLogWhoseTimesAreNotFromTheScheduleIsRefused() throws Exception {
    Path dir = scratch;
    Files.writeString(dir.resolve(".uds-vs-tcp-pgbench-log.1"), "0 0 120 0 1700000000 1 50\n");
    assertEquals(1, LoadTools.readLog(dir, 1)[0].getTotalCount());
    Files.writeString(dir.resolve(".uds-vs-tcp-pgbench-log.1"), "0 0 40 0 1700000000 1 50\n");
    assertThrows(
        org.udsvstcp.bench.workload.CorruptTransferException.class,
        () -> LoadTools.readLog(dir, 1));
    assertThrows(
        org.udsvstcp.bench.workload.CorruptTransferException.class,
        () -> LoadTools.readLog(dir, 2));
  }

  private static void assertMeasured(LoadDriver.Outcome outcome, int clients) {
    if (CostMeter.accounting() != Cost.Accounting.THREAD) {
      return;
    }
    Cost server = outcome.server();
    assertEquals(Cost.Accounting.PROCESSES, server.accounting());
    assertTrue(server.cpuNs() > 0, "the server's CPU time");
    assertTrue(server.voluntarySwitches() + server.involuntarySwitches() > 0);
    Cost client = outcome.client().cost();
    assertEquals(Cost.Accounting.THREAD, client.accounting(), clients + " clients");
    assertTrue(client.cpuNs() > 0, "the clients' CPU time");
  }
}
