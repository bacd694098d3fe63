package org.udsvstcp.bench.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The cost of a message as a fixed part per call plus a part per byte, fitted on two sizes only and
 * used to predict the others: both ends' CPU time per message from the trial rows' cost columns,
 * and the UDS/TCP throughput ratio that follows from it when both ends share one CPU (the rate is
 * then one CPU-second per second divided by the cost of a message). Where the prediction misses,
 * the cost is not per-call plus per-byte there.
 */
public final class CostModel {
  /** The small size of the fit, where a message costs mostly its call. */
  public static final int SMALL = 64;

  /** The large size of the fit, where a message costs mostly its bytes. */
  public static final int LARGE = 65536;

  /** A prediction within this (10%) of the measured ratio counts as a hit. */
  public static final double TOLERANCE = 0.10;

  private CostModel() {}

  /**
   * A straight line through two sizes: the cost of a message of {@code size} bytes is {@code
   * fixedNs + perByteNs * size}.
   *
   * @param fixedNs the part every message pays, whatever its size (ns)
   * @param perByteNs the part each byte adds (ns)
   */
  public record Line(double fixedNs, double perByteNs) {
    /** Returns the line's cost of a message of {@code size} bytes (ns). */
    public double at(double size) {
      return fixedNs + perByteNs * size;
    }

    /** Returns the cost per KiB (ns). */
    public double perKibNs() {
      return perByteNs * 1024;
    }
  }

  /**
   * Returns the line through ({@code small}, {@code atSmall}) and ({@code large}, {@code atLarge}).
   */
  public static Line through(int small, double atSmall, int large, double atLarge) {
    if (small >= large) {
      throw new IllegalArgumentException("want two sizes, small < large: " + small + ", " + large);
    }
    double perByte = (atLarge - atSmall) / (large - small);
    return new Line(atSmall - perByte * small, perByte);
  }

  /**
   * Returns, per transport of the measured stream rows, the line through the medians of both ends'
   * CPU time per message at {@code small} and {@code large}; a transport without both sizes, or
   * without cost columns, is left out.
   */
  public static Map<String, Line> fit(Table rows, int small, int large) {
    Table medians = cpuMedians(rows);
    Map<String, Line> lines = new LinkedHashMap<>();
    for (String transport : medians.stringColumn("transport").unique().asList()) {
      double a = cell(medians, transport, small, "cpu_ns_per_message");
      double b = cell(medians, transport, large, "cpu_ns_per_message");
      if (!Double.isNaN(a) && !Double.isNaN(b)) {
        lines.put(transport, through(small, a, large, b));
      }
    }
    return lines;
  }

  /**
   * Returns one row per size of the sweep: the two transports' measured CPU time per message
   * (medians, both ends) and their model's, the ratio the model predicts ({@code denominator}'s
   * cost over {@code numerator}'s: the throughput ratio when both ends share one CPU), the ratio of
   * the measured costs, the measured throughput ratio from paired rounds with its 95% CI, the
   * model's miss (predicted over measured, minus 1), whether the size was one of the fit, and
   * whether the prediction is within {@link #TOLERANCE}.
   *
   * @throws IllegalArgumentException if a transport lacks cost columns at either fit size
   */
  public static Table ratios(
      Table rows, String numerator, String denominator, int small, int large) {
    Map<String, Line> lines = fit(rows, small, large);
    for (String transport : List.of(numerator, denominator)) {
      if (!lines.containsKey(transport)) {
        throw new IllegalArgumentException(
            "no cost per message of "
                + transport
                + " at both "
                + Units.size(small)
                + " and "
                + Units.size(large)
                + " in these rows: the model needs both");
      }
    }
    Table medians = cpuMedians(rows);
    Table paired = Ratios.paired(rows, "bytes_per_s", numerator, denominator);
    Table out =
        Table.create(
            numerator
                + "/"
                + denominator
                + " throughput ratio: predicted from "
                + Units.size(small)
                + " and "
                + Units.size(large)
                + " vs measured",
            IntColumn.create("size"),
            DoubleColumn.create(numerator + "_cpu_ns"),
            DoubleColumn.create(numerator + "_model_ns"),
            DoubleColumn.create(denominator + "_cpu_ns"),
            DoubleColumn.create(denominator + "_model_ns"),
            DoubleColumn.create("predicted"),
            DoubleColumn.create("cost_ratio"),
            DoubleColumn.create("measured"),
            DoubleColumn.create("ci_low"),
            DoubleColumn.create("ci_high"),
            DoubleColumn.create("miss"),
            BooleanColumn.create("fit"),
            BooleanColumn.create("within"));
    TreeSet<Integer> sizes = new TreeSet<>();
    for (int i = 0; i < paired.rowCount(); i++) {
      sizes.add((int) paired.numberColumn("size").getDouble(i));
    }
    for (int size : sizes) {
      double num = cell(medians, numerator, size, "cpu_ns_per_message");
      double den = cell(medians, denominator, size, "cpu_ns_per_message");
      double predicted = lines.get(denominator).at(size) / lines.get(numerator).at(size);
      int p = rowOf(paired, size);
      double measured = paired.doubleColumn("ratio").getDouble(p);
      double miss = predicted / measured - 1;
      out.intColumn("size").append(size);
      out.doubleColumn(numerator + "_cpu_ns").append(num);
      out.doubleColumn(numerator + "_model_ns").append(lines.get(numerator).at(size));
      out.doubleColumn(denominator + "_cpu_ns").append(den);
      out.doubleColumn(denominator + "_model_ns").append(lines.get(denominator).at(size));
      out.doubleColumn("predicted").append(predicted);
      out.doubleColumn("cost_ratio").append(den / num);
      out.doubleColumn("measured").append(measured);
      out.doubleColumn("ci_low").append(paired.doubleColumn("ci_low").getDouble(p));
      out.doubleColumn("ci_high").append(paired.doubleColumn("ci_high").getDouble(p));
      out.doubleColumn("miss").append(miss);
      out.booleanColumn("fit").append(size == small || size == large);
      out.booleanColumn("within").append(Math.abs(miss) <= TOLERANCE);
    }
    return out;
  }

  /**
   * Returns the two curves of a table made by {@link #ratios} as one ratio table for a chart:
   * {@code series} ("measured" with its 95% CI, "predicted from 64 B and 64 KiB" without one),
   * {@code size}, {@code ratio}, {@code ci_low}, {@code ci_high}.
   */
  public static Table curve(Table ratios) {
    List<String> fit = fitSizes(ratios);
    String predicted = "predicted from " + fit.get(0) + " and " + fit.get(1);
    Table out =
        Table.create(
            "UDS/TCP throughput ratio: measured, and predicted by fixed plus per-byte",
            StringColumn.create("series"),
            IntColumn.create("size"),
            DoubleColumn.create("ratio"),
            DoubleColumn.create("ci_low"),
            DoubleColumn.create("ci_high"));
    for (String series : List.of("measured", predicted)) {
      for (int i = 0; i < ratios.rowCount(); i++) {
        boolean measured = series.equals("measured");
        double ratio = ratios.doubleColumn(measured ? "measured" : "predicted").getDouble(i);
        out.stringColumn("series").append(series);
        out.intColumn("size").append(ratios.intColumn("size").get(i));
        out.doubleColumn("ratio").append(ratio);
        out.doubleColumn("ci_low")
            .append(measured ? ratios.doubleColumn("ci_low").getDouble(i) : ratio);
        out.doubleColumn("ci_high")
            .append(measured ? ratios.doubleColumn("ci_high").getDouble(i) : ratio);
      }
    }
    return out;
  }

  /**
   * Returns sentences computed from a table made by {@link #ratios}: at which sizes the prediction
   * from two sizes holds within {@link #TOLERANCE}, and for each size where it misses, which
   * transport's cost left its line and by how much, and whether the measured costs explain the
   * throughput ratio (if they do not, the CPU was not equally busy for both).
   */
  public static List<String> conclusions(Table ratios, String numerator, String denominator) {
    List<String> out = new ArrayList<>();
    List<String> hits = new ArrayList<>();
    List<String> misses = new ArrayList<>();
    for (int i = 0; i < ratios.rowCount(); i++) {
      if (ratios.booleanColumn("fit").get(i)) {
        continue;
      }
      String size = Units.size(ratios.intColumn("size").get(i));
      (ratios.booleanColumn("within").get(i) ? hits : misses).add(size);
    }
    out.add(
        String.format(
            Locale.ROOT,
            "fixed plus per-byte, fitted at %s and %s, predicts the %s/%s ratio within %.0f%% at %s;"
                + " it misses at %s",
            fitSizes(ratios).get(0),
            fitSizes(ratios).get(1),
            numerator,
            denominator,
            100 * TOLERANCE,
            hits.isEmpty() ? "no other size" : String.join(", ", hits),
            misses.isEmpty() ? "no size" : String.join(", ", misses)));
    for (int i = 0; i < ratios.rowCount(); i++) {
      if (ratios.booleanColumn("fit").get(i) || ratios.booleanColumn("within").get(i)) {
        continue;
      }
      int size = ratios.intColumn("size").get(i);
      double numOff = off(ratios, numerator, i);
      double denOff = off(ratios, denominator, i);
      double costRatio = ratios.doubleColumn("cost_ratio").getDouble(i);
      double measured = ratios.doubleColumn("measured").getDouble(i);
      boolean costsExplain = Math.abs(costRatio / measured - 1) <= TOLERANCE;
      out.add(
          String.format(
              Locale.ROOT,
              "%s: predicted %s, measured %s (95%% CI %s to %s); %s costs %s, %s %s: %s",
              Units.size(size),
              Units.ratio(ratios.doubleColumn("predicted").getDouble(i)),
              Units.ratio(measured),
              Units.ratio(ratios.doubleColumn("ci_low").getDouble(i)),
              Units.ratio(ratios.doubleColumn("ci_high").getDouble(i)),
              numerator,
              relative(numOff),
              denominator,
              relative(denOff),
              costsExplain
                  ? "the cost per message is not fixed plus per-byte here"
                  : "the measured costs give "
                      + Units.ratio(costRatio)
                      + ", so the CPU was not equally busy for both (waiting, or other threads"
                      + " on it)"));
    }
    return out;
  }

  private static List<String> fitSizes(Table ratios) {
    List<String> sizes = new ArrayList<>();
    for (int i = 0; i < ratios.rowCount(); i++) {
      if (ratios.booleanColumn("fit").get(i)) {
        sizes.add(Units.size(ratios.intColumn("size").get(i)));
      }
    }
    while (sizes.size() < 2) {
      sizes.add("?");
    }
    return sizes;
  }

  private static double off(Table ratios, String transport, int row) {
    return ratios.doubleColumn(transport + "_cpu_ns").getDouble(row)
            / ratios.doubleColumn(transport + "_model_ns").getDouble(row)
        - 1;
  }

  private static String relative(double off) {
    if (Double.isNaN(off)) {
      return "an unknown amount off its line";
    }
    return Math.abs(off) < 0.05
        ? "within 5% of its line"
        : String.format(
            Locale.ROOT, "%.0f%% %s its line", Math.abs(100 * off), off > 0 ? "above" : "below");
  }

  /**
   * Returns, for a table made by {@link #byCategory} and a profiled size that is not one of the
   * fit, the {@code n} transport-and-category cells furthest from their lines, largest first, as
   * "uds memory +643 ns": where the cost of a message stops being fixed plus per-byte.
   */
  public static List<String> furthestFromTheirLines(Table fit, int size, int n) {
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < fit.rowCount(); i++) {
      if (fit.intColumn("size").get(i) == size) {
        rows.add(i);
      }
    }
    rows.sort(
        java.util.Comparator.comparingDouble(
                (Integer i) ->
                    Math.abs(
                        fit.doubleColumn("profiled_ns").getDouble(i)
                            - fit.doubleColumn("predicted_ns").getDouble(i)))
            .reversed());
    List<String> out = new ArrayList<>();
    for (int i : rows.subList(0, Math.min(n, rows.size()))) {
      double off =
          fit.doubleColumn("profiled_ns").getDouble(i)
              - fit.doubleColumn("predicted_ns").getDouble(i);
      out.add(
          String.format(
              Locale.ROOT,
              "%s %s %s%.0f ns",
              fit.stringColumn("transport").get(i),
              fit.stringColumn("category").get(i),
              off >= 0 ? "+" : "-",
              Math.abs(off)));
    }
    return out;
  }

  /**
   * Returns, per transport and category of a kernel-profile table ({@code transport, size,
   * category, ns_per_message}), the line through its values at {@code small} and {@code large}:
   * columns transport, category, fixed_ns, per_kib_ns, and for every other profiled size the
   * predicted and profiled ns per message.
   */
  public static Table byCategory(Table profile, int small, int large) {
    Table out =
        Table.create(
            "kernel time per message by category: fixed plus per-byte, fitted at "
                + Units.size(small)
                + " and "
                + Units.size(large),
            StringColumn.create("transport"),
            StringColumn.create("category"),
            DoubleColumn.create("fixed_ns"),
            DoubleColumn.create("per_kib_ns"),
            IntColumn.create("size"),
            DoubleColumn.create("predicted_ns"),
            DoubleColumn.create("profiled_ns"));
    Map<String, Map<String, Map<Integer, Double>>> values = new LinkedHashMap<>();
    for (int i = 0; i < profile.rowCount(); i++) {
      values
          .computeIfAbsent(profile.stringColumn("transport").get(i), t -> new LinkedHashMap<>())
          .computeIfAbsent(profile.stringColumn("category").get(i), c -> new LinkedHashMap<>())
          .put(
              (int) profile.numberColumn("size").getDouble(i),
              profile.numberColumn("ns_per_message").getDouble(i));
    }
    values.forEach(
        (transport, categories) ->
            categories.forEach(
                (category, bySize) -> {
                  if (!bySize.containsKey(small) || !bySize.containsKey(large)) {
                    return;
                  }
                  Line line = through(small, bySize.get(small), large, bySize.get(large));
                  for (Map.Entry<Integer, Double> at : new java.util.TreeMap<>(bySize).entrySet()) {
                    out.stringColumn("transport").append(transport);
                    out.stringColumn("category").append(category);
                    out.doubleColumn("fixed_ns").append(line.fixedNs());
                    out.doubleColumn("per_kib_ns").append(line.perKibNs());
                    out.intColumn("size").append(at.getKey());
                    out.doubleColumn("predicted_ns").append(line.at(at.getKey()));
                    out.doubleColumn("profiled_ns").append(at.getValue());
                  }
                }));
    return out;
  }

  /** Medians per (transport, size) of both ends' CPU time per message, measured stream rows. */
  static Table cpuMedians(Table rows) {
    Table measured = TrialRows.measured(rows);
    if (measured.containsColumn("workload")) {
      measured = measured.where(measured.stringColumn("workload").isEqualTo("stream"));
    }
    measured = measured.copy();
    DoubleColumn cpu = DoubleColumn.create("cpu_ns_per_message", measured.rowCount());
    for (int i = 0; i < measured.rowCount(); i++) {
      double both =
          measured.numberColumn("server_cpu_ns").getDouble(i)
              + measured.numberColumn("client_cpu_ns").getDouble(i);
      cpu.set(i, both / measured.numberColumn("messages").getDouble(i));
    }
    if (measured.containsColumn(cpu.name())) {
      measured.removeColumns(cpu.name());
    }
    measured.addColumns(cpu);
    return Costs.medians(measured, List.of(cpu.name()), "transport", "size");
  }

  private static double cell(Table medians, String transport, int size, String column) {
    for (int i = 0; i < medians.rowCount(); i++) {
      if (medians.stringColumn("transport").get(i).equals(transport)
          && (int) medians.numberColumn("size").getDouble(i) == size) {
        return medians.doubleColumn(column).getDouble(i);
      }
    }
    return Double.NaN;
  }

  private static int rowOf(Table table, int size) {
    for (int i = 0; i < table.rowCount(); i++) {
      if ((int) table.numberColumn("size").getDouble(i) == size) {
        return i;
      }
    }
    throw new IllegalStateException("no row for size " + size);
  }
}
