package org.udsvstcp.notebook;

import org.udsvstcp.bench.experiment.Results;
import org.udsvstcp.charts.Figures;
import org.udsvstcp.charts.Plotly;
import org.udsvstcp.charts.Progress;
import org.udsvstcp.charts.Tables;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * What the notebooks show, as objects any IJava-family kernel displays: end a cell with one, or
 * pass it to {@code display(...)} / {@code updateDisplay(id, ...)}. Each carries text/plain for
 * viewers without HTML and JavaScript.
 */
public final class Show {

  private Show() {}

  /** Returns the pinned Plotly loader; a notebook's first cell ends with it so plots can draw. */
  public static Object plotly() {
    return Plotly.loader().displayable();
  }

  /** Returns {@code table} as an HTML table (and aligned text). */
  public static Object table(Table table) {
    return Tables.bundle(table).displayable();
  }

  /** Returns {@code table} as an HTML table of at most {@code maxRows} rows (and aligned text). */
  public static Object table(Table table, int maxRows) {
    return Tables.bundle(table, maxRows).displayable();
  }

  /**
   * Returns an interactive plot; where JavaScript does not run, {@code data} is shown as a table
   * instead.
   */
  public static Object plot(Figure figure, Table data) {
    return Figures.bundle(figure, data).displayable();
  }

  /** Returns a progress bar for {@code done} of {@code total} trials. */
  public static Object progress(int done, int total, String label) {
    return Progress.bar(done, total, label).displayable();
  }

  /** Returns the method and the machine of a run, printed before its numbers. */
  public static String method(Results results) {
    return results.experiment().describe() + "\n" + results.environment().toText();
  }
}
