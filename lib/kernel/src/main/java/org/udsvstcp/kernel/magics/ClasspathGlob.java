package org.udsvstcp.kernel.magics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Expands a class path pattern such as {@code ../lib/*.jar} or {@code build/**}{@code /*.jar}
 * (relative to a base directory) to the paths that exist, sorted by name.
 */
public final class ClasspathGlob {

  private static final Pattern GLOB_CHARS = Pattern.compile("[*?\\[{]");

  private ClasspathGlob() {}

  /** Returns the existing paths that {@code pattern} names, or matches, under {@code base}. */
  public static List<Path> expand(String pattern, Path base) {
    Path whole = base.resolve(expandHome(pattern)).normalize();
    String text = whole.toString();
    if (!GLOB_CHARS.matcher(text).find()) {
      return Files.exists(whole) ? List.of(whole) : List.of();
    }
    Path root = fixedPrefix(whole);
    int depth =
        text.contains("**") ? Integer.MAX_VALUE : whole.getNameCount() - root.getNameCount();
    PathMatcher matcher =
        FileSystems.getDefault()
            .getPathMatcher(
                "glob:" + escapeForGlob(root) + text.substring(root.toString().length()));
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(root, depth)) {
      return paths.filter(matcher::matches).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String expandHome(String pattern) {
    return pattern.equals("~") || pattern.startsWith("~/")
        ? System.getProperty("user.home") + pattern.substring(1)
        : pattern;
  }

  // The leading directories of the pattern that hold no glob characters.
  private static Path fixedPrefix(Path pattern) {
    Path prefix = pattern.getRoot();
    for (Path name : pattern) {
      if (GLOB_CHARS.matcher(name.toString()).find()) {
        break;
      }
      prefix = prefix == null ? name : prefix.resolve(name);
    }
    return prefix == null ? Path.of("") : prefix;
  }

  private static String escapeForGlob(Path fixed) {
    return fixed.toString().replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
  }
}
