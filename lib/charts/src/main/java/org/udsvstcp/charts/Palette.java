package org.udsvstcp.charts;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The colour of each transport, the same in every chart of the series. */
public final class Palette {

  /** Colours per transport: the two NIO transports strong, their classic-API twins related. */
  private static final Map<String, String> TRANSPORTS =
      Map.of(
          "tcp", "#1f77b4",
          "uds", "#ff7f0e",
          "uds-junix", "#d62728",
          "tcp-classic", "#17becf");

  /** Colours for series that are not transports, in order of first use. */
  private static final List<String> OTHERS =
      List.of("#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22");

  private Palette() {}

  /** Returns the colour of {@code transport} (a CSS hex colour), stable for unknown names too. */
  public static String colorOf(String transport) {
    String known = TRANSPORTS.get(transport.toLowerCase(Locale.ROOT));
    if (known != null) {
      return known;
    }
    return OTHERS.get(Math.floorMod(transport.hashCode(), OTHERS.size()));
  }

  /** Returns {@code hex} as a CSS rgba() colour with the given opacity, for translucent bands. */
  static String translucent(String hex, double alpha) {
    int rgb = Integer.parseInt(hex.substring(1), 16);
    return String.format(
        Locale.ROOT, "rgba(%d,%d,%d,%.2f)", rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff, alpha);
  }
}
