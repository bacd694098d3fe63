package org.udsvstcp.bench.workload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.udsvstcp.bench.SocketTestSupport;
import org.udsvstcp.bench.transport.Transport;

/** The ping-pong client writing each message in several parts. */
class SplitWritesTest extends SocketTestSupport {

  @Test
  void partsDifferByAtMostOneByteLargerOnesFirst() {
    assertArrayEquals(new int[] {64}, PingPongTrial.partEnds(64, 1));
    assertArrayEquals(new int[] {32, 64}, PingPongTrial.partEnds(64, 2));
    assertArrayEquals(new int[] {4, 7, 10}, PingPongTrial.partEnds(10, 3));
    assertArrayEquals(new int[] {1, 2, 3}, PingPongTrial.partEnds(3, 3));
    assertThrows(IllegalArgumentException.class, () -> PingPongTrial.partEnds(3, 4));
    assertThrows(IllegalArgumentException.class, () -> PingPongTrial.partEnds(3, 0));
  }

  @Test
  void aSpecSplitsOnlyPingPongMessagesAndNeverIntoEmptyParts() {
    TrialSpec spec = TrialSpec.pingPong(Transport.TCP, 64, 10);
    assertEquals(1, spec.writesPerMessage());
    assertEquals(2, spec.withWritesPerMessage(2).writesPerMessage());
    assertThrows(IllegalArgumentException.class, () -> spec.withWritesPerMessage(65));
    assertThrows(IllegalArgumentException.class, () -> spec.withWritesPerMessage(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> TrialSpec.stream(Transport.TCP, 64, Duration.ofMillis(1)).withWritesPerMessage(2));
    assertTrue(spec.withWritesPerMessage(2).describe().endsWith("64 B in 2 writes"));
  }

  @Test
  void theWritesSurviveTheTripToAChildProcess() {
    TrialSpec spec = TrialSpec.pingPong(Transport.UDS, 64, 10).withWritesPerMessage(3);
    assertEquals(spec, TrialSpec.decode(spec.encode()));
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"TCP", "UDS"})
  void aMessageInTwoWritesComesBackWhole(Transport transport) {
    assumeAvailable(transport);
    // TCP_NODELAY is on by default, so this is quick; Nagle's stall is the notebook's subject.
    TrialResult result = Trial.run(TrialSpec.pingPong(transport, 64, 50).withWritesPerMessage(2));
    assertEquals(50, result.messages());
    assertEquals(2L * 64 * 50, result.bytes());
    assertTrue(result.p50Us() > 0, result.toString());
  }
}
