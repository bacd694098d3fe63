package org.udsvstcp.charts;

import static org.udsvstcp.charts.ChartParts.axis;
import static org.udsvstcp.charts.ChartParts.distinctSorted;
import static org.udsvstcp.charts.ChartParts.finish;
import static org.udsvstcp.charts.ChartParts.horizontalLine;
import static org.udsvstcp.charts.ChartParts.layout;
import static org.udsvstcp.charts.ChartParts.logAxis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.components.TickSettings;
import tech.tablesaw.plotly.traces.BoxTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;

/** Distributions of trial rows: box plots per transport and size, and single runs. */
final class DistributionCharts {
  private DistributionCharts() {}

  /** Builds the figure {@link Charts#boxPlot} describes. */
  static Figure boxPlot(Table trials, String metric) {
    Groups.require(trials, "transport", metric);
    ExtendedFigure.Builder figure = new ExtendedFigure.Builder();
    Palette palette = Palette.forFigure();
    for (Map.Entry<String, int[]> group : Groups.by(trials, List.of("transport")).entrySet()) {
      String transport = group.getKey();
      Object[] x = new Object[group.getValue().length];
      Arrays.fill(x, transport);
      int i =
          figure.add(
              BoxTrace.builder(x, Groups.doubles(trials, metric, group.getValue()))
                  .name(transport)
                  .build());
      boxStyle(figure, palette, i, transport);
    }
    Layout layout =
        layout(
            Labels.of(metric) + " per transport (each dot one trial)",
            axis("transport"),
            axis(Labels.of(metric)),
            false);
    return finish(figure, layout);
  }

  /** Builds the figure {@link Charts#boxPlotBySize} describes. */
  static Figure boxPlotBySize(Table trials, String metric) {
    Groups.require(trials, "transport", "size", metric);
    ExtendedFigure.Builder figure = new ExtendedFigure.Builder();
    Palette palette = Palette.forFigure();
    for (Map.Entry<String, int[]> group : Groups.by(trials, List.of("transport")).entrySet()) {
      int[] rows = group.getValue();
      Object[] x = new Object[rows.length];
      for (int r = 0; r < rows.length; r++) {
        x[r] = Labels.bytes((long) trials.numberColumn("size").getDouble(rows[r]));
      }
      int i =
          figure.add(
              BoxTrace.builder(x, Groups.doubles(trials, metric, rows))
                  .name(group.getKey())
                  .build());
      boxStyle(figure, palette, i, group.getKey());
    }
    List<String> sizes = new ArrayList<>();
    for (double size : distinctSorted(trials, "size")) {
      sizes.add(Labels.bytes((long) size));
    }
    figure.layout("boxmode", "group");
    figure.layout("xaxis.categoryorder", "array");
    figure.layout("xaxis.categoryarray", sizes);
    Layout layout =
        layout(
            Labels.of(metric) + " per message size and transport",
            axis("message size"),
            logAxis(Labels.of(metric) + ", log scale"),
            true);
    return finish(figure, layout);
  }

  /** Builds the figure {@link Charts#perRun} describes. */
  static Figure perRun(Table runs, String metric) {
    Groups.require(runs, "transport", metric);
    ExtendedFigure.Builder figure = new ExtendedFigure.Builder();
    Palette palette = Palette.forFigure();
    List<Object> medians = new ArrayList<>();
    for (Map.Entry<String, int[]> group : Groups.by(runs, List.of("transport")).entrySet()) {
      int[] rows = group.getValue();
      double[] x = new double[rows.length];
      Arrays.setAll(x, r -> r + 1);
      double[] y = Groups.doubles(runs, metric, rows);
      String color = palette.color(group.getKey());
      figure.add(
          ScatterTrace.builder(x, y)
              .mode(ScatterTrace.Mode.LINE_AND_MARKERS)
              .name(group.getKey())
              .line(Line.builder().color(color).width(1).dash(Line.Dash.DOT).build())
              .marker(Marker.builder().color(color).size(9).build())
              .build());
      Map<String, Object> median = new LinkedHashMap<>(horizontalLine(Stats.median(y)));
      median.put("line", Map.of("color", color, "width", 1, "dash", "dash"));
      medians.add(median);
    }
    figure.layout("shapes", medians);
    Axis x =
        Axis.builder().title("run").tickSettings(TickSettings.builder().dTick(1).build()).build();
    Layout layout =
        layout(
            Labels.of(metric) + " of each run (dashed: median per transport)",
            x,
            axis(Labels.of(metric)),
            true);
    return finish(figure, layout);
  }

  private static void boxStyle(
      ExtendedFigure.Builder figure, Palette palette, int trace, String transport) {
    String color = palette.color(transport);
    figure.trace(trace, "marker", Map.of("color", color, "size", 5));
    figure.trace(trace, "line", Map.of("color", color));
    figure.trace(trace, "boxpoints", "all");
    figure.trace(trace, "jitter", 0.4);
    figure.trace(trace, "pointpos", 0);
  }
}
