package org.udsvstcp.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Font;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.event.EventHandler;
import tech.tablesaw.plotly.traces.BoxTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;

class FigureJsonTest {

  /** One figure of every kind Charts makes, from the demo data, by name. */
  static Map<String, Figure> everyKind() {
    Table trials = DemoData.trials();
    Table measured = trials.where(trials.stringColumn("phase").isEqualTo("measured"));
    Map<String, Figure> figures = new LinkedHashMap<>();
    figures.put("boxPlot", Charts.boxPlot(measured, "bytes_per_s"));
    figures.put("boxPlotBySize", Charts.boxPlotBySize(measured, "bytes_per_s"));
    figures.put("trialOrder", Charts.trialOrder(trials, "bytes_per_s"));
    figures.put("trialOrderRelative", Charts.trialOrderRelative(trials, "bytes_per_s"));
    figures.put("mediansWithCi", Charts.mediansWithCi(DemoData.summaryAtOneSize(), "bytes_per_s"));
    figures.put("medianVsSize", Charts.medianVsSize(DemoData.summary(), "bytes_per_s"));
    figures.put("ratioBySize", Charts.ratioBySize(DemoData.ratios()));
    figures.put("costStack", Charts.costStack(costs(), "per message"));
    figures.put("percentiles", Charts.percentiles(DemoData.latency()));
    figures.put("perRun", Charts.perRun(DemoData.runs(), "messages_per_s"));
    return figures;
  }

  private static Table costs() {
    return Table.create(
        "costs",
        StringColumn.create("transport", "uds", "tcp"),
        IntColumn.create("size", 64, 64),
        DoubleColumn.create("server_system", 270, 250),
        DoubleColumn.create("server_user", 30, 50),
        DoubleColumn.create("client_system", 380, 320),
        DoubleColumn.create("client_user", 120, 190));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) assertInstanceOf(Map.class, value);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    return (List<Object>) assertInstanceOf(List.class, value);
  }

  /** Every value in {@code value} with the key {@code key}, however deep. */
  private static List<Object> every(Object value, String key) {
    List<Object> found = new ArrayList<>();
    if (value instanceof Map) {
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        if (entry.getKey().equals(key)) {
          found.add(entry.getValue());
        }
        found.addAll(every(entry.getValue(), key));
      }
    } else if (value instanceof List) {
      for (Object item : (List<?>) value) {
        found.addAll(every(item, key));
      }
    }
    return found;
  }

  @Test
  void everyKindOfChartHasItsTracesLayoutAndConfig() {
    for (Map.Entry<String, Figure> kind : everyKind().entrySet()) {
      Figure figure = kind.getValue();
      Map<String, Object> json = FigureJson.of(figure);
      assertEquals(List.of("data", "layout", "config"), List.copyOf(json.keySet()), kind.getKey());
      List<Object> data = list(json.get("data"));
      assertEquals(figure.getTraces().length, data.size(), kind.getKey());
      for (int i = 0; i < data.size(); i++) {
        Map<String, Object> trace = map(data.get(i));
        assertEquals(figure.getTraces()[i].name(), trace.get("name"), kind.getKey());
        assertTrue(trace.get("type") instanceof String, kind.getKey() + ": " + trace);
      }
      Map<String, Object> layout = map(json.get("layout"));
      // as tablesaw wrote it, HTML-escaped: Plotly's text rendering shows the characters
      assertEquals(
          Html.escape(figure.getLayout().getTitle()), map(layout.get("title")).get("text"));
      assertEquals("SI", map(layout.get("yaxis")).get("exponentformat"), kind.getKey());
      assertEquals(Map.of("responsive", true, "displaylogo", false), json.get("config"));
    }
  }

  @Test
  void everyTitleIsAnObjectAsPlotlyThreeAndLaterRequire() {
    // plotly.js 3 dropped titles given as strings and titlefont: the JupyterLab extension's
    // Plotly would draw those figures without their titles.
    for (Map.Entry<String, Figure> kind : everyKind().entrySet()) {
      Map<String, Object> json = FigureJson.of(kind.getValue());
      List<Object> titles = every(json, "title");
      assertTrue(titles.size() >= 3, kind.getKey() + ": the figure's and both axes' titles");
      for (Object title : titles) {
        assertTrue(map(title).get("text") instanceof String, kind.getKey() + ": " + title);
      }
      assertEquals(List.of(), every(json, "titlefont"), kind.getKey());
      Map<String, Object> xaxis = map(map(json.get("layout")).get("xaxis"));
      assertFalse(((String) map(xaxis.get("title")).get("text")).isEmpty(), kind.getKey());
    }
  }

  @Test
  void aTitleFontMovesUnderTheTitle() {
    Font font = Font.builder().size(20).color("#123456").build();
    Figure figure =
        new Figure(
            Layout.builder().title("a title").titleFont(font).build(),
            ScatterTrace.builder(new double[] {1}, new double[] {2}).build());
    Map<String, Object> title = map(map(FigureJson.of(figure).get("layout")).get("title"));
    assertEquals("a title", title.get("text"));
    assertEquals(20, ((Number) map(title.get("font")).get("size")).intValue());
    assertEquals("#123456", map(title.get("font")).get("color"));
  }

  @Test
  void theTablesValuesAreTheTracesValues() {
    Table t =
        Table.create(
            "t",
            StringColumn.create("transport", "tcp", "tcp", "uds"),
            DoubleColumn.create("seconds", 1.5, 2.25, 0.125));
    List<Object> data = list(FigureJson.of(Charts.boxPlot(t, "seconds")).get("data"));
    assertEquals(2, data.size());
    assertEquals("tcp", map(data.get(0)).get("name"));
    assertEquals(List.of(1.5, 2.25), map(data.get(0)).get("y"));
    assertEquals(List.of("tcp", "tcp"), map(data.get(0)).get("x"));
    assertEquals(List.of(0.125), map(data.get(1)).get("y"));
    assertEquals("box", map(data.get(0)).get("type"));
  }

  @Test
  void extraAttributesLandInTheirTraceAndInTheLayout() {
    Map<String, Object> json = FigureJson.of(Charts.costStack(costs(), "per message"));
    Map<String, Object> first = map(list(json.get("data")).get(0));
    assertEquals(List.of(List.of("64 B", "64 B"), List.of("tcp", "uds")), first.get("x"));
    Map<String, Object> layout = map(json.get("layout"));
    assertEquals("stack", layout.get("barmode"));
    assertEquals("multicategory", map(layout.get("xaxis")).get("type"));
    // set beside what tablesaw wrote there, not instead of it
    assertTrue(map(map(layout.get("xaxis")).get("title")).get("text") instanceof String);

    Map<String, Object> ratio = FigureJson.of(Charts.ratioBySize(DemoData.ratios()));
    Map<String, Object> errors = map(map(list(ratio.get("data")).get(0)).get("error_y"));
    assertEquals("data", errors.get("type"));
    assertEquals(list(errors.get("array")).size(), list(errors.get("arrayminus")).size());
  }

  @Test
  void aMissingValueIsAGapNotNaN() {
    // tablesaw writes a box trace's values as bare numbers, NaN included
    Figure figure =
        new Figure(
            BoxTrace.builder(new Object[] {"a", "a", "a"}, new double[] {4, Double.NaN, 6})
                .build());
    List<Object> y = list(map(list(FigureJson.of(figure).get("data")).get(0)).get("y"));
    assertEquals(3, y.size());
    assertEquals(4.0, y.get(0));
    assertNull(y.get(1));
    // and a bundle takes it (JSON has no NaN; a kernel's Gson would refuse one)
    assertEquals(
        List.of("data", "layout", "config"),
        List.copyOf(Figures.bundle(figure).json(MimeBundle.PLOTLY_JSON).orElseThrow().keySet()));
  }

  @Test
  void aFigureWithEventHandlersIsRefusedNamingWhy() {
    Figure figure = new Figure(ScatterTrace.builder(new double[] {1}, new double[] {2}).build());
    EventHandler onHover = (target, div) -> "console.log('hover');";
    figure.setEventHandlers(onHover);
    var e = assertThrows(IllegalArgumentException.class, () -> Figures.bundle(figure));
    assertTrue(e.getMessage().contains("event handlers"), e.getMessage());
  }

  @Test
  void textThatLooksLikeMarkupOrQuotesSurvivesAsText() {
    Table t =
        Table.create(
            "t",
            StringColumn.create("transport", "it's \"tcp\" </script>"),
            DoubleColumn.create("a<b", 1.0));
    Map<String, Object> json = FigureJson.of(Charts.boxPlot(t, "a<b"));
    Map<String, Object> trace = map(list(json.get("data")).get(0));
    // x is the raw value (tablesaw writes data as JSON); names and titles went through its HTML
    // escaping, which Plotly's text rendering turns back into the characters.
    assertEquals(List.of("it's \"tcp\" </script>"), trace.get("x"));
    assertEquals("it&#39;s &quot;tcp&quot; &lt;/script&gt;", trace.get("name"));
  }
}
