package org.udsvstcp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library depends one way. Within a module, a package names (imports, or writes out in full)
 * only packages in layers below its own, so no reference runs upward or sideways and none can close
 * a cycle; between modules, only the notebook jar uses others (bench and charts). And no file in
 * {@code lib/<module>/src/main} is over 600 lines. It reads the sources of every module under
 * {@code lib/}, with comments and string literals left out; docs/architecture.md draws the layers.
 */
class LayersTest {
  /** The longest file a reader should have to find their way in. */
  private static final int MAX_LINES = 600;

  private static final String ROOT = "org.udsvstcp";

  /** The lib directory: the parent of this module's directory, where Maven runs its tests. */
  private static final Path LIB = Path.of("").toAbsolutePath().getParent();

  /** The modules under lib/, in the order their findings are listed. */
  private static final List<String> MODULES = List.of("bench", "charts", "kernel", "notebook");

  /**
   * Each module's layers, top first. A package may use the packages of the layers below its own;
   * packages of one layer may not use each other.
   */
  private static final Map<String, List<List<String>>> LAYERS =
      Map.of(
          "bench",
          List.of(
              List.of("org.udsvstcp.bench.cli"),
              List.of("org.udsvstcp.bench.experiment"),
              List.of("org.udsvstcp.bench.workload"),
              List.of("org.udsvstcp.bench.server"),
              List.of(
                  "org.udsvstcp.bench.env",
                  "org.udsvstcp.bench.perf",
                  "org.udsvstcp.bench.reference",
                  "org.udsvstcp.bench.route",
                  "org.udsvstcp.bench.stats"),
              List.of("org.udsvstcp.bench.transport"),
              List.of("org.udsvstcp.bench")),
          "kernel",
          List.of(
              List.of("org.udsvstcp.kernel"),
              List.of(
                  "org.udsvstcp.kernel.execution",
                  "org.udsvstcp.kernel.history",
                  "org.udsvstcp.kernel.install",
                  "org.udsvstcp.kernel.magics",
                  "org.udsvstcp.kernel.protocol",
                  "org.udsvstcp.kernel.runtime"),
              List.of("org.udsvstcp.kernel.output")),
          "charts",
          List.of(List.of("org.udsvstcp.charts")),
          "notebook",
          List.of(List.of("org.udsvstcp.notebook")));

  /** The other modules each module may use. */
  private static final Map<String, List<String>> MODULE_USES =
      Map.of(
          "bench", List.of(),
          "charts", List.of(),
          "kernel", List.of(),
          "notebook", List.of("bench", "charts"));

  /** A name of this project's: its packages are the lower-case parts before a type's name. */
  private static final Pattern REFERENCE =
      Pattern.compile("\\borg\\.udsvstcp(?:\\s*\\.\\s*[a-z_][A-Za-z0-9_]*)*");

  private static final Pattern PACKAGE =
      Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

  @Test
  void everyPackageUsesOnlyTheLayersBelowItAndTheModulesItMay() {
    List<String> wrong = new ArrayList<>();
    for (Reference reference : references()) {
      String from = reference.fromPackage();
      String to = reference.toPackage();
      String fromModule = moduleOf(from);
      String toModule = moduleOf(to);
      if (!fromModule.equals(toModule)) {
        if (!MODULE_USES.get(fromModule).contains(toModule)) {
          wrong.add(
              reference
                  + ": module "
                  + fromModule
                  + " may not use module "
                  + toModule
                  + " (modules it may use: "
                  + MODULE_USES.get(fromModule)
                  + ")");
        }
        continue;
      }
      int fromLayer = layerOf(from);
      int toLayer = layerOf(to);
      if (toLayer <= fromLayer) {
        wrong.add(
            reference
                + ": "
                + (toLayer < fromLayer ? "it runs upward" : "packages of one layer use each other")
                + " in "
                + fromModule
                + "'s order "
                + order(fromModule));
      }
    }
    assertTrue(
        wrong.isEmpty(), () -> "references against the layers:\n" + String.join("\n", wrong));
  }

  @Test
  void everyPackageHasItsPlaceInTheOrder() {
    List<String> missing = new ArrayList<>();
    for (Path file : mainSources()) {
      String pkg = packageOf(file, read(file));
      try {
        layerOf(pkg);
      } catch (IllegalStateException e) {
        missing.add(LIB.relativize(file) + ": " + e.getMessage());
      }
    }
    assertTrue(missing.isEmpty(), () -> String.join("\n", missing));
  }

  @Test
  void thePackagesFormNoCycle() {
    Map<String, Map<String, Reference>> graph = new TreeMap<>();
    for (Reference reference : references()) {
      graph
          .computeIfAbsent(reference.fromPackage(), k -> new TreeMap<>())
          .putIfAbsent(reference.toPackage(), reference);
    }
    List<String> cycles = new ArrayList<>();
    Set<String> done = new TreeSet<>();
    for (String start : graph.keySet()) {
      findCycle(graph, start, new ArrayList<>(), new LinkedHashSet<>(), done, cycles);
    }
    assertTrue(cycles.isEmpty(), () -> "package cycles:\n" + String.join("\n", cycles));
  }

  @Test
  void noMainSourceFileIsOverSixHundredLines() throws IOException {
    List<String> tooLong = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> modules = Files.list(LIB)) {
      files =
          modules
              .map(m -> m.resolve("src/main"))
              .filter(Files::isDirectory)
              .flatMap(LayersTest::walk)
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    }
    assertTrue(files.size() > 100, "the sources were not found under " + LIB);
    for (Path file : files) {
      long lines = read(file).lines().count();
      if (lines > MAX_LINES) {
        tooLong.add(LIB.relativize(file) + ": " + lines + " lines");
      }
    }
    assertTrue(
        tooLong.isEmpty(),
        () ->
            "files in lib/*/src/main over "
                + MAX_LINES
                + " lines; split them along their seams:\n"
                + String.join("\n", tooLong));
  }

  @Test
  void theScanSeesEveryKindOfReferenceAndNoComment() {
    String source =
        "package org.udsvstcp.bench.server;\n"
            + "import org.udsvstcp.bench.workload.Workload;\n"
            + "import static org.udsvstcp.bench.stats.Units.ratio;\n"
            + "import org.udsvstcp.bench.env.*;\n"
            + "// org.udsvstcp.bench.cli.Main in a comment\n"
            + "/** {@link org.udsvstcp.bench.experiment.Experiment} */\n"
            + "class X { String s = \"org.udsvstcp.kernel.\"; char c = '\"';\n"
            + "  Object o = new org.udsvstcp.bench.transport.Endpoint(); }\n";
    List<String> found =
        referencesIn(Path.of("X.java"), source).stream().map(Reference::toPackage).toList();
    assertEquals(
        List.of(
            "org.udsvstcp.bench.workload",
            "org.udsvstcp.bench.stats",
            "org.udsvstcp.bench.env",
            "org.udsvstcp.bench.transport"),
        found);
  }

  /** One use of a project package by a source file, at a line. */
  private record Reference(Path file, int line, String fromPackage, String toPackage) {
    @Override
    public String toString() {
      return fromPackage
          + " -> "
          + toPackage
          + " ("
          + (file.isAbsolute() ? LIB.relativize(file) : file)
          + ":"
          + line
          + ")";
    }
  }

  private static List<Reference> references() {
    List<Reference> all = new ArrayList<>();
    for (Path file : mainSources()) {
      all.addAll(referencesIn(file, read(file)));
    }
    return all;
  }

  private static List<Path> mainSources() {
    List<Path> files = new ArrayList<>();
    for (String module : MODULES) {
      Path main = LIB.resolve(module).resolve("src/main/java");
      assertTrue(Files.isDirectory(main), "no sources at " + main);
      walk(main).filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
    }
    return files;
  }

  private static List<Reference> referencesIn(Path file, String source) {
    String code = withoutCommentsAndLiterals(source);
    String from = packageOf(file, code);
    List<Reference> found = new ArrayList<>();
    Matcher matcher = REFERENCE.matcher(code);
    while (matcher.find()) {
      String to = matcher.group().replaceAll("\\s", "");
      if (!to.equals(from)) {
        int line = (int) code.substring(0, matcher.start()).chars().filter(c -> c == '\n').count();
        found.add(new Reference(file, line + 1, from, to));
      }
    }
    return found;
  }

  private static String packageOf(Path file, String source) {
    Matcher matcher = PACKAGE.matcher(withoutCommentsAndLiterals(source));
    if (!matcher.find()) {
      throw new IllegalStateException(file + " declares no package");
    }
    return matcher.group(1);
  }

  /**
   * Returns {@code source} with every comment, string, text block and character literal blanked
   * out, line breaks kept, so that only code is searched and line numbers stay right.
   */
  static String withoutCommentsAndLiterals(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      String end;
      if (source.startsWith("//", i)) {
        end = "\n";
      } else if (source.startsWith("/*", i)) {
        end = "*/";
      } else if (source.startsWith("\"\"\"", i)) {
        end = "\"\"\"";
      } else if (c == '"' || c == '\'') {
        end = String.valueOf(c);
      } else {
        out.append(c);
        i++;
        continue;
      }
      int from = i;
      i += end.equals("\"\"\"") ? 3 : end.equals("\n") || end.equals("*/") ? 2 : 1;
      while (i < n && !source.startsWith(end, i)) {
        // A backslash escapes the next character in a literal, not in a comment.
        i += source.charAt(i) == '\\' && c != '/' ? 2 : 1;
      }
      i = Math.min(n, end.equals("\n") ? i : i + end.length());
      for (int k = from; k < i; k++) {
        out.append(source.charAt(k) == '\n' ? '\n' : ' ');
      }
    }
    return out.toString();
  }

  private static String moduleOf(String pkg) {
    for (String module : MODULES) {
      String base = ROOT + "." + module;
      if (pkg.equals(base) || pkg.startsWith(base + ".")) {
        return module;
      }
    }
    throw new IllegalStateException(pkg + " belongs to no module of " + MODULES);
  }

  private static int layerOf(String pkg) {
    List<List<String>> layers = LAYERS.get(moduleOf(pkg));
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i).contains(pkg)) {
        return i;
      }
    }
    throw new IllegalStateException(
        "package "
            + pkg
            + " is in no layer of "
            + moduleOf(pkg)
            + "'s order "
            + order(moduleOf(pkg))
            + "; give it its place in LayersTest.LAYERS and docs/architecture.md");
  }

  private static String order(String module) {
    List<String> layers = new ArrayList<>();
    for (List<String> layer : LAYERS.get(module)) {
      List<String> names =
          layer.stream().map(p -> p.equals(ROOT + "." + module) ? "(root)" : tail(p)).toList();
      layers.add(String.join(", ", names));
    }
    return String.join(" -> ", layers);
  }

  private static String tail(String pkg) {
    return pkg.substring(pkg.lastIndexOf('.') + 1);
  }

  /** Depth-first search that records each cycle once, with the reference that closes it. */
  private static void findCycle(
      Map<String, Map<String, Reference>> graph,
      String pkg,
      List<Reference> path,
      Set<String> onPath,
      Set<String> done,
      List<String> cycles) {
    if (onPath.contains(pkg)) {
      List<String> steps = new ArrayList<>();
      boolean inCycle = false;
      for (Reference step : path) {
        inCycle |= step.fromPackage().equals(pkg);
        if (inCycle) {
          steps.add(step.toString());
        }
      }
      cycles.add(String.join(", then ", steps));
      return;
    }
    if (done.contains(pkg)) {
      return;
    }
    onPath.add(pkg);
    for (Map.Entry<String, Reference> edge :
        graph.getOrDefault(pkg, new LinkedHashMap<>()).entrySet()) {
      path.add(edge.getValue());
      findCycle(graph, edge.getKey(), path, onPath, done, cycles);
      path.remove(path.size() - 1);
    }
    onPath.remove(pkg);
    done.add(pkg);
  }

  private static Stream<Path> walk(Path dir) {
    try {
      return Files.walk(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
