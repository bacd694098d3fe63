package org.udsvstcp.kernel.magics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The {@code %jars} and {@code %classpath} magics: add the jar files, or any paths, that glob
 * patterns match to the class path of the notebook's code.
 */
public final class ClasspathMagics {

  private final Path workingDirectory;
  private final Consumer<Path> classpath;

  /** Creates the magics that resolve relative patterns against {@code workingDirectory}. */
  public ClasspathMagics(Path workingDirectory, Consumer<Path> classpath) {
    this.workingDirectory = workingDirectory;
    this.classpath = classpath;
  }

  /** {@code %jars pattern...}: adds every jar file the patterns match; returns what it added. */
  public List<Path> jars(List<String> patterns) {
    return add(patterns, path -> Files.isRegularFile(path) && path.toString().endsWith(".jar"));
  }

  /** {@code %classpath pattern...}: adds every file or directory the patterns match. */
  public List<Path> classpath(List<String> patterns) {
    return add(patterns, Files::exists);
  }

  private List<Path> add(List<String> patterns, Predicate<Path> accepted) {
    if (patterns.isEmpty()) {
      throw new IllegalArgumentException("name at least one path or glob pattern");
    }
    List<Path> added = new ArrayList<>();
    for (String pattern : patterns) {
      List<Path> matches =
          ClasspathGlob.expand(pattern, workingDirectory).stream().filter(accepted).toList();
      if (matches.isEmpty()) {
        throw new IllegalArgumentException(
            "nothing matches " + pattern + " (relative to " + workingDirectory + ")");
      }
      matches.forEach(classpath);
      added.addAll(matches);
    }
    return added;
  }
}
