package org.udsvstcp.bench.experiment;

import java.util.Locale;

/** Whether server and client run as two threads of this JVM or as two child processes. */
public enum Isolation {
  /** Two threads of this JVM (the default). */
  THREADS,
  /** Two child JVMs that the library starts and always reaps, as the original's multiprocessing. */
  PROCESSES;

  /** Returns the isolation with this name ({@code threads} or {@code processes}). */
  public static Isolation fromName(String name) {
    String wanted = name == null ? "" : name.strip();
    for (Isolation isolation : values()) {
      if (isolation.label().equalsIgnoreCase(wanted)) {
        return isolation;
      }
    }
    throw new IllegalArgumentException(
        "unknown isolation '" + name + "'; valid values are: threads, processes");
  }

  /** Returns the name used on the command line and in result rows. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return label();
  }
}
