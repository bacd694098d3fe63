package org.udsvstcp.bench.stats;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Human-readable units for the command line, the notebooks and the charts: message sizes in binary
 * units ("64 KiB"), rates and times in engineering notation with three significant digits ("1.23
 * GB/s", "48.1 us"), percentages and ratios.
 */
public final class Units {

  private static final String[] BIG_PREFIXES = {"", "k", "M", "G", "T", "P", "E"};
  private static final String[] SMALL_PREFIXES = {"", "m", "u", "n", "p"};

  private Units() {}

  /**
   * Returns a message size in binary units: "64 B", "64 KiB", "1 MiB"; sizes that are not a whole
   * number of the unit get one decimal ("1.5 KiB").
   */
  public static String size(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    int unit = 0;
    double value = bytes;
    while (unit < units.length - 1 && Math.abs(value) >= 1024) {
      value /= 1024;
      unit++;
    }
    if (value == Math.rint(value)) {
      return String.format(Locale.ROOT, "%d %s", (long) value, units[unit]);
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  /**
   * Returns the value in engineering notation with three significant digits and an SI prefix
   * directly before the unit: engineering(1234567, "B/s") is "1.23 MB/s"; NaN gives "n/a".
   */
  public static String engineering(double value, String unit) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    if (Double.isInfinite(value)) {
      return (value > 0 ? "inf " : "-inf ") + unit;
    }
    if (value == 0) {
      return "0 " + unit;
    }
    // Round to three significant digits first, so 999.7 becomes "1.00 k", not "1000".
    double rounded = new BigDecimal(value).round(new MathContext(3)).doubleValue();
    int exponent3 = (int) Math.floor(Math.log10(Math.abs(rounded)) / 3);
    String prefix;
    if (exponent3 >= 0) {
      exponent3 = Math.min(exponent3, BIG_PREFIXES.length - 1);
      prefix = BIG_PREFIXES[exponent3];
    } else {
      exponent3 = Math.max(exponent3, -(SMALL_PREFIXES.length - 1));
      prefix = SMALL_PREFIXES[-exponent3];
    }
    double scaled = rounded / Math.pow(1000, exponent3);
    double magnitude = Math.abs(scaled);
    String digits;
    if (magnitude >= 99.95) {
      digits = String.format(Locale.ROOT, "%.0f", scaled);
    } else if (magnitude >= 9.995) {
      digits = String.format(Locale.ROOT, "%.1f", scaled);
    } else {
      digits = String.format(Locale.ROOT, "%.2f", scaled);
    }
    return digits + " " + prefix + unit;
  }

  /** Returns a byte rate such as "1.23 GB/s" (decimal prefixes, as network rates are quoted). */
  public static String bytesPerSecond(double value) {
    return engineering(value, "B/s");
  }

  /** Returns a message rate such as "1.23 M msg/s". */
  public static String messagesPerSecond(double value) {
    String text = engineering(value, "msg/s");
    // Keep the prefix apart from "msg" so "Mmsg/s" does not read as a unit of its own.
    return text.replaceFirst(" ([kMGTPE])msg/s$", " $1 msg/s");
  }

  /** Returns a duration in seconds as "1.50 s", "12.3 ms", "48.1 us" or "850 ns". */
  public static String seconds(double value) {
    return engineering(value, "s");
  }

  /** Returns a duration in microseconds, scaled to the readable unit: 48.1 gives "48.1 us". */
  public static String micros(double value) {
    return seconds(value * 1e-6);
  }

  /** Returns a fraction as a percentage with at most one decimal: 0.1234 gives "12.3%". */
  public static String percent(double fraction) {
    if (Double.isNaN(fraction)) {
      return "n/a";
    }
    String text = String.format(Locale.ROOT, "%.1f", fraction * 100);
    if (text.endsWith(".0")) {
      text = text.substring(0, text.length() - 2);
    }
    if (text.equals("-0")) {
      text = "0";
    }
    return text + "%";
  }

  /** Returns a ratio with two decimals and a times sign: 1.823 gives "1.82x". */
  public static String ratio(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.2fx", value);
  }

  /** Returns a plain number with two decimals, as used inside a ratio's CI: "1.75". */
  public static String decimal2(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }

  /**
   * Returns a value of the named trial-row metric in its unit: bytes_per_s as B/s, messages_per_s
   * as msg/s, *_us columns as times, seconds as a time, bytes as B; other metrics as plain
   * engineering numbers.
   */
  public static String metric(String metric, double value) {
    if (metric.equals("bytes_per_s")) {
      return bytesPerSecond(value);
    }
    if (metric.equals("messages_per_s")) {
      return messagesPerSecond(value);
    }
    if (metric.endsWith("_us")) {
      return micros(value);
    }
    if (metric.equals("seconds")) {
      return seconds(value);
    }
    if (metric.equals("bytes")) {
      return engineering(value, "B");
    }
    return engineering(value, "").stripTrailing();
  }
}
