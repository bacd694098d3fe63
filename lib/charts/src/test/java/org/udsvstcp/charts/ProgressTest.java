package org.udsvstcp.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void textBarShowsCountsPercentAndLabel() {
    assertEquals(
        "[###########...................] 9/25 (36%) trials", Progress.bar(9, 25, "trials").text());
  }

  @Test
  void htmlBarIsFilledToTheFractionAndEscapesTheLabel() {
    String html = Progress.bar(1, 4, "<tcp>").get(MimeBundle.TEXT_HTML).orElseThrow();
    assertTrue(html.contains("width:25.0%"));
    assertTrue(html.contains("1/4 (25%) &lt;tcp&gt;"));
  }

  @Test
  void doneIsClampedAndAnEmptyJobIsComplete() {
    assertEquals("[##############################] 3/3 (100%)", Progress.bar(5, 3, "").text());
    assertEquals("[##############################] 0/0 (100%)", Progress.bar(0, 0, null).text());
    assertThrows(IllegalArgumentException.class, () -> Progress.bar(0, -1, "x"));
  }
}
