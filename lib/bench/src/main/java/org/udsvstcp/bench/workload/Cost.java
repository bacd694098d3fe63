package org.udsvstcp.bench.workload;

import java.util.Locale;

/**
 * What one end of a trial spent over its measured interval: CPU time of its thread, split into user
 * and system time, and the context switches it made.
 *
 * <p>Resolution on Linux: {@code cpuNs} is the scheduler's run time of the thread in nanoseconds
 * ({@code /proc/thread-self/schedstat}, exact); the user/system split divides it in the proportion
 * of the 10 ms clock ticks in {@code /proc/thread-self/stat} (the kernel samples the split at each
 * timer tick, so an end with under about 0.2 s of CPU time has a split uncertain by more than 5%;
 * NaN when fewer than {@link CostMeter#MIN_SPLIT_TICKS} ticks fell in the interval); switch counts
 * are exact ({@code /proc/thread-self/status}).
 *
 * @param accounting how the figures were obtained
 * @param cpuNs CPU time in nanoseconds, NaN if not measured
 * @param userNs user time in nanoseconds, NaN if not measured or too few ticks fell in the interval
 * @param systemNs system (kernel) time in nanoseconds, NaN likewise
 * @param voluntarySwitches times the thread blocked (gave up the CPU), NaN if not measured
 * @param involuntarySwitches times the thread was preempted, NaN if not measured
 */
public record Cost(
    Accounting accounting,
    double cpuNs,
    double userNs,
    double systemNs,
    double voluntarySwitches,
    double involuntarySwitches) {

  /** How an end's cost was obtained. */
  public enum Accounting {
    /** Read from the end's thread at the edges of the measured interval. */
    THREAD("thread"),
    /**
     * Read from several threads or processes at the edges of the measured interval and added up: a
     * real server's processes, or the threads of a client that runs several.
     */
    PROCESSES("processes"),
    /** Switched off ({@code -Duds-vs-tcp.accounting=off}), for the overhead A/B. */
    OFF("off"),
    /** This system has no per-thread counters (not Linux). */
    UNAVAILABLE("unavailable"),
    /** The workload did not measure it. */
    NONE("none");

    private final String label;

    Accounting(String label) {
      this.label = label;
    }

    /** Returns the label used in rows. */
    public String label() {
      return label;
    }

    /** Returns the accounting with this label. */
    public static Accounting fromLabel(String label) {
      for (Accounting a : values()) {
        if (a.label.equals(label)) {
          return a;
        }
      }
      throw new IllegalArgumentException("unknown accounting: " + label);
    }
  }

  /** No cost measured: every figure NaN. */
  public static final Cost NONE = empty(Accounting.NONE);

  /** Returns a cost with no figures, obtained as {@code accounting} says. */
  public static Cost empty(Accounting accounting) {
    return new Cost(accounting, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
  }

  /** Returns true if the figures were measured. */
  public boolean measured() {
    return accounting == Accounting.THREAD || accounting == Accounting.PROCESSES;
  }

  /** Returns voluntary plus involuntary context switches. */
  public double switches() {
    return voluntarySwitches + involuntarySwitches;
  }

  /** Returns {@code value} divided by {@code count}, NaN if the count is not positive. */
  public static double per(double value, double count) {
    return count > 0 ? value / count : Double.NaN;
  }

  /** Returns this cost as one line of text without spaces, for a child process. */
  public String encode() {
    return String.format(
        Locale.ROOT,
        "%s,%s,%s,%s,%s,%s",
        accounting.label(),
        Double.toString(cpuNs),
        Double.toString(userNs),
        Double.toString(systemNs),
        Double.toString(voluntarySwitches),
        Double.toString(involuntarySwitches));
  }

  /** Parses the six fields written by {@link #encode()}, starting at {@code from}. */
  static Cost decode(String[] p, int from) {
    return new Cost(
        Accounting.fromLabel(p[from]),
        Double.parseDouble(p[from + 1]),
        Double.parseDouble(p[from + 2]),
        Double.parseDouble(p[from + 3]),
        Double.parseDouble(p[from + 4]),
        Double.parseDouble(p[from + 5]));
  }
}
