package org.udsvstcp.charts;

import static org.udsvstcp.charts.ChartParts.axis;
import static org.udsvstcp.charts.ChartParts.countAxis;
import static org.udsvstcp.charts.ChartParts.distinctSorted;
import static org.udsvstcp.charts.ChartParts.errorBars;
import static org.udsvstcp.charts.ChartParts.finish;
import static org.udsvstcp.charts.ChartParts.layout;
import static org.udsvstcp.charts.ChartParts.logAxis;
import static org.udsvstcp.charts.ChartParts.seriesBy;
import static org.udsvstcp.charts.ChartParts.seriesBySize;
import static org.udsvstcp.charts.ChartParts.sizeAxis;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;

/**
 * Summaries (median and its 95% CI): bars per transport, lines against message size; and a value
 * per series against load (clients or offered rate).
 */
final class SummaryCharts {
  private SummaryCharts() {}

  /** Medians further apart than this factor get a log axis. */
  private static final double WIDE_RANGE = 20;

  /** Builds the figure {@link Charts#mediansWithCi} describes. */
  static Figure mediansWithCi(Table summary, String metric) {
    Groups.require(summary, "transport", "median", "ci_low", "ci_high");
    boolean bySize = summary.containsColumn("size") && distinctSorted(summary, "size").size() > 1;
    ExtendedFigure.Builder figure = new ExtendedFigure.Builder();
    Palette palette = Palette.forFigure();
    for (Map.Entry<String, int[]> group : Groups.by(summary, List.of("transport")).entrySet()) {
      int[] rows = group.getValue();
      String transport = group.getKey();
      Object[] x = new Object[rows.length];
      for (int r = 0; r < rows.length; r++) {
        x[r] =
            bySize
                ? Labels.bytes((long) summary.numberColumn("size").getDouble(rows[r]))
                : transport;
      }
      double[] median = Groups.doubles(summary, "median", rows);
      int i =
          figure.add(
              BarTrace.builder(x, median)
                  .name(transport)
                  .marker(Marker.builder().color(palette.color(transport)).build())
                  .build());
      figure.trace(i, "error_y", errorBars(summary, rows, median));
    }
    if (bySize) {
      figure.layout("barmode", "group");
    }
    // Sizes far apart (64 B and 64 KiB differ a hundredfold) would leave the small bars invisible.
    double[] medians = summary.numberColumn("median").asDoubleArray();
    boolean wide =
        Arrays.stream(medians).filter(v -> v > 0).min().orElse(1) * WIDE_RANGE
            < Arrays.stream(medians).max().orElse(1);
    String yTitle = "median " + Labels.of(metric);
    Layout layout =
        layout(
            "median " + Labels.of(metric) + " (whiskers: 95% CI of the median)",
            axis(bySize ? "message size" : "transport"),
            wide ? logAxis(yTitle + ", log scale") : axis(yTitle),
            bySize);
    return finish(figure, layout);
  }

  /** Builds the figure {@link Charts#medianVsSize} describes. */
  static Figure medianVsSize(Table summary, String metric) {
    Groups.require(summary, "transport", "size", "median", "ci_low", "ci_high");
    ExtendedFigure.Builder figure = new ExtendedFigure.Builder();
    Palette palette = Palette.forFigure();
    for (Map.Entry<String, int[]> group : seriesBySize(summary).entrySet()) {
      int[] rows = group.getValue();
      String transport = summary.column("transport").getString(rows[0]);
      String color = palette.color(transport);
      double[] size = Groups.doubles(summary, "size", rows);
      Line invisible = Line.builder().color(color).width(0).build();
      int low =
          figure.add(
              ScatterTrace.builder(size, Groups.doubles(summary, "ci_low", rows))
                  .mode(ScatterTrace.Mode.LINE)
                  .name(group.getKey() + " CI low")
                  .line(invisible)
                  .showLegend(false)
                  .build());
      int high =
          figure.add(
              ScatterTrace.builder(size, Groups.doubles(summary, "ci_high", rows))
                  .mode(ScatterTrace.Mode.LINE)
                  .name(group.getKey() + " CI high")
                  .line(invisible)
                  .fill(ScatterTrace.Fill.TO_NEXT_Y)
                  .fillColor(Palette.translucent(color, 0.25))
                  .showLegend(false)
                  .build());
      int median =
          figure.add(
              ScatterTrace.builder(size, Groups.doubles(summary, "median", rows))
                  .mode(ScatterTrace.Mode.LINE_AND_MARKERS)
                  .name(group.getKey())
                  .line(Line.builder().color(color).width(2).build())
                  .marker(Marker.builder().color(color).size(6).build())
                  .build());
      for (int i : new int[] {low, high, median}) {
        figure.trace(i, "legendgroup", group.getKey());
      }
      figure.trace(low, "hoverinfo", "skip");
      figure.trace(high, "hoverinfo", "skip");
    }
    Layout layout =
        layout(
            "median " + Labels.of(metric) + " by message size (bands: 95% CI)",
            sizeAxis(summary),
            logAxis("median " + Labels.of(metric) + ", log scale"),
            true);
    return finish(figure, layout);
  }

  /** Builds the figure {@link Charts#linesBy} describes. */
  static Figure linesBy(Table table, String x, String y, String title, boolean logY) {
    Groups.require(table, x, y);
    ExtendedFigure.Builder figure = new ExtendedFigure.Builder();
    Palette palette = Palette.forFigure();
    for (Map.Entry<String, int[]> group : seriesBy(table, x).entrySet()) {
      int[] rows = group.getValue();
      String transport =
          table.containsColumn("transport")
              ? table.column("transport").getString(rows[0])
              : group.getKey();
      String color = palette.color(transport);
      boolean tcp = transport.startsWith("tcp");
      figure.add(
          ScatterTrace.builder(Groups.doubles(table, x, rows), Groups.doubles(table, y, rows))
              .mode(ScatterTrace.Mode.LINE_AND_MARKERS)
              .name(group.getKey())
              .line(
                  Line.builder()
                      .color(color)
                      .width(2)
                      .dash(tcp ? Line.Dash.DASH : Line.Dash.SOLID)
                      .build())
              .marker(Marker.builder().color(color).size(7).build())
              .build());
    }
    Axis xAxis = x.equals("clients") ? countAxis(table, x) : logAxis(Labels.of(x) + " (log scale)");
    Axis yAxis = logY ? logAxis(Labels.of(y) + " (log scale)") : axis(Labels.of(y));
    return finish(figure, layout(title, xAxis, yAxis, true));
  }
}
