package org.udsvstcp.bench.experiment;

import java.util.Locale;

/**
 * Where server and client run: both on one CPU, on two different CPUs, or wherever the scheduler
 * puts them. On a small VM this choice can move a round trip by a factor of five.
 */
public enum Placement {
  /** Both ends pinned to the same CPU: every hand-off is a context switch on one core. */
  SAME_CORE,
  /** Server and client pinned to two different CPUs: every hand-off is a cross-CPU wake-up. */
  CROSS_CORE,
  /** Not pinned: the scheduler decides, and may change its mind from minute to minute. */
  SCHEDULER;

  /** Returns the placement with this name ({@code same-core}, {@code cross-core}, ...). */
  public static Placement fromName(String name) {
    String wanted = name == null ? "" : name.strip().replace('_', '-');
    for (Placement placement : values()) {
      if (placement.label().equalsIgnoreCase(wanted)) {
        return placement;
      }
    }
    throw new IllegalArgumentException(
        "unknown placement '" + name + "'; valid values are: same-core, cross-core, scheduler");
  }

  /** Returns the name used on the command line and in result rows. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @Override
  public String toString() {
    return label();
  }
}
