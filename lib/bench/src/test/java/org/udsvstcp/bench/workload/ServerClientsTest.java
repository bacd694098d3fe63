package org.udsvstcp.bench.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.udsvstcp.bench.ServerTestSupport;
import org.udsvstcp.bench.server.ManagedServer;
import org.udsvstcp.bench.server.RedisConnections;
import org.udsvstcp.bench.server.ServerKind;
import org.udsvstcp.bench.transport.Transport;
import redis.clients.jedis.Jedis;

/** A real server's client role checks every reply, and reads what the C tools report. */
class ServerClientsTest extends ServerTestSupport {

  @Test
  void aGetThatReturnsOtherBytesFailsTheTrial() throws Exception {
    assumeInstalled(ServerKind.REDIS);
    try (ManagedServer server = ManagedServer.start(ServerKind.REDIS, OptionalInt.empty())) {
      TrialSpec spec = TrialSpec.server(Workload.REDIS_GET, Transport.UDS, 64, 20_000, 1);
      AtomicBoolean stop = new AtomicBoolean();
      // Another client overwrites the value the trial expects back.
      Thread other =
          new Thread(
              () -> {
                try (Jedis jedis = RedisConnections.open(server.endpoint(Transport.TCP))) {
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
                () -> ServerTrial.connect(spec, server.endpoint(Transport.UDS), scope));
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
}
