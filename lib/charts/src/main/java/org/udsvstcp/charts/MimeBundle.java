package org.udsvstcp.charts;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable, ordered map from MIME type to content that any Jupyter kernel can show; text/plain
 * is always present, so every viewer has something readable. Content is text, or for a JSON MIME
 * type a JSON object made of plain maps, lists, strings, numbers, booleans and nulls, which a
 * kernel sends as an object (never as a string holding JSON).
 */
public final class MimeBundle {

  /** Plain text: the fallback every front end can show. */
  public static final String TEXT_PLAIN = "text/plain";

  /** HTML, possibly with scripts (which run only where the front end trusts the output). */
  public static final String TEXT_HTML = "text/html";

  /** A PNG image, base64-encoded as Jupyter expects. */
  public static final String IMAGE_PNG = "image/png";

  /** An SVG image as XML text. */
  public static final String IMAGE_SVG = "image/svg+xml";

  /**
   * A Plotly figure as JSON ({@code data}, {@code layout}, {@code config}): data, not script, so
   * JupyterLab, Notebook 7 (through the jupyterlab-plotly extension) and VS Code draw it whether or
   * not the notebook is trusted.
   */
  public static final String PLOTLY_JSON = "application/vnd.plotly.v1+json";

  private final Map<String, Object> data;

  private MimeBundle(Map<String, Object> data) {
    this.data = Collections.unmodifiableMap(data);
  }

  /** Returns a bundle holding only the given plain text. */
  public static MimeBundle of(String text) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put(TEXT_PLAIN, Objects.requireNonNull(text, "text"));
    return new MimeBundle(data);
  }

  /** Returns a bundle with plain text and HTML. */
  public static MimeBundle of(String text, String html) {
    return of(text).with(TEXT_HTML, html);
  }

  /**
   * Returns a copy of this bundle with {@code content} under {@code mimeType}, replacing any
   * content that type had while keeping its position.
   *
   * @throws IllegalArgumentException if {@code mimeType} is not a MIME type, or is a JSON type (its
   *     content goes in as an object, through {@link #withJson})
   */
  public MimeBundle with(String mimeType, String content) {
    Objects.requireNonNull(content, "content");
    if (isJson(mimeType)) {
      throw new IllegalArgumentException(
          mimeType
              + " carries JSON: give it as an object with withJson, or a kernel sends a string"
              + " that no renderer reads");
    }
    return put(mimeType, content);
  }

  /**
   * Returns a copy of this bundle with the JSON object {@code json} under {@code mimeType}
   * (application/json or a {@code +json} type), copied so later changes to {@code json} do not
   * reach the bundle.
   *
   * @throws IllegalArgumentException if {@code mimeType} is not a JSON MIME type, or {@code json}
   *     holds something JSON cannot: a NaN or infinite number, a key that is not a string, or an
   *     object other than a map, list, string, number, boolean or null (the message says where)
   */
  public MimeBundle withJson(String mimeType, Map<String, ?> json) {
    Objects.requireNonNull(json, "json");
    if (!isJson(mimeType)) {
      throw new IllegalArgumentException(
          "not a JSON MIME type (application/json or type/subtype+json): " + mimeType);
    }
    return put(mimeType, jsonCopy(json, "$"));
  }

  private MimeBundle put(String mimeType, Object content) {
    Objects.requireNonNull(mimeType, "mimeType");
    if (!mimeType.matches("[\\w.+-]+/[\\w.+-]+")) {
      throw new IllegalArgumentException("not a MIME type: " + mimeType);
    }
    Map<String, Object> copy = new LinkedHashMap<>(data);
    copy.put(mimeType, content);
    return new MimeBundle(copy);
  }

  /** Returns whether {@code mimeType} carries JSON: application/json or any {@code +json} type. */
  static boolean isJson(String mimeType) {
    return mimeType != null
        && (mimeType.equals("application/json") || mimeType.matches("[\\w.+-]+/[\\w.+-]+\\+json"));
  }

  /** Returns the plain-text content, which every bundle has. */
  public String text() {
    return (String) data.get(TEXT_PLAIN);
  }

  /**
   * Returns the content for {@code mimeType} as text (JSON content as its JSON text), or empty when
   * the bundle has none.
   */
  public Optional<String> get(String mimeType) {
    Object content = data.get(mimeType);
    return content == null || content instanceof String
        ? Optional.ofNullable((String) content)
        : Optional.of(Json.write(content));
  }

  /**
   * Returns the JSON object under {@code mimeType} (unmodifiable maps and lists), or empty when the
   * bundle has no JSON content of that type.
   */
  @SuppressWarnings("unchecked")
  public Optional<Map<String, Object>> json(String mimeType) {
    Object content = data.get(mimeType);
    return content instanceof Map ? Optional.of((Map<String, Object>) content) : Optional.empty();
  }

  /** Returns the MIME types in insertion order. */
  public Set<String> mimeTypes() {
    return data.keySet();
  }

  /**
   * Returns the bundle as an unmodifiable, ordered map from MIME type to content: a String, or for
   * JSON types an unmodifiable map of plain JSON values, as a kernel's {@code putData} takes them.
   */
  public Map<String, Object> asMap() {
    return data;
  }

  /**
   * Returns an object the running kernel's {@code display(...)} shows with every MIME type of this
   * bundle, or this bundle itself when no known kernel is loaded.
   *
   * @see Displayable#of(MimeBundle)
   */
  public Object displayable() {
    return Displayable.of(this);
  }

  /** Returns an unmodifiable deep copy of a JSON value, or throws naming where it is not JSON. */
  private static Object jsonCopy(Object value, String path) {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger
        || value instanceof BigDecimal) {
      return value;
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException(
            "JSON has no " + d + " (at " + path + "): use null, which Plotly draws as a gap");
      }
      return value;
    }
    if (value instanceof Map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        if (!(entry.getKey() instanceof String)) {
          throw new IllegalArgumentException(
              "a JSON object's keys are strings, not " + entry.getKey() + " (at " + path + ")");
        }
        String key = (String) entry.getKey();
        copy.put(key, jsonCopy(entry.getValue(), path + "." + key));
      }
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List) {
      List<?> list = (List<?>) value;
      List<Object> copy = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        copy.add(jsonCopy(list.get(i), path + "[" + i + "]"));
      }
      return Collections.unmodifiableList(copy);
    }
    throw new IllegalArgumentException(
        "not a JSON value: a " + value.getClass().getName() + " (at " + path + ")");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MimeBundle && ((MimeBundle) other).data.equals(data);
  }

  @Override
  public int hashCode() {
    return data.hashCode();
  }

  /** Returns the plain-text content, so printing a bundle shows its readable form. */
  @Override
  public String toString() {
    return text();
  }
}
