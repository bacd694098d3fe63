package org.udsvstcp.charts;

/** HTML text escaping for content we put between tags or inside quoted attributes. */
final class Html {
  private Html() {}

  /** Returns {@code text} with the five HTML-special characters replaced by entities. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&':
          out.append("&amp;");
          break;
        case '<':
          out.append("&lt;");
          break;
        case '>':
          out.append("&gt;");
          break;
        case '"':
          out.append("&quot;");
          break;
        case '\'':
          out.append("&#39;");
          break;
        default:
          out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Returns JavaScript source made safe to inline in a {@code <script>} element, where {@code
   * </script} would end the element early and {@code <!--} changes how it is parsed; both can only
   * occur inside string literals, where the escaped forms mean the same.
   */
  static String inlineScript(String javascript) {
    return javascript.replaceAll("(?i)</(script)", "<\\\\/$1").replace("<!--", "<\\x21--");
  }
}
