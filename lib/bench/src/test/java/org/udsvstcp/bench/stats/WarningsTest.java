package org.udsvstcp.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class WarningsTest {

  private static final String THROUGHPUT = "bytes_per_s";

  /** Returns n values within 0.5% of the centre, as an idle, pinned run gives. */
  private static double[] steady(double centre, int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = centre * (1 + 0.005 * (2 * random.nextDouble() - 1));
    }
    return v;
  }

  private static List<String> warnings(String metric, String transport, double... values) {
    return Warnings.check(TrialTable.of(metric).measured(transport, 64, values).table(), metric);
  }

  private static void assertHas(List<String> warnings, String expected) {
    assertTrue(warnings.contains(expected), "expected\n  " + expected + "\nin\n  " + warnings);
  }

  @Test
  void aCleanRunHasNoWarnings() {
    TrialTable rows = TrialTable.of(THROUGHPUT);
    rows.warmup("tcp", 64, steady(300e6, 2, 1)).measured("tcp", 64, steady(300e6, 10, 2));
    rows.warmup("uds", 64, steady(550e6, 2, 3)).measured("uds", 64, steady(550e6, 10, 4));
    rows.warmup("tcp", 65536, steady(4e9, 2, 5)).measured("tcp", 65536, steady(4e9, 10, 6));
    rows.warmup("uds", 65536, steady(9e9, 2, 7)).measured("uds", 65536, steady(9e9, 10, 8));
    assertEquals(List.of(), Warnings.check(rows.table(), THROUGHPUT));
  }

  @Test
  void aSlowFirstTrialAsksForMoreWarmUp() {
    assertHas(
        warnings(THROUGHPUT, "tcp", 50, 100, 101, 99, 100, 100, 102, 98),
        "the first measured trial of tcp/64 B is 2.0x slower than the median of the rest:"
            + " raise the warm-up");
  }

  @Test
  void aSlowFirstTrialOfALatencyIsAHighValue() {
    assertHas(
        warnings("p50_us", "uds", 31, 10, 10.1, 9.9, 10, 10.2, 9.8),
        "the first measured trial of uds/64 B is 3.1x slower than the median of the rest:"
            + " raise the warm-up");
  }

  @Test
  void aFastFirstTrialPointsAtDrift() {
    assertHas(
        warnings(THROUGHPUT, "tcp", 200, 100, 101, 99, 100, 100),
        "the first measured trial of tcp/64 B is 2.0x faster than the median of the rest: the"
            + " later trials slowed down; look at the trial-order plot for drift or placement"
            + " flips");
  }

  @Test
  void aWarmUpThatEndsSlowAsksForMoreWarmUp() {
    Table rows =
        TrialTable.of(THROUGHPUT)
            .warmup("tcp", 64, 20, 60)
            .measured("tcp", 64, steady(100, 8, 1))
            .table();
    List<String> warnings = Warnings.check(rows, THROUGHPUT);
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(
        warnings
            .get(0)
            .matches(
                "the last warm-up trial of tcp/64 B is still 1\\.[67]x slower than the measured"
                    + " median: raise the warm-up"),
        warnings.get(0));
  }

  @Test
  void aWarmUpThatCaughtUpIsNotAWarning() {
    Table rows =
        TrialTable.of(THROUGHPUT)
            .warmup("tcp", 64, 20, 99.8)
            .measured("tcp", 64, steady(100, 8, 1))
            .table();
    assertEquals(List.of(), Warnings.check(rows, THROUGHPUT));
  }

  @Test
  void aHighCoefficientOfVariationAsksForPinningOrMoreTrials() {
    // mean 100, sample stdev sqrt(250) = 15.8.
    assertEquals(
        List.of(
            "tcp/64 B: coefficient of variation 15.8% (> 5%): pin the two ends"
                + " (--placement same-core) or run more trials"),
        warnings(THROUGHPUT, "tcp", 80, 90, 100, 110, 120));
  }

  @Test
  void aHighCoefficientOfVariationOfPinnedTrialsAsksForMoreTrialsNotPinning() {
    Table rows = TrialTable.of(THROUGHPUT).measured("tcp", 64, 80, 90, 100, 110, 120).table();
    rows.addColumns(
        StringColumn.create(
            "placement", java.util.Collections.nCopies(rows.rowCount(), "same-core")));
    assertEquals(
        List.of(
            "tcp/64 B: coefficient of variation 15.8% (> 5%): the ends were already pinned; run"
                + " more or longer trials, on an idle machine"),
        Warnings.check(rows, THROUGHPUT));
  }

  @Test
  void oneOutlierIsCountedAndPointsAtTheTrialOrderPlot() {
    assertHas(
        warnings(THROUGHPUT, "uds", 100, 101, 99, 100, 102, 98, 100, 101, 99, 130),
        "uds/64 B: 1 of 10 trials is an outlier by MAD: look at the trial-order plot for drift or"
            + " placement flips");
  }

  @Test
  void twoOutliersAreCountedInThePlural() {
    assertHas(
        warnings(THROUGHPUT, "uds", 100, 70, 101, 99, 100, 102, 98, 100, 130, 99),
        "uds/64 B: 2 of 10 trials are outliers by MAD: look at the trial-order plot for drift or"
            + " placement flips");
  }

  @Test
  void fewerThanFiveTrialsMakeTheCiUnreliable() {
    assertEquals(
        List.of(
            "tcp/64 B: fewer than 5 measured trials (3): the confidence interval is unreliable;"
                + " run more trials"),
        warnings(THROUGHPUT, "tcp", 100, 100, 101));
  }

  @Test
  void twoClustersFarApartSuggestAPlacementFlip() {
    double[] values = {1.2e9, 0.65e9, 1.21e9, 0.66e9, 1.19e9, 0.64e9, 1.2e9, 0.65e9, 1.2e9, 0.65e9};
    assertHas(
        warnings(THROUGHPUT, "tcp", values),
        "tcp/64 B: the trials split into two clusters, 5 near 650 MB/s and 5 near 1.20 GB/s:"
            + " typical of the scheduler moving the two ends between one core and two; pin them"
            + " (--placement same-core or cross-core)");
  }

  @Test
  void eachOfferedRateAndNumberOfClientsIsItsOwnGroup() {
    // Two open loops at 19,300/s and 34,800/s: two levels, not two clusters of one group.
    double[] values = {
      19.2e3, 34.5e3, 19.3e3, 34.4e3, 19.2e3, 34.6e3, 19.3e3, 34.5e3, 19.2e3, 34.4e3
    };
    Table rows = TrialTable.of(THROUGHPUT).measured("tcp", 64, values).table();
    DoubleColumn offered = DoubleColumn.create("offered_per_s");
    IntColumn clients = IntColumn.create("clients");
    for (int i = 0; i < values.length; i++) {
      offered.append(i % 2 == 0 ? 19300 : 34800);
      clients.append(8);
    }
    rows.addColumns(offered, clients);
    List<String> warnings = Warnings.check(rows, THROUGHPUT);
    assertTrue(warnings.stream().noneMatch(w -> w.contains("two clusters")), warnings.toString());
    for (int i = 0; i < values.length; i++) {
      clients.set(i, i % 2 == 0 ? 1 : 8);
    }
    rows.removeColumns("offered_per_s");
    assertTrue(
        Warnings.check(rows, THROUGHPUT).stream().noneMatch(w -> w.contains("two clusters")));
    Table spread = TrialTable.of(THROUGHPUT).measured("tcp", 64, 100, 180, 100, 180, 100).table();
    spread.addColumns(
        IntColumn.create("clients", new int[] {1, 1, 1, 1, 1}),
        IntColumn.create("depth", new int[] {1, 1, 1, 1, 1}));
    // one level only: the groups and their labels are as before, and two clusters within it show
    List<String> one = Warnings.check(spread, THROUGHPUT);
    assertTrue(
        one.stream().anyMatch(w -> w.startsWith("tcp/64 B: the trials split into two clusters")),
        one.toString());
  }

  @Test
  void anEvenSpreadOrASteadyDriftIsNotTwoClusters() {
    assertEquals(-1, Warnings.clusterSplit(new double[] {80, 90, 100, 110, 120}));
    assertEquals(-1, Warnings.clusterSplit(new double[] {100, 102, 104, 106, 108, 110, 112}));
    double[] steady = steady(100, 30, 9);
    java.util.Arrays.sort(steady);
    assertEquals(-1, Warnings.clusterSplit(steady));
  }

  @Test
  void groupsAreCheckedSeparatelyAndLabelledByTransportAndSize() {
    Table rows =
        TrialTable.of(THROUGHPUT)
            // Spread out, but in no trend (a trend in execution order would be drift).
            .measured("uds", 65536, 100, 80, 120, 90, 110)
            .measured("tcp", 64, steady(100, 6, 1))
            .table();
    List<String> warnings = Warnings.check(rows, THROUGHPUT);
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith("uds/64 KiB: coefficient of variation"), warnings.get(0));
  }

  @Test
  void namesTheWorkloadWhenTheRowsHoldSeveral() {
    TrialTable rows = TrialTable.of(THROUGHPUT);
    for (int i = 0; i < 3; i++) {
      rows.add("pingpong", "tcp", 64, "measured", i, i, 100);
    }
    List<String> warnings =
        Warnings.check(rows.measured("tcp", 64, steady(1, 6, 2)).table(), THROUGHPUT);
    assertEquals(
        List.of(
            "pingpong tcp/64 B: fewer than 5 measured trials (3): the confidence interval is"
                + " unreliable; run more trials"),
        warnings);
  }

  @Test
  void trialsWithLittleCpuTimePerEndAreTooShortForTheUserSystemSplit() {
    tech.tablesaw.api.Table rows =
        tech.tablesaw.api.Table.create(
            "rows",
            tech.tablesaw.api.StringColumn.create("phase", "measured", "measured", "warmup"),
            tech.tablesaw.api.DoubleColumn.create("server_cpu_ns", 5e8, 1e8, 1e6),
            tech.tablesaw.api.DoubleColumn.create("client_cpu_ns", 5e8, 5e8, 1e6),
            tech.tablesaw.api.DoubleColumn.create("server_system_ns", 4e8, Double.NaN, 1e6),
            tech.tablesaw.api.DoubleColumn.create("client_system_ns", 4e8, 4e8, 1e6));
    List<String> warnings = Warnings.costResolution(rows);
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith("1 of 2 measured trials had an end with under 0.2 s"));
    assertTrue(warnings.get(0).contains("(1 with fewer than 4 ticks, split left empty)"));
    rows.doubleColumn("server_cpu_ns").set(1, 3e8);
    assertTrue(Warnings.costResolution(rows).isEmpty());
    assertTrue(Warnings.costResolution(rows.removeColumns("client_cpu_ns")).isEmpty());
  }
}
