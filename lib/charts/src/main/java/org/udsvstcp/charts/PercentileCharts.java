package org.udsvstcp.charts;

import static org.udsvstcp.charts.ChartParts.finish;
import static org.udsvstcp.charts.ChartParts.layout;
import static org.udsvstcp.charts.ChartParts.logAxis;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.components.TickSettings;
import tech.tablesaw.plotly.traces.ScatterTrace;

/** Latency against percentile on a "nines" axis. */
final class PercentileCharts {
  private PercentileCharts() {}

  /** The percentiles the latency plot labels, as the "nines" people quote. */
  private static final double[] NINES = {50, 90, 99, 99.9, 99.99, 99.999, 99.9999};

  /** Builds the figure {@link Charts#percentiles} describes. */
  static Figure percentiles(Table latency) {
    Groups.require(latency, "transport", "percentile", "latency_us");
    ExtendedFigure.Builder figure = new ExtendedFigure.Builder();
    Palette palette = Palette.forFigure();
    double maxNines = 2;
    for (Map.Entry<String, int[]> group : Groups.by(latency, List.of("transport")).entrySet()) {
      List<Integer> kept = new ArrayList<>();
      for (int row : group.getValue()) {
        if (latency.numberColumn("percentile").getDouble(row) < 100) {
          kept.add(row);
        }
      }
      int[] rows = kept.stream().mapToInt(Integer::intValue).toArray();
      if (rows.length == 0) {
        continue;
      }
      double[] x = Groups.doubles(latency, "percentile", rows);
      String[] text = new String[x.length];
      for (int r = 0; r < x.length; r++) {
        text[r] = "p" + exact(x[r]);
        x[r] = Percentiles.nines(x[r]);
        maxNines = Math.max(maxNines, x[r]);
      }
      String color = palette.color(group.getKey());
      figure.add(
          ScatterTrace.builder(x, Groups.doubles(latency, "latency_us", rows))
              .mode(ScatterTrace.Mode.LINE_AND_MARKERS)
              .name(group.getKey())
              .line(Line.builder().color(color).width(2).build())
              .marker(Marker.builder().color(color).size(5).build())
              .text(text)
              .build());
    }
    List<Double> ticks = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (double p : NINES) {
      if (Percentiles.nines(p) <= maxNines * 1.5) {
        ticks.add(Percentiles.nines(p));
        labels.add(exact(p) + "%");
      }
    }
    Axis x =
        Axis.builder()
            .title("percentile (log scale of 1 / (1 - p))")
            .type(Axis.Type.LOG)
            .tickSettings(
                TickSettings.builder()
                    .tickMode(TickSettings.TickMode.ARRAY)
                    .arrayTicks(
                        ticks.stream().mapToDouble(Double::doubleValue).toArray(),
                        labels.toArray(new String[0]))
                    .build())
            .build();
    // Log scale: one 40 ms Nagle stall would otherwise flatten every microsecond line.
    Layout layout = layout("latency by percentile", x, logAxis("latency (µs), log scale"), true);
    return finish(figure, layout);
  }

  /** Returns a percentile as typed, with all its nines: 99.999, not 100. */
  private static String exact(double percentile) {
    return BigDecimal.valueOf(percentile).stripTrailingZeros().toPlainString();
  }
}
