package org.udsvstcp.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Tablesaw tables as display bundles: a compact HTML table (numbers right-aligned, about four
 * significant digits) and the same table as aligned plain text.
 */
public final class Tables {

  /** Rows shown before a long table is cut to its head and tail. */
  public static final int DEFAULT_MAX_ROWS = 40;

  private static final String CELL = "padding:2px 8px;border:none;";

  private Tables() {}

  /** Returns {@code table} as HTML and plain text, at most {@value #DEFAULT_MAX_ROWS} rows. */
  public static MimeBundle bundle(Table table) {
    return bundle(table, DEFAULT_MAX_ROWS);
  }

  /**
   * Returns {@code table} as HTML and plain text, cut to its head and tail past {@code maxRows}.
   */
  public static MimeBundle bundle(Table table, int maxRows) {
    return MimeBundle.of(text(table, maxRows), html(table, maxRows));
  }

  /** Returns {@code table} as an HTML {@code <table>} with its name and size as the caption. */
  public static String html(Table table, int maxRows) {
    StringBuilder out = new StringBuilder();
    out.append("<div class=\"udsvstcp-table\" style=\"overflow-x:auto\">")
        .append("<table style=\"border-collapse:collapse;font-size:12px;margin:4px 0\">")
        .append("<caption style=\"caption-side:top;text-align:left;padding:2px 8px\"><b>")
        .append(Html.escape(table.name() == null ? "" : table.name()))
        .append("</b> <span style=\"color:#666\">")
        .append(Html.escape(size(table)))
        .append("</span></caption><thead><tr>");
    for (Column<?> column : table.columns()) {
      out.append("<th style=\"")
          .append(CELL)
          .append("border-bottom:1px solid #999;text-align:")
          .append(CellFormat.isNumeric(column) ? "right" : "left")
          .append("\">")
          .append(Html.escape(column.name()))
          .append("</th>");
    }
    out.append("</tr></thead><tbody>");
    for (int row : shownRows(table, maxRows)) {
      out.append("<tr>");
      for (Column<?> column : table.columns()) {
        out.append("<td style=\"").append(CELL);
        if (row < 0) {
          out.append("text-align:center;color:#666\">…");
        } else {
          out.append("text-align:")
              .append(
                  CellFormat.isNumeric(column) ? "right;font-variant-numeric:tabular-nums" : "left")
              .append("\">")
              .append(Html.escape(CellFormat.cell(column, row)));
        }
        out.append("</td>");
      }
      out.append("</tr>");
    }
    return out.append("</tbody></table></div>").toString();
  }

  /** Returns {@code table} as plain text: columns padded to line up, numbers right-aligned. */
  public static String text(Table table, int maxRows) {
    List<Column<?>> columns = table.columns();
    int[] rows = shownRows(table, maxRows);
    String[][] cells = new String[rows.length + 1][columns.size()];
    int[] widths = new int[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      cells[0][c] = columns.get(c).name();
      for (int r = 0; r < rows.length; r++) {
        cells[r + 1][c] = rows[r] < 0 ? "…" : CellFormat.cell(columns.get(c), rows[r]);
      }
      for (String[] line : cells) {
        widths[c] = Math.max(widths[c], line[c].length());
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(table.name() == null ? "" : table.name() + " ").append(size(table)).append('\n');
    for (int r = 0; r < cells.length; r++) {
      appendLine(out, cells[r], widths, columns);
      if (r == 0) {
        String[] rule = new String[columns.size()];
        for (int c = 0; c < rule.length; c++) {
          rule[c] = "-".repeat(widths[c]);
        }
        appendLine(out, rule, widths, columns);
      }
    }
    return out.toString().stripTrailing();
  }

  private static void appendLine(
      StringBuilder out, String[] cells, int[] widths, List<Column<?>> columns) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      if (c > 0) {
        line.append("  ");
      }
      String pad = " ".repeat(widths[c] - cells[c].length());
      line.append(CellFormat.isNumeric(columns.get(c)) ? pad + cells[c] : cells[c] + pad);
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }

  private static String size(Table table) {
    return String.format(
        Locale.ROOT,
        "(%d row%s × %d column%s)",
        table.rowCount(),
        table.rowCount() == 1 ? "" : "s",
        table.columnCount(),
        table.columnCount() == 1 ? "" : "s");
  }

  /** Returns the rows to show, with -1 where rows were left out. */
  private static int[] shownRows(Table table, int maxRows) {
    int count = table.rowCount();
    if (maxRows < 2) {
      throw new IllegalArgumentException("maxRows must be at least 2: " + maxRows);
    }
    List<Integer> rows = new ArrayList<>();
    if (count <= maxRows) {
      for (int r = 0; r < count; r++) {
        rows.add(r);
      }
    } else {
      int head = (maxRows + 1) / 2;
      int tail = maxRows / 2;
      for (int r = 0; r < head; r++) {
        rows.add(r);
      }
      rows.add(-1);
      for (int r = count - tail; r < count; r++) {
        rows.add(r);
      }
    }
    return rows.stream().mapToInt(Integer::intValue).toArray();
  }
}
