package org.udsvstcp.bench.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Finds the servers' programs: on the PATH, in PostgreSQL's bindir, or Debian's directories. */
public final class Executables {
  private static final Path DEBIAN_POSTGRESQL = Path.of("/usr/lib/postgresql");

  private Executables() {}

  /** Returns {@code name} on the PATH (or in /usr/sbin, /usr/local/bin), if executable. */
  public static Optional<Path> onPath(String name) {
    List<Path> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(":")) {
        if (!dir.isEmpty()) {
          dirs.add(Path.of(dir));
        }
      }
    }
    dirs.addAll(List.of(Path.of("/usr/local/bin"), Path.of("/usr/bin"), Path.of("/usr/sbin")));
    return dirs.stream().map(d -> d.resolve(name)).filter(Files::isExecutable).findFirst();
  }

  /**
   * Returns PostgreSQL's server bindir (holding {@code initdb} and {@code postgres}): from {@code
   * pg_config --bindir}, the newest /usr/lib/postgresql/N/bin (Debian keeps them off the PATH), or
   * the directory of {@code postgres} on the PATH (conda-forge).
   */
  public static Optional<Path> postgresBindir() {
    List<Path> candidates = new ArrayList<>();
    onPath("pg_config").flatMap(Executables::bindir).ifPresent(candidates::add);
    if (Files.isDirectory(DEBIAN_POSTGRESQL)) {
      try (Stream<Path> versions = Files.list(DEBIAN_POSTGRESQL)) {
        versions
            .filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
            .sorted(
                Comparator.comparingDouble(
                        (Path v) -> Double.parseDouble(v.getFileName().toString()))
                    .reversed())
            .map(v -> v.resolve("bin"))
            .forEach(candidates::add);
      } catch (IOException e) {
        // An unreadable directory is one candidate fewer.
      }
    }
    onPath("postgres").map(p -> p.toAbsolutePath().getParent()).ifPresent(candidates::add);
    return candidates.stream()
        .filter(d -> Files.isExecutable(d.resolve("postgres")))
        .filter(d -> Files.isExecutable(d.resolve("initdb")))
        .findFirst();
  }

  /** Returns pgbench: beside the server (Debian ships it in the server's bindir) or on the PATH. */
  public static Optional<Path> pgbench() {
    return postgresBindir()
        .map(d -> d.resolve("pgbench"))
        .filter(Files::isExecutable)
        .or(() -> onPath("pgbench"));
  }

  /** Returns what must be installed before {@code server} can start, or empty if it can. */
  public static Optional<String> missing(ServerKind server) {
    return switch (server) {
      case REDIS ->
          onPath("redis-server").isPresent()
              ? Optional.empty()
              : Optional.of(
                  "redis-server is not installed (Debian: apt-get install redis-server"
                      + " redis-tools; conda-forge: redis-server)");
      case POSTGRESQL ->
          postgresBindir().isPresent()
              ? Optional.empty()
              : Optional.of(
                  "PostgreSQL's initdb and postgres were not found (Debian: apt-get install"
                      + " postgresql; conda-forge: postgresql)");
    };
  }

  /**
   * Returns a server's own C tool, {@code pgbench} (beside the server, see {@link #pgbench()}) or
   * {@code redis-benchmark} (on the PATH), if installed.
   */
  public static Optional<Path> tool(String name) {
    return name.equals("pgbench") ? pgbench() : onPath(name);
  }

  /**
   * Returns what must be installed before the C tool {@code name} ({@code pgbench} or {@code
   * redis-benchmark}) can run, or empty if it can.
   */
  public static Optional<String> missingTool(String name) {
    if (tool(name).isPresent()) {
      return Optional.empty();
    }
    boolean pgbench = name.equals("pgbench");
    return Optional.of(
        name
            + " is not installed (Debian: apt-get install "
            + (pgbench ? "postgresql" : "redis-tools")
            + "; conda-forge: "
            + (pgbench ? "postgresql" : "redis-server")
            + ")");
  }

  private static Optional<Path> bindir(Path pgConfig) {
    try {
      Process process =
          new ProcessBuilder(pgConfig.toString(), "--bindir").redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes()).strip();
      if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        return Optional.empty();
      }
      return out.isEmpty() ? Optional.empty() : Optional.of(Path.of(out));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
