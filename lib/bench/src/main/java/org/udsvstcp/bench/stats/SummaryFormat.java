package org.udsvstcp.bench.stats;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Plain-text renderings of summary and ratio tables for the command line. */
public final class SummaryFormat {

  private static final String GAP = "  ";

  private SummaryFormat() {}

  /**
   * Returns the summary table (from {@link Summaries#byGroup}) as aligned text, one line per group
   * plus a header, with values in the metric's unit (see {@link Units#metric}) and CV in percent.
   */
  public static String table(Table summary, String metric) {
    int firstStat = summary.columnNames().indexOf("n");
    if (firstStat < 0) {
      throw new IllegalArgumentException("not a summary table (no column 'n'): " + summary.name());
    }
    List<String> header = new ArrayList<>(summary.columnNames().subList(0, firstStat));
    int groupCount = header.size();
    header.addAll(
        List.of("n", "median", "95% CI of median", "IQR", "min", "max", "CV", "outliers"));

    List<List<String>> lines = new ArrayList<>();
    lines.add(header);
    for (int row = 0; row < summary.rowCount(); row++) {
      List<String> cells = new ArrayList<>();
      for (int c = 0; c < groupCount; c++) {
        Column<?> column = summary.column(c);
        if (column.name().equals("size") && column instanceof NumericColumn<?> sizes) {
          cells.add(Units.size((long) sizes.getDouble(row)));
        } else {
          cells.add(column.getString(row));
        }
      }
      cells.add(Integer.toString((int) number(summary, "n", row)));
      cells.add(Units.metric(metric, number(summary, "median", row)));
      double low = number(summary, "ci_low", row);
      double high = number(summary, "ci_high", row);
      cells.add(
          Double.isNaN(low)
              ? "n/a"
              : Units.metric(metric, low) + " - " + Units.metric(metric, high));
      cells.add(Units.metric(metric, number(summary, "iqr", row)));
      cells.add(Units.metric(metric, number(summary, "min", row)));
      cells.add(Units.metric(metric, number(summary, "max", row)));
      cells.add(Units.percent(number(summary, "cv", row)));
      cells.add(Integer.toString((int) number(summary, "outliers", row)));
      lines.add(cells);
    }
    StringBuilder text = new StringBuilder();
    text.append(metric)
        .append(" (measured trials; ")
        .append(TrialRows.higherIsBetter(metric) ? "higher" : "lower")
        .append(" is better)\n");
    text.append(align(lines, groupCount));
    return text.toString();
  }

  /**
   * Returns one line per row of a ratio table (from {@link Ratios#paired}), such as "uds/tcp stream
   * 64 B: 1.82x (95% CI 1.75-1.90, 10 paired rounds)".
   */
  public static String ratio(Table ratios) {
    StringBuilder text = new StringBuilder();
    for (int row = 0; row < ratios.rowCount(); row++) {
      String pair =
          ratios.containsColumn("numerator") && ratios.containsColumn("denominator")
              ? ratios.column("numerator").getString(row)
                  + "/"
                  + ratios.column("denominator").getString(row)
              : "ratio";
      String workload = ratios.column("workload").getString(row);
      long bytes = (long) number(ratios, "size", row);
      // A server request without a value (PING, SELECT) has size 0: nothing to print.
      String size = bytes == 0 ? "" : " " + Units.size(bytes);
      if (ratios.containsColumn("depth") && number(ratios, "depth", row) != 1) {
        size += " depth " + (long) number(ratios, "depth", row);
      }
      // Under load (ratios by clients and offered rate), each line names its level.
      if (ratios.containsColumn("clients")) {
        double clients = number(ratios, "clients", row);
        if (!Double.isNaN(clients) && clients != 1) {
          size += ", " + (long) clients + " clients";
        }
      }
      if (ratios.containsColumn("offered_per_s")) {
        double offered = number(ratios, "offered_per_s", row);
        if (!Double.isNaN(offered)) {
          size += ", offered " + (long) offered + "/s";
        }
      }
      int pairs = (int) number(ratios, "pairs", row);
      double low = number(ratios, "ci_low", row);
      double high = number(ratios, "ci_high", row);
      String rounds = pairs + " paired round" + (pairs == 1 ? "" : "s");
      String ci =
          Double.isNaN(low)
              ? "no CI from " + rounds
              : "95% CI " + Units.decimal2(low) + "-" + Units.decimal2(high) + ", " + rounds;
      text.append(pair)
          .append(' ')
          .append(workload)
          .append(size)
          .append(": ")
          .append(Units.ratio(number(ratios, "ratio", row)))
          .append(" (")
          .append(ci)
          .append(")\n");
    }
    return text.toString();
  }

  private static double number(Table table, String column, int row) {
    return TrialRows.value(TrialRows.metricColumn(table, column), row);
  }

  /** Pads the cells into columns: the group columns left-aligned, the statistics right-aligned. */
  private static String align(List<List<String>> lines, int leftAligned) {
    int columns = lines.get(0).size();
    int[] widths = new int[columns];
    for (List<String> line : lines) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], line.get(c).length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (List<String> line : lines) {
      StringBuilder out = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        if (c > 0) {
          out.append(GAP);
        }
        String cell = line.get(c);
        String padding = " ".repeat(widths[c] - cell.length());
        out.append(c < leftAligned ? cell + padding : padding + cell);
      }
      text.append(out.toString().stripTrailing()).append('\n');
    }
    return text.toString();
  }
}
