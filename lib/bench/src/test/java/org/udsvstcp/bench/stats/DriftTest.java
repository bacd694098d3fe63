package org.udsvstcp.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class DriftTest {

  private static final String THROUGHPUT = "bytes_per_s";
  private static final List<String> CELLS = List.of("tcp", "uds");

  /**
   * Two transports interleaved (tcp, uds, tcp, ...) for n rounds, uds twice as fast; each trial is
   * scaled by the machine's speed at its position in execution order.
   */
  private static Table interleaved(int rounds, java.util.function.IntToDoubleFunction speed) {
    TrialTable rows = TrialTable.of(THROUGHPUT);
    for (int round = 0; round < rounds; round++) {
      for (int c = 0; c < CELLS.size(); c++) {
        int position = round * CELLS.size() + c;
        double base = c == 0 ? 100e6 : 200e6;
        rows.add(
            "stream",
            CELLS.get(c),
            64,
            "measured",
            round,
            round,
            base * speed.applyAsDouble(position));
      }
    }
    return rows.table();
  }

  private static double noise(SplittableRandom random) {
    return 1 + 0.03 * (2 * random.nextDouble() - 1);
  }

  @Test
  void slowSpellsThatHitWhateverRunsAreDrift() {
    SplittableRandom random = new SplittableRandom(1);
    // Every tenth trial starts a spell of four slow trials, whichever transport runs.
    Table rows = interleaved(20, i -> (i % 10 < 4 ? 0.7 : 1.0) * noise(random));
    Drift drift = Drift.of(rows, THROUGHPUT);
    assertEquals(40, drift.trials());
    assertTrue(drift.lag1() > 0.5, "lag-1 correlation " + drift.lag1());
    assertTrue(drift.pValue() < 0.01, "p " + drift.pValue());
    assertTrue(drift.significant());
    assertTrue(drift.describe().startsWith("Trials that ran one after another"), drift.describe());
    assertTrue(drift.describe().contains("p < 0.001"), drift.describe());
  }

  @Test
  void independentTrialsAreNotDriftAndTheDifferenceBetweenTransportsIsNot() {
    SplittableRandom random = new SplittableRandom(2);
    Drift drift = Drift.of(interleaved(20, i -> noise(random)), THROUGHPUT);
    assertFalse(drift.significant(), drift.toString());
    assertTrue(drift.pValue() > 0.05, drift.toString());
    assertTrue(drift.describe().startsWith("No sign that neighbouring trials"), drift.describe());
  }

  @Test
  void theSameRowsAlwaysGiveTheSamePValue() {
    SplittableRandom random = new SplittableRandom(3);
    Table rows = interleaved(10, i -> noise(random) * (i < 6 ? 0.9 : 1));
    assertEquals(Drift.of(rows, THROUGHPUT), Drift.of(rows, THROUGHPUT));
  }

  @Test
  void warmUpTrialsAreLeftOutAndTooFewTrialsGiveNoAnswer() {
    TrialTable rows = TrialTable.of(THROUGHPUT);
    rows.warmup("tcp", 64, 10, 20, 30, 40, 50, 60, 70, 80).measured("tcp", 64, 1, 2, 3);
    Drift drift = Drift.of(rows.table(), THROUGHPUT);
    assertEquals(3, drift.trials());
    assertTrue(Double.isNaN(drift.lag1()));
    assertFalse(drift.significant());
    assertTrue(
        drift.describe().startsWith("Too few trials (3, at least 8) to tell"), drift.describe());
  }

  @Test
  void pairsDoNotSpanTwoRuns() {
    double[] values = {1, 2, 3, 4, 5, 6};
    boolean[] oneRun = {false, true, true, true, true, true};
    boolean[] twoRuns = {false, true, true, false, true, true};
    assertEquals(1.0, Drift.lag1(values, oneRun), 1e-12);
    // Within each run the pairs are (1,2), (2,3) and (4,5), (5,6): still perfectly correlated.
    assertEquals(1.0, Drift.lag1(values, twoRuns), 1e-12);
    double[] zigzag = {1, 3, 1, 3, 1, 3};
    assertEquals(-1.0, Drift.lag1(zigzag, oneRun), 1e-12);
  }

  @Test
  void aTableWithoutTheExecutionOrderIsAClearError() {
    Table rows = interleaved(5, i -> 1).removeColumns("order");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Drift.of(rows, THROUGHPUT));
    assertTrue(e.getMessage().contains("no column 'order'"), e.getMessage());
  }

  @Test
  void warningsReportDriftOnceForTheWholeRun() {
    SplittableRandom random = new SplittableRandom(4);
    Table rows = interleaved(20, i -> (i % 10 < 4 ? 0.7 : 1.0) * noise(random));
    List<String> warnings = Warnings.check(rows, THROUGHPUT);
    long drift = warnings.stream().filter(w -> w.startsWith("neighbouring trials")).count();
    assertEquals(1, drift, warnings.toString());
    SplittableRandom quiet = new SplittableRandom(5);
    assertTrue(
        Warnings.check(interleaved(20, i -> noise(quiet)), THROUGHPUT).stream()
            .noneMatch(w -> w.startsWith("neighbouring trials")));
  }
}
