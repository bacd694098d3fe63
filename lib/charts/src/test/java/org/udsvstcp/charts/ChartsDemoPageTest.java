package org.udsvstcp.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * Writes a standalone page with the loader, one of each chart, a table and a progress bar, for the
 * headless browser check (tools/browser/render-check.mjs) and for people to look at. The page goes
 * to the system property charts.demo.page, or target/charts-demo.html.
 */
class ChartsDemoPageTest {

  /** How many plots the demo page holds; the browser check expects exactly this many. */
  static final int PLOTS = 8;

  @Test
  void writesADemoPageWithTheLoaderFirstAndEveryChart() throws Exception {
    Table trials = DemoData.trials();
    Table measured = trials.where(trials.stringColumn("phase").isEqualTo("measured"));
    Table atOneSize = measured.where(measured.intColumn("size").isEqualTo(65536));
    Table summary = DemoData.summary();
    List<MimeBundle> parts = new ArrayList<>();
    // The worst case for a UMD bundle: an AMD define (RequireJS in the classic Notebook) and
    // CommonJS module/exports. The loader must still set window.Plotly, or no plot renders.
    parts.add(
        MimeBundle.of(
            "harness",
            "<p style=\"font-size:11px;color:#666\">Test harness: this page defines an AMD"
                + " define and CommonJS module/exports before the loader.</p><script>"
                + "window.define = function () { window.amdDefineCalls = 1; };"
                + " window.define.amd = {}; window.module = {exports: {}};"
                + " window.exports = window.module.exports;</script>"));
    parts.add(Plotly.loader());
    parts.add(Progress.bar(9, 25, "trials"));
    parts.add(Tables.bundle(DemoData.summaryAtOneSize()));
    parts.add(Figures.bundle(Charts.boxPlot(atOneSize, "bytes_per_s"), atOneSize));
    parts.add(Figures.bundle(Charts.boxPlotBySize(measured, "bytes_per_s"), measured));
    parts.add(Figures.bundle(Charts.trialOrder(trials, "bytes_per_s"), trials));
    parts.add(
        Figures.bundle(
            Charts.mediansWithCi(DemoData.summaryAtOneSize(), "bytes_per_s"),
            DemoData.summaryAtOneSize()));
    parts.add(Figures.bundle(Charts.medianVsSize(summary, "bytes_per_s"), summary));
    parts.add(Figures.bundle(Charts.ratioBySize(DemoData.ratios()), DemoData.ratios()));
    parts.add(Figures.bundle(Charts.percentiles(DemoData.latency()), DemoData.latency()));
    parts.add(Figures.bundle(Charts.perRun(DemoData.runs(), "messages_per_s"), DemoData.runs()));

    Path page = Path.of(System.getProperty("charts.demo.page", "target/charts-demo.html"));
    HtmlPage.write(page, "uds-vs-tcp charts demo (synthetic data)", parts);

    Path notebook = Path.of(page.toString().replaceAll("\\.html$", "") + ".ipynb");
    Files.writeString(notebook, notebook(parts.subList(1, parts.size())));

    String html = Files.readString(page);
    assertEquals(PLOTS, html.split("class=\"udsvstcp-plot\"", -1).length - 1);
    assertTrue(
        html.indexOf("plotly.js v" + Plotly.version()) < html.indexOf("class=\"udsvstcp-plot\""));
  }

  /**
   * Returns an nbformat 4 notebook with one code cell per bundle, its output a display_data of
   * every MIME type, as a kernel would have saved it; nbconvert turns it into the exported HTML.
   */
  private static String notebook(List<MimeBundle> parts) {
    List<Object> cells = new ArrayList<>();
    int count = 1;
    for (MimeBundle part : parts) {
      Map<String, Object> output = new LinkedHashMap<>();
      output.put("output_type", "display_data");
      output.put("data", part.asMap());
      output.put("metadata", Map.of());
      Map<String, Object> cell = new LinkedHashMap<>();
      cell.put("cell_type", "code");
      cell.put("execution_count", count);
      cell.put("metadata", Map.of());
      cell.put("outputs", List.of(output));
      cell.put("source", List.of("display(part" + count++ + ".displayable());"));
      cells.add(cell);
    }
    Map<String, Object> notebook = new LinkedHashMap<>();
    notebook.put("cells", cells);
    notebook.put(
        "metadata",
        Map.of(
            "kernelspec",
            Map.of("name", "java", "display_name", "Java", "language", "java"),
            "language_info",
            Map.of("name", "java")));
    notebook.put("nbformat", 4);
    notebook.put("nbformat_minor", 4);
    return Json.write(notebook);
  }
}
