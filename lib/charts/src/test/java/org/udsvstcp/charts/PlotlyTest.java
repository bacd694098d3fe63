package org.udsvstcp.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class PlotlyTest {

  @Test
  void jarCarriesThePinnedPlotlyVersion() {
    String pinned = System.getProperty("plotly.version");
    assumeTrue(pinned != null, "run through Maven, which passes the pinned plotly.version");
    assertEquals(pinned, Plotly.version());
  }

  @Test
  void bundledLibraryIsTheVersionItClaims() {
    assertTrue(Plotly.version().matches("2\\.35\\.\\d+"), Plotly.version());
    String header = Plotly.library().substring(0, 200);
    assertTrue(header.contains("plotly.js v" + Plotly.version()), header);
    assertTrue(Plotly.library().length() > 1_000_000, "the full minified bundle, not a stub");
  }

  @Test
  void libraryCanBeInlinedWithoutEndingTheScriptElement() {
    assertFalse(Plotly.library().toLowerCase(java.util.Locale.ROOT).contains("</script"));
  }

  @Test
  void loaderShadowsAmdAndCommonJsSoWindowPlotlyIsSetEverywhere() {
    String html = Plotly.loader().get(MimeBundle.TEXT_HTML).orElseThrow();
    assertTrue(html.contains("(function (define, module, exports) {"));
    assertTrue(html.contains("}).call(window);"));
    assertTrue(html.contains("window.Plotly.version === '" + Plotly.version() + "'"));
    assertTrue(html.contains(Plotly.library().substring(0, 500)));
    assertEquals(1, html.split("<script", -1).length - 1, "one script element");
  }

  @Test
  void loaderTextSaysPlotsNeedJavaScript() {
    assertEquals(
        "Plotly " + Plotly.version() + " loaded (plots need JavaScript)", Plotly.loader().text());
  }
}
