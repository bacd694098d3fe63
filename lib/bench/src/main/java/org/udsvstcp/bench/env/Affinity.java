package org.udsvstcp.bench.env;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * CPU placement on Linux: which CPUs a thread may use, which one it ran on, and pinning a thread of
 * this JVM to one CPU (JDK 17 has no affinity API, so the thread's kernel task id is handed to
 * {@code taskset -p}, then the result is read back from /proc before it is claimed).
 */
public final class Affinity {
  private static final Path THREAD_SELF = Path.of("/proc/thread-self");
  private static final int STAT_PROCESSOR_FIELD = 39;

  private Affinity() {}

  /**
   * The outcome of a pinning attempt.
   *
   * @param pinned true only if the kernel reports the thread restricted to the requested CPU
   * @param cpu the requested CPU
   * @param description what was achieved, or why not, for result rows
   */
  public record Pinning(boolean pinned, int cpu, String description) {}

  /** Returns the CPUs this process may run on (all online CPUs if unknown). */
  public static List<Integer> allowedCpus() {
    try {
      return parseCpuList(statusField(Path.of("/proc/self/status"), "Cpus_allowed_list"));
    } catch (IOException | RuntimeException e) {
      List<Integer> all = new ArrayList<>();
      for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
        all.add(i);
      }
      return all;
    }
  }

  /** Returns the calling thread's allowed CPU list as the kernel writes it (e.g. "0-1"). */
  public static String currentThreadCpuList() {
    try {
      return statusField(THREAD_SELF.resolve("status"), "Cpus_allowed_list");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** Returns the CPU the calling thread last ran on, or -1 if unknown. */
  public static int currentCpu() {
    try {
      String stat = Files.readString(THREAD_SELF.resolve("stat"));
      // The command name (field 2) may contain spaces, so count fields after its ')'.
      String[] rest = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
      return Integer.parseInt(rest[STAT_PROCESSOR_FIELD - 3]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Returns the path of the {@code taskset} program if it is on the PATH. */
  public static Optional<Path> taskset() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String directory : path.split(File.pathSeparator)) {
      if (directory.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(directory, "taskset");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Returns how this library pins threads and processes here, or why it cannot. */
  public static String support() {
    Optional<Path> taskset = taskset();
    if (taskset.isEmpty()) {
      return "none: taskset not found (install util-linux)";
    }
    if (!Files.isSymbolicLink(THREAD_SELF)) {
      return "processes only (" + taskset.get() + "); threads: /proc/thread-self missing";
    }
    return "processes: taskset -c; threads: taskset -p on the thread's task id ("
        + taskset.get()
        + "), verified in /proc/thread-self/status";
  }

  /** Returns the kernel's task id of the calling thread (Linux), or empty if unknown. */
  public static java.util.OptionalLong currentTaskId() {
    try {
      return java.util.OptionalLong.of(
          Long.parseLong(Files.readSymbolicLink(THREAD_SELF).getFileName().toString()));
    } catch (IOException | RuntimeException e) {
      return java.util.OptionalLong.empty();
    }
  }

  /** Pins the calling thread to {@code cpu} and verifies it; never throws. */
  public static Pinning pinCurrentThread(int cpu) {
    Optional<Path> taskset = taskset();
    if (taskset.isEmpty()) {
      return new Pinning(false, cpu, "not pinned: taskset not found");
    }
    String tid;
    try {
      // readlink /proc/thread-self gives "PID/task/TID" for the thread that reads it.
      Path link = Files.readSymbolicLink(THREAD_SELF);
      tid = link.getFileName().toString();
    } catch (IOException | UnsupportedOperationException e) {
      return new Pinning(false, cpu, "not pinned: cannot read /proc/thread-self (" + e + ")");
    }
    String output;
    int exit;
    try {
      Process process =
          new ProcessBuilder(taskset.get().toString(), "-p", "-c", Integer.toString(cpu), tid)
              .redirectErrorStream(true)
              .start();
      try (InputStream in = process.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      } finally {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      }
      exit = process.exitValue();
    } catch (IOException e) {
      return new Pinning(false, cpu, "not pinned: taskset failed (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Pinning(false, cpu, "not pinned: interrupted");
    }
    String allowed = currentThreadCpuList();
    if (exit != 0 || !allowed.equals(Integer.toString(cpu))) {
      return new Pinning(
          false,
          cpu,
          "not pinned: taskset -p exited "
              + exit
              + ", allowed cpus "
              + allowed
              + " ("
              + output
              + ")");
    }
    return new Pinning(true, cpu, "cpu" + cpu);
  }

  /**
   * Moves every thread of this process onto {@code cpus} (with {@code taskset -a -p}), so that the
   * JVM's own threads (JIT compilers, the collector, a kernel's message threads) stay off the CPU a
   * measurement is pinned to; closing the result moves them all back to the CPUs the process was
   * allowed before. Threads pinned afterwards keep their own pinning until then.
   *
   * @return the handle that restores the threads, or empty (with nothing changed) if taskset is
   *     missing, {@code cpus} is empty, or taskset fails
   */
  public static Optional<Moved> moveProcess(List<Integer> cpus) {
    Optional<Path> taskset = taskset();
    if (taskset.isEmpty() || cpus.isEmpty()) {
      return Optional.empty();
    }
    String before = formatCpuList(allowedCpus());
    if (!runTaskset(taskset.get(), formatCpuList(cpus))) {
      return Optional.empty();
    }
    return Optional.of(new Moved(taskset.get(), cpus, before));
  }

  /** Threads moved by {@link #moveProcess}; {@link #close()} moves every thread back. */
  public static final class Moved implements AutoCloseable {
    private final Path taskset;
    private final List<Integer> cpus;
    private final String before;

    private Moved(Path taskset, List<Integer> cpus, String before) {
      this.taskset = taskset;
      this.cpus = List.copyOf(cpus);
      this.before = before;
    }

    /** Returns the CPUs the process's other threads were moved to. */
    public List<Integer> cpus() {
      return cpus;
    }

    @Override
    public void close() {
      runTaskset(taskset, before);
    }
  }

  private static boolean runTaskset(Path taskset, String cpuList) {
    String pid = Long.toString(ProcessHandle.current().pid());
    try {
      Process process =
          new ProcessBuilder(taskset.toString(), "-a", "-p", "-c", cpuList, pid)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        return false;
      }
      return process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Formats CPUs as a list taskset accepts, e.g. "0,1". */
  public static String formatCpuList(List<Integer> cpus) {
    return cpus.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
  }

  /** Parses a kernel CPU list such as "0-3,6". */
  public static List<Integer> parseCpuList(String list) {
    List<Integer> cpus = new ArrayList<>();
    for (String part : list.strip().split(",")) {
      if (part.isEmpty()) {
        continue;
      }
      int dash = part.indexOf('-');
      if (dash < 0) {
        cpus.add(Integer.parseInt(part));
      } else {
        int from = Integer.parseInt(part.substring(0, dash));
        int to = Integer.parseInt(part.substring(dash + 1));
        for (int i = from; i <= to; i++) {
          cpus.add(i);
        }
      }
    }
    return Collections.unmodifiableList(cpus);
  }

  private static String statusField(Path status, String name) throws IOException {
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith(name + ":")) {
        return line.substring(name.length() + 1).strip();
      }
    }
    throw new IOException(name + " not found in " + status);
  }
}
