package org.udsvstcp.charts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.components.Symbol;
import tech.tablesaw.plotly.components.TickSettings;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.BoxTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;

/**
 * Plotly figures (tablesaw-jsplot) for the series' tables: trial rows, summaries, ratios and
 * latency percentiles. Every chart names its units and colours each transport the same way.
 */
public final class Charts {

  private static final int HEIGHT = 440;

  /** The percentiles the latency plot labels, as the "nines" people quote. */
  private static final double[] NINES = {50, 90, 99, 99.9, 99.99, 99.999, 99.9999};

  /** Medians further apart than this factor get a log axis. */
  private static final double WIDE_RANGE = 20;

  private Charts() {}

  /** Returns a box plot of {@code metric} per transport, every trial drawn as a point. */
  public static Figure boxPlot(Table trials, String metric) {
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

  /**
   * Returns box plots of {@code metric} per message size, one box per transport in each size, on a
   * log y axis because sizes span orders of magnitude.
   */
  public static Figure boxPlotBySize(Table trials, String metric) {
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

  /**
   * Returns {@code metric} against execution order, one colour per transport; warm-up trials (rows
   * whose {@code phase} is "warmup") are open markers, so drift and warm-up effects show.
   */
  public static Figure trialOrder(Table trials, String metric) {
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

  /**
   * Returns each trial's {@code metric} as a percentage of the median of its group's measured
   * trials (a group is one transport at one size), against execution order: a colour per transport,
   * a marker shape per size, warm-up trials open. Groups whose values differ by orders of magnitude
   * share one scale this way, so a slow spell that hits every group at once lines up across them,
   * and warm-up trials stand out.
   */
  public static Figure trialOrderRelative(Table trials, String metric) {
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

  /**
   * Returns a bar per transport of the median with 95% CI whiskers, from a summary table (columns
   * transport, median, ci_low, ci_high; with several sizes, bars are grouped by size).
   */
  public static Figure mediansWithCi(Table summary, String metric) {
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

  /**
   * Returns the median of {@code metric} against message size on log axes, one line per transport
   * with its 95% CI as a shaded band, from a summary table (transport, size, median, ci_low,
   * ci_high).
   */
  public static Figure medianVsSize(Table summary, String metric) {
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

  /**
   * Returns the paired ratio against message size with 95% CI whiskers and a dashed line at 1 (no
   * difference), from a ratio table (workload, size, pairs, ratio, ci_low, ci_high; further text
   * columns such as the pair's name split it into more lines).
   */
  public static Figure ratioBySize(Table ratios) {
    return ratioBy(ratios, "size");
  }

  /**
   * Returns the ratio against {@code x} (a numeric column: "size", or "depth", the requests per
   * round trip of a real server's pipeline) on a log axis, one line per series with 95% CI
   * whiskers, from a ratio table (x, ratio, ci_low, ci_high, and string columns naming series).
   */
  public static Figure ratioBy(Table ratios, String x) {
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

  /** The stacked parts of an end's CPU time, bottom first, with their colours. */
  private static final List<Map.Entry<String, String>> COST_PARTS =
      List.of(
          Map.entry("server_system", "#3b6ea5"),
          Map.entry("server_user", "#a9c4e0"),
          Map.entry("client_system", "#c8642a"),
          Map.entry("client_user", "#f2c29b"));

  /**
   * Returns stacked bars of CPU time per message (or per KiB, as {@code unit} names it), one bar
   * per size and transport, grouped by size: server system, server user, client system and client
   * user time, from a table (transport, size, server_system, server_user, client_system,
   * client_user).
   */
  public static Figure costStack(Table costs, String unit) {
    Groups.require(
        costs, "transport", "size", "server_system", "server_user", "client_system", "client_user");
    int[] rows = sortedBySizeThenTransport(costs);
    List<String> sizes = new ArrayList<>();
    List<String> transports = new ArrayList<>();
    String[] categories = new String[rows.length];
    for (int r = 0; r < rows.length; r++) {
      sizes.add(Labels.bytes((long) costs.numberColumn("size").getDouble(rows[r])));
      transports.add(costs.column("transport").getString(rows[r]));
      categories[r] = sizes.get(r) + " " + transports.get(r);
    }
    ExtendedFigure.Builder figure = new ExtendedFigure.Builder();
    for (Map.Entry<String, String> part : COST_PARTS) {
      double[] values = Groups.doubles(costs, part.getKey(), rows);
      int i =
          figure.add(
              BarTrace.builder(categories, values)
                  .name(part.getKey().replace('_', ' '))
                  .marker(Marker.builder().color(part.getValue()).build())
                  .build());
      // Two rows of x labels: the size, and under it each bar's transport.
      figure.trace(i, "x", List.of(sizes, transports));
      figure.trace(i, "hovertemplate", "%{x}: %{y:.4s} ns<extra>" + part.getKey() + "</extra>");
    }
    figure.layout("barmode", "stack");
    figure.layout("xaxis.type", "multicategory");
    Layout layout =
        layout(
            "CPU time "
                + unit
                + " by message size and transport (stacked: both ends' system and"
                + " user time)",
            Axis.builder().title("message size, transport").build(),
            axis("CPU time " + unit + " (ns)"),
            true);
    return finish(figure, layout);
  }

  private static int[] sortedBySizeThenTransport(Table table) {
    List<String> order = List.of("tcp", "uds", "tcp-classic", "uds-junix");
    return java.util.stream.IntStream.range(0, table.rowCount())
        .boxed()
        .sorted(
            Comparator.<Integer>comparingDouble(r -> table.numberColumn("size").getDouble(r))
                .thenComparing(
                    r -> {
                      int i = order.indexOf(table.column("transport").getString(r));
                      return i < 0 ? order.size() : i;
                    })
                .thenComparing(r -> table.column("transport").getString(r)))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /**
   * Returns latency against percentile on a "nines" axis (50%, 90%, 99%, 99.9%, ...), one line per
   * transport, from a table (transport, percentile, latency_us), latency on a log axis; the 100th
   * percentile cannot sit on that axis and is left out.
   */
  public static Figure percentiles(Table latency) {
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

  /**
   * Returns {@code metric} of each run (x = run number per transport), with a dashed line at each
   * transport's median, to show how far single runs of one method scatter.
   */
  public static Figure perRun(Table runs, String metric) {
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

  /** Plotly error_y with asymmetric whiskers from ci_low and ci_high around {@code centre}. */
  private static Map<String, Object> errorBars(Table table, int[] rows, double[] centre) {
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
  private static Map<String, Object> horizontalLine(double y) {
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
  private static Map<String, int[]> seriesBySize(Table table) {
    return seriesBy(table, "size");
  }

  private static Map<String, int[]> seriesBy(Table table, String x) {
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

  private static Axis countAxis(Table table, String column) {
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

  private static Axis sizeAxis(Table table) {
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
  private static boolean isWarmup(Table trials, int row) {
    return trials.containsColumn("phase") && "warmup".equals(trials.column("phase").getString(row));
  }

  private static List<Double> distinctSorted(Table table, String column) {
    TreeSet<Double> values = new TreeSet<>();
    for (int row = 0; row < table.rowCount(); row++) {
      values.add(table.numberColumn(column).getDouble(row));
    }
    return new ArrayList<>(values);
  }

  private static String[] hoverText(Table trials, int[] rows) {
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

  /** Returns a percentile as typed, with all its nines: 99.999, not 100. */
  private static String exact(double percentile) {
    return BigDecimal.valueOf(percentile).stripTrailingZeros().toPlainString();
  }

  /**
   * Builds the figure with SI tick suffixes (10G, not Plotly's default 10B, which reads as bytes).
   */
  private static Figure finish(ExtendedFigure.Builder figure, Layout layout) {
    figure.layout("xaxis.exponentformat", "SI");
    figure.layout("yaxis.exponentformat", "SI");
    return figure.build(layout);
  }

  private static Axis axis(String title) {
    return Axis.builder().title(title).build();
  }

  private static Axis logAxis(String title) {
    return Axis.builder().title(title).type(Axis.Type.LOG).build();
  }

  private static Layout layout(String title, Axis x, Axis y, boolean legend) {
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

  /** A colour per category of a kernel profile, the same in every chart. */
  private static final Map<String, String> CATEGORY_COLORS =
      Map.of(
          "syscall", "#8c564b",
          "mitigation", "#d62728",
          "copy", "#1f77b4",
          "tcp_ip", "#ff7f0e",
          "unix", "#2ca02c",
          "memory", "#9467bd",
          "scheduler", "#17becf",
          "other", "#c7c7c7",
          "user", "#dbdb8d");

  /**
   * Returns stacked bars of time per message by category, one bar per machine, transport and size
   * (grouped by size), from a table (machine, transport, size, category, label, ns_per_message):
   * each category a colour of its own, labelled by {@code label}, in the order they first appear.
   */
  public static Figure categoryStack(Table profile) {
    Groups.require(profile, "machine", "transport", "size", "category", "label", "ns_per_message");
    Map<String, Integer> bars = new LinkedHashMap<>();
    List<String> sizes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    int[] order = sortedBySizeThenTransport(profile);
    for (int r : order) {
      String size = Labels.bytes((long) profile.numberColumn("size").getDouble(r));
      String name =
          profile.column("transport").getString(r) + " " + profile.column("machine").getString(r);
      if (bars.putIfAbsent(size + "\u0000" + name, bars.size()) == null) {
        sizes.add(size);
        names.add(name);
      }
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (int r = 0; r < profile.rowCount(); r++) {
      labels.putIfAbsent(
          profile.column("category").getString(r), profile.column("label").getString(r));
    }
    ExtendedFigure.Builder figure = new ExtendedFigure.Builder();
    String[] x = new String[bars.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = sizes.get(i) + " " + names.get(i);
    }
    for (Map.Entry<String, String> category : labels.entrySet()) {
      double[] values = new double[bars.size()];
      for (int r = 0; r < profile.rowCount(); r++) {
        if (profile.column("category").getString(r).equals(category.getKey())) {
          String size = Labels.bytes((long) profile.numberColumn("size").getDouble(r));
          String name =
              profile.column("transport").getString(r)
                  + " "
                  + profile.column("machine").getString(r);
          values[bars.get(size + "\u0000" + name)] =
              profile.numberColumn("ns_per_message").getDouble(r);
        }
      }
      int i =
          figure.add(
              BarTrace.builder(x, values)
                  .name(category.getValue())
                  .marker(
                      Marker.builder()
                          .color(CATEGORY_COLORS.getOrDefault(category.getKey(), "#7f7f7f"))
                          .build())
                  .build());
      figure.trace(i, "x", List.of(sizes, names));
      figure.trace(
          i, "hovertemplate", "%{x}: %{y:.4s} ns<extra>" + category.getValue() + "</extra>");
    }
    figure.layout("barmode", "stack");
    figure.layout("xaxis.type", "multicategory");
    Layout layout =
        layout(
            "time per message by category (both ends, from kernel samples; stacked)",
            Axis.builder().title("message size, transport and machine").build(),
            axis("time per message (ns)"),
            true);
    return finish(figure, layout);
  }
}
