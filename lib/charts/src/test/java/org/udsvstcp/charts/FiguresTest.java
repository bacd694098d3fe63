package org.udsvstcp.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

class FiguresTest {

  private static final Pattern PLOT_DIV = Pattern.compile("id=\"(udsvstcp_[0-9a-f]{32})_plot\"");

  private static String html(MimeBundle bundle) {
    return bundle.get(MimeBundle.TEXT_HTML).orElseThrow();
  }

  private static String plotId(MimeBundle bundle) {
    Matcher m = PLOT_DIV.matcher(html(bundle));
    assertTrue(m.find(), "the bundle has a plot div");
    return m.group(1);
  }

  @Test
  void bundleHasPlainTextFallbackAndHtml() {
    Table trials = DemoData.trials();
    MimeBundle bundle = Figures.bundle(Charts.boxPlot(trials, "bytes_per_s"), trials);
    assertEquals(
        List.of(MimeBundle.TEXT_PLAIN, MimeBundle.TEXT_HTML), List.copyOf(bundle.mimeTypes()));
    assertTrue(bundle.text().startsWith("throughput (bytes/s) per transport"));
    assertTrue(bundle.text().contains(Tables.text(trials, Tables.DEFAULT_MAX_ROWS)));
  }

  @Test
  void htmlDrawsWithPlotlyOnceWindowPlotlyExists() {
    MimeBundle bundle = Figures.bundle(Charts.boxPlot(DemoData.trials(), "bytes_per_s"));
    String html = html(bundle);
    String id = plotId(bundle);
    assertTrue(html.contains("window.Plotly && window.Plotly.newPlot"));
    assertTrue(html.contains("setTimeout(function () { wait(polls + 1); }, 100)"));
    assertTrue(html.contains("return Plotly.newPlot(target_" + id + "_plot, data, layout"));
    assertTrue(html.contains("var data = [trace0, trace1, trace2, trace3];"));
    assertTrue(html.contains("Plotly is not loaded"), "says what to do when the loader never ran");
    assertFalse(html.contains("cdn.plot.ly"), "nothing is fetched from the network");
  }

  @Test
  void staticTableSitsInTheHtmlAndIsHiddenOnceThePlotRenders() {
    Table summary = DemoData.summaryAtOneSize();
    MimeBundle bundle = Figures.bundle(Charts.mediansWithCi(summary, "bytes_per_s"), summary);
    String html = html(bundle);
    String id = plotId(bundle);
    assertTrue(
        html.contains(
            "<div class=\"udsvstcp-fallback\" style=\"max-width:100%;overflow-x:auto\" id=\""
                + id
                + "_fallback\">"));
    assertTrue(html.contains(Tables.html(summary, Tables.DEFAULT_MAX_ROWS)));
    assertTrue(html.contains("element.style.display = shown ? '' : 'none'"));
  }

  @Test
  void theFallbackIsHiddenBeforeThePlotIsSizedAndShownAgainIfDrawingFails() {
    // A wide table left in place while Plotly sizes the plot would make the plot too wide.
    String html = html(Figures.bundle(Charts.boxPlot(DemoData.trials(), "bytes_per_s"), null));
    assertTrue(html.indexOf("fallback(false)") < html.indexOf("Plotly.newPlot("), html);
    assertTrue(html.contains("fallback(true)"), html);
  }

  @Test
  void figuresFromTablesawsOwnApiAndWithoutALayoutAreBundledToo() {
    Table runs = DemoData.runs();
    Figure scatter =
        tech.tablesaw.plotly.api.ScatterPlot.create(
            "runs",
            runs.addColumns(tech.tablesaw.api.IntColumn.indexColumn("i", 16, 0)),
            "i",
            "messages_per_s");
    assertTrue(html(Figures.bundle(scatter)).contains("Plotly.newPlot("));
    Figure bare =
        new Figure(
            tech.tablesaw.plotly.traces.ScatterTrace.builder(new double[] {1}, new double[] {2})
                .build());
    String html = html(Figures.bundle(bare));
    assertTrue(html.contains("_plot, data, {}, {responsive: true"), "no layout: an empty one");
    assertEquals("plot (an interactive plot; it needs JavaScript)", Figures.bundle(bare).text());
  }

  @Test
  void everyBundleGetsItsOwnIds() {
    Figure figure = Charts.perRun(DemoData.runs(), "messages_per_s");
    assertNotEquals(plotId(Figures.bundle(figure)), plotId(Figures.bundle(figure)));
  }

  @Test
  void titleIsEscapedInHtml() {
    Table t =
        Table.create(
            "x<y",
            tech.tablesaw.api.StringColumn.create("transport", "tcp"),
            tech.tablesaw.api.DoubleColumn.create("a<b", 1.0));
    MimeBundle bundle = Figures.bundle(Charts.boxPlot(t, "a<b"), t);
    String beforeScript = html(bundle).substring(0, html(bundle).indexOf("<script"));
    assertFalse(beforeScript.contains("a<b"));
    assertTrue(beforeScript.contains("a&lt;b"));
  }

  @Test
  void scriptCannotBeClosedByDataInsideIt() {
    Table t =
        Table.create(
            "t",
            tech.tablesaw.api.StringColumn.create("transport", "</script><b>"),
            tech.tablesaw.api.DoubleColumn.create("seconds", 1.0));
    String html = html(Figures.bundle(Charts.boxPlot(t, "seconds")));
    String script = html.substring(html.indexOf("<script"));
    assertEquals(1, script.split("</script", -1).length - 1, "only the real end tag");
  }
}
