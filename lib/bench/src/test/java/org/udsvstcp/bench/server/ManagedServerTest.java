package org.udsvstcp.bench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.udsvstcp.bench.env.Affinity;
import org.udsvstcp.bench.transport.Transport;
import org.udsvstcp.bench.workload.CorruptTransferException;
import org.udsvstcp.bench.workload.Scope;
import org.udsvstcp.bench.workload.TrialSpec;
import org.udsvstcp.bench.workload.Workload;
import redis.clients.jedis.Jedis;

/** A server the library starts is private, pinned, answers over both families and is stopped. */
class ManagedServerTest extends ServerTestSupport {

  @ParameterizedTest
  @EnumSource(Workload.Server.class)
  void startsPrivatelyPinnedAndLeavesNothingWhenClosed(Workload.Server kind) throws Exception {
    assumeInstalled(kind);
    assumePinning();
    int cpu = Affinity.allowedCpus().get(0);
    Path directory;
    long pid;
    try (ManagedServer server = ManagedServer.start(kind, OptionalInt.of(cpu))) {
      directory = server.directory();
      pid = server.pid();
      assertTrue(alive(pid));
      assertEquals("rwx------", permissions(directory));
      assertTrue(server.pinning().pinned(), server.pinning().description());
      assertEquals(
          Integer.toString(cpu), status(pid, "Cpus_allowed_list"), "the server runs on its CPU");
      assertTrue(Files.exists(server.socketPath()));
      assertNotEquals("unknown", server.version());
      for (Transport transport : new Transport[] {Transport.UDS, Transport.TCP}) {
        if (kind == Workload.Server.REDIS) {
          RedisClients.ping(server.endpoint(transport));
        } else {
          PostgresClients.selectOne(server.endpoint(transport));
        }
      }
      if (kind == Workload.Server.POSTGRESQL && ManagedServer.isRoot()) {
        assertNotEquals(
            "0", status(pid, "Uid").split("\\s+")[0], "PostgreSQL must not run as root");
      }
    }
    assertFalse(alive(pid), "the server still runs after close");
    assertFalse(Files.exists(directory), "its directory is left: " + directory);
    assertEquals(java.util.List.of(), processesUsing(directory));
  }

  @Test
  void aGetThatReturnsOtherBytesFailsTheTrial() throws Exception {
    assumeInstalled(Workload.Server.REDIS);
    try (ManagedServer server = ManagedServer.start(Workload.Server.REDIS, OptionalInt.empty())) {
      TrialSpec spec = TrialSpec.server(Workload.REDIS_GET, Transport.UDS, 64, 20_000, 1);
      AtomicBoolean stop = new AtomicBoolean();
      // Another client overwrites the value the trial expects back.
      Thread other =
          new Thread(
              () -> {
                try (Jedis jedis = RedisClients.open(server.endpoint(Transport.TCP))) {
                  while (!stop.get()) {
                    jedis.set(RedisClients.key(64), new byte[64]);
                  }
                }
              });
      other.start();
      try (Scope scope = new Scope()) {
        CorruptTransferException e =
            assertThrows(
                CorruptTransferException.class,
                () -> ServerClients.run(spec, server.endpoint(Transport.UDS), scope));
        assertTrue(e.getMessage().contains("differ"), e.getMessage());
      } finally {
        stop.set(true);
        other.join();
      }
    }
  }

  @Test
  void redisBenchmarksCsvIsReadAndARateItCouldNotMeasureIsRefused() throws Exception {
    String csv =
        "\"test\",\"rps\",\"avg_latency_ms\",\"min_latency_ms\",\"p50_latency_ms\","
            + "\"p95_latency_ms\",\"p99_latency_ms\",\"max_latency_ms\"\n"
            + "\"PING_INLINE\",\"1000.0\",\"0.1\",\"0.05\",\"0.1\",\"0.2\",\"0.3\",\"0.4\"\n"
            + "\"PING_MBULK\",\"2000.0\",\"0.2\",\"0.06\",\"0.15\",\"0.25\",\"0.35\",\"0.45\"\n";
    double[] row = ToolRuns.csvRow(csv, "PING_MBULK");
    assertEquals(2000.0, row[0]);
    assertEquals(0.15, row[3]);
    CorruptTransferException tooShort =
        assertThrows(
            CorruptTransferException.class,
            () -> ToolRuns.csvRow(csv.replace("\"2000.0\"", "\"inf\""), "PING_MBULK"));
    assertTrue(tooShort.getMessage().contains("millisecond clock"), tooShort.getMessage());
    assertThrows(CorruptTransferException.class, () -> ToolRuns.csvRow("", "GET"));
  }

  private static String permissions(Path directory) throws Exception {
    return java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(directory));
  }

  private static String status(long pid, String field) throws Exception {
    for (String line :
        Files.readAllLines(Path.of("/proc/" + pid + "/status"), StandardCharsets.UTF_8)) {
      if (line.startsWith(field + ":")) {
        return line.substring(field.length() + 1).strip();
      }
    }
    throw new AssertionError(field + " not in /proc/" + pid + "/status");
  }
}
