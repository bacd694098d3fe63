package org.udsvstcp.bench.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.udsvstcp.bench.SocketTestSupport;
import org.udsvstcp.bench.transport.Transport;

/** Real bytes over every transport for every workload, with the counts checked. */
class WorkloadsTest extends SocketTestSupport {

  @ParameterizedTest
  @EnumSource(Transport.class)
  void streamDeliversWholeMessagesForADuration(Transport transport) {
    assumeAvailable(transport);
    for (int size : new int[] {1, 64, 65536}) {
      TrialResult result = StreamTrial.run(transport, size, Duration.ofMillis(20));
      assertTrue(result.bytes() > 0, result.toString());
      assertEquals(0, result.bytes() % size, result.toString());
      assertEquals(result.bytes() / size, result.messages());
      assertTrue(result.reads() > 0 && result.seconds() >= 0, result.toString());
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void streamWithAByteBudgetDeliversExactlyThoseBytes(Transport transport) {
    assumeAvailable(transport);
    TrialResult result = Trial.run(TrialSpec.streamBytes(transport, 1000, 1_000_000));
    assertEquals(1_000_000, result.bytes());
    assertEquals(1000, result.messages());
    assertTrue(result.bytesPerSecond() > 0);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void pingPongTimesEveryMeasuredRoundTrip(Transport transport) {
    assumeAvailable(transport);
    TrialResult result = PingPongTrial.run(transport, 100, 200);
    assertEquals(200, result.messages());
    assertEquals(2L * 100 * 200, result.bytes());
    assertTrue(result.p50Us() > 0, result.toString());
    assertTrue(result.p50Us() <= result.p90Us() && result.p90Us() <= result.p99Us());
    assertTrue(result.p99Us() <= result.p999Us() && result.p999Us() <= result.maxUs());
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void connectCountsEveryConnection(Transport transport) {
    assumeAvailable(transport);
    TrialResult result = ConnectTrial.run(transport, 32, 40);
    assertEquals(40, result.messages());
    assertEquals(40L * 32, result.bytes());
    assertTrue(result.messagesPerSecond() > 0 && result.p50Us() > 0, result.toString());
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void originalCountsReadsOfHelloThere(Transport transport) {
    assumeAvailable(transport);
    // The original starts its clock before accept(), so leave room for a slow connect under load.
    TrialResult result = OriginalTrial.run(transport, Duration.ofMillis(500));
    assertEquals(12, result.size());
    assertTrue(result.bytes() >= 12, result.toString());
    assertEquals(0, result.bytes() % 12, "only whole messages are sent");
    // Every read delivers 1..32 bytes, plus the final empty read the original also counted.
    assertTrue(result.messages() >= result.bytes() / 32 + 1, result.toString());
    assertTrue(result.messages() <= result.bytes() + 1, result.toString());
  }
}
