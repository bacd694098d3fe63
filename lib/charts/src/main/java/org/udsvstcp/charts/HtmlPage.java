package org.udsvstcp.charts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A standalone HTML report of display bundles, readable with no network: start it with {@link
 * Plotly#loader()} when it holds plots.
 */
public final class HtmlPage {
  private HtmlPage() {}

  /** Returns a complete HTML page with each bundle's HTML (or its escaped text) in order. */
  public static String of(String title, List<MimeBundle> parts) {
    StringBuilder page = new StringBuilder();
    page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n<title>")
        .append(Html.escape(title))
        .append("</title>\n<style>body{font-family:system-ui,sans-serif;margin:16px 24px;}")
        .append(".udsvstcp-part{margin:12px 0 24px 0;}</style>\n</head>\n<body>\n<h1>")
        .append(Html.escape(title))
        .append("</h1>\n");
    for (MimeBundle part : parts) {
      page.append("<div class=\"udsvstcp-part\">\n")
          .append(
              part.get(MimeBundle.TEXT_HTML)
                  .orElseGet(() -> "<pre>" + Html.escape(part.text()) + "</pre>"))
          .append("\n</div>\n");
    }
    return page.append("</body>\n</html>\n").toString();
  }

  /** Writes {@link #of(String, List)} to {@code file} (creating its directory) and returns it. */
  public static Path write(Path file, String title, List<MimeBundle> parts) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return Files.writeString(file, of(title, parts), StandardCharsets.UTF_8);
  }
}
