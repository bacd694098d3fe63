package org.udsvstcp.kernel;

import java.nio.file.Path;

/**
 * A short, typical session ({@code train}) that the installer runs under {@code
 * -XX:ArchiveClassesAtExit}, so the class-data archive holds the classes a real kernel loads before
 * its first result.
 */
public final class StartupTraining {

  private StartupTraining() {}

  /** Starts a kernel, evaluates, completes and inspects a few cells, then returns. */
  public static void run() {
    JavaKernel kernel = JavaKernel.create(Path.of("").toAbsolutePath());
    kernel.evalRaw("1 + 1");
    kernel.evalRaw(
        "class Point { int x; } var p = new Point(); p.x = 3; String.format(\"%d\", p.x)");
    kernel.evalRaw("List.of(1, 2, 3).stream().mapToInt(i -> i).sum()");
    kernel.isComplete("for (int i = 0; i < 3; i++) {");
    kernel.inspect("Math.abs(1)", 11, false);
    kernel.onShutdown(false);
  }
}
