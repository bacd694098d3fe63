package org.udsvstcp.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

class AnswerChartTest {

  @Test
  void theRatioIsDrawnOnALogAxisWithTheLineAtOne() {
    Table ratios = DemoData.ratios();
    Figure linear = Charts.ratioBySize(ratios);
    Figure answer = AnswerChart.ratioBySize(ratios);
    String js = answer.asJavascript("d");
    assertEquals(linear.getTraces().length, answer.getTraces().length);
    assertEquals(linear.getLayout().getTitle(), answer.getLayout().getTitle());
    assertTrue(js.contains("trace0.error_y = {"), "the whiskers stay");
    assertTrue(js.contains("layout.yaxis.type = \"log\";"), js);
    // Plotly 2 places a shape on a log axis by its data value: the line at 1 stays at 1
    assertTrue(js.contains("\"y0\":1,\"y1\":1"), js);
  }

  @Test
  void oneLinePerRun() {
    Table two = DemoData.ratios();
    two.replaceColumn(
        "workload",
        two.stringColumn("workload").set(two.stringColumn("workload").isNotMissing(), "this run"));
    Table other = DemoData.ratios();
    other.replaceColumn(
        "workload",
        other
            .stringColumn("workload")
            .set(other.stringColumn("workload").isNotMissing(), "reference"));
    String js = AnswerChart.ratioBySize(two.append(other)).asJavascript("d");
    assertTrue(js.contains("name: 'this run'") && js.contains("name: 'reference'"), js);
  }
}
