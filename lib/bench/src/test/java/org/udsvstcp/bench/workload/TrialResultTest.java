package org.udsvstcp.bench.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.udsvstcp.bench.transport.Transport;

class TrialResultTest {
  private static final double NAN = Double.NaN;

  @Test
  void aPingPongResultTakesTimeCountsAndLatenciesFromTheClient() throws Exception {
    TrialSpec spec = TrialSpec.pingPong(Transport.UDS, 100, 1000);
    long echoed = spec.count() + spec.warmupCount();
    Tally server = Tally.counts(echoed * 100, 0, echoed, echoed, 0, 3);
    Tally client = new Tally(200_000, 200_000, 1000, 1200, 2_000_000_000L, 5, 6, 7, 8, 9, 1);

    TrialResult result = Trial.result(spec, server, client);

    assertEquals(
        new TrialResult(
            Workload.PINGPONG,
            Transport.UDS,
            100,
            2.0,
            200_000,
            1000,
            1200,
            100_000,
            500,
            5,
            6,
            7,
            8,
            9,
            3,
            1),
        result);
  }

  @Test
  void aServerThatMissedMessagesIsNamedByWhatItDid() {
    TrialSpec pingPong = TrialSpec.pingPong(Transport.TCP, 8, 10);
    TrialSpec connect = TrialSpec.connect(Transport.TCP, 8, 10);
    Tally server = Tally.counts(8, 0, 1, 1, 0, -1);
    Tally client = new Tally(80, 80, 10, 10, 1_000, 1, 1, 1, 1, 1, -1);

    var echo =
        assertThrows(CorruptTransferException.class, () -> Trial.result(pingPong, server, client));
    var accept =
        assertThrows(CorruptTransferException.class, () -> Trial.result(connect, server, client));

    assertTrue(
        echo.getMessage().startsWith("server echoed 1 messages, expected "), echo.getMessage());
    assertTrue(
        accept.getMessage().startsWith("server received 1 messages, expected "),
        accept.getMessage());
  }

  @Test
  void aStreamResultIsTimedByTheReceiverWithoutTheFirstRead() throws Exception {
    TrialSpec spec = TrialSpec.stream(Transport.TCP, 1000, Duration.ofSeconds(1));
    Tally receiver = Tally.counts(10_000, 8_000, 10, 4, 500_000_000L, 2);
    Tally sender = Tally.counts(10_000, 10_000, 10, 0, 0, 0);

    TrialResult result = Trial.result(spec, receiver, sender);

    assertEquals(
        new TrialResult(
            Workload.STREAM,
            Transport.TCP,
            1000,
            0.5,
            10_000,
            10,
            4,
            16_000,
            16,
            NAN,
            NAN,
            NAN,
            NAN,
            NAN,
            2,
            0),
        result);
  }

  @Test
  void aStreamThatLostBytesIsCorrupt() {
    TrialSpec spec = TrialSpec.stream(Transport.TCP, 1000, Duration.ofSeconds(1));
    Tally receiver = Tally.counts(9_000, 8_000, 9, 4, 500_000_000L, 2);
    Tally sender = Tally.counts(10_000, 10_000, 10, 0, 0, 0);

    assertThrows(CorruptTransferException.class, () -> Trial.result(spec, receiver, sender));
  }

  @Test
  void anOriginalRunThatReceivedNothingHasNoRates() throws Exception {
    TrialSpec spec = TrialSpec.original(Transport.UDS, Duration.ofMillis(1));
    Tally server = Tally.counts(0, 0, 0, 0, 0, 1);
    Tally client = Tally.counts(0, 0, 1, 1, 0, 0);

    TrialResult result = Trial.result(spec, server, client);

    assertEquals(0.0, result.seconds());
    assertEquals(1, result.messages());
    assertTrue(Double.isNaN(result.bytesPerSecond()), result.toString());
    assertTrue(Double.isNaN(result.messagesPerSecond()), result.toString());
    assertEquals(1, result.serverCpu());
    assertEquals(0, result.clientCpu());
  }
}
