package org.udsvstcp.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.udsvstcp.charts.Charts;
import org.udsvstcp.charts.Displayable;
import org.udsvstcp.charts.MimeBundle;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ShowTest {

  private static Table trials() {
    return Table.create(
        "trials",
        StringColumn.create("transport", "tcp", "uds"),
        StringColumn.create("phase", "measured", "measured"),
        DoubleColumn.create("bytes_per_s", 1.0e9, 2.0e9));
  }

  private static MimeBundle bundle(Object shown) {
    return Displayable.bundleOf(shown).orElseThrow();
  }

  @Test
  void aTableCarriesHtmlAndAlignedText() {
    MimeBundle shown = bundle(Show.table(trials()));
    assertTrue(shown.get(MimeBundle.TEXT_HTML).orElseThrow().contains("<table"));
    assertTrue(shown.text().contains("uds"));
  }

  @Test
  void aPlotFallsBackToItsDataWithoutJavaScript() {
    MimeBundle shown = bundle(Show.plot(Charts.boxPlot(trials(), "bytes_per_s"), trials()));
    assertTrue(shown.get(MimeBundle.TEXT_HTML).orElseThrow().contains("Plotly.newPlot"));
    assertTrue(shown.text().contains("tcp"), shown.text());
  }

  @Test
  void progressCountsTrials() {
    assertTrue(bundle(Show.progress(3, 12, "trials")).text().contains("3/12 (25%) trials"));
  }

  @Test
  void thePlotlyLoaderNamesItsPinnedVersion() {
    assertEquals(
        "Plotly " + org.udsvstcp.charts.Plotly.version() + " loaded (plots need JavaScript)",
        bundle(Show.plotly()).text());
  }
}
