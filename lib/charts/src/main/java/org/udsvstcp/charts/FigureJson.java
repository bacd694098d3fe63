package org.udsvstcp.charts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.traces.Trace;

/**
 * A tablesaw-jsplot figure as Plotly's JSON figure, {@code {data, layout, config}}, made of plain
 * maps, lists, strings, numbers and booleans: the one form of a figure that its bundle's
 * application/vnd.plotly.v1+json carries and its text/html draws.
 *
 * <p>tablesaw-jsplot writes each trace, the layout and the config as a JavaScript object literal
 * (unquoted names, single quotes, trailing commas, NaN); Jackson's lenient reader turns each into
 * maps and lists. Two rewrites make the result draw the same in every Plotly the project meets: NaN
 * and infinities become null (a gap, for JSON has no NaN), and a title given as a string becomes
 * {@code {text: ...}} with {@code titlefont} moved to {@code title.font}, the form Plotly has taken
 * since 1.43 and the only one since 3.0 (the jupyterlab-plotly extension's).
 */
final class FigureJson {

  /** Reads the object literals tablesaw-jsplot writes: JSON, plus what JavaScript allows. */
  private static final ObjectMapper LENIENT =
      JsonMapper.builder()
          .enable(
              JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES,
              JsonReadFeature.ALLOW_SINGLE_QUOTES,
              JsonReadFeature.ALLOW_TRAILING_COMMA,
              JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS,
              JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
          .build();

  /** {@code var name = {...};}: one of tablesaw-jsplot's statements. */
  private static final Pattern STATEMENT =
      Pattern.compile("\\s*var\\s+(\\w+)\\s*=\\s*(\\{.*})\\s*;?\\s*", Pattern.DOTALL);

  /** The config of a figure that sets none: fill the output's width, no Plotly logo. */
  private static final Map<String, Object> DEFAULT_CONFIG =
      Map.of("responsive", true, "displaylogo", false);

  private FigureJson() {}

  /**
   * Returns {@code figure} as a mutable, ordered map with {@code data} (one map per trace), {@code
   * layout} (empty when the figure has none) and {@code config}.
   *
   * @throws IllegalArgumentException if the figure has event handlers, which are JavaScript and
   *     have no JSON form
   */
  static Map<String, Object> of(Figure figure) {
    if (figure.getEventHandlers() != null && figure.getEventHandlers().length > 0) {
      throw new IllegalArgumentException(
          "the figure has event handlers: they are JavaScript, which a figure's JSON cannot carry");
    }
    List<Object> data = new ArrayList<>();
    Trace[] traces = figure.getTraces();
    for (int i = 0; i < traces.length; i++) {
      data.add(object(traces[i].asJavascript(i), "trace" + i));
    }
    Map<String, Object> layout =
        figure.getLayout() == null
            ? new LinkedHashMap<>()
            : object(figure.getLayout().asJavascript(), "layout");
    Map<String, Object> config =
        figure.getConfig() == null
            ? new LinkedHashMap<>(DEFAULT_CONFIG)
            : object(figure.getConfig().asJavascript(), "config");
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("data", data);
    json.put("layout", layout);
    json.put("config", config);
    if (figure instanceof ExtendedFigure) {
      for (ExtendedFigure.Attribute attribute : ((ExtendedFigure) figure).attributes()) {
        set(json, attribute.target(), read(attribute.json(), attribute.target()));
      }
    }
    return normalized(json);
  }

  /** Reads one of tablesaw-jsplot's {@code var name = {...};} statements as a map. */
  private static Map<String, Object> object(String javascript, String what) {
    Matcher statement = STATEMENT.matcher(javascript);
    if (!statement.matches()) {
      throw new IllegalStateException(
          "tablesaw-jsplot wrote the "
              + what
              + " in a form this reader does not know: "
              + javascript.substring(0, Math.min(200, javascript.length())));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) read(statement.group(2), what);
    return map;
  }

  /**
   * Reads a JavaScript literal (one tablesaw-jsplot or {@link Json#write} wrote) as plain values.
   */
  private static Object read(String literal, String what) {
    try {
      return LENIENT.readValue(literal, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot read the " + what + " tablesaw-jsplot wrote: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Sets {@code target} ({@code trace<i>} or {@code layout}, then a dotted path) in {@code json} to
   * {@code value}, making the objects on the way as a JavaScript assignment to a fresh object
   * would.
   */
  @SuppressWarnings("unchecked")
  private static void set(Map<String, Object> json, String target, Object value) {
    String[] path = target.split("\\.");
    Object at;
    if (path[0].equals("layout")) {
      at = json.get("layout");
    } else {
      List<Object> data = (List<Object>) json.get("data");
      int index = Integer.parseInt(path[0].substring("trace".length()));
      if (index >= data.size()) {
        throw new IllegalArgumentException(target + ": the figure has " + data.size() + " traces");
      }
      at = data.get(index);
    }
    for (int i = 1; i < path.length - 1; i++) {
      Map<String, Object> parent = (Map<String, Object>) at;
      Object child = parent.get(path[i]);
      if (child instanceof String && path[i].equals("title")) {
        child = titleObject((String) child);
        parent.put(path[i], child);
      } else if (child == null) {
        child = new LinkedHashMap<String, Object>();
        parent.put(path[i], child);
      } else if (!(child instanceof Map)) {
        throw new IllegalArgumentException(
            target + ": " + String.join(".", List.of(path).subList(0, i + 1)) + " is no object");
      }
      at = child;
    }
    ((Map<String, Object>) at).put(path[path.length - 1], value);
  }

  /** Returns {@code value} with NaN and infinities as null and every title as an object. */
  @SuppressWarnings("unchecked")
  private static <T> T normalized(T value) {
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Double.isNaN(d) || Double.isInfinite(d) ? null : value;
    }
    if (value instanceof List) {
      List<Object> list = (List<Object>) value;
      list.replaceAll(FigureJson::normalized);
      return value;
    }
    if (value instanceof Map) {
      Map<String, Object> map = (Map<String, Object>) value;
      map.replaceAll((key, item) -> normalized(item));
      Object title = map.get("title");
      if (title instanceof String) {
        map.put("title", titleObject((String) title));
      }
      if (map.containsKey("titlefont")) {
        Object font = map.remove("titlefont");
        Object titleNow = map.get("title");
        if (!(titleNow instanceof Map)) {
          titleNow = new LinkedHashMap<String, Object>();
          map.put("title", titleNow);
        }
        ((Map<String, Object>) titleNow).putIfAbsent("font", font);
      }
      return value;
    }
    return value;
  }

  private static Map<String, Object> titleObject(String text) {
    Map<String, Object> title = new LinkedHashMap<>();
    title.put("text", text);
    return title;
  }
}
