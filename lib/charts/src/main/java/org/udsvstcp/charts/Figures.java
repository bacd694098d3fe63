package org.udsvstcp.charts;

import java.util.Map;
import java.util.UUID;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * tablesaw-jsplot figures as display bundles: HTML that draws the plot with the page's Plotly
 * (loaded once by {@link Plotly#loader()}) and keeps a static table for viewers without JavaScript;
 * text/plain is that table as text.
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
   * Returns {@code figure} as a bundle: text/html with the plot and, hidden once the plot renders,
   * an HTML table of {@code fallback}; text/plain with {@code fallback} as aligned text (or the
   * title when {@code fallback} is null).
   */
  public static MimeBundle bundle(Figure figure, Table fallback) {
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
        .append(Html.inlineScript(drawScript(figure, plotId, fallbackId)))
        .append("</script>");
    return MimeBundle.of(text, html.toString());
  }

  /** Returns the figure's title, or "plot" when it has none. */
  static String title(Figure figure) {
    String title = figure.getLayout() == null ? null : figure.getLayout().getTitle();
    return title == null || title.isEmpty() ? "plot" : title;
  }

  /**
   * Returns JavaScript that waits for window.Plotly, then defines the figure's layout and traces
   * (tablesaw-jsplot's own JavaScript, local to a function) and draws them.
   */
  static String drawScript(Figure figure, String plotId, String fallbackId) {
    figure.asJavascript(plotId); // fills the figure's context with its layout and trace variables
    Map<String, Object> context = figure.getContext();
    String target = String.valueOf(context.get("targetName"));
    StringBuilder traces = new StringBuilder();
    for (int i = 0; i < figure.getTraces().length; i++) {
      traces.append(i > 0 ? ", " : "").append("trace").append(i);
    }
    String layout = figure.getLayout() == null ? "{}" : "layout";
    String config =
        figure.getConfig() == null ? "{responsive: true, displaylogo: false}" : "config";
    Object handlers = context.get("eventHandlerFunction");
    return "(function () {\n"
        + "  var plotId = '"
        + plotId
        + "', fallbackId = '"
        + fallbackId
        + "';\n"
        // Hide the fallback before drawing: a wide table would otherwise widen the output, and
        // Plotly would size the plot to it and clip the legend once the table is gone.
        + "  function fallback(shown) {\n"
        + "    var element = document.getElementById(fallbackId);\n"
        + "    if (element) { element.style.display = shown ? '' : 'none'; }\n"
        + "  }\n"
        + "  function draw() {\n"
        + "    fallback(false);\n"
        + "    var "
        + target
        + " = document.getElementById(plotId);\n"
        + context.get("figure")
        + "\n    var data = ["
        + traces
        + "];\n"
        + "    return Plotly.newPlot("
        + target
        + ", data, "
        + layout
        + ", "
        + config
        + ").then(function () {\n"
        + (handlers == null ? "" : handlers)
        + "\n    });\n"
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
