package org.udsvstcp.bench.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the kernel has counted for a thread or a process (Linux {@code /proc}): scheduler run time,
 * user and system clock ticks, and voluntary and involuntary context switches. The readers of
 * several threads' or processes' cost over an interval (the Java clients' threads, a real server's
 * processes) add these up at the interval's edges.
 *
 * @param runNs scheduler run time in nanoseconds ({@code schedstat}, exact)
 * @param userTicks user time in clock ticks ({@code stat}; the kernel samples the split per tick)
 * @param systemTicks system time in clock ticks
 * @param voluntary voluntary context switches (the task blocked)
 * @param involuntary involuntary context switches (it was preempted)
 */
public record TaskCounters(
    long runNs, long userTicks, long systemTicks, long voluntary, long involuntary) {

  /** Clock ticks per second of {@code /proc}'s times (USER_HZ, 100 on every Linux ABI in use). */
  public static final long TICKS_PER_SECOND = 100;

  /** Nothing counted. */
  public static final TaskCounters ZERO = new TaskCounters(0, 0, 0, 0, 0);

  /** Returns the sum of both. */
  public TaskCounters plus(TaskCounters other) {
    return new TaskCounters(
        runNs + other.runNs,
        userTicks + other.userTicks,
        systemTicks + other.systemTicks,
        voluntary + other.voluntary,
        involuntary + other.involuntary);
  }

  /** Returns these counters less {@code earlier}'s. */
  public TaskCounters minus(TaskCounters earlier) {
    return new TaskCounters(
        runNs - earlier.runNs,
        userTicks - earlier.userTicks,
        systemTicks - earlier.systemTicks,
        voluntary - earlier.voluntary,
        involuntary - earlier.involuntary);
  }

  /** Returns the kernel task id of the calling thread (its tid), or -1 if unknown. */
  public static long currentTid() {
    return Affinity.currentTaskId().orElse(-1);
  }

  /** Returns the counters of task {@code tid} of this JVM, or empty if it has ended. */
  public static Optional<TaskCounters> ofThread(long tid) {
    return ofTask(Path.of("/proc/self/task/" + tid));
  }

  /**
   * Returns the counters of one task directory ({@code /proc/<pid>/task/<tid>}), or empty if the
   * task has ended or the files cannot be read.
   */
  public static Optional<TaskCounters> ofTask(Path task) {
    try {
      long[] ticks = ticks(Files.readString(task.resolve("stat")));
      long[] switches = switches(task.resolve("status"));
      return Optional.of(
          new TaskCounters(
              runNs(task), ticks[0], ticks[1], switches[0], switches[1])); // run time read last
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Returns a process's counters: the run time and switches of each of its threads added up, its
   * user and system ticks (the kernel's sum over its threads, ended ones included), and in {@code
   * reapedTicks} the user plus system ticks of the children it has waited for ({@code cutime} and
   * {@code cstime}); empty if the process has ended.
   */
  public static Optional<Process> ofProcess(long pid) {
    Path dir = Path.of("/proc/" + pid);
    try {
      String stat = Files.readString(dir.resolve("stat"));
      String[] f = fields(stat);
      long session = Long.parseLong(f[3]);
      long reapedUser = Long.parseLong(f[13]);
      long reapedSystem = Long.parseLong(f[14]);
      long[] ticks = ticks(stat);
      long run = 0;
      long voluntary = 0;
      long involuntary = 0;
      for (Path task : tasks(dir)) {
        try {
          long[] switches = switches(task.resolve("status"));
          run += runNs(task);
          voluntary += switches[0];
          involuntary += switches[1];
        } catch (IOException | RuntimeException e) {
          // A thread that ended between the listing and the read: its time is in the process's
          // ticks, and its run time is lost to the precise sum.
        }
      }
      return Optional.of(
          new Process(
              pid,
              session,
              new TaskCounters(run, ticks[0], ticks[1], voluntary, involuntary),
              reapedUser,
              reapedSystem));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * One process's counters.
   *
   * @param pid its process id
   * @param session its session id (a server started with {@code setsid} leads its own)
   * @param counters its own threads' counters
   * @param reapedUserTicks user ticks of the children it has waited for ({@code cutime})
   * @param reapedSystemTicks their system ticks ({@code cstime})
   */
  public record Process(
      long pid, long session, TaskCounters counters, long reapedUserTicks, long reapedSystemTicks) {
    /** Returns the user plus system ticks of the children it has waited for. */
    public long reapedTicks() {
      return reapedUserTicks + reapedSystemTicks;
    }
  }

  /** Returns the ids of every process in the system, as {@code /proc} lists them now. */
  public static List<Long> pids() {
    List<Long> pids = new ArrayList<>();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      entries
          .map(p -> p.getFileName().toString())
          .filter(name -> name.chars().allMatch(Character::isDigit))
          .forEach(name -> pids.add(Long.parseLong(name)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
    }
    return pids;
  }

  /** Returns the session id of process {@code pid}, or -1 if it has ended. */
  public static long sessionOf(long pid) {
    try {
      return Long.parseLong(fields(Files.readString(Path.of("/proc/" + pid + "/stat")))[3]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static List<Path> tasks(Path process) throws IOException {
    try (Stream<Path> tasks = Files.list(process.resolve("task"))) {
      return tasks.toList();
    }
  }

  /** Fields after the command name (which may hold spaces and parentheses): state is [0]. */
  private static String[] fields(String stat) {
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
  }

  private static long[] ticks(String stat) {
    String[] f = fields(stat);
    return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
  }

  private static long runNs(Path task) throws IOException {
    String schedstat = Files.readString(task.resolve("schedstat"));
    return Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
  }

  private static long[] switches(Path status) throws IOException {
    long voluntary = -1;
    long involuntary = -1;
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("voluntary_ctxt_switches:")) {
        voluntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
      } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
        involuntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    if (voluntary < 0 || involuntary < 0) {
      throw new IOException("no context switch counts in " + status);
    }
    return new long[] {voluntary, involuntary};
  }
}
