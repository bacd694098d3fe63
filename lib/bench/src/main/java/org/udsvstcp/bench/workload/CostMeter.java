package org.udsvstcp.bench.workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the calling thread's CPU time and context switches from {@code /proc/thread-self}, once at
 * each edge of a measured interval (see {@link Cost} for the resolution of each figure).
 *
 * <p>Accounting is on unless the system property {@code uds-vs-tcp.accounting} is {@code off};
 * {@link #setEnabled(boolean)} switches it for an A/B measurement of its own overhead.
 */
public final class CostMeter {
  /**
   * The fewest clock ticks in an interval for which its user/system split is given: each part is
   * the count of ticks that fell in it, so with fewer than 4 ticks (about 40 ms of CPU time) one
   * tick more or less moves a part by a quarter of the total or more, and the split reads NaN
   * rather than a guess such as "0 s of system time" for a 64 KiB stream.
   */
  public static final int MIN_SPLIT_TICKS = 4;

  /** The system property that switches accounting off ({@code off}) or on (anything else). */
  public static final String PROPERTY = "uds-vs-tcp.accounting";

  private static final Path SCHEDSTAT = Path.of("/proc/thread-self/schedstat");
  private static final Path STAT = Path.of("/proc/thread-self/stat");
  private static final Path STATUS = Path.of("/proc/thread-self/status");
  private static final boolean AVAILABLE = Files.isReadable(SCHEDSTAT);

  private static volatile boolean enabled = !"off".equals(System.getProperty(PROPERTY));

  private CostMeter() {}

  /**
   * The counters at one instant.
   *
   * @param accounting how they were obtained; the figures are 0 unless {@code THREAD}
   * @param runNs scheduler run time in nanoseconds
   * @param userTicks user time in clock ticks
   * @param systemTicks system time in clock ticks
   * @param voluntary voluntary context switches
   * @param involuntary involuntary context switches
   */
  public record Snapshot(
      Cost.Accounting accounting,
      long runNs,
      long userTicks,
      long systemTicks,
      long voluntary,
      long involuntary) {}

  /** Returns true if this system has the per-thread counters (Linux). */
  public static boolean available() {
    return AVAILABLE;
  }

  /** Returns true if accounting is on. */
  public static boolean enabled() {
    return enabled;
  }

  /** Switches accounting on or off for trials that start afterwards, in this JVM. */
  public static void setEnabled(boolean on) {
    enabled = on;
  }

  /** Returns how accounting would be done now: thread, off or unavailable. */
  public static Cost.Accounting accounting() {
    if (!AVAILABLE) {
      return Cost.Accounting.UNAVAILABLE;
    }
    return enabled ? Cost.Accounting.THREAD : Cost.Accounting.OFF;
  }

  /**
   * Reads the calling thread's counters at the start of an interval (nothing is read if accounting
   * is off or unavailable); the run time is read last, so the reading is not charged to the
   * interval.
   */
  public static Snapshot read() {
    return read(false);
  }

  private static Snapshot read(boolean runTimeFirst) {
    Cost.Accounting accounting = accounting();
    if (accounting != Cost.Accounting.THREAD) {
      return new Snapshot(accounting, 0, 0, 0, 0, 0);
    }
    try {
      long runNs = runTimeFirst ? runNs() : 0;
      String stat = Files.readString(STAT);
      // Fields after the command name, which may itself hold spaces and parentheses.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long user = Long.parseLong(f[11]);
      long system = Long.parseLong(f[12]);
      long voluntary = -1;
      long involuntary = -1;
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("voluntary_ctxt_switches:")) {
          voluntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
        } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
          involuntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
        }
      }
      if (voluntary < 0 || involuntary < 0) {
        return new Snapshot(Cost.Accounting.UNAVAILABLE, 0, 0, 0, 0, 0);
      }
      if (!runTimeFirst) {
        runNs = runNs();
      }
      return new Snapshot(Cost.Accounting.THREAD, runNs, user, system, voluntary, involuntary);
    } catch (IOException | RuntimeException e) {
      // A kernel without these files or fields: the cost columns stay empty.
      return new Snapshot(Cost.Accounting.UNAVAILABLE, 0, 0, 0, 0, 0);
    }
  }

  private static long runNs() throws IOException {
    String schedstat = Files.readString(SCHEDSTAT);
    return Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
  }

  /**
   * Returns what the calling thread spent since {@code start}, read by {@link #read()}; the run
   * time is read first, so this reading is not charged to the interval either.
   */
  public static Cost since(Snapshot start) {
    if (start.accounting() != Cost.Accounting.THREAD) {
      return Cost.empty(start.accounting());
    }
    return between(start, read(true));
  }

  /** Returns the cost between two snapshots of the same thread. */
  public static Cost between(Snapshot start, Snapshot end) {
    if (start.accounting() != Cost.Accounting.THREAD
        || end.accounting() != Cost.Accounting.THREAD) {
      return Cost.empty(
          start.accounting() != Cost.Accounting.THREAD ? start.accounting() : end.accounting());
    }
    double cpu = end.runNs() - start.runNs();
    long user = end.userTicks() - start.userTicks();
    long system = end.systemTicks() - start.systemTicks();
    double userNs = Double.NaN;
    double systemNs = Double.NaN;
    if (user + system >= MIN_SPLIT_TICKS) {
      userNs = cpu * user / (user + system);
      systemNs = cpu - userNs;
    }
    return new Cost(
        Cost.Accounting.THREAD,
        cpu,
        userNs,
        systemNs,
        end.voluntary() - start.voluntary(),
        end.involuntary() - start.involuntary());
  }
}
