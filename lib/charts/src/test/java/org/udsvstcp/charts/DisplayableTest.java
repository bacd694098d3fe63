package org.udsvstcp.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Field;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Renders the display proxy with the real renderers of JJava 1.0-a6 and IJava's base kernel (the
 * one IJava 1.3.0 bundles), and serializes what they render with the Gson each kernel writes its
 * messages with.
 */
class DisplayableTest {

  private static final MimeBundle BUNDLE =
      MimeBundle.of("plain fallback", "<b>rich</b>").with(MimeBundle.IMAGE_SVG, "<svg/>");

  @Test
  void jjavaRendererPutsEveryMimeTypeOfTheBundle() {
    Object shown = BUNDLE.displayable();
    assertInstanceOf(org.dflib.jjava.jupyter.kernel.display.DisplayDataRenderable.class, shown);
    org.dflib.jjava.jupyter.kernel.display.DisplayData data =
        new org.dflib.jjava.jupyter.kernel.display.Renderer().render(shown);
    for (String type : BUNDLE.mimeTypes()) {
      assertEquals(
          BUNDLE.asMap().get(type),
          data.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.parse(type)),
          type);
    }
  }

  /** Sees the test class path except JJava, as an IJava 1.3.0 notebook would. */
  private static final class IJavaOnlyLoader extends ClassLoader {
    IJavaOnlyLoader() {
      super(DisplayableTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("org.dflib.jjava.")) {
        throw new ClassNotFoundException(name);
      }
      return super.loadClass(name, resolve);
    }
  }

  @Test
  void ijavaBaseKernelRendererPutsEveryMimeTypeOfTheBundle() {
    Object shown = Displayable.of(BUNDLE, List.of(new IJavaOnlyLoader()));
    assertInstanceOf(
        io.github.spencerpark.jupyter.kernel.display.DisplayDataRenderable.class, shown);
    io.github.spencerpark.jupyter.kernel.display.DisplayData data =
        new io.github.spencerpark.jupyter.kernel.display.Renderer().render(shown);
    for (String type : BUNDLE.mimeTypes()) {
      assertEquals(
          BUNDLE.asMap().get(type),
          data.getData(io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.parse(type)),
          type);
    }
  }

  /** A figure's bundle: text/plain, text/html and Plotly's JSON type. */
  private static final tech.tablesaw.plotly.components.Figure PLOT =
      Charts.percentiles(DemoData.latency());

  private static final MimeBundle FIGURE = Figures.bundle(PLOT, DemoData.latency());

  /**
   * The display_data content a kernel sends for {@code data}: serialized by the Gson its {@code
   * JupyterSocket} writes every message with, then read back as plain JSON values.
   */
  private static Map<String, Object> sent(Class<?> socket, Object publishDisplayData)
      throws Exception {
    Field gson = socket.getDeclaredField("gson");
    gson.setAccessible(true);
    String text = ((com.google.gson.Gson) gson.get(null)).toJson(publishDisplayData);
    return new ObjectMapper().readValue(text, new TypeReference<Map<String, Object>>() {});
  }

  @SuppressWarnings("unchecked")
  private static void assertSentAsObjects(Map<String, Object> content) {
    Map<String, Object> data = (Map<String, Object>) content.get("data");
    assertEquals(FIGURE.mimeTypes(), data.keySet());
    assertEquals(FIGURE.text(), data.get(MimeBundle.TEXT_PLAIN));
    assertEquals(FIGURE.get(MimeBundle.TEXT_HTML).orElseThrow(), data.get(MimeBundle.TEXT_HTML));
    Object plotly = data.get(MimeBundle.PLOTLY_JSON);
    assertInstanceOf(Map.class, plotly, "a JSON object in the message, not a string");
    assertTrue(
        JsonValues.same(FIGURE.json(MimeBundle.PLOTLY_JSON).orElseThrow(), plotly),
        "the figure arrives as the bundle holds it");
    assertEquals(
        PLOT.getTraces().length, ((List<?>) ((Map<String, Object>) plotly).get("data")).size());
  }

  @Test
  void jjavaSendsThePlotlyJsonTypeAsAnObject() throws Exception {
    // JJava's kernel library is the one this project's kernel is built on
    var data = new org.dflib.jjava.jupyter.kernel.display.Renderer().render(FIGURE.displayable());
    assertSentAsObjects(
        sent(
            org.dflib.jjava.jupyter.channels.JupyterSocket.class,
            new org.dflib.jjava.jupyter.messages.publish.PublishDisplayData(data)));
  }

  @Test
  void ijavaBaseKernelSendsThePlotlyJsonTypeAsAnObject() throws Exception {
    Object shown = Displayable.of(FIGURE, List.of(new IJavaOnlyLoader()));
    var data = new io.github.spencerpark.jupyter.kernel.display.Renderer().render(shown);
    assertSentAsObjects(
        sent(
            io.github.spencerpark.jupyter.channels.JupyterSocket.class,
            new io.github.spencerpark.jupyter.messages.publish.PublishDisplayData(data)));
  }

  @Test
  void supportsAnyRenderTypeAsTheInterfaceDefaultsDo() {
    var renderable =
        (org.dflib.jjava.jupyter.kernel.display.DisplayDataRenderable) BUNDLE.displayable();
    assertSame(
        org.dflib.jjava.jupyter.kernel.display.DisplayDataRenderable.ANY,
        renderable.getSupportedRenderTypes());
    assertSame(
        org.dflib.jjava.jupyter.kernel.display.DisplayDataRenderable.ANY,
        renderable.getPreferredRenderTypes());
  }

  @Test
  void proxyPrintsAsTheTextAndEqualsAnotherProxyOfTheSameBundle() {
    Object shown = BUNDLE.displayable();
    assertEquals("plain fallback", shown.toString());
    assertEquals(BUNDLE.displayable(), shown);
    assertEquals(BUNDLE.hashCode(), shown.hashCode());
    assertNotEquals(MimeBundle.of("other").displayable(), shown);
    assertEquals(BUNDLE, Displayable.bundleOf(shown).orElseThrow());
  }

  @Test
  void withNoKernelLoadedTheBundleItselfIsReturned() throws Exception {
    try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
      assertSame(BUNDLE, Displayable.of(BUNDLE, List.of(empty)));
    }
  }

  @Test
  void prefersJJavaWhenBothKernelFamiliesAreLoaded() {
    List<Class<?>> found =
        Displayable.renderableInterfaces(List.of(DisplayableTest.class.getClassLoader()));
    assertEquals(2, found.size());
    assertEquals(
        "org.dflib.jjava.jupyter.kernel.display.DisplayDataRenderable", found.get(0).getName());
    assertFalse(
        BUNDLE.displayable()
            instanceof io.github.spencerpark.jupyter.kernel.display.DisplayDataRenderable);
  }
}
