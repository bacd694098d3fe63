package org.udsvstcp.charts;

import static org.udsvstcp.charts.ChartParts.axis;
import static org.udsvstcp.charts.ChartParts.distinctSorted;
import static org.udsvstcp.charts.ChartParts.finish;
import static org.udsvstcp.charts.ChartParts.horizontalLine;
import static org.udsvstcp.charts.ChartParts.hoverText;
import static org.udsvstcp.charts.ChartParts.isWarmup;
import static org.udsvstcp.charts.ChartParts.layout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.components.Symbol;
import tech.tablesaw.plotly.traces.ScatterTrace;

/** Trial rows in the order they ran, to show drift and warm-up. */
final class TrialOrderCharts {
  private TrialOrderCharts() {}

  /** Builds the figure {@link Charts#trialOrder} describes. */
  static Figure trialOrder(Table trials, String metric) {
    Groups.require(trials, "transport", metric);
    boolean hasPhase = trials.containsColumn("phase");
    List<String> keys = hasPhase ? List.of("transport", "phase") : List.of("transport");
    ExtendedFigure.Builder figure = new ExtendedFigure.Builder();
    Palette palette = Palette.forFigure();
    for (Map.Entry<String, int[]> group : Groups.by(trials, keys).entrySet()) {
      int[] rows = group.getValue();
      String transport = trials.column("transport").getString(rows[0]);
      boolean warmup = isWarmup(trials, rows[0]);
      double[] x =
          trials.containsColumn("order")
              ? Groups.doubles(trials, "order", rows)
              : Arrays.stream(rows).asDoubleStream().toArray();
      String color = palette.color(transport);
      int i =
          figure.add(
              ScatterTrace.builder(x, Groups.doubles(trials, metric, rows))
                  .mode(ScatterTrace.Mode.MARKERS)
                  .name(warmup ? transport + " (warm-up)" : transport)
                  .marker(
                      Marker.builder()
                          .color(color)
                          .size(warmup ? 9 : 7)
                          .symbol(Symbol.CIRCLE)
                          .build())
                  .text(hoverText(trials, rows))
                  .build());
      figure.trace(i, "legendgroup", transport);
      if (warmup) {
        // tablesaw-jsplot's Symbol enum has no open variants.
        figure.trace(i, "marker.symbol", "circle-open");
      }
    }
    Layout layout =
        layout(
            Labels.of(metric) + " in execution order (open markers: warm-up, discarded)",
            axis("trial order (0 = first trial run)"),
            axis(Labels.of(metric)),
            true);
    return finish(figure, layout);
  }

  /** Marker shapes for message sizes, smallest size first; Plotly adds "-open" for warm-up. */
  private static final List<String> SIZE_SYMBOLS =
      List.of("circle", "square", "diamond", "triangle-up", "triangle-down", "star", "hexagon");

  /** Builds the figure {@link Charts#trialOrderRelative} describes. */
  static Figure trialOrderRelative(Table trials, String metric) {
    Groups.require(trials, "transport", "size", "order", metric);
    boolean hasPhase = trials.containsColumn("phase");
    Map<String, Double> medians = new LinkedHashMap<>();
    for (Map.Entry<String, int[]> group :
        Groups.by(trials, List.of("transport", "size")).entrySet()) {
      int[] measured = Arrays.stream(group.getValue()).filter(r -> !isWarmup(trials, r)).toArray();
      double median = Stats.median(Groups.doubles(trials, metric, measured));
      if (!Double.isNaN(median)) {
        medians.put(group.getKey(), median);
      }
    }
    List<Double> sizes = distinctSorted(trials, "size");
    List<String> keys =
        hasPhase ? List.of("transport", "size", "phase") : List.of("transport", "size");
    // Legend order: transports in the series' order, then sizes ascending, measured before warm-up.
    List<int[]> groups = new ArrayList<>(Groups.by(trials, keys).values());
    List<String> transports =
        groups.stream()
            .map(rows -> trials.column("transport").getString(rows[0]))
            .distinct()
            .toList();
    groups.sort(
        Comparator.comparingInt(
                (int[] rows) -> transports.indexOf(trials.column("transport").getString(rows[0])))
            .thenComparingDouble(rows -> trials.numberColumn("size").getDouble(rows[0]))
            .thenComparing(rows -> isWarmup(trials, rows[0])));
    ExtendedFigure.Builder figure = new ExtendedFigure.Builder();
    Palette palette = Palette.forFigure();
    for (int[] rows : groups) {
      String transport = trials.column("transport").getString(rows[0]);
      double size = trials.numberColumn("size").getDouble(rows[0]);
      Double median = medians.get(transport + " " + trials.column("size").getString(rows[0]));
      if (median == null || median == 0) {
        continue;
      }
      boolean warmup = isWarmup(trials, rows[0]);
      double[] y = Groups.doubles(trials, metric, rows);
      for (int r = 0; r < y.length; r++) {
        y[r] = 100 * y[r] / median;
      }
      String name = transport + " " + Labels.bytes((long) size);
      int i =
          figure.add(
              ScatterTrace.builder(Groups.doubles(trials, "order", rows), y)
                  .mode(ScatterTrace.Mode.MARKERS)
                  .name(warmup ? name + " (warm-up)" : name)
                  .marker(
                      Marker.builder().color(palette.color(transport)).size(warmup ? 9 : 8).build())
                  .text(hoverText(trials, rows))
                  .build());
      String symbol = SIZE_SYMBOLS.get(sizes.indexOf(size) % SIZE_SYMBOLS.size());
      figure.trace(i, "marker.symbol", warmup ? symbol + "-open" : symbol);
      figure.trace(i, "legendgroup", transport);
    }
    figure.layout("shapes", List.of(horizontalLine(100)));
    Layout layout =
        layout(
            Labels.of(metric)
                + " of each trial as % of its group's median, in execution order"
                + " (open markers: warm-up, discarded)",
            axis("trial order (0 = first trial run)"),
            axis("% of the median of its transport and size"),
            true);
    return finish(figure, layout);
  }
}
