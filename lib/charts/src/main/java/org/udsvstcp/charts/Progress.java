package org.udsvstcp.charts;

import java.util.Locale;

/** Progress bars for long-running cells, redrawn in place with the kernel's updateDisplay. */
public final class Progress {

  private static final int TEXT_WIDTH = 30;

  private Progress() {}

  /**
   * Returns a bar showing {@code done} of {@code total} steps with a label: an HTML bar and a text
   * bar such as {@code [###########...................] 9/25 (36%) trials}.
   */
  public static MimeBundle bar(int done, int total, String label) {
    if (total < 0) {
      throw new IllegalArgumentException("total must not be negative: " + total);
    }
    int clamped = Math.max(0, Math.min(done, total));
    double fraction = total == 0 ? 1.0 : (double) clamped / total;
    String counts =
        String.format(
            Locale.ROOT, "%d/%d (%d%%)", clamped, total, (int) Math.floor(fraction * 100));
    String suffix = label == null || label.isEmpty() ? "" : " " + label;
    int filled = (int) Math.round(fraction * TEXT_WIDTH);
    String text =
        "[" + "#".repeat(filled) + ".".repeat(TEXT_WIDTH - filled) + "] " + counts + suffix;
    String html =
        String.format(
            Locale.ROOT,
            "<div class=\"udsvstcp-progress\" style=\"display:flex;align-items:center;gap:8px;"
                + "font-size:12px\"><div style=\"width:240px;height:10px;background:#e6e6e6;"
                + "border-radius:5px;overflow:hidden\"><div style=\"width:%.1f%%;height:100%%;"
                + "background:%s\"></div></div><span>%s</span></div>",
            fraction * 100,
            Palette.colorOf("tcp"),
            Html.escape(counts + suffix));
    return MimeBundle.of(text, html);
  }
}
