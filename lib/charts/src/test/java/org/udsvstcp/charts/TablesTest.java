package org.udsvstcp.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TablesTest {

  private static Table small() {
    return Table.create(
        "speeds <&>",
        StringColumn.create("transport", "tcp", "<script>alert(1)</script>"),
        DoubleColumn.create("bytes_per_s", 5_301_234_567.8, 0.042312),
        IntColumn.create("seed", 123456789, 7));
  }

  @Test
  void bundleHasHtmlAndPlainText() {
    MimeBundle bundle = Tables.bundle(small());
    assertEquals(
        List.of(MimeBundle.TEXT_PLAIN, MimeBundle.TEXT_HTML), List.copyOf(bundle.mimeTypes()));
  }

  @Test
  void htmlEscapesCellsAndTheName() {
    String html = Tables.html(small(), 10);
    assertFalse(html.contains("<script>"));
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertTrue(html.contains("speeds &lt;&amp;&gt;"));
  }

  @Test
  void numbersAreRightAlignedAndFormattedForPeople() {
    String html = Tables.html(small(), 10);
    assertTrue(
        html.contains("text-align:right;font-variant-numeric:tabular-nums\">5,301,234,568<"));
    assertTrue(html.contains(">0.04231<"));
    assertTrue(html.contains(">123456789<"), "integers stay exact, ungrouped");
    assertTrue(html.contains("text-align:left\">tcp<"));
  }

  @Test
  void plainTextLinesUpColumnsWithNumbersOnTheRight() {
    String text = Tables.text(small(), 10);
    List<String> lines = text.lines().toList();
    assertEquals("speeds <&> (2 rows × 3 columns)", lines.get(0));
    assertTrue(lines.get(1).startsWith("transport"));
    assertTrue(lines.get(2).startsWith("---------"));
    int end = lines.get(1).indexOf("bytes_per_s") + "bytes_per_s".length();
    assertEquals('8', lines.get(3).charAt(end - 1), "5,301,234,568 ends under the header's end");
    assertEquals('1', lines.get(4).charAt(end - 1), "0.04231 ends there too");
  }

  @Test
  void longTablesAreCutToHeadAndTailWithAnEllipsis() {
    IntColumn n = IntColumn.create("n");
    for (int i = 0; i < 100; i++) {
      n.append(i);
    }
    Table table = Table.create("long", n);
    String text = Tables.text(table, 6);
    List<String> lines = text.lines().toList();
    assertEquals(
        List.of("0", "1", "2", "…", "97", "98", "99"),
        lines.subList(3, lines.size()).stream().map(String::strip).toList());
    assertTrue(lines.get(0).contains("100 rows"));
    assertEquals(1, Tables.html(table, 6).split("…", -1).length - 1);
  }

  @Test
  void missingValuesAreBlank() {
    Table table = Table.create("gaps", DoubleColumn.create("x", 1.5, Double.NaN));
    assertTrue(Tables.html(table, 10).contains("tabular-nums\"></td>"));
  }
}
