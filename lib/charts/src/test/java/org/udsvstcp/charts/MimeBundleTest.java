package org.udsvstcp.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MimeBundleTest {

  @Test
  void alwaysHoldsPlainTextFirstAndKeepsInsertionOrder() {
    MimeBundle bundle =
        MimeBundle.of("text", "<b>html</b>").with(MimeBundle.IMAGE_SVG, "<svg></svg>");
    assertEquals(
        List.of(MimeBundle.TEXT_PLAIN, MimeBundle.TEXT_HTML, MimeBundle.IMAGE_SVG),
        List.copyOf(bundle.mimeTypes()));
    assertEquals("text", bundle.text());
  }

  @Test
  void printsAsItsPlainText() {
    assertEquals("readable", MimeBundle.of("readable", "<p>x</p>").toString());
  }

  @Test
  void withReturnsACopyAndLeavesTheOriginalUnchanged() {
    MimeBundle original = MimeBundle.of("a");
    MimeBundle extended = original.with(MimeBundle.TEXT_HTML, "<i>a</i>");
    assertEquals(1, original.asMap().size());
    assertEquals(2, extended.asMap().size());
    assertThrows(UnsupportedOperationException.class, () -> extended.asMap().put("x/y", "z"));
  }

  @Test
  void replacingATypeKeepsItsPosition() {
    MimeBundle bundle = MimeBundle.of("old", "<p>h</p>").with(MimeBundle.TEXT_PLAIN, "new");
    assertEquals(
        Map.entry(MimeBundle.TEXT_PLAIN, "new"), bundle.asMap().entrySet().iterator().next());
  }

  @Test
  void rejectsSomethingThatIsNotAMimeType() {
    assertThrows(IllegalArgumentException.class, () -> MimeBundle.of("x").with("html", "<p>"));
    assertThrows(NullPointerException.class, () -> MimeBundle.of(null));
  }

  @Test
  void bundlesWithTheSameContentAreEqual() {
    assertEquals(MimeBundle.of("a", "<p>a</p>"), MimeBundle.of("a", "<p>a</p>"));
    assertEquals(MimeBundle.of("a").hashCode(), MimeBundle.of("a").hashCode());
    assertNotEquals(MimeBundle.of("a"), MimeBundle.of("a", "<p>a</p>"));
  }

  @Test
  void getIsEmptyForAMissingType() {
    assertTrue(MimeBundle.of("a").get(MimeBundle.IMAGE_PNG).isEmpty());
  }
}
