package org.udsvstcp.charts;

import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * Plotly figures (tablesaw-jsplot) for the series' tables: trial rows, summaries, ratios, costs and
 * latency percentiles. Every chart names its units and colours each transport the same way. This
 * class is the one entry point; each family of charts lives in its own class (distributions, trial
 * order, summaries, ratios, costs, percentiles), and {@code ChartParts} holds what they share.
 */
public final class Charts {

  private Charts() {}

  // Distributions of trials (DistributionCharts).

  /** Returns a box plot of {@code metric} per transport, every trial drawn as a point. */
  public static Figure boxPlot(Table trials, String metric) {
    return DistributionCharts.boxPlot(trials, metric);
  }

  /**
   * Returns box plots of {@code metric} per message size, one box per transport in each size, on a
   * log y axis because sizes span orders of magnitude.
   */
  public static Figure boxPlotBySize(Table trials, String metric) {
    return DistributionCharts.boxPlotBySize(trials, metric);
  }

  /**
   * Returns {@code metric} of each run (x = run number per transport), with a dashed line at each
   * transport's median, to show how far single runs of one method scatter.
   */
  public static Figure perRun(Table runs, String metric) {
    return DistributionCharts.perRun(runs, metric);
  }

  // Trials in execution order (TrialOrderCharts).

  /**
   * Returns {@code metric} against execution order, one colour per transport; warm-up trials (rows
   * whose {@code phase} is "warmup") are open markers, so drift and warm-up effects show.
   */
  public static Figure trialOrder(Table trials, String metric) {
    return TrialOrderCharts.trialOrder(trials, metric);
  }

  /**
   * Returns each trial's {@code metric} as a percentage of the median of its group's measured
   * trials (a group is one transport at one size), against execution order: a colour per transport,
   * a marker shape per size, warm-up trials open. Groups whose values differ by orders of magnitude
   * share one scale this way, so a slow spell that hits every group at once lines up across them,
   * and warm-up trials stand out.
   */
  public static Figure trialOrderRelative(Table trials, String metric) {
    return TrialOrderCharts.trialOrderRelative(trials, metric);
  }

  // Summaries: medians with their CIs (SummaryCharts).

  /**
   * Returns a bar per transport of the median with 95% CI whiskers, from a summary table (columns
   * transport, median, ci_low, ci_high; with several sizes, bars are grouped by size).
   */
  public static Figure mediansWithCi(Table summary, String metric) {
    return SummaryCharts.mediansWithCi(summary, metric);
  }

  /**
   * Returns the median of {@code metric} against message size on log axes, one line per transport
   * with its 95% CI as a shaded band, from a summary table (transport, size, median, ci_low,
   * ci_high).
   */
  public static Figure medianVsSize(Table summary, String metric) {
    return SummaryCharts.medianVsSize(summary, metric);
  }

  /**
   * Returns {@code y} against {@code x} (a count such as "clients", or a rate such as
   * "offered_per_s") on a log x axis, one line per series (the table's string columns, such as
   * client and transport), each transport in its own colour and TCP dashed: throughput against
   * clients, or a latency percentile against offered load.
   */
  public static Figure linesBy(Table table, String x, String y, String title, boolean logY) {
    return SummaryCharts.linesBy(table, x, y, title, logY);
  }

  // Paired ratios (RatioCharts).

  /**
   * Returns the paired ratio against message size with 95% CI whiskers and a dashed line at 1 (no
   * difference), from a ratio table (workload, size, pairs, ratio, ci_low, ci_high; further text
   * columns such as the pair's name split it into more lines).
   */
  public static Figure ratioBySize(Table ratios) {
    return RatioCharts.ratioBy(ratios, "size");
  }

  /**
   * Returns the ratio against {@code x} (a numeric column: "size", or "depth", the requests per
   * round trip of a real server's pipeline) on a log axis, one line per series with 95% CI
   * whiskers, from a ratio table (x, ratio, ci_low, ci_high, and string columns naming series).
   */
  public static Figure ratioBy(Table ratios, String x) {
    return RatioCharts.ratioBy(ratios, x);
  }

  // Costs (CostCharts).

  /**
   * Returns stacked bars of CPU time per message (or per KiB, as {@code unit} names it), one bar
   * per size and transport, grouped by size: server system, server user, client system and client
   * user time, from a table (transport, size, server_system, server_user, client_system,
   * client_user).
   */
  public static Figure costStack(Table costs, String unit) {
    return CostCharts.costStack(costs, unit);
  }

  // Latency percentiles (PercentileCharts).

  /**
   * Returns latency against percentile on a "nines" axis (50%, 90%, 99%, 99.9%, ...), one line per
   * transport, from a table (transport, percentile, latency_us), latency on a log axis; the 100th
   * percentile cannot sit on that axis and is left out.
   */
  public static Figure percentiles(Table latency) {
    return PercentileCharts.percentiles(latency);
  }

  /**
   * Returns stacked bars of time per message by category, one bar per machine, transport and size
   * (grouped by size), from a table (machine, transport, size, category, label, ns_per_message):
   * each category a colour of its own, labelled by {@code label}, in the order they first appear.
   */
  public static Figure categoryStack(Table profile) {
    return CostCharts.categoryStack(profile);
  }
}
