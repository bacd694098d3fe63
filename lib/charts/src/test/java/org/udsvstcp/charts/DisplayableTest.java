package org.udsvstcp.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Renders the display proxy with the real renderers of JJava 1.0-a6 and IJava's base kernel. */
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
          BUNDLE.get(type).orElseThrow(),
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
          BUNDLE.get(type).orElseThrow(),
          data.getData(io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.parse(type)),
          type);
    }
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
