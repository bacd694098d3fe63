package org.udsvstcp.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class FindingsTest {

  private static final int[] SIZES = {16, 64, 256, 1024, 4096, 16384, 65536};

  /**
   * A stream sweep of five rounds whose UDS/TCP ratio at each size is {@code ratios[i]}, with a
   * little noise that keeps the CI tight around it.
   */
  private static Table sweep(double... ratios) {
    TrialTable t = TrialTable.of("bytes_per_s");
    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < SIZES.length; i++) {
        double tcp = SIZES[i] * 1e5 * (1 + 0.01 * round);
        double noise = 1 + 0.002 * (round - 2);
        t.add("stream", "tcp", SIZES[i], "measured", round, round, tcp);
        t.add("stream", "uds", SIZES[i], "measured", round, round, tcp * ratios[i] * noise);
      }
    }
    return t.table();
  }

  @Test
  void theRatiosAreOnePerSizeFromPairedRounds() {
    Table ratios = Findings.throughputRatios(sweep(1, 0.8, 1, 1.2, 1.5, 2, 1.9));
    assertEquals(List.of("size", "pairs", "ratio", "ci_low", "ci_high"), ratios.columnNames());
    assertEquals(SIZES.length, ratios.rowCount());
    assertEquals(5, ratios.intColumn("pairs").getInt(0));
    assertEquals(2.0, ratios.doubleColumn("ratio").getDouble(5), 0.01);
  }

  @Test
  void saysWhereUdsWinsAsRangesOfSizesAndItsLargestLead() {
    Table ratios = Findings.throughputRatios(sweep(1, 0.8, 1, 1.2, 1.5, 2, 1.9));
    String wins = Findings.whereUdsWins(ratios);
    assertTrue(
        wins.matches(
            "UDS moved more bytes per second than TCP at 1 KiB to 64 KiB, up to 2\\.00x at 16 KiB"
                + " \\(95% CI 1\\.9\\dx to 2\\.0\\dx\\)\\."),
        wins);
    assertEquals(
        "It did not at 16 B to 256 B: TCP moved more at 64 B; 16 B and 256 B were too"
            + " close to call (their 95% CIs hold 1).",
        Findings.whereItDoesNot(ratios));
  }

  @Test
  void saysSoWhenUdsWinsEverywhereOrNowhere() {
    Table everywhere = Findings.throughputRatios(sweep(1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7));
    assertEquals(
        "It did at every size measured, from 16 B to 64 KiB.", Findings.whereItDoesNot(everywhere));
    Table nowhere = Findings.throughputRatios(sweep(0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 1));
    assertEquals(
        "UDS moved more bytes per second than TCP at no size from 16 B to 64 KiB.",
        Findings.whereUdsWins(nowhere));
    assertEquals(
        "It did not at 16 B to 64 KiB: TCP moved more at 16 B, 64 B, 256 B, 1 KiB, 4 KiB and 16 KiB;"
            + " 64 KiB was too close to call (its 95% CI holds 1).",
        Findings.whereItDoesNot(nowhere));
  }

  @Test
  void refusesASweepWithoutBothTransports() {
    Table tcpOnly = TrialTable.of("bytes_per_s").measured("tcp", 64, 1, 2, 3).table();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Findings.throughputRatios(tcpOnly));
    assertTrue(
        e.getMessage().contains("no measured round with both a uds and a tcp"), e.getMessage());
  }

  /** Ping-pong rows: per round one uds and one tcp trial, with medians and rates as given. */
  private static Table roundTrips(String placement, double udsMicros, double tcpMicros) {
    StringColumn workload = StringColumn.create("workload");
    StringColumn transport = StringColumn.create("transport");
    IntColumn size = IntColumn.create("size");
    StringColumn where = StringColumn.create("placement");
    StringColumn phase = StringColumn.create("phase");
    IntColumn round = IntColumn.create("round");
    DoubleColumn p50 = DoubleColumn.create("p50_us");
    DoubleColumn rate = DoubleColumn.create("messages_per_s");
    for (int r = -1; r < 6; r++) {
      for (String t : List.of("uds", "tcp", "uds-junix")) {
        double micros =
            (t.equals("tcp") ? tcpMicros : udsMicros) * (1 + 0.01 * r) * (r < 0 ? 3 : 1);
        workload.append("pingpong");
        transport.append(t);
        size.append(64);
        where.append(placement);
        phase.append(r < 0 ? "warmup" : "measured");
        round.append(r);
        p50.append(micros);
        rate.append(1e6 / micros);
      }
    }
    return Table.create("round trips", workload, transport, size, where, phase, round, p50, rate);
  }

  @Test
  void saysWhatARoundTripTookOverEachAndWhereTheEndsRan() {
    String text = Findings.roundTrip(roundTrips("same-core", 10, 15));
    assertEquals(
        "A 64 B round trip, both ends pinned to one CPU (same-core), took 10.3 us over UDS and"
            + " 15.4 us over TCP (medians of 6 trials); UDS made 1.50x as many round trips per second"
            + " (95% CI 1.50x to 1.50x).",
        text);
    assertTrue(
        Findings.roundTrip(roundTrips("cross-core", 40, 50)).contains("two CPUs (cross-core)"));
    // equal rates: the interval holds 1, and the sentence says the run cannot tell them apart
    String even = Findings.roundTrip(roundTrips("same-core", 10, 10));
    assertTrue(even.endsWith("), too close to call: the interval holds 1."), even);
  }

  @Test
  void refusesRoundTripsOfMoreThanOnePlacement() {
    Table mixed = roundTrips("same-core", 10, 15).append(roundTrips("cross-core", 40, 50));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Findings.roundTrip(mixed));
    assertTrue(e.getMessage().contains("more than one placement ("), e.getMessage());
  }
}
