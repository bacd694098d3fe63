package org.udsvstcp.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/** Checks the Plotly JavaScript each chart produces: its traces, axes and extra attributes. */
class ChartsTest {

  private static String js(Figure figure) {
    return figure.asJavascript("d");
  }

  private static int count(String text, String needle) {
    return text.split(Pattern.quote(needle), -1).length - 1;
  }

  @Test
  void boxPlotHasOneColouredBoxPerTransportWithItsPoints() {
    String js = js(Charts.boxPlot(DemoData.trials(), "bytes_per_s"));
    assertEquals(4, count(js, "type: 'box'"));
    for (String transport : DemoData.TRANSPORTS) {
      assertTrue(js.contains("name: '" + transport + "'"), transport);
      assertTrue(js.contains("\"color\":\"" + Palette.colorOf(transport) + "\""), transport);
    }
    assertTrue(js.contains("trace0.boxpoints = \"all\";"));
    assertTrue(js.contains("title: 'throughput (bytes/s)'"), "y axis names its unit");
    assertTrue(js.contains("layout.yaxis.exponentformat = \"SI\";"), "10G, not 10B (bytes?)");
    assertTrue(js.contains("autosize: true"));
    assertFalse(js.contains("width: 800"), "plots fill the output's width");
  }

  @Test
  void transportsAppearInTheSeriesOrderWhateverTheRowOrder() {
    var trials = DemoData.trials();
    String js = js(Charts.boxPlot(trials.sortDescendingOn("transport"), "bytes_per_s"));
    assertTrue(js.indexOf("name: 'tcp'") < js.indexOf("name: 'uds'"));
    assertTrue(js.indexOf("name: 'uds-junix'") < js.indexOf("name: 'tcp-classic'"));
  }

  @Test
  void boxPlotBySizeGroupsBoxesOnALogAxisInSizeOrder() {
    String js = js(Charts.boxPlotBySize(DemoData.trials(), "bytes_per_s"));
    assertTrue(js.contains("layout.boxmode = \"group\";"));
    assertTrue(js.contains("type: 'log'"));
    assertTrue(
        js.contains(
            "layout.xaxis.categoryarray = [\"16 B\",\"256 B\",\"4 KiB\",\"64 KiB\",\"1 MiB\"];"));
  }

  @Test
  void trialOrderMarksWarmupTrialsWithOpenSymbols() {
    String js = js(Charts.trialOrder(DemoData.trials(), "bytes_per_s"));
    assertEquals(8, count(js, "type: 'scatter'"), "measured and warm-up per transport");
    assertEquals(4, count(js, ".marker.symbol = \"circle-open\";"));
    assertTrue(js.contains("name: 'tcp (warm-up)'"));
    assertTrue(js.contains("title: 'trial order (0 = first trial run)'"));
  }

  @Test
  void trialOrderRelativePutsEveryGroupOnOneScaleAroundItsMeasuredMedian() {
    Table trials =
        Table.create(
            "trials",
            StringColumn.create(
                "transport", "tcp", "tcp", "tcp", "tcp", "uds", "uds", "uds", "uds"),
            IntColumn.create("size", 64, 64, 64, 65536, 64, 64, 64, 65536),
            StringColumn.create(
                "phase",
                "warmup",
                "measured",
                "measured",
                "measured",
                "measured",
                "measured",
                "measured",
                "measured"),
            IntColumn.create("order", 0, 1, 2, 3, 4, 5, 6, 7),
            DoubleColumn.create("bytes_per_s", 5e6, 10e6, 30e6, 4e9, 20e6, 40e6, 60e6, 8e9));
    String js = js(Charts.trialOrderRelative(trials, "bytes_per_s"));
    // tcp 64 B: measured median 20e6, so the warm-up is at 25% and the two others at 50% and 150%
    assertTrue(js.contains("x: [\"0.0\"]"), js);
    assertTrue(js.contains("y: [\"25.0\"]"), js);
    assertTrue(js.contains("y: [\"50.0\",\"150.0\"]"), js);
    assertTrue(js.contains("y: [\"50.0\",\"100.0\",\"150.0\"]"), "uds 64 B around 40e6");
    assertEquals(2, count(js, "y: [\"100.0\"]"), "each 64 KiB trial is its own median");
    assertEquals(5, count(js, "type: 'scatter'"), "tcp 64 B warm-up and measured, 64 KiB; uds x2");
    assertTrue(js.contains(".marker.symbol = \"circle-open\";"), "warm-up: open");
    assertEquals(2, count(js, ".marker.symbol = \"square\";"), "the larger size: squares");
    assertTrue(js.contains("name: 'tcp 64 B (warm-up)'"));
    // legend: by transport, then size, measured before warm-up (not the order trials first ran)
    assertTrue(js.indexOf("name: 'tcp 64 B'") < js.indexOf("name: 'tcp 64 B (warm-up)'"));
    assertTrue(js.indexOf("name: 'tcp 64 B (warm-up)'") < js.indexOf("name: 'tcp 64 KiB'"));
    assertTrue(js.indexOf("name: 'tcp 64 KiB'") < js.indexOf("name: 'uds 64 B'"));
    assertTrue(js.contains("\"y0\":100"), "a line at 100%");
    assertTrue(js.contains("title: '% of the median of its transport and size'"));
  }

  @Test
  void trialOrderRelativeNeedsTheExecutionOrder() {
    Table trials = DemoData.trials().removeColumns("order");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Charts.trialOrderRelative(trials, "bytes_per_s"));
    assertTrue(e.getMessage().contains("order"), e.getMessage());
  }

  @Test
  void mediansWithCiHaveAsymmetricErrorBars() {
    String js = js(Charts.mediansWithCi(DemoData.summaryAtOneSize(), "bytes_per_s"));
    assertEquals(4, count(js, "type: 'bar'"));
    assertEquals(4, count(js, ".error_y = {\"type\":\"data\",\"symmetric\":false,\"array\":["));
    assertTrue(js.contains("\"arrayminus\":["));
  }

  @Test
  void mediansWithCiGroupBarsBySizeWhenThereAreSeveral() {
    String js = js(Charts.mediansWithCi(DemoData.summary(), "bytes_per_s"));
    assertTrue(js.contains("layout.barmode = \"group\";"));
  }

  @Test
  void mediansWithCiUseALogAxisOnlyWhenTheBarsDifferByMoreThanTwentyfold() {
    // 16 B to 1 MiB: small bars would vanish on a linear axis
    assertEquals(
        1, count(js(Charts.mediansWithCi(DemoData.summary(), "bytes_per_s")), "type: 'log'"));
    assertEquals(
        0,
        count(js(Charts.mediansWithCi(DemoData.summaryAtOneSize(), "bytes_per_s")), "type: 'log'"));
  }

  @Test
  void medianVsSizeDrawsCiBandsOnLogAxes() {
    String js = js(Charts.medianVsSize(DemoData.summary(), "bytes_per_s"));
    assertEquals(12, count(js, "type: 'scatter'"), "low, high and median per transport");
    assertEquals(4, count(js, "fill: 'tonexty'"));
    assertEquals(2, count(js, "type: 'log'"));
    assertTrue(js.contains("ticktext: [\"16 B\",\"256 B\",\"4 KiB\",\"64 KiB\",\"1 MiB\"]"));
    assertTrue(
        js.contains("tickmode: 'array'"), "Plotly ignores ticktext unless tickmode is array");
  }

  @Test
  void ratioBySizeHasWhiskersAndAReferenceLineAtOne() {
    String js = js(Charts.ratioBySize(DemoData.ratios()));
    assertTrue(js.contains("trace0.error_y = {"));
    assertTrue(js.contains("\"y0\":1,\"y1\":1"));
    assertTrue(js.contains("name: 'stream'"));
    assertTrue(js.contains("type: 'log'"));
  }

  @Test
  void percentilePlotUsesANinesAxisAndSkipsTheMaximum() {
    String js = js(Charts.percentiles(DemoData.latency()));
    assertEquals(2, count(js, "type: 'scatter'"));
    assertTrue(
        js.contains("ticktext: [\"50%\",\"90%\",\"99%\",\"99.9%\",\"99.99%\"]"),
        "ticks up to the highest percentile measured, 99.99");
    assertTrue(
        js.contains("tickmode: 'array'"), "Plotly ignores ticktext unless tickmode is array");
    // tablesaw-jsplot writes numeric x as strings; Plotly converts them (autotypenumbers).
    assertTrue(js.contains("x: [\"2.0\",\"10.0\",\"100.0\",\"1000.0\",\"10000.0\"]"), js);
    assertFalse(js.contains("p100"), "the 100th percentile has no place on a nines axis");
    assertTrue(js.contains("title: 'latency (µs), log scale'"), "y axis names unit and scale");
    assertEquals(2, count(js, "type: 'log'"), "a 40 ms stall must not flatten µs lines");
  }

  @Test
  void seriesOfOneTransportGetDistinctShadesOfItsColour() {
    Table latency = Percentiles.empty();
    for (String series : new String[] {"uds, threads", "uds, processes", "tcp, threads"}) {
      for (double p : new double[] {50, 99}) {
        latency.stringColumn("transport").append(series);
        latency.doubleColumn("percentile").append(p);
        latency.doubleColumn("latency_us").append(p);
      }
    }
    String js = js(Charts.percentiles(latency));
    Palette palette = Palette.forFigure();
    String threads = palette.color("uds, threads");
    String processes = palette.color("uds, processes");
    assertFalse(threads.equals(processes));
    assertTrue(js.contains("color: '" + threads + "'") || js.contains("\"" + threads + "\""), js);
    assertTrue(js.contains(processes), js);
    assertTrue(
        js.indexOf("name: 'tcp, threads'") < js.indexOf("name: 'uds, threads'"), "tcp first");
  }

  @Test
  void perRunDrawsEachRunAndAMedianLinePerTransport() {
    String js = js(Charts.perRun(DemoData.runs(), "messages_per_s"));
    assertEquals(2, count(js, "type: 'scatter'"));
    assertEquals(2, count(js, "\"type\":\"line\""));
    assertTrue(js.contains("x: [\"1.0\",\"2.0\",\"3.0\",\"4.0\",\"5.0\",\"6.0\",\"7.0\",\"8.0\"]"));
  }

  private static Table byClients() {
    return Table.create(
        "by clients",
        StringColumn.create("client", "lettuce", "lettuce", "lettuce", "lettuce", "hikaricp"),
        StringColumn.create("transport", "tcp", "uds", "tcp", "uds", "uds"),
        IntColumn.create("clients", 1, 1, 8, 8, 8),
        DoubleColumn.create("requests_per_s", 10_000, 12_000, 40_000, 52_000, 9_000));
  }

  @Test
  void linesByDrawsOneLinePerSeriesWithTcpDashedAndEachTransportsColour() {
    String js = js(Charts.linesBy(byClients(), "clients", "requests_per_s", "by clients", true));
    assertEquals(3, count(js, "type: 'scatter'"), js);
    for (String series : new String[] {"lettuce tcp", "lettuce uds", "hikaricp uds"}) {
      assertTrue(js.contains("name: '" + series + "'"), series + " in " + js);
    }
    assertEquals(1, count(js, "\"dash\" : \"dash\""), "only the TCP line is dashed: " + js);
    Palette palette = Palette.forFigure();
    assertTrue(js.contains(palette.color("tcp")), js);
    assertTrue(js.contains(palette.color("uds")), js);
    // The lettuce lines join 1 and 8 clients.
    assertTrue(js.contains("y: [\"10000.0\",\"40000.0\"]"), js);
    assertTrue(js.contains("title: 'by clients'"), js);
    assertEquals(2, count(js, "type: 'log'"), "clients and requests per second: " + js);
  }

  @Test
  void linesByPutsAnOfferedRateOnALogAxis() {
    Table tail =
        Table.create(
            "tail",
            StringColumn.create("transport", "tcp", "tcp", "uds", "uds"),
            DoubleColumn.create("offered_per_s", 1000, 9000, 1000, 9000),
            DoubleColumn.create("p99_us", 80, 900, 60, 400));
    String js = js(Charts.linesBy(tail, "offered_per_s", "p99_us", "p99", false));
    assertEquals(2, count(js, "type: 'scatter'"), js);
    assertEquals(1, count(js, "type: 'log'"), "x log, y linear: " + js);
    assertTrue(js.contains("title: 'offered load (requests/s) (log scale)'"), js);
    assertTrue(js.contains("(log scale)"), js);
  }

  @Test
  void linesByNamesAMissingColumn() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Charts.linesBy(byClients(), "clients", "p99_us", "p99", true));
    assertTrue(e.getMessage().contains("p99_us"), e.getMessage());
  }

  @Test
  void aMissingColumnIsNamedInTheError() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Charts.boxPlot(DemoData.trials(), "no_such_metric"));
    assertTrue(e.getMessage().contains("no_such_metric"));
  }

  @Test
  void anEmptyTableIsRefusedWithAReason() {
    var empty = DemoData.trials().emptyCopy();
    var e =
        assertThrows(IllegalArgumentException.class, () -> Charts.boxPlot(empty, "bytes_per_s"));
    assertTrue(e.getMessage().contains("no rows"));
  }

  private static Table costs() {
    return Table.create(
        "costs",
        StringColumn.create("transport", "uds", "tcp", "tcp", "uds"),
        IntColumn.create("size", 65536, 64, 65536, 64),
        DoubleColumn.create("server_system", 2500, 250, 15000, 270),
        DoubleColumn.create("server_user", 100, 50, 300, 30),
        DoubleColumn.create("client_system", 2400, 320, 6000, 380),
        DoubleColumn.create("client_user", 300, 190, 400, 120));
  }

  @Test
  void costStackStacksBothEndsSystemAndUserTimeUnderOneBarPerSizeAndTransport() {
    String js = js(Charts.costStack(costs(), "per message"));
    assertEquals(4, count(js, "type: 'bar'"), js);
    assertTrue(js.contains("layout.barmode = \"stack\";"), js);
    assertTrue(js.contains("layout.xaxis.type = \"multicategory\";"), js);
    // Sorted by size, then tcp before uds: the server's system time of each bar in that order.
    assertTrue(
        js.contains(
            "trace0.x = [[\"64 B\",\"64 B\",\"64 KiB\",\"64 KiB\"],"
                + "[\"tcp\",\"uds\",\"tcp\",\"uds\"]];"),
        js);
    assertTrue(js.contains("y: [250.0, 270.0, 15000.0, 2500.0]"), js);
    assertTrue(js.contains("name: 'client user'"), js);
    assertTrue(js.contains("CPU time per message (ns)"), js);
  }

  @Test
  void costStackNamesAMissingPart() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Charts.costStack(costs().removeColumns("client_user"), "per KiB"));
    assertTrue(e.getMessage().contains("client_user"), e.getMessage());
  }

  @Test
  void categoryStackStacksEachCategoryUnderOneBarPerSizeTransportAndMachine() {
    tech.tablesaw.api.Table profile =
        tech.tablesaw.api.Table.create(
            "profile",
            tech.tablesaw.api.StringColumn.create(
                "machine", "here", "here", "here", "here", "ref", "ref"),
            tech.tablesaw.api.StringColumn.create(
                "transport", "uds", "uds", "tcp", "tcp", "tcp", "tcp"),
            tech.tablesaw.api.IntColumn.create("size", 65536, 65536, 65536, 65536, 65536, 65536),
            tech.tablesaw.api.StringColumn.create(
                "category", "copy", "unix", "copy", "tcp_ip", "copy", "tcp_ip"),
            tech.tablesaw.api.StringColumn.create(
                "label",
                "copying",
                "the Unix-socket path",
                "copying",
                "the TCP/IP path",
                "copying",
                "the TCP/IP path"),
            tech.tablesaw.api.DoubleColumn.create(
                "ns_per_message", 5000, 1100, 7000, 7600, 3000, 16000));
    String js = js(Charts.categoryStack(profile));
    assertEquals(3, count(js, "type: 'bar'"), "one trace per category: " + js);
    assertTrue(js.contains("layout.barmode = \"stack\";"), js);
    assertTrue(js.contains("name: 'the TCP/IP path'"), js);
    // Bars sorted by size, then tcp before uds; a machine's bar beside the other's.
    assertTrue(
        js.contains(
            "trace0.x = [[\"64 KiB\",\"64 KiB\",\"64 KiB\"],[\"tcp here\",\"tcp ref\",\"uds here\"]];"),
        js);
    assertTrue(js.contains("y: [7000.0, 3000.0, 5000.0]"), "copying, bar by bar: " + js);
    assertTrue(js.contains("y: [7600.0, 16000.0, 0.0]"), "the TCP/IP path: " + js);
  }
}
