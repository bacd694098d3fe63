package org.udsvstcp.charts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.UUID;

/**
 * The pinned plotly.js carried in this jar, and the notebook's one loader cell that puts it on the
 * page: in JupyterLab (no RequireJS), the classic Notebook (RequireJS) and exported HTML (no
 * network).
 */
public final class Plotly {

  private static final String PROPERTIES = "plotly.properties";

  private Plotly() {}

  /** Returns the version of the bundled plotly.js, for example "2.35.3". */
  public static String version() {
    return Holder.VERSION;
  }

  /** Returns the bundled plotly.js (minified) source. */
  public static String library() {
    return Holder.LIBRARY;
  }

  /**
   * Returns the bundle a notebook's first cell displays once: its HTML inlines plotly.js so that
   * {@code window.Plotly} exists for every later plot, with no network; its text says plots need
   * JavaScript.
   */
  public static MimeBundle loader() {
    String version = version();
    String id = "udsvstcp-plotly-" + UUID.randomUUID();
    String html =
        "<div id=\""
            + id
            + "\" style=\"font-size:11px;color:#666\">Plotly "
            + version
            + " is embedded here; where JavaScript does not run, each plot shows its data as a"
            + " table instead.</div>\n"
            + "<script type=\"text/javascript\">\n"
            + script()
            + "(function () { var note = document.getElementById('"
            + id
            + "'); if (note && window.Plotly) { note.textContent = 'Plotly ' + window.Plotly.version"
            + " + ' loaded.'; } })();\n"
            + "</script>";
    return MimeBundle.of("Plotly " + version + " loaded (plots need JavaScript)", html);
  }

  /**
   * Returns JavaScript that defines {@code window.Plotly} from the bundled library unless that
   * version is already there. The library is a UMD bundle: where RequireJS (classic Notebook) or a
   * CommonJS shim is present it would register a module instead of setting window.Plotly, so {@code
   * define}, {@code module} and {@code exports} are shadowed by undefined parameters.
   */
  public static String script() {
    return "if (!(window.Plotly && window.Plotly.version === '"
        + version()
        + "')) {\n(function (define, module, exports) {\n"
        + Html.inlineScript(library())
        + "\n}).call(window);\n}\n";
  }

  /** Loads the library once, on first use, because it is several megabytes. */
  private static final class Holder {
    static final String VERSION;
    static final String LIBRARY;

    static {
      Properties properties = new Properties();
      try (InputStream in = Plotly.class.getResourceAsStream(PROPERTIES)) {
        if (in == null) {
          throw new IllegalStateException(PROPERTIES + " is missing from the charts jar");
        }
        properties.load(in);
        VERSION = properties.getProperty("version");
        String resource = properties.getProperty("resource");
        try (InputStream js = Plotly.class.getResourceAsStream(resource)) {
          if (js == null) {
            throw new IllegalStateException(
                resource + " is missing from the charts jar: rebuild it with mvn package");
          }
          LIBRARY = new String(js.readAllBytes(), StandardCharsets.UTF_8);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
