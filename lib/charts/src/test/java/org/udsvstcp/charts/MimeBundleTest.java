package org.udsvstcp.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
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

  @Test
  void holdsJsonAsAnObjectCopiedAndUnmodifiable() {
    Map<String, Object> trace = new LinkedHashMap<>();
    trace.put("y", new ArrayList<>(Arrays.asList(1, 2.5, null)));
    Map<String, Object> figure = new LinkedHashMap<>();
    figure.put("data", new ArrayList<>(List.of(trace)));
    MimeBundle bundle = MimeBundle.of("a plot").withJson(MimeBundle.PLOTLY_JSON, figure);
    trace.put("y", List.of()); // a later change to the caller's map does not reach the bundle
    Map<String, Object> held = bundle.json(MimeBundle.PLOTLY_JSON).orElseThrow();
    assertEquals(Map.of("data", List.of(Map.of("y", Arrays.asList(1, 2.5, null)))), held);
    assertSame(held, bundle.asMap().get(MimeBundle.PLOTLY_JSON), "what a kernel's putData gets");
    assertThrows(UnsupportedOperationException.class, () -> held.put("layout", Map.of()));
    assertThrows(
        UnsupportedOperationException.class, () -> ((List<Object>) held.get("data")).clear());
    assertEquals("{\"data\":[{\"y\":[1,2.5,null]}]}", bundle.get(MimeBundle.PLOTLY_JSON).get());
    assertTrue(bundle.json(MimeBundle.TEXT_PLAIN).isEmpty());
  }

  @Test
  void jsonGoesOnlyUnderAJsonTypeAndAJsonTypeTakesOnlyAnObject() {
    MimeBundle a = MimeBundle.of("a");
    assertThrows(IllegalArgumentException.class, () -> a.withJson(MimeBundle.TEXT_HTML, Map.of()));
    var e =
        assertThrows(IllegalArgumentException.class, () -> a.with(MimeBundle.PLOTLY_JSON, "{}"));
    assertTrue(e.getMessage().contains("withJson"), e.getMessage());
    a.withJson("application/json", Map.of());
    a.withJson("application/vnd.vegalite.v5+json", Map.of());
  }

  @Test
  void refusesWhatJsonCannotHoldNamingWhereItIs() {
    MimeBundle a = MimeBundle.of("a");
    Map<String, Object> nan = Map.of("data", List.of(Map.of("y", List.of(1.0, Double.NaN))));
    var e =
        assertThrows(IllegalArgumentException.class, () -> a.withJson(MimeBundle.PLOTLY_JSON, nan));
    assertTrue(e.getMessage().contains("$.data[0].y[1]"), e.getMessage());
    var other =
        assertThrows(
            IllegalArgumentException.class,
            () -> a.withJson(MimeBundle.PLOTLY_JSON, Map.of("x", new double[] {1})));
    assertTrue(other.getMessage().contains("$.x"), other.getMessage());
    Map<Object, Object> key = Map.of(1, "one");
    assertThrows(
        IllegalArgumentException.class, () -> a.withJson(MimeBundle.PLOTLY_JSON, Map.of("m", key)));
  }
}
