package org.udsvstcp.bench.workload;

import java.time.Duration;
import java.util.Objects;
import org.udsvstcp.bench.transport.Transport;

/**
 * What one trial does: the workload, transport and message size, and how long it runs.
 *
 * @param workload the workload
 * @param transport the transport
 * @param size the message size in bytes (the original's is fixed at 12)
 * @param duration how long the sender sends (stream, original)
 * @param byteBudget bytes to send instead of a duration (stream), 0 to use the duration
 * @param count measured round trips (pingpong, server workloads) or connections (connect,
 *     pg-connect)
 * @param warmupCount unmeasured round trips or connections before the measured ones
 * @param writesPerMessage the writes the ping-pong client splits each message into (1 otherwise)
 * @param depth the requests per round trip of a server workload: pipeline depth (Redis) or batch
 *     size (PostgreSQL); 1 otherwise
 */
public record TrialSpec(
    Workload workload,
    Transport transport,
    int size,
    Duration duration,
    long byteBudget,
    int count,
    int warmupCount,
    int writesPerMessage,
    int depth) {

  /** Checks the values. */
  public TrialSpec {
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(duration, "duration");
    if (workload.isServer() && !workload.hasValue()) {
      if (size != 0) {
        throw new IllegalArgumentException(
            workload + " sends no value: its size is 0, got " + size);
      }
    } else if (size < 1) {
      throw new IllegalArgumentException("message size must be at least 1 byte, got " + size);
    }
    if (workload.isServer() && transport != Transport.TCP && transport != Transport.UDS) {
      throw new IllegalArgumentException(
          workload
              + " runs over tcp or uds (the address family; the client brings its own socket),"
              + " got "
              + transport);
    }
    if (depth < 1 || (depth != 1 && !workload.pipelines())) {
      throw new IllegalArgumentException(
          workload.pipelines()
              ? "depth must be at least 1, got " + depth
              : workload + " makes one request per round trip, got depth " + depth);
    }
    if (workload == Workload.ORIGINAL && size != OriginalTrial.MESSAGE.length) {
      throw new IllegalArgumentException(
          "the original's message is " + OriginalTrial.MESSAGE.length + " bytes, got " + size);
    }
    if (duration.isNegative()
        || (duration.isZero() && byteBudget <= 0 && needsDuration(workload))) {
      throw new IllegalArgumentException("duration must be positive, got " + duration);
    }
    if (byteBudget < 0 || count < 0 || warmupCount < 0) {
      throw new IllegalArgumentException("byte budget and counts must not be negative");
    }
    if ((workload == Workload.PINGPONG || workload == Workload.CONNECT || workload.isServer())
        && count < 1) {
      throw new IllegalArgumentException(workload + " needs at least one measured repetition");
    }
    if (writesPerMessage < 1 || (writesPerMessage > 1 && writesPerMessage > size)) {
      throw new IllegalArgumentException(
          "writes per message must be between 1 and the size "
              + size
              + ", got "
              + writesPerMessage);
    }
    if (writesPerMessage != 1 && workload != Workload.PINGPONG) {
      throw new IllegalArgumentException(
          "only the ping-pong client splits its messages, " + workload + " writes each once");
    }
  }

  /** A spec that writes each message with one call, as every workload did before splitting. */
  public TrialSpec(
      Workload workload,
      Transport transport,
      int size,
      Duration duration,
      long byteBudget,
      int count,
      int warmupCount) {
    this(workload, transport, size, duration, byteBudget, count, warmupCount, 1, 1);
  }

  /** A spec of one request per round trip, as every workload made before server pipelines. */
  public TrialSpec(
      Workload workload,
      Transport transport,
      int size,
      Duration duration,
      long byteBudget,
      int count,
      int warmupCount,
      int writesPerMessage) {
    this(workload, transport, size, duration, byteBudget, count, warmupCount, writesPerMessage, 1);
  }

  /**
   * A server trial of {@code roundTrips} measured round trips of {@code depth} requests each (for
   * pg-connect, connections) after a tenth as many warm-up (none for a C tool, which warms up as it
   * was written to).
   */
  public static TrialSpec server(
      Workload workload, Transport transport, int size, int roundTrips, int depth) {
    if (!workload.isServer()) {
      throw new IllegalArgumentException(workload + " is not a server workload");
    }
    return new TrialSpec(
        workload,
        transport,
        size,
        Duration.ZERO,
        0,
        roundTrips,
        workload.isTool() ? 0 : defaultWarmup(roundTrips),
        1,
        depth);
  }

  /** Returns the measured requests of a server trial: round trips times depth. */
  public long requests() {
    return (long) count * depth;
  }

  private static boolean needsDuration(Workload workload) {
    return workload == Workload.STREAM || workload == Workload.ORIGINAL;
  }

  /** A stream trial that sends {@code size}-byte messages for {@code duration}. */
  public static TrialSpec stream(Transport transport, int size, Duration duration) {
    return new TrialSpec(Workload.STREAM, transport, size, duration, 0, 0, 0);
  }

  /**
   * A stream trial that sends {@code bytes} bytes (rounded down to whole messages, at least one).
   */
  public static TrialSpec streamBytes(Transport transport, int size, long bytes) {
    return new TrialSpec(Workload.STREAM, transport, size, Duration.ZERO, bytes, 0, 0);
  }

  /** A ping-pong trial of {@code roundTrips} measured round trips after a tenth as many warm-up. */
  public static TrialSpec pingPong(Transport transport, int size, int roundTrips) {
    return new TrialSpec(
        Workload.PINGPONG,
        transport,
        size,
        Duration.ZERO,
        0,
        roundTrips,
        defaultWarmup(roundTrips));
  }

  /** A connect trial of {@code connections} measured connections, each sending one message. */
  public static TrialSpec connect(Transport transport, int size, int connections) {
    return new TrialSpec(
        Workload.CONNECT,
        transport,
        size,
        Duration.ZERO,
        0,
        connections,
        defaultWarmup(connections));
  }

  /** The original method: the server sends "Hello there!" for {@code duration}. */
  public static TrialSpec original(Transport transport, Duration duration) {
    return new TrialSpec(
        Workload.ORIGINAL, transport, OriginalTrial.MESSAGE.length, duration, 0, 0, 0);
  }

  /** Returns a spec for the given workload with the usual warm-up, from one set of settings. */
  public static TrialSpec of(
      Workload workload,
      Transport transport,
      int size,
      Duration duration,
      long byteBudget,
      int count) {
    return switch (workload) {
      case STREAM ->
          byteBudget > 0
              ? streamBytes(transport, size, byteBudget)
              : stream(transport, size, duration);
      case PINGPONG -> pingPong(transport, size, count);
      case CONNECT -> connect(transport, size, count);
      case ORIGINAL -> original(transport, duration);
      default -> server(workload, transport, size, count, 1);
    };
  }

  /** Returns a copy with another transport. */
  public TrialSpec withTransport(Transport newTransport) {
    return new TrialSpec(
        workload,
        newTransport,
        size,
        duration,
        byteBudget,
        count,
        warmupCount,
        writesPerMessage,
        depth);
  }

  /** Returns a copy with another number of warm-up round trips or connections. */
  public TrialSpec withWarmupCount(int newWarmupCount) {
    return new TrialSpec(
        workload,
        transport,
        size,
        duration,
        byteBudget,
        count,
        newWarmupCount,
        writesPerMessage,
        depth);
  }

  /** Returns a copy whose ping-pong client writes each message in {@code writes} parts. */
  public TrialSpec withWritesPerMessage(int writes) {
    return new TrialSpec(
        workload, transport, size, duration, byteBudget, count, warmupCount, writes, depth);
  }

  /** Returns a copy with {@code newDepth} requests per round trip (pipelines and batches). */
  public TrialSpec withDepth(int newDepth) {
    return new TrialSpec(
        workload,
        transport,
        size,
        duration,
        byteBudget,
        count,
        warmupCount,
        writesPerMessage,
        newDepth);
  }

  private static int defaultWarmup(int count) {
    return Math.min(1_000, Math.max(10, count / 10));
  }

  /** Returns this spec as one line of text without spaces, for a child process. */
  public String encode() {
    return String.join(
        ",",
        workload.label(),
        transport.label(),
        Integer.toString(size),
        Long.toString(duration.toNanos()),
        Long.toString(byteBudget),
        Integer.toString(count),
        Integer.toString(warmupCount),
        Integer.toString(writesPerMessage),
        Integer.toString(depth));
  }

  /** Parses the text written by {@link #encode()}. */
  public static TrialSpec decode(String text) {
    String[] p = text.split(",", -1);
    if (p.length != 9) {
      throw new IllegalArgumentException("not an encoded trial spec: " + text);
    }
    return new TrialSpec(
        Workload.fromName(p[0]),
        Transport.fromName(p[1]),
        Integer.parseInt(p[2]),
        Duration.ofNanos(Long.parseLong(p[3])),
        Long.parseLong(p[4]),
        Integer.parseInt(p[5]),
        Integer.parseInt(p[6]),
        Integer.parseInt(p[7]),
        Integer.parseInt(p[8]));
  }

  /** Returns a short description such as "stream tcp 64 B" (or "... 64 B in 2 writes"). */
  public String describe() {
    return workload.label()
        + " "
        + transport.label()
        + " "
        + size
        + " B"
        + (writesPerMessage == 1 ? "" : " in " + writesPerMessage + " writes")
        + (depth == 1 ? "" : " depth " + depth);
  }
}
