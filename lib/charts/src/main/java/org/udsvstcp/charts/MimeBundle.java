package org.udsvstcp.charts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable, ordered map from MIME type to content that any Jupyter kernel can show; text/plain
 * is always present, so every viewer has something readable.
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

  private final Map<String, String> data;

  private MimeBundle(Map<String, String> data) {
    this.data = Collections.unmodifiableMap(data);
  }

  /** Returns a bundle holding only the given plain text. */
  public static MimeBundle of(String text) {
    Map<String, String> data = new LinkedHashMap<>();
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
   */
  public MimeBundle with(String mimeType, String content) {
    Objects.requireNonNull(mimeType, "mimeType");
    Objects.requireNonNull(content, "content");
    if (!mimeType.matches("[\\w.+-]+/[\\w.+-]+")) {
      throw new IllegalArgumentException("not a MIME type: " + mimeType);
    }
    Map<String, String> copy = new LinkedHashMap<>(data);
    copy.put(mimeType, content);
    return new MimeBundle(copy);
  }

  /** Returns the plain-text content, which every bundle has. */
  public String text() {
    return data.get(TEXT_PLAIN);
  }

  /** Returns the content for {@code mimeType}, or empty when the bundle has none. */
  public Optional<String> get(String mimeType) {
    return Optional.ofNullable(data.get(mimeType));
  }

  /** Returns the MIME types in insertion order. */
  public Set<String> mimeTypes() {
    return data.keySet();
  }

  /** Returns the bundle as an unmodifiable, ordered map (MIME type to content). */
  public Map<String, String> asMap() {
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
