package org.udsvstcp.charts;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The colours of one figure: each transport has the same colour in every chart of the series; a
 * label that starts with a transport's name ("uds, processes") gets a shade of that colour, and any
 * other label the next free colour, both in order of first use within the figure.
 */
public final class Palette {

  /**
   * Colours per transport: the two NIO transports strong, their classic-API twins related, and
   * TCP's two other routes (sockmap, veth) colours of their own.
   */
  private static final Map<String, String> TRANSPORTS =
      Map.of(
          "tcp", "#1f77b4",
          "uds", "#ff7f0e",
          "uds-junix", "#d62728",
          "tcp-classic", "#17becf",
          "tcp-sockmap", "#2ca02c",
          "tcp-veth", "#9467bd");

  /** Longest names first, so "uds-junix, ..." is a uds-junix label and not a uds one. */
  private static final List<String> BY_LENGTH =
      List.of("tcp-sockmap", "tcp-classic", "uds-junix", "tcp-veth", "tcp", "uds");

  /** Colours for labels that are no transport's, in order of first use. */
  private static final List<String> OTHERS =
      List.of("#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#aec7e8", "#98df8a");

  /** Shades for a transport's derived labels: darker, lighter, then further each way. */
  private static final double[] SHADES = {-0.45, 0.45, -0.7, 0.7, -0.25, 0.25};

  private final Map<String, String> assigned = new HashMap<>();
  private final Map<String, Integer> derivedPerTransport = new LinkedHashMap<>();
  private int others;

  private Palette() {}

  /** Returns a fresh palette for one figure; it hands out colours in order of first use. */
  public static Palette forFigure() {
    return new Palette();
  }

  /** Returns the fixed colour of {@code transport}, or a colour chosen from its name otherwise. */
  public static String colorOf(String transport) {
    String known = TRANSPORTS.get(transport.toLowerCase(Locale.ROOT));
    if (known != null) {
      return known;
    }
    return OTHERS.get(Math.floorMod(transport.hashCode(), OTHERS.size()));
  }

  /**
   * Returns the colour of {@code label} in this figure (a CSS hex colour); asking again for the
   * same label returns the same colour.
   */
  public String color(String label) {
    return assigned.computeIfAbsent(label, this::next);
  }

  private String next(String label) {
    String lower = label.toLowerCase(Locale.ROOT);
    String exact = TRANSPORTS.get(lower);
    if (exact != null) {
      return exact;
    }
    String transport = transportPrefix(lower);
    if (transport != null) {
      int index = derivedPerTransport.merge(transport, 1, Integer::sum) - 1;
      return shade(TRANSPORTS.get(transport), SHADES[index % SHADES.length]);
    }
    return OTHERS.get(others++ % OTHERS.size());
  }

  /** Returns the transport whose name starts {@code label} as a whole word, or null. */
  static String transportPrefix(String label) {
    String lower = label.toLowerCase(Locale.ROOT);
    for (String name : BY_LENGTH) {
      if (lower.startsWith(name)
          && lower.length() > name.length()
          && !Character.isLetterOrDigit(lower.charAt(name.length()))
          && lower.charAt(name.length()) != '-') {
        return name;
      }
    }
    return null;
  }

  /** Mixes {@code hex} towards black (negative amount) or white (positive), 0..1. */
  static String shade(String hex, double amount) {
    int rgb = Integer.parseInt(hex.substring(1), 16);
    int[] channels = {rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff};
    StringBuilder out = new StringBuilder("#");
    for (int channel : channels) {
      double target = amount < 0 ? 0 : 255;
      long mixed = Math.round(channel + (target - channel) * Math.abs(amount));
      out.append(String.format(Locale.ROOT, "%02x", mixed));
    }
    return out.toString();
  }

  /** Returns {@code hex} as a CSS rgba() colour with the given opacity, for translucent bands. */
  static String translucent(String hex, double alpha) {
    int rgb = Integer.parseInt(hex.substring(1), 16);
    return String.format(
        Locale.ROOT, "rgba(%d,%d,%d,%.2f)", rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff, alpha);
  }
}
