package org.udsvstcp.charts;

import static org.udsvstcp.charts.ChartParts.axis;
import static org.udsvstcp.charts.ChartParts.countAxis;
import static org.udsvstcp.charts.ChartParts.errorBars;
import static org.udsvstcp.charts.ChartParts.finish;
import static org.udsvstcp.charts.ChartParts.horizontalLine;
import static org.udsvstcp.charts.ChartParts.layout;
import static org.udsvstcp.charts.ChartParts.seriesBy;
import static org.udsvstcp.charts.ChartParts.sizeAxis;

import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.ScatterTrace;

/** Paired UDS/TCP ratios with their 95% CIs against size or requests per round trip. */
final class RatioCharts {
  private RatioCharts() {}

  /** Builds the figure {@link Charts#ratioBy} describes. */
  static Figure ratioBy(Table ratios, String x) {
    Groups.require(ratios, x, "ratio", "ci_low", "ci_high");
    ExtendedFigure.Builder figure = new ExtendedFigure.Builder();
    Palette palette = Palette.forFigure();
    int series = 0;
    for (Map.Entry<String, int[]> group : seriesBy(ratios, x).entrySet()) {
      int[] rows = group.getValue();
      String key = group.getKey();
      // The classic-API pair gets its own transport's colour; the first other series is "uds".
      String color =
          palette.color(
              key.contains("junix") || key.contains("classic")
                  ? "uds-junix"
                  : series == 0 ? "uds" : key);
      series++;
      double[] ratio = Groups.doubles(ratios, "ratio", rows);
      int i =
          figure.add(
              ScatterTrace.builder(Groups.doubles(ratios, x, rows), ratio)
                  .mode(ScatterTrace.Mode.LINE_AND_MARKERS)
                  .name(group.getKey().isEmpty() ? "ratio" : group.getKey())
                  .line(Line.builder().color(color).width(2).build())
                  .marker(Marker.builder().color(color).size(7).build())
                  .build());
      figure.trace(i, "error_y", errorBars(ratios, rows, ratio));
    }
    figure.layout("shapes", List.of(horizontalLine(1.0)));
    figure.layout(
        "annotations",
        List.of(
            Map.of(
                "xref",
                "paper",
                "x",
                1.0,
                "xanchor",
                "right",
                "y",
                1.0,
                "yanchor",
                "bottom",
                "text",
                "1 = no difference",
                "showarrow",
                false,
                "font",
                Map.of("color", "#666"))));
    Layout layout =
        layout(
            x.equals("size")
                ? "ratio by message size (whiskers: 95% CI)"
                : "ratio by " + Labels.of(x) + " (whiskers: 95% CI)",
            x.equals("size") ? sizeAxis(ratios) : countAxis(ratios, x),
            axis("ratio (UDS ÷ TCP)"),
            true);
    return finish(figure, layout);
  }
}
