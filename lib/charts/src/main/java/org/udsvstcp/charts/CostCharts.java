package org.udsvstcp.charts;

import static org.udsvstcp.charts.ChartParts.axis;
import static org.udsvstcp.charts.ChartParts.finish;
import static org.udsvstcp.charts.ChartParts.layout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.BarTrace;

/** What a trial cost: both ends' CPU time stacked by part. */
final class CostCharts {
  private CostCharts() {}

  /** The stacked parts of an end's CPU time, bottom first, with their colours. */
  private static final List<Map.Entry<String, String>> COST_PARTS =
      List.of(
          Map.entry("server_system", "#3b6ea5"),
          Map.entry("server_user", "#a9c4e0"),
          Map.entry("client_system", "#c8642a"),
          Map.entry("client_user", "#f2c29b"));

  /** Builds the figure {@link Charts#costStack} describes. */
  static Figure costStack(Table costs, String unit) {
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

  /** A colour per category of a kernel profile, the same in every chart. */
  private static final Map<String, String> CATEGORY_COLORS =
      Map.of(
          "syscall", "#8c564b",
          "mitigation", "#d62728",
          "copy", "#1f77b4",
          "tcp_ip", "#ff7f0e",
          "unix", "#2ca02c",
          "sockmap", "#e377c2",
          "memory", "#9467bd",
          "scheduler", "#17becf",
          "other", "#c7c7c7",
          "user", "#dbdb8d");

  /**
   * Returns stacked bars of time per message by category, one bar per machine, transport and size
   * (grouped by size), from a table (machine, transport, size, category, label, ns_per_message):
   * each category a colour of its own, labelled by {@code label}, in the order they first appear.
   */
  static Figure categoryStack(Table profile) {
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
