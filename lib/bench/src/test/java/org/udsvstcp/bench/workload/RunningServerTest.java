package org.udsvstcp.bench.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.udsvstcp.bench.SocketTestSupport;
import org.udsvstcp.bench.transport.Transport;

class RunningServerTest extends SocketTestSupport {

  @Test
  void theOriginalsServerAndClientRunInSeparateStepsLikeItsCells() throws Exception {
    Tally received;
    Tally sent;
    try (RunningServer server = OriginalTrial.startServer(Transport.UDS, Duration.ofMillis(30))) {
      received = OriginalTrial.client(server.endpoint());
      sent = server.await(Duration.ofSeconds(30));
    }
    assertEquals(sent.bytes(), received.bytes());
    assertEquals(sent.messages() * 12, sent.bytes());
    assertTrue(received.messages() > 1);
    assertTrue(benchThreads().isEmpty(), benchThreads().toString());
  }

  @Test
  void closingAServerNobodyConnectedToStopsIt() {
    RunningServer server = OriginalTrial.startServer(Transport.TCP, Duration.ofSeconds(60));
    server.close();
    assertTrue(benchThreads().isEmpty(), benchThreads().toString());
  }
}
