package org.udsvstcp.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class RatiosTest {

  @Test
  void aNumeratorTwiceTheDenominatorGivesExactlyTwoWithAZeroWidthCi() {
    double[] denominator = {1.1e9, 0.7e9, 1.3e9, 0.9e9, 1.0e9};
    double[] numerator = new double[denominator.length];
    for (int i = 0; i < numerator.length; i++) {
      numerator[i] = denominator[i] * 2;
    }
    Ratio r = Ratios.of(numerator, denominator, 1);
    assertEquals(new Ratio(5, 2, 2, 2), r);
    assertEquals(0, r.relativeWidth());
  }

  @Test
  void theEstimateIsTheMedianOfPerRoundRatios() {
    // Per-round ratios 1, 2, 3, 4, 5; the ratio of medians (30/10) would hide the pairing.
    Ratio r = Ratios.of(new double[] {10, 20, 30, 40, 50}, new double[] {10, 10, 10, 10, 10}, 1);
    assertEquals(3, r.ratio());
    assertEquals(5, r.pairs());
    assertTrue(r.ciLow() < 3 && 3 < r.ciHigh(), r.toString());
  }

  @Test
  void pairingCancelsDriftThatHitsBothTransportsAlike() {
    // Both sides drift by 4x over the rounds; the per-round ratio stays 1.5.
    double[] tcp = {100, 200, 300, 400};
    double[] uds = {150, 300, 450, 600};
    Ratio r = Ratios.of(uds, tcp, 1);
    assertEquals(1.5, r.ratio(), 1e-12);
    assertEquals(0, r.relativeWidth(), 1e-12);
  }

  @Test
  void relativeWidthIsTheCiWidthOverTheRatio() {
    assertEquals(0.1, new Ratio(10, 2, 1.9, 2.1).relativeWidth(), 1e-12);
  }

  @Test
  void skipsRoundsWithAMissingValue() {
    Ratio r = Ratios.of(new double[] {2, Double.NaN, 6}, new double[] {1, 1, 3}, 1);
    assertEquals(2, r.pairs());
    assertEquals(2, r.ratio());
  }

  @Test
  void rejectsArraysOfDifferentLength() {
    assertThrows(
        IllegalArgumentException.class, () -> Ratios.of(new double[] {1}, new double[] {1, 2}, 1));
  }

  @Test
  void pairsTableRowsOfTheSameRoundAndSkipsUnpairedRoundsAndWarmUp() {
    TrialTable rows = TrialTable.of("bytes_per_s");
    // Warm-up rows have a ratio of 10: they must not move the estimate.
    rows.warmup("tcp", 64, 10).warmup("uds", 64, 100);
    rows.measured("tcp", 64, 100, 110, 90, 105);
    rows.measured("uds", 64, 200, 220, 180, 210, 999); // round 4 has no tcp partner
    rows.measured("tcp", 65536, 1000, 1200, 1100);
    rows.measured("uds", 65536, 1500, 1800, 1650);
    rows.measured("tcp-classic", 64, 1, 1, 1, 1); // neither side of this ratio

    Table ratios = Ratios.paired(rows.table(), "bytes_per_s", "uds", "tcp");

    assertEquals("uds/tcp bytes_per_s", ratios.name());
    assertEquals(
        List.of(
            "workload",
            "size",
            "pairs",
            "ratio",
            "ci_low",
            "ci_high",
            "numerator",
            "denominator",
            "metric"),
        ratios.columnNames());
    assertEquals(2, ratios.rowCount());
    assertEquals(64, ratios.intColumn("size").get(0));
    assertEquals(4, ratios.intColumn("pairs").get(0));
    assertEquals(2, ratios.doubleColumn("ratio").get(0), 1e-12);
    assertEquals(2, ratios.doubleColumn("ci_low").get(0), 1e-12);
    assertEquals(2, ratios.doubleColumn("ci_high").get(0), 1e-12);
    assertEquals(65536, ratios.intColumn("size").get(1));
    assertEquals(3, ratios.intColumn("pairs").get(1));
    assertEquals(1.5, ratios.doubleColumn("ratio").get(1), 1e-12);
  }

  @Test
  void keepsRunsApartWhenTheirRoundNumbersCoincide() {
    TrialTable rows = TrialTable.of("bytes_per_s").measured("tcp", 64, 100, 100);
    Table first = rows.table();
    Table second = TrialTable.of("bytes_per_s").measured("uds", 64, 300, 300).table();
    second.stringColumn("run_id").set(0, "run-2").set(1, "run-2");
    Table ratios = Ratios.paired(first.append(second), "bytes_per_s", "uds", "tcp");
    assertEquals(0, ratios.rowCount());
  }

  @Test
  void refusesToPairTwoTrialsOfOneTransportInTheSameRound() {
    // e.g. TCP with and without TCP_NODELAY in one round: pairing must not drop one silently.
    Table once =
        TrialTable.of("bytes_per_s").measured("tcp", 64, 100).measured("uds", 64, 200).table();
    Table twice = once.append(TrialTable.of("bytes_per_s").measured("tcp", 64, 50).table());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Ratios.paired(twice, "bytes_per_s", "uds", "tcp"));
    assertTrue(e.getMessage().contains("more than one tcp trial in round"), e.getMessage());
  }
}
