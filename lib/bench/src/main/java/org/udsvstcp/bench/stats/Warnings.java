package org.udsvstcp.bench.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * Warnings about a run that say what to do, one check per (transport, size) group of the trial
 * rows.
 *
 * <p>The checks and their thresholds:
 *
 * <ul>
 *   <li>fewer than {@value #MIN_TRIALS} measured trials: the CI is unreliable;
 *   <li>the first measured trial differs from the median of the rest by at least {@value
 *       #FIRST_TRIAL_FACTOR}x: slower means the warm-up was too short, faster means the later
 *       trials drifted;
 *   <li>the last warm-up trial is still {@value #FIRST_TRIAL_FACTOR}x slower than the measured
 *       median: the warm-up was too short;
 *   <li>coefficient of variation above {@value #MAX_CV} (5%): pin the ends or run more trials;
 *   <li>any outliers by MAD (modified z-score above 3.5);
 *   <li>two clusters: some gap between consecutive sorted values is wider than {@value
 *       #CLUSTER_GAP_IQRS} times the larger IQR of the values on either side (each side holding at
 *       least two values) and wider than {@value #MIN_CLUSTER_GAP} (10%) of the median, as when the
 *       scheduler moves the two ends between one core and two;
 *   <li>for the whole run: trials that ran one after another deviating from their groups' medians
 *       together, beyond chance ({@link Drift}): conditions drifted (the machine, or a warm-up).
 *   <li>for the whole run: measured trials where an end had less than {@value #MIN_SPLIT_CPU_NS} ns
 *       of CPU time, too little for the user/system split, which the kernel samples in 10 ms clock
 *       ticks ({@link #costResolution(Table)}).
 * </ul>
 */
public final class Warnings {

  /** Fewer measured trials than this make the bootstrap CI unreliable. */
  public static final int MIN_TRIALS = 5;

  /** A first (or last warm-up) trial this many times off the rest is worth a warning. */
  public static final double FIRST_TRIAL_FACTOR = 1.5;

  /** The coefficient of variation above which a group is too noisy to quote. */
  public static final double MAX_CV = 0.05;

  /** A gap this many IQRs wide splits the values into two clusters. */
  public static final double CLUSTER_GAP_IQRS = 3;

  /** The smallest gap, as a fraction of the median, that counts as a split into clusters. */
  public static final double MIN_CLUSTER_GAP = 0.10;

  /**
   * An end with less CPU time than this (0.2 s) in a trial has a user/system split uncertain by
   * more than 5%: the split comes from 10 ms clock ticks.
   */
  public static final long MIN_SPLIT_CPU_NS = 200_000_000L;

  private Warnings() {}

  /**
   * Returns a warning when measured trials were too short for the user/system split of their cost
   * columns, or none; CPU totals and switch counts are exact at any length.
   */
  public static List<String> costResolution(Table rows) {
    if (!rows.containsColumn("server_cpu_ns") || !rows.containsColumn("client_cpu_ns")) {
      return List.of();
    }
    int measured = 0;
    int short_ = 0;
    int unsplit = 0;
    for (int row = 0; row < rows.rowCount(); row++) {
      if (rows.containsColumn("phase")
          && !TrialRows.MEASURED.equals(rows.stringColumn("phase").get(row))) {
        continue;
      }
      boolean any = false;
      boolean isShort = false;
      boolean isUnsplit = false;
      for (String end : List.of("server", "client")) {
        double cpu = rows.doubleColumn(end + "_cpu_ns").getDouble(row);
        if (Double.isNaN(cpu)) {
          continue;
        }
        any = true;
        isShort |= cpu < MIN_SPLIT_CPU_NS;
        isUnsplit |=
            rows.containsColumn(end + "_system_ns")
                && Double.isNaN(rows.doubleColumn(end + "_system_ns").getDouble(row));
      }
      if (any) {
        measured++;
        short_ += isShort ? 1 : 0;
        unsplit += isUnsplit ? 1 : 0;
      }
    }
    if (short_ == 0) {
      return List.of();
    }
    return List.of(
        ("%d of %d measured trials had an end with under %.1f s of CPU time%s: their user/system"
                + " split, sampled in 10 ms clock ticks, is uncertain by more than 5%%; lengthen the"
                + " trials for it (CPU totals and context switch counts are exact at any length)")
            .formatted(
                short_,
                measured,
                MIN_SPLIT_CPU_NS / 1e9,
                unsplit == 0
                    ? ""
                    : " (" + unsplit + " with fewer than 4 ticks, split left empty)"));
  }

  /**
   * Returns the warnings for the metric (e.g. "bytes_per_s") over the rows, grouped by transport
   * and size (and workload, when the rows hold more than one), in group order; empty when nothing
   * needs attention.
   */
  public static List<String> check(Table rows, String metric) {
    NumericColumn<?> metricColumn = TrialRows.metricColumn(rows, metric);
    List<String> keyColumns = new ArrayList<>();
    for (String name : List.of("workload", "transport", "size")) {
      if (rows.containsColumn(name)) {
        keyColumns.add(name);
      }
    }
    // Server pipelines: each depth is its own group (a depth-16 trial is not an outlier of depth
    // 1).
    if (rows.containsColumn("depth") && rows.column("depth").unique().size() > 1) {
      keyColumns.add("depth");
    }
    // Under load, too: each number of clients and each offered rate is its own group.
    for (String level : List.of("clients", "offered_per_s")) {
      if (rows.containsColumn(level) && rows.column(level).unique().size() > 1) {
        keyColumns.add(level);
      }
    }
    boolean manyWorkloads =
        rows.containsColumn("workload") && rows.column("workload").unique().size() > 1;
    Map<List<Object>, List<Integer>> groups = new TreeMap<>(Warnings::compareKeys);
    groups.putAll(TrialRows.groups(rows, keyColumns));

    List<String> warnings = new ArrayList<>();
    for (Map.Entry<List<Object>, List<Integer>> entry : groups.entrySet()) {
      String label = label(keyColumns, entry.getKey(), manyWorkloads);
      List<Integer> measured = phase(rows, entry.getValue(), TrialRows.MEASURED);
      List<Integer> warmup = phase(rows, entry.getValue(), TrialRows.WARMUP);
      double[] values = TrialRows.values(metricColumn, measured);
      double[] warmupValues = TrialRows.values(metricColumn, warmup);
      checkGroup(metric, label, values, warmupValues, pinned(rows, measured), warnings);
    }
    if (rows.containsColumn("order")) {
      Drift drift = Drift.of(rows, metric);
      if (drift.significant()) {
        warnings.add(
            ("neighbouring trials were slow or fast together (%s): conditions drifted during the"
                    + " run (the machine, or a warm-up still under way); paired ratios cancel what"
                    + " hits both transports of a round, per-group spreads include it")
                .formatted(drift.figures()));
      }
    }
    warnings.addAll(costResolution(rows));
    return warnings;
  }

  /** Returns true if every given row says its two ends were pinned (placement not "scheduler"). */
  private static boolean pinned(Table rows, List<Integer> group) {
    if (!rows.containsColumn("placement") || group.isEmpty()) {
      return false;
    }
    for (int row : group) {
      if ("scheduler".equals(rows.stringColumn("placement").get(row))) {
        return false;
      }
    }
    return true;
  }

  /** Appends the warnings for one group whose values are in trial order. */
  private static void checkGroup(
      String metric,
      String label,
      double[] values,
      double[] warmup,
      boolean pinned,
      List<String> warnings) {
    int n = values.length;
    if (n == 0) {
      return;
    }
    if (n < MIN_TRIALS) {
      warnings.add(
          ("%s: fewer than %d measured trials (%d): the confidence interval is unreliable;"
                  + " run more trials")
              .formatted(label, MIN_TRIALS, n));
    }
    Summary summary = Summary.of(values, Bootstrap.DEFAULT_SEED);
    boolean higherIsBetter = TrialRows.higherIsBetter(metric);

    if (n >= 3) {
      double rest = Quantiles.median(Arrays.copyOfRange(values, 1, n));
      double slowdown = slowdown(values[0], rest, higherIsBetter);
      if (slowdown >= FIRST_TRIAL_FACTOR) {
        warnings.add(
            ("the first measured trial of %s is %s slower than the median of the rest:"
                    + " raise the warm-up")
                .formatted(label, factor(slowdown)));
      } else if (slowdown <= 1 / FIRST_TRIAL_FACTOR) {
        warnings.add(
            ("the first measured trial of %s is %s faster than the median of the rest: the later"
                    + " trials slowed down; look at the trial-order plot for drift or placement"
                    + " flips")
                .formatted(label, factor(1 / slowdown)));
      }
    }
    if (warmup.length > 0) {
      double slowdown = slowdown(warmup[warmup.length - 1], summary.median(), higherIsBetter);
      if (slowdown >= FIRST_TRIAL_FACTOR) {
        warnings.add(
            ("the last warm-up trial of %s is still %s slower than the measured median:"
                    + " raise the warm-up")
                .formatted(label, factor(slowdown)));
      }
    }
    if (summary.cv() > MAX_CV) {
      warnings.add(
          ("%s: coefficient of variation %s (> %s): %s")
              .formatted(
                  label,
                  Units.percent(summary.cv()),
                  Units.percent(MAX_CV),
                  pinned
                      ? "the ends were already pinned; run more or longer trials, on an idle"
                          + " machine"
                      : "pin the two ends (--placement same-core) or run more trials"));
    }
    int outliers = summary.outliers().length;
    if (outliers > 0) {
      warnings.add(
          "%s: %d of %d trials %s by MAD: look at the trial-order plot for drift or placement flips"
              .formatted(label, outliers, n, outliers == 1 ? "is an outlier" : "are outliers"));
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int split = clusterSplit(sorted);
    if (split > 0) {
      double low = Quantiles.ofSorted(Arrays.copyOfRange(sorted, 0, split), 0.5);
      double high = Quantiles.ofSorted(Arrays.copyOfRange(sorted, split, n), 0.5);
      warnings.add(
          ("%s: the trials split into two clusters, %d near %s and %d near %s: %s")
              .formatted(
                  label,
                  split,
                  Units.metric(metric, low),
                  n - split,
                  Units.metric(metric, high),
                  pinned
                      ? "the ends were pinned, so something else changed between trials (other"
                          + " load, the host); see the trial-order plot"
                      : "typical of the scheduler moving the two ends between one core and two;"
                          + " pin them (--placement same-core or cross-core)"));
    }
  }

  /**
   * Returns the index in the sorted values where the widest qualifying gap splits them into two
   * clusters, or -1 when no gap qualifies (see the class comment for the rule).
   */
  static int clusterSplit(double[] sorted) {
    int n = sorted.length;
    double median = Quantiles.ofSorted(sorted, 0.5);
    int best = -1;
    double widest = 0;
    for (int i = 2; i <= n - 2; i++) {
      double gap = sorted[i] - sorted[i - 1];
      double left = iqr(Arrays.copyOfRange(sorted, 0, i));
      double right = iqr(Arrays.copyOfRange(sorted, i, n));
      boolean qualifies =
          gap > CLUSTER_GAP_IQRS * Math.max(left, right)
              && gap > MIN_CLUSTER_GAP * Math.abs(median);
      if (qualifies && gap > widest) {
        widest = gap;
        best = i;
      }
    }
    return best;
  }

  private static double iqr(double[] sorted) {
    return Quantiles.ofSorted(sorted, 0.75) - Quantiles.ofSorted(sorted, 0.25);
  }

  /** Returns how many times worse the value is than the reference (below 1: better). */
  private static double slowdown(double value, double reference, boolean higherIsBetter) {
    return higherIsBetter ? reference / value : value / reference;
  }

  /** Returns a factor like "3.1x", or "300x" once the decimal no longer matters. */
  private static String factor(double value) {
    return String.format(Locale.ROOT, value < 10 ? "%.1fx" : "%.0fx", value);
  }

  /** Returns the rows of the group in the phase, in trial order. */
  private static List<Integer> phase(Table rows, List<Integer> group, String phase) {
    List<Integer> inPhase;
    if (rows.containsColumn("phase")) {
      var column = rows.column("phase");
      inPhase = group.stream().filter(r -> phase.equals(column.getString(r))).toList();
    } else {
      inPhase = phase.equals(TrialRows.MEASURED) ? group : List.of();
    }
    String orderColumn = rows.containsColumn("order") ? "order" : "trial";
    return TrialRows.sortedBy(rows, inPhase, orderColumn);
  }

  private static String label(List<String> keyColumns, List<Object> key, boolean withWorkload) {
    Object transport = value(keyColumns, key, "transport");
    Object size = value(keyColumns, key, "size");
    String text;
    if (transport != null && size != null) {
      text = TrialRows.label(transport, size);
    } else if (transport != null) {
      text = transport.toString();
    } else if (size != null) {
      text = TrialRows.label("", size).substring(1);
    } else {
      text = "all trials";
    }
    Object depth = value(keyColumns, key, "depth");
    if (depth != null) {
      text += " depth " + depth;
    }
    Object clients = value(keyColumns, key, "clients");
    if (clients != null) {
      text += " " + clients + (clients.toString().equals("1") ? " client" : " clients");
    }
    if (value(keyColumns, key, "offered_per_s") instanceof Number offered
        && !Double.isNaN(offered.doubleValue())) {
      text += " offered " + Math.round(offered.doubleValue()) + "/s";
    }
    Object workload = value(keyColumns, key, "workload");
    return withWorkload && workload != null ? workload + " " + text : text;
  }

  private static Object value(List<String> keyColumns, List<Object> key, String column) {
    int i = keyColumns.indexOf(column);
    return i < 0 ? null : key.get(i);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareKeys(List<Object> a, List<Object> b) {
    for (int i = 0; i < a.size(); i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      int c;
      if (x instanceof Number p && y instanceof Number q) {
        c = Double.compare(p.doubleValue(), q.doubleValue());
      } else if (x instanceof Comparable p && y != null && x.getClass() == y.getClass()) {
        c = p.compareTo(y);
      } else {
        c = String.valueOf(x).compareTo(String.valueOf(y));
      }
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
