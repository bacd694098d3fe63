package org.udsvstcp.charts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlPageTest {

  @Test
  void pageHoldsEachPartsHtmlOrItsEscapedText() {
    String page =
        HtmlPage.of(
            "A & B", List.of(MimeBundle.of("x", "<p id=\"p\">x</p>"), MimeBundle.of("<y>")));
    assertTrue(page.startsWith("<!DOCTYPE html>"));
    assertTrue(page.contains("<title>A &amp; B</title>"));
    assertTrue(page.contains("<p id=\"p\">x</p>"));
    assertTrue(page.contains("<pre>&lt;y&gt;</pre>"));
  }
}
