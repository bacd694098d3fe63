package org.udsvstcp.charts;

import java.util.Arrays;
import java.util.Map;

/**
 * A minimal JSON writer for the few Plotly attributes tablesaw-jsplot cannot express; its strings
 * are also safe to inline in a {@code <script>} element.
 */
final class Json {
  private Json() {}

  /**
   * Returns {@code value} as JSON: maps, iterables, arrays, strings, numbers (NaN and infinities
   * become null, as Plotly expects for gaps), booleans and null.
   */
  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof CharSequence) {
      string(value.toString(), out);
    } else if (value instanceof Double || value instanceof Float) {
      number(((Number) value).doubleValue(), out);
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(String.valueOf(entry.getKey()), out);
        out.append(':');
        write(entry.getValue(), out);
      }
      out.append('}');
    } else if (value instanceof Iterable) {
      out.append('[');
      boolean first = true;
      for (Object item : (Iterable<?>) value) {
        if (!first) {
          out.append(',');
        }
        first = false;
        write(item, out);
      }
      out.append(']');
    } else if (value instanceof double[]) {
      double[] array = (double[]) value;
      out.append('[');
      for (int i = 0; i < array.length; i++) {
        if (i > 0) {
          out.append(',');
        }
        number(array[i], out);
      }
      out.append(']');
    } else if (value instanceof int[]) {
      int[] array = (int[]) value;
      out.append('[');
      for (int i = 0; i < array.length; i++) {
        out.append(i > 0 ? "," : "").append(array[i]);
      }
      out.append(']');
    } else if (value instanceof Object[]) {
      write(Arrays.asList((Object[]) value), out);
    } else {
      throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
    }
  }

  private static void number(double d, StringBuilder out) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      out.append("null");
    } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      out.append((long) d);
    } else {
      out.append(d);
    }
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          // <, > and & escaped too, so the JSON can sit inside an HTML <script> element.
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }
}
