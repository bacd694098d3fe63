package org.udsvstcp.charts;

import java.util.Map;
import java.util.UUID;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * tablesaw-jsplot figures as display bundles. Each carries the figure once, as Plotly's JSON
 * ({@link FigureJson}), in two forms: application/vnd.plotly.v1+json, which JupyterLab, Notebook 7
 * and VS Code draw with their own Plotly whether or not the notebook is trusted; and text/html, for
 * the classic Notebook and the exported report, whose script draws the same JSON with the page's
 * Plotly (loaded once by {@link Plotly#loader()}) and which keeps a static table for viewers
 * without JavaScript. text/plain is that table as text.
 */
public final class Figures {

  /** How long a plot waits for window.Plotly before it gives up: 100 polls of 100 ms. */
  private static final int POLLS = 100;

  private Figures() {}

  /** Returns {@code figure} as a bundle whose fallback is the figure's title. */
  public static MimeBundle bundle(Figure figure) {
    return bundle(figure, null);
  }

  /**
   * Returns {@code figure} as a bundle: text/plain with {@code fallback} as aligned text (or the
   * title when {@code fallback} is null); text/html with the plot and, hidden once the plot
   * renders, an HTML table of {@code fallback}; and application/vnd.plotly.v1+json with the
   * figure's data, layout and config, the same JSON the HTML draws.
   *
   * @throws IllegalArgumentException if the figure has event handlers (JavaScript, which its JSON
   *     cannot carry)
   */
  public static MimeBundle bundle(Figure figure, Table fallback) {
    // Made once: the HTML's script draws exactly what the JSON type carries.
    Map<String, Object> json = FigureJson.of(figure);
    String title = title(figure);
    String id = "udsvstcp_" + UUID.randomUUID().toString().replace("-", "");
    String plotId = id + "_plot";
    String fallbackId = id + "_fallback";
    String text =
        fallback == null
            ? title + " (an interactive plot; it needs JavaScript)"
            : title + "\n" + Tables.text(fallback, Tables.DEFAULT_MAX_ROWS);
    StringBuilder html = new StringBuilder();
    html.append("<div class=\"udsvstcp-figure\" id=\"").append(id).append("\">\n");
    html.append("<div class=\"udsvstcp-plot\" id=\"").append(plotId).append("\"></div>\n");
    html.append("<div class=\"udsvstcp-fallback\" style=\"max-width:100%;overflow-x:auto\" id=\"")
        .append(fallbackId)
        .append("\">");
    html.append("<p style=\"font-size:12px;color:#666;margin:4px 0\">")
        .append(Html.escape(title))
        .append(": the interactive plot needs JavaScript");
    if (fallback != null) {
      html.append("; its data:</p>\n").append(Tables.html(fallback, Tables.DEFAULT_MAX_ROWS));
    } else {
      html.append(".</p>");
    }
    html.append("</div>\n</div>\n");
    html.append("<script type=\"text/javascript\">\n")
        .append(Html.inlineScript(drawScript(json, plotId, fallbackId)))
        .append("</script>");
    return MimeBundle.of(text, html.toString()).withJson(MimeBundle.PLOTLY_JSON, json);
  }

  /** Returns the figure's title, or "plot" when it has none. */
  static String title(Figure figure) {
    String title = figure.getLayout() == null ? null : figure.getLayout().getTitle();
    return title == null || title.isEmpty() ? "plot" : title;
  }

  /**
   * Returns JavaScript that waits for window.Plotly, then draws {@code figure} (Plotly's JSON
   * figure, the one the bundle's application/vnd.plotly.v1+json carries) into the plot element.
   */
  static String drawScript(Map<String, Object> figure, String plotId, String fallbackId) {
    return "(function () {\n"
        + "  var plotId = '"
        + plotId
        + "', fallbackId = '"
        + fallbackId
        + "';\n"
        + "  var figure = "
        + Json.write(figure)
        + ";\n"
        // Hide the fallback before drawing: a wide table would otherwise widen the output, and
        // Plotly would size the plot to it and clip the legend once the table is gone.
        + "  function fallback(shown) {\n"
        + "    var element = document.getElementById(fallbackId);\n"
        + "    if (element) { element.style.display = shown ? '' : 'none'; }\n"
        + "  }\n"
        + "  function draw() {\n"
        + "    fallback(false);\n"
        + "    return Plotly.newPlot(document.getElementById(plotId), figure.data, figure.layout,"
        + " figure.config);\n"
        + "  }\n"
        + "  function say(message) {\n"
        + "    var plot = document.getElementById(plotId);\n"
        + "    if (plot) { plot.textContent = message; plot.style.color = '#a00'; }\n"
        + "    fallback(true);\n"
        + "  }\n"
        + "  (function wait(polls) {\n"
        + "    if (window.Plotly && window.Plotly.newPlot) {\n"
        + "      try { draw().catch(function (e) { say('Plot failed: ' + e); }); }\n"
        + "      catch (e) { say('Plot failed: ' + e); }\n"
        + "    } else if (polls < "
        + POLLS
        + ") {\n"
        + "      setTimeout(function () { wait(polls + 1); }, 100);\n"
        + "    } else {\n"
        + "      say('Plotly is not loaded: run the cell with Plotly.loader() (the first code cell),"
        + " then this one. The table below has the same data.');\n"
        + "    }\n"
        + "  })(0);\n"
        + "})();\n";
  }
}
