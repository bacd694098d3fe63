package org.udsvstcp.bench.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * Did conditions drift during a run (the machine's load, or a warm-up still under way)? That is:
 * did trials that ran one after another deviate from their groups' medians together?
 *
 * <p>Each measured trial's deviation is {@code log(value / median of its group)}, a group being one
 * cell of the experiment (workload, transport, size, and TCP_NODELAY, writes per message, placement
 * and isolation where the rows have them). The deviations are put in execution order (the {@code
 * order} column, within each {@code run_id}) and the statistic is their lag-1 correlation: the
 * Pearson correlation of each trial's deviation with the next one's. In an interleaved run the next
 * trial is usually another transport or size, so a positive correlation means slow (or fast) spells
 * that hit whatever was running: the machine's drift, not a transport's. The one-sided p-value is
 * the share of {@value #PERMUTATIONS} shuffles of the same deviations whose lag-1 correlation is at
 * least as high, with a fixed seed so that the same rows always give the same answer.
 *
 * @param trials the measured trials in the series
 * @param lag1 the lag-1 correlation of their deviations, NaN with fewer than {@value #MIN_TRIALS}
 * @param pValue the permutation p-value of a correlation at least that high, NaN when lag1 is
 */
public record Drift(int trials, double lag1, double pValue) {

  /** Fewer measured trials than this give no answer. */
  public static final int MIN_TRIALS = 8;

  /** The number of shuffles behind the p-value. */
  public static final int PERMUTATIONS = 2000;

  /** A p-value below this counts as drift. */
  public static final double SIGNIFICANCE = 0.01;

  private static final List<String> CELL_COLUMNS =
      List.of(
          "workload", "transport", "size", "nodelay", "writes", "depth", "placement", "isolation");

  /** Returns the drift of the metric (e.g. "bytes_per_s") over the measured rows. */
  public static Drift of(Table rows, String metric) {
    return of(rows, metric, Bootstrap.DEFAULT_SEED);
  }

  /** Returns the drift of the metric over the measured rows, shuffling with the given seed. */
  public static Drift of(Table rows, String metric, long seed) {
    Table measured = TrialRows.measured(rows);
    NumericColumn<?> column = TrialRows.metricColumn(measured, metric);
    if (!measured.containsColumn("order")) {
      throw new IllegalArgumentException(
          "no column 'order' in table: drift needs the execution order of the trials");
    }
    double[] deviation = deviations(measured, column);
    List<Integer> series = executionOrder(measured, deviation);
    int n = series.size();
    if (n < MIN_TRIALS) {
      return new Drift(n, Double.NaN, Double.NaN);
    }
    double[] values = new double[n];
    boolean[] continues = new boolean[n];
    for (int i = 0; i < n; i++) {
      values[i] = deviation[series.get(i)];
      continues[i] = i > 0 && sameRun(measured, series.get(i - 1), series.get(i));
    }
    double lag1 = lag1(values, continues);
    if (Double.isNaN(lag1)) {
      return new Drift(n, Double.NaN, Double.NaN);
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[] shuffled = values.clone();
    int atLeast = 0;
    for (int p = 0; p < PERMUTATIONS; p++) {
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        double t = shuffled[i];
        shuffled[i] = shuffled[j];
        shuffled[j] = t;
      }
      if (lag1(shuffled, continues) >= lag1) {
        atLeast++;
      }
    }
    return new Drift(n, lag1, (atLeast + 1.0) / (PERMUTATIONS + 1.0));
  }

  /** Returns true if neighbouring trials deviated together beyond chance (p below 1%). */
  public boolean significant() {
    return !Double.isNaN(pValue) && pValue < SIGNIFICANCE && lag1 > 0;
  }

  /** Returns one sentence that says what the numbers mean. */
  public String describe() {
    if (Double.isNaN(lag1)) {
      return "Too few trials (%d, at least %d) to tell whether conditions drifted during the run."
          .formatted(trials, MIN_TRIALS);
    }
    String numbers = figures();
    return significant()
        ? ("Trials that ran one after another, mostly of other transports or sizes, were slow or"
                + " fast together (%s): conditions drifted during the run (the machine, or a"
                + " warm-up still under way). That part of the spread is not the transports';"
                + " a ratio from paired rounds cancels what hits both members of a pair.")
            .formatted(numbers)
        : ("No sign that neighbouring trials deviated together (%s): the spread is from trial to"
                + " trial.")
            .formatted(numbers);
  }

  /** Returns the figures behind the answer: "lag-1 correlation 0.39 over 80 trials, p < 0.001". */
  public String figures() {
    String p = pValue < 0.001 ? "p < 0.001" : "p = %.3f".formatted(pValue);
    return "lag-1 correlation %.2f over %d trials, %s".formatted(lag1, trials, p);
  }

  /** Returns log(value / group median) per row, NaN where the value is missing or not positive. */
  private static double[] deviations(Table measured, NumericColumn<?> column) {
    List<String> keys = CELL_COLUMNS.stream().filter(measured::containsColumn).toList();
    double[] deviation = new double[measured.rowCount()];
    Arrays.fill(deviation, Double.NaN);
    for (Map.Entry<List<Object>, List<Integer>> group :
        TrialRows.groups(measured, keys).entrySet()) {
      double[] values =
          group.getValue().stream()
              .mapToDouble(r -> TrialRows.value(column, r))
              .filter(v -> v > 0)
              .toArray();
      if (values.length == 0) {
        continue;
      }
      double median = Quantiles.median(values);
      for (int row : group.getValue()) {
        double v = TrialRows.value(column, row);
        if (v > 0) {
          deviation[row] = Math.log(v / median);
        }
      }
    }
    return deviation;
  }

  /** Returns the rows with a deviation, sorted by run and then execution order. */
  private static List<Integer> executionOrder(Table measured, double[] deviation) {
    NumericColumn<?> order = (NumericColumn<?>) measured.column("order");
    List<Integer> rows = new ArrayList<>();
    for (int r = 0; r < measured.rowCount(); r++) {
      if (!Double.isNaN(deviation[r]) && !order.isMissing(r)) {
        rows.add(r);
      }
    }
    Comparator<Integer> byRun = Comparator.comparing(r -> runId(measured, r));
    rows.sort(byRun.thenComparingDouble(r -> order.getDouble(r)));
    return rows;
  }

  private static String runId(Table rows, int row) {
    return rows.containsColumn("run_id") ? rows.column("run_id").getString(row) : "";
  }

  private static boolean sameRun(Table rows, int a, int b) {
    return runId(rows, a).equals(runId(rows, b));
  }

  /** The Pearson correlation of values[i - 1] with values[i] over every i that continues a run. */
  static double lag1(double[] values, boolean[] continues) {
    int pairs = 0;
    double sumX = 0;
    double sumY = 0;
    for (int i = 1; i < values.length; i++) {
      if (continues[i]) {
        pairs++;
        sumX += values[i - 1];
        sumY += values[i];
      }
    }
    if (pairs < 3) {
      return Double.NaN;
    }
    double meanX = sumX / pairs;
    double meanY = sumY / pairs;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 1; i < values.length; i++) {
      if (continues[i]) {
        double dx = values[i - 1] - meanX;
        double dy = values[i] - meanY;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
      }
    }
    return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
  }
}
