package org.udsvstcp.charts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.TickSettings;

/**
 * What every chart kind shares: axes, layout, error bars, reference lines, series grouping and
 * hover text.
 */
final class ChartParts {
  private ChartParts() {}

  /** Every figure's height in pixels; its width fills the output. */
  private static final int HEIGHT = 440;

  /** Plotly error_y with asymmetric whiskers from ci_low and ci_high around {@code centre}. */
  static Map<String, Object> errorBars(Table table, int[] rows, double[] centre) {
    double[] low = Groups.doubles(table, "ci_low", rows);
    double[] high = Groups.doubles(table, "ci_high", rows);
    double[] plus = new double[rows.length];
    double[] minus = new double[rows.length];
    for (int r = 0; r < rows.length; r++) {
      plus[r] = high[r] - centre[r];
      minus[r] = centre[r] - low[r];
    }
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("type", "data");
    error.put("symmetric", false);
    error.put("array", plus);
    error.put("arrayminus", minus);
    error.put("color", "#333");
    error.put("thickness", 1.5);
    error.put("width", 6);
    return error;
  }

  /** A dashed grey horizontal line across the plot at {@code y}, as a Plotly shape. */
  static Map<String, Object> horizontalLine(double y) {
    Map<String, Object> shape = new LinkedHashMap<>();
    shape.put("type", "line");
    shape.put("xref", "paper");
    shape.put("x0", 0);
    shape.put("x1", 1);
    shape.put("yref", "y");
    shape.put("y0", y);
    shape.put("y1", y);
    shape.put("line", Map.of("color", "#666", "width", 1.5, "dash", "dash"));
    return shape;
  }

  /** Groups rows by every text column except size-like numbers, for one line per series. */
  static Map<String, int[]> seriesBySize(Table table) {
    return seriesBy(table, "size");
  }

  static Map<String, int[]> seriesBy(Table table, String x) {
    List<String> keys = new ArrayList<>();
    for (Column<?> column : table.columns()) {
      if (column.type().equals(ColumnType.STRING)) {
        keys.add(column.name());
      }
    }
    Map<String, int[]> groups = Groups.by(table, keys);
    // Each line must run left to right.
    for (Map.Entry<String, int[]> group : groups.entrySet()) {
      group.setValue(
          Arrays.stream(group.getValue())
              .boxed()
              .sorted(
                  (a, b) ->
                      Double.compare(
                          table.numberColumn(x).getDouble(a), table.numberColumn(x).getDouble(b)))
              .mapToInt(Integer::intValue)
              .toArray());
    }
    return groups;
  }

  static Axis countAxis(Table table, String column) {
    List<Double> values = distinctSorted(table, column);
    double[] ticks = values.stream().mapToDouble(Double::doubleValue).toArray();
    String[] labels = values.stream().map(v -> Long.toString(v.longValue())).toArray(String[]::new);
    return Axis.builder()
        .title(Labels.of(column) + " (log scale)")
        .type(Axis.Type.LOG)
        .tickSettings(
            TickSettings.builder()
                .tickMode(TickSettings.TickMode.ARRAY)
                .arrayTicks(ticks, labels)
                .build())
        .build();
  }

  static Axis sizeAxis(Table table) {
    List<Double> sizes = distinctSorted(table, "size");
    double[] ticks = sizes.stream().mapToDouble(Double::doubleValue).toArray();
    String[] labels = sizes.stream().map(s -> Labels.bytes(s.longValue())).toArray(String[]::new);
    return Axis.builder()
        .title("message size (bytes, log scale)")
        .type(Axis.Type.LOG)
        .tickSettings(
            TickSettings.builder()
                .tickMode(TickSettings.TickMode.ARRAY)
                .arrayTicks(ticks, labels)
                .build())
        .build();
  }

  /** Returns true if the row is a warm-up trial (its phase is "warmup"). */
  static boolean isWarmup(Table trials, int row) {
    return trials.containsColumn("phase") && "warmup".equals(trials.column("phase").getString(row));
  }

  static List<Double> distinctSorted(Table table, String column) {
    TreeSet<Double> values = new TreeSet<>();
    for (int row = 0; row < table.rowCount(); row++) {
      values.add(table.numberColumn(column).getDouble(row));
    }
    return new ArrayList<>(values);
  }

  static String[] hoverText(Table trials, int[] rows) {
    String[] text = new String[rows.length];
    for (int r = 0; r < rows.length; r++) {
      StringBuilder line = new StringBuilder();
      if (trials.containsColumn("size")) {
        line.append(Labels.bytes((long) trials.numberColumn("size").getDouble(rows[r])));
      }
      if (trials.containsColumn("round")) {
        line.append(line.length() > 0 ? ", " : "")
            .append("round ")
            .append(trials.column("round").getString(rows[r]));
      }
      text[r] = line.toString();
    }
    return text;
  }

  /**
   * Builds the figure with SI tick suffixes (10G, not Plotly's default 10B, which reads as bytes).
   */
  static Figure finish(ExtendedFigure.Builder figure, Layout layout) {
    figure.layout("xaxis.exponentformat", "SI");
    figure.layout("yaxis.exponentformat", "SI");
    return figure.build(layout);
  }

  static Axis axis(String title) {
    return Axis.builder().title(title).build();
  }

  static Axis logAxis(String title) {
    return Axis.builder().title(title).type(Axis.Type.LOG).build();
  }

  static Layout layout(String title, Axis x, Axis y, boolean legend) {
    // Not Layout.builder(title): that one also fixes the width at 800 px; ours fills the output.
    return Layout.builder()
        .title(title)
        .xAxis(x)
        .yAxis(y)
        .autosize(true)
        .height(HEIGHT)
        .showLegend(legend)
        .build();
  }
}
