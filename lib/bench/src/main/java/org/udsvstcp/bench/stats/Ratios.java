package org.udsvstcp.bench.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Ratios of two transports from paired rounds: both ran in the same interleaving round, so drift
 * that hits one hits the other, and the per-round ratio cancels it.
 */
public final class Ratios {

  private Ratios() {}

  /**
   * Returns the median of the per-round ratios numerator[i] / denominator[i] with a bootstrap 95%
   * CI from resampled rounds; rounds where either value is NaN, or the denominator is 0, are
   * skipped, and the CI is NaN with fewer than two pairs.
   *
   * @throws IllegalArgumentException if the arrays differ in length
   */
  public static Ratio of(double[] numerator, double[] denominator, long seed) {
    if (numerator.length != denominator.length) {
      throw new IllegalArgumentException(
          "paired arrays differ in length: "
              + numerator.length
              + " numerators, "
              + denominator.length
              + " denominators");
    }
    double[] ratios = new double[numerator.length];
    int pairs = 0;
    for (int i = 0; i < numerator.length; i++) {
      double r = numerator[i] / denominator[i];
      if (!Double.isNaN(r) && !Double.isInfinite(r)) {
        ratios[pairs++] = r;
      }
    }
    double[] used = java.util.Arrays.copyOf(ratios, pairs);
    // Resampling per-round ratios is resampling rounds: each round contributes exactly one ratio.
    Interval ci =
        Bootstrap.medianCi(used, Bootstrap.DEFAULT_LEVEL, Bootstrap.DEFAULT_RESAMPLES, seed);
    return new Ratio(pairs, Quantiles.median(used), ci.low(), ci.high());
  }

  /**
   * Returns one row per (workload, size) of the measured rows: workload, size, pairs, ratio,
   * ci_low, ci_high, then numerator, denominator and metric; rows pair up when run_id (if present),
   * workload, size and round are equal, rounds missing either transport are skipped, and the table
   * is named like "uds/tcp bytes_per_s".
   */
  public static Table paired(
      Table rows, String metric, String numeratorTransport, String denominatorTransport) {
    for (String name : List.of("workload", "transport", "size", "round")) {
      if (!rows.containsColumn(name)) {
        throw new IllegalArgumentException(
            "no column '" + name + "' in table; columns are " + rows.columnNames());
      }
    }
    Table measured = TrialRows.measured(rows);
    NumericColumn<?> values = TrialRows.metricColumn(measured, metric);
    Column<?> workload = measured.column("workload");
    Column<?> transport = measured.column("transport");
    NumericColumn<?> size = TrialRows.metricColumn(measured, "size");
    NumericColumn<?> round = TrialRows.metricColumn(measured, "round");
    Column<?> runId = measured.containsColumn("run_id") ? measured.column("run_id") : null;

    // (workload, size) -> (run_id, round) -> [numerator, denominator]
    Map<Cell, Map<List<Object>, double[]>> cells =
        new TreeMap<>(Comparator.comparing(Cell::workload).thenComparingLong(Cell::size));
    for (int row = 0; row < measured.rowCount(); row++) {
      String t = transport.getString(row);
      int side = t.equals(numeratorTransport) ? 0 : t.equals(denominatorTransport) ? 1 : -1;
      if (side < 0) {
        continue;
      }
      Cell cell = new Cell(workload.getString(row), (long) size.getDouble(row));
      List<Object> roundKey =
          List.of(runId == null ? "" : runId.getString(row), (long) round.getDouble(row));
      double[] pair =
          cells
              .computeIfAbsent(cell, c -> new HashMap<>())
              .computeIfAbsent(roundKey, k -> new double[] {Double.NaN, Double.NaN});
      if (!Double.isNaN(pair[side])) {
        // Two trials of one transport in one round: the rows vary something else (nodelay,
        // writes, placement...) and pairing them would keep one and silently drop the other.
        throw new IllegalArgumentException(
            "more than one "
                + t
                + " trial in round "
                + roundKey.get(1)
                + " of "
                + cell.workload()
                + " "
                + Units.size(cell.size())
                + ": select the rows of one setting before pairing");
      }
      pair[side] = TrialRows.value(values, row);
    }

    StringColumn workloads = StringColumn.create("workload");
    IntColumn sizes = IntColumn.create("size");
    IntColumn pairsColumn = IntColumn.create("pairs");
    DoubleColumn ratio = DoubleColumn.create("ratio");
    DoubleColumn ciLow = DoubleColumn.create("ci_low");
    DoubleColumn ciHigh = DoubleColumn.create("ci_high");
    StringColumn numerators = StringColumn.create("numerator");
    StringColumn denominators = StringColumn.create("denominator");
    StringColumn metrics = StringColumn.create("metric");
    for (Map.Entry<Cell, Map<List<Object>, double[]>> entry : cells.entrySet()) {
      List<double[]> complete = new ArrayList<>();
      for (double[] pair : entry.getValue().values()) {
        if (!Double.isNaN(pair[0]) && !Double.isNaN(pair[1])) {
          complete.add(pair);
        }
      }
      if (complete.isEmpty()) {
        continue;
      }
      double[] num = complete.stream().mapToDouble(p -> p[0]).toArray();
      double[] den = complete.stream().mapToDouble(p -> p[1]).toArray();
      Ratio r = of(num, den, Bootstrap.DEFAULT_SEED);
      workloads.append(entry.getKey().workload());
      sizes.append(Math.toIntExact(entry.getKey().size()));
      pairsColumn.append(r.pairs());
      ratio.append(r.ratio());
      ciLow.append(r.ciLow());
      ciHigh.append(r.ciHigh());
      numerators.append(numeratorTransport);
      denominators.append(denominatorTransport);
      metrics.append(metric);
    }
    return Table.create(
        numeratorTransport + "/" + denominatorTransport + " " + metric,
        workloads,
        sizes,
        pairsColumn,
        ratio,
        ciLow,
        ciHigh,
        numerators,
        denominators,
        metrics);
  }

  /**
   * Returns {@link #paired} for each setting of {@code settingColumns} (such as "depth") on its
   * own, one table with those columns after workload and size; a setting absent from {@code rows}
   * is left out of the key.
   */
  public static Table pairedBy(
      Table rows,
      String metric,
      String numeratorTransport,
      String denominatorTransport,
      String... settingColumns) {
    List<String> present =
        java.util.Arrays.stream(settingColumns).filter(rows::containsColumn).toList();
    Map<List<Object>, List<Integer>> settings = TrialRows.groups(rows, present);
    Table out = null;
    for (List<Integer> members : settings.values()) {
      Table subset = rows.rows(members.stream().mapToInt(Integer::intValue).toArray());
      Table ratios = paired(subset, metric, numeratorTransport, denominatorTransport);
      for (int i = present.size() - 1; i >= 0; i--) {
        Column<?> setting = subset.column(present.get(i)).emptyCopy();
        for (int row = 0; row < ratios.rowCount(); row++) {
          appendFirst(setting, subset.column(present.get(i)));
        }
        ratios.insertColumn(2, setting);
      }
      if (out == null) {
        out = ratios;
      } else {
        out.append(ratios);
      }
    }
    if (out == null) {
      out = paired(rows, metric, numeratorTransport, denominatorTransport);
    }
    return out.sortOn(
        java.util.stream.Stream.concat(Stream.of("workload", "size"), present.stream())
            .toArray(String[]::new));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void appendFirst(Column target, Column source) {
    target.append(source, 0);
  }

  private record Cell(String workload, long size) {}
}
