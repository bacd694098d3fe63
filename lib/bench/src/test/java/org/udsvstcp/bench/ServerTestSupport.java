package org.udsvstcp.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.udsvstcp.bench.server.Executables;
import org.udsvstcp.bench.server.ServerKind;
import org.udsvstcp.bench.workload.Workload;

/** Base class of tests that start real servers: skips without them, finds what they leave. */
public abstract class ServerTestSupport extends SocketTestSupport {

  /** Skips the test, saying what to install, if {@code workload} cannot run here. */
  protected static void assumeInstalled(Workload workload) {
    assumeTrue(workload.missing().isEmpty(), () -> workload.missing().get());
  }

  /** Skips the test, saying what to install, if {@code server} cannot run here. */
  protected static void assumeInstalled(ServerKind server) {
    assumeTrue(Executables.missing(server).isEmpty(), () -> Executables.missing(server).get());
  }

  /**
   * Returns the live processes whose command line names {@code path} or whose working directory
   * lies under it (PostgreSQL's backends rename themselves, but keep the data directory as cwd).
   */
  protected static List<String> processesUsing(Path path) {
    List<String> found = new ArrayList<>();
    String needle = path.toString();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String cmdline =
              new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
                  .replace('\0', ' ');
          String cwd = "";
          try {
            cwd = Files.readSymbolicLink(proc.resolve("cwd")).toString();
          } catch (IOException | UnsupportedOperationException e) {
            // A process that just ended, or one we may not inspect.
          }
          if (cmdline.contains(needle) || cwd.startsWith(needle)) {
            found.add(proc.getFileName() + " " + cmdline.strip() + " (cwd " + cwd + ")");
          }
        } catch (IOException e) {
          // The process ended while we looked.
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc", e);
    }
    return found;
  }

  /** Returns true while a process with this id runs. */
  protected static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
