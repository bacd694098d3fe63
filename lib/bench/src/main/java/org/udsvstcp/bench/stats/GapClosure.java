package org.udsvstcp.bench.stats;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * How much of the distance between two transports a third one covers, per workload and size, from
 * paired rounds: for instance how far TCP with its stack skipped (tcp-sockmap) gets from TCP
 * towards a Unix socket. The share closed is measured on a log scale, so that halving a 2x gap is
 * 50% of it whatever the direction.
 */
public final class GapClosure {
  private GapClosure() {}

  /**
   * Returns one row per (workload, size) where all three transports ran in the same rounds:
   * workload, size, then each paired ratio with its 95% CI ({@code target} over {@code baseline},
   * {@code candidate} over {@code baseline}, {@code candidate} over {@code target}), the share of
   * the gap closed ({@code closed}, NaN unless {@code target} was clearly ahead of {@code
   * baseline}) and a verdict in words. For metrics in microseconds lower is better, otherwise
   * higher.
   */
  public static Table of(
      Table rows, String metric, String candidate, String baseline, String target) {
    Table gap = Ratios.paired(rows, metric, target, baseline);
    Table mine = Ratios.paired(rows, metric, candidate, baseline);
    Table reach = Ratios.paired(rows, metric, candidate, target);
    StringColumn workloads = StringColumn.create("workload");
    IntColumn sizes = IntColumn.create("size");
    List<Table> ratios = List.of(gap, mine, reach);
    List<DoubleColumn> numbers = new ArrayList<>();
    for (String pair :
        List.of(target + "/" + baseline, candidate + "/" + baseline, candidate + "/" + target)) {
      numbers.add(DoubleColumn.create(pair));
      numbers.add(DoubleColumn.create(pair + "_low"));
      numbers.add(DoubleColumn.create(pair + "_high"));
    }
    DoubleColumn closedColumn = DoubleColumn.create("closed");
    StringColumn verdicts = StringColumn.create("verdict");
    boolean lowerIsBetter = metric.endsWith("_us");
    for (int row = 0; row < gap.rowCount(); row++) {
      String workload = gap.stringColumn("workload").get(row);
      int size = gap.intColumn("size").get(row);
      int[] at = {row, find(mine, workload, size), find(reach, workload, size)};
      if (at[1] < 0 || at[2] < 0) {
        continue;
      }
      double[] g = better(gap, at[0], lowerIsBetter);
      double[] c = better(mine, at[1], lowerIsBetter);
      double[] t = better(reach, at[2], lowerIsBetter);
      double closed = g[1] > 1 ? Math.log(c[0]) / Math.log(g[0]) : Double.NaN;
      workloads.append(workload);
      sizes.append(size);
      for (int k = 0; k < 3; k++) {
        Table table = ratios.get(k);
        numbers.get(3 * k).append(table.doubleColumn("ratio").getDouble(at[k]));
        numbers.get(3 * k + 1).append(table.doubleColumn("ci_low").getDouble(at[k]));
        numbers.get(3 * k + 2).append(table.doubleColumn("ci_high").getDouble(at[k]));
      }
      closedColumn.append(closed);
      verdicts.append(verdict(baseline, target, g, c, t, closed));
    }
    Table result =
        Table.create(candidate + " between " + baseline + " and " + target + ", " + metric);
    result.addColumns(workloads, sizes);
    numbers.forEach(result::addColumns);
    result.addColumns(closedColumn, verdicts);
    return result;
  }

  /**
   * Returns one sentence per row of {@link #of}, e.g. "stream 64 B: uds 1.20x tcp; tcp-sockmap
   * 0.78x tcp (95% CI 0.63-0.92) and 0.65x uds (95% CI 0.55-0.80): slower than tcp itself".
   */
  public static List<String> sentences(Table closure) {
    List<String> lines = new ArrayList<>();
    for (int row = 0; row < closure.rowCount(); row++) {
      String[] gap = closure.column(2).name().split("/");
      String[] mine = closure.column(5).name().split("/");
      lines.add(
          closure.stringColumn("workload").get(row)
              + " "
              + Units.size(closure.intColumn("size").get(row))
              + ": "
              + gap[0]
              + " "
              + Units.ratio(closure.doubleColumn(2).getDouble(row))
              + " "
              + gap[1]
              + "; "
              + mine[0]
              + " "
              + Units.ratio(closure.doubleColumn(5).getDouble(row))
              + " "
              + mine[1]
              + ci(closure, 6, row)
              + " and "
              + Units.ratio(closure.doubleColumn(8).getDouble(row))
              + " "
              + gap[0]
              + ci(closure, 9, row)
              + ": "
              + closure.stringColumn("verdict").get(row));
    }
    return lines;
  }

  private static String ci(Table closure, int column, int row) {
    double low = closure.doubleColumn(column).getDouble(row);
    double high = closure.doubleColumn(column + 1).getDouble(row);
    return Double.isNaN(low)
        ? " (no CI)"
        : " (95% CI " + Units.decimal2(low) + "-" + Units.decimal2(high) + ")";
  }

  /** The ratio and its CI as "how many times better", low and high swapped if lower is better. */
  private static double[] better(Table ratios, int row, boolean lowerIsBetter) {
    double ratio = ratios.doubleColumn("ratio").getDouble(row);
    double low = ratios.doubleColumn("ci_low").getDouble(row);
    double high = ratios.doubleColumn("ci_high").getDouble(row);
    return lowerIsBetter
        ? new double[] {1 / ratio, 1 / high, 1 / low}
        : new double[] {ratio, low, high};
  }

  private static String verdict(
      String baseline, String target, double[] gap, double[] mine, double[] reach, double closed) {
    boolean ahead = mine[1] > 1;
    boolean behind = mine[2] < 1;
    if (Double.isNaN(mine[1])) {
      return "too few paired rounds to tell";
    }
    if (!(gap[1] > 1)) {
      String what =
          ahead
              ? "faster than " + baseline
              : behind ? "slower than " + baseline : "no clear difference from " + baseline;
      return "no gap to close (" + target + " was not clearly ahead of " + baseline + "); " + what;
    }
    if (behind) {
      return "slower than " + baseline + " itself";
    }
    if (!ahead) {
      return "closed none of the gap (no clear difference from " + baseline + ")";
    }
    if (reach[1] > 1) {
      return "overtook " + target;
    }
    if (reach[2] >= 1) {
      return "closed the gap (as fast as " + target + " within the CI)";
    }
    return "closed " + Units.percent(closed) + " of the gap";
  }

  private static int find(Table ratios, String workload, int size) {
    for (int row = 0; row < ratios.rowCount(); row++) {
      if (ratios.stringColumn("workload").get(row).equals(workload)
          && ratios.intColumn("size").get(row) == size) {
        return row;
      }
    }
    return -1;
  }
}
