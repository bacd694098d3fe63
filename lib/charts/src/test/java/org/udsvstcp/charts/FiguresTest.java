package org.udsvstcp.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
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
        List.of(MimeBundle.TEXT_PLAIN, MimeBundle.TEXT_HTML, MimeBundle.PLOTLY_JSON),
        List.copyOf(bundle.mimeTypes()));
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
    assertTrue(html.contains("var plotId = '" + id + "_plot'"));
    assertTrue(
        html.contains(
            "return Plotly.newPlot(document.getElementById(plotId), figure.data, figure.layout,"
                + " figure.config);"));
    assertTrue(html.contains("Plotly is not loaded"), "says what to do when the loader never ran");
    assertFalse(html.contains("cdn.plot.ly"), "nothing is fetched from the network");
  }

  /** The figure the HTML's script draws: its {@code var figure = ...;} line, read as JSON. */
  private static Object drawnByHtml(MimeBundle bundle) throws Exception {
    Matcher m = Pattern.compile("\n  var figure = (\\{.*});\n").matcher(html(bundle));
    assertTrue(m.find(), "the script defines the figure it draws");
    return new ObjectMapper().readValue(m.group(1), Object.class);
  }

  @Test
  void theHtmlDrawsExactlyTheFigureThePlotlyJsonTypeCarries() throws Exception {
    for (Map.Entry<String, Figure> kind : FigureJsonTest.everyKind().entrySet()) {
      MimeBundle bundle = Figures.bundle(kind.getValue(), DemoData.runs());
      Map<String, Object> json = bundle.json(MimeBundle.PLOTLY_JSON).orElseThrow();
      assertEquals(kind.getValue().getTraces().length, ((List<?>) json.get("data")).size());
      assertTrue(JsonValues.same(json, drawnByHtml(bundle)), kind.getKey());
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theComparisonSeesADifferenceInOneValue() {
    // the check above can fail: one number changed deep inside is a different figure
    Map<String, Object> json =
        Figures.bundle(Charts.boxPlot(DemoData.trials(), "bytes_per_s"))
            .json(MimeBundle.PLOTLY_JSON)
            .orElseThrow();
    List<Object> data = new java.util.ArrayList<>((List<?>) json.get("data"));
    Map<String, Object> trace = new java.util.LinkedHashMap<>((Map<String, Object>) data.get(0));
    List<Object> y = new java.util.ArrayList<>((List<?>) trace.get("y"));
    y.set(y.size() - 1, ((Number) y.get(y.size() - 1)).doubleValue() + 1);
    trace.put("y", y);
    data.set(0, trace);
    Map<String, Object> changed = new java.util.LinkedHashMap<>(json);
    changed.put("data", data);
    assertTrue(JsonValues.same(json, new java.util.LinkedHashMap<>(json)));
    assertFalse(JsonValues.same(json, changed));
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
    assertEquals(
        Map.of("responsive", true, "displaylogo", false),
        Figures.bundle(bare).json(MimeBundle.PLOTLY_JSON).orElseThrow().get("config"));
    assertEquals(
        Map.of(),
        Figures.bundle(bare).json(MimeBundle.PLOTLY_JSON).orElseThrow().get("layout"),
        "no layout: an empty one");
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
