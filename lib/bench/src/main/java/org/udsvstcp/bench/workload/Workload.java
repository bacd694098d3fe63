package org.udsvstcp.bench.workload;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a trial measures. */
public enum Workload {
  /** One-way bulk transfer of S-byte messages: bytes/s and messages/s. */
  STREAM,
  /** S bytes out and S bytes back: round-trip latency percentiles. */
  PINGPONG,
  /** Connect, send one small message, close, repeated: connections/s. */
  CONNECT,
  /** The original notebook: 12-byte "Hello there!" sent in a loop, 32-byte reads counted. */
  ORIGINAL;

  /** Returns the workload with this name ({@code stream}, {@code pingpong}, ...), ignoring case. */
  public static Workload fromName(String name) {
    String wanted = name == null ? "" : name.strip().replace("-", "");
    for (Workload workload : values()) {
      if (workload.name().equalsIgnoreCase(wanted)) {
        return workload;
      }
    }
    throw new IllegalArgumentException(
        "unknown workload '" + name + "'; valid workloads are: " + validNames());
  }

  /** Returns the valid workload names, comma separated. */
  public static String validNames() {
    return Arrays.stream(values()).map(Workload::label).collect(Collectors.joining(", "));
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
