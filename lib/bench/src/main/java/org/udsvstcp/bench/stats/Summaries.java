package org.udsvstcp.bench.stats;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Per-group summaries of trial rows, as a Tablesaw table the notebooks can show or chart. */
public final class Summaries {

  /** The statistics columns, in order, that follow the group columns in a summary table. */
  public static final List<String> COLUMNS =
      List.of(
          "n",
          "median",
          "q1",
          "q3",
          "iqr",
          "min",
          "max",
          "mean",
          "cv",
          "ci_low",
          "ci_high",
          "outliers");

  private Summaries() {}

  /**
   * Returns one row per group of the measured rows (phase "measured"; warm-up rows are ignored):
   * the group columns, then n, median, q1, q3, iqr, min, max, mean, cv, ci_low, ci_high and
   * outliers (a count), sorted by the group columns and named after the metric. Missing (NaN)
   * metric values are left out of n.
   */
  public static Table byGroup(Table rows, String metric, String... groupColumns) {
    if (groupColumns.length == 0) {
      throw new IllegalArgumentException("name at least one group column, e.g. \"transport\"");
    }
    for (String name : groupColumns) {
      if (!rows.containsColumn(name)) {
        throw new IllegalArgumentException(
            "no group column '" + name + "' in table; columns are " + rows.columnNames());
      }
    }
    Table measured = TrialRows.measured(rows);
    NumericColumn<?> values = TrialRows.metricColumn(measured, metric);

    Table out = Table.create(metric + " by " + String.join(", ", groupColumns));
    @SuppressWarnings("rawtypes")
    Column[] keys = new Column[groupColumns.length];
    for (int i = 0; i < groupColumns.length; i++) {
      keys[i] = rows.column(groupColumns[i]).emptyCopy();
      out.addColumns(keys[i]);
    }
    IntColumn n = IntColumn.create("n");
    DoubleColumn[] stats = new DoubleColumn[COLUMNS.size() - 2];
    for (int i = 0; i < stats.length; i++) {
      stats[i] = DoubleColumn.create(COLUMNS.get(i + 1));
    }
    IntColumn outliers = IntColumn.create("outliers");
    out.addColumns(n);
    out.addColumns(stats);
    out.addColumns(outliers);

    Map<List<Object>, List<Integer>> groups =
        TrialRows.groups(measured, Arrays.asList(groupColumns));
    for (List<Integer> group : groups.values()) {
      int first = group.get(0);
      for (int i = 0; i < keys.length; i++) {
        appendCell(keys[i], measured.column(groupColumns[i]), first);
      }
      Summary s = Summary.of(TrialRows.values(values, group), Bootstrap.DEFAULT_SEED);
      n.append(s.n());
      double[] row = {
        s.median(),
        s.q1(),
        s.q3(),
        s.iqr(),
        s.min(),
        s.max(),
        s.mean(),
        s.cv(),
        s.ciLow(),
        s.ciHigh()
      };
      for (int i = 0; i < stats.length; i++) {
        stats[i].append(row[i]);
      }
      outliers.append(s.outliers().length);
    }
    Table sorted = out.rowCount() > 1 ? out.sortOn(groupColumns) : out;
    return sorted.setName(out.name());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void appendCell(Column target, Column source, int row) {
    target.append(source, row);
  }
}
