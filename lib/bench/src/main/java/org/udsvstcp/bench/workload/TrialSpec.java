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
 * @param clients the clients a server workload runs at once, each with one request in flight (its
 *     {@code count} requests are shared among them); 1 otherwise
 * @param rate the requests per second a server workload offers in all (an open loop, latency from
 *     each request's intended send time), or 0 for a closed loop
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
    int depth,
    int clients,
    double rate) {

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
    if (clients < 1 || (clients > 1 && !workload.concurrent())) {
      throw new IllegalArgumentException(
          workload.concurrent()
              ? "clients must be at least 1, got " + clients
              : workload + " runs one client; many clients: " + Workload.concurrentNames());
    }
    if (!(rate >= 0) || Double.isInfinite(rate) || (rate > 0 && !workload.openLoop())) {
      throw new IllegalArgumentException(
          rate > 0 && !Double.isInfinite(rate)
              ? workload
                  + " cannot send at a fixed rate"
                  + (workload.isTool() ? " (redis-benchmark has no fixed-rate mode)" : "")
                  + "; at a fixed rate: "
                  + Workload.openLoopNames()
              : "rate must be 0 (closed loop) or a positive number of requests per second, got "
                  + rate);
    }
    if (clients > 1 && depth > 1) {
      throw new IllegalArgumentException("many clients make one request per round trip each");
    }
  }

  /** A spec of one client in a closed loop, as every workload ran before the load workloads. */
  public TrialSpec(
      Workload workload,
      Transport transport,
      int size,
      Duration duration,
      long byteBudget,
      int count,
      int warmupCount,
      int writesPerMessage,
      int depth) {
    this(
        workload,
        transport,
        size,
        duration,
        byteBudget,
        count,
        warmupCount,
        writesPerMessage,
        depth,
        1,
        0);
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

  /**
   * Returns the measured requests of a server trial: round trips times depth, or with several
   * clients each client's share of the count (rounded up) times the clients.
   */
  public long requests() {
    return (long) requestsPerClient() * clients * depth;
  }

  /** Returns each client's measured round trips: the count shared among the clients, rounded up. */
  public int requestsPerClient() {
    return (count + clients - 1) / clients;
  }

  /** Returns true if requests are sent at a fixed rate (an open loop). */
  public boolean openLoop() {
    return rate > 0;
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
        depth,
        clients,
        rate);
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
        depth,
        clients,
        rate);
  }

  /** Returns a copy whose ping-pong client writes each message in {@code writes} parts. */
  public TrialSpec withWritesPerMessage(int writes) {
    return new TrialSpec(
        workload,
        transport,
        size,
        duration,
        byteBudget,
        count,
        warmupCount,
        writes,
        depth,
        clients,
        rate);
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
        newDepth,
        clients,
        rate);
  }

  /**
   * Returns a copy run by {@code newClients} clients at once, offering {@code newRate} requests per
   * second in all (0: a closed loop); each client warms up with a tenth of its share.
   */
  public TrialSpec withLoad(int newClients, double newRate) {
    int perClient = (count + newClients - 1) / Math.max(1, newClients);
    return new TrialSpec(
        workload,
        transport,
        size,
        duration,
        byteBudget,
        count,
        workload.isTool() ? 0 : defaultWarmup(perClient),
        writesPerMessage,
        depth,
        newClients,
        newRate);
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
        Integer.toString(depth),
        Integer.toString(clients),
        Double.toString(rate));
  }

  /** Parses the text written by {@link #encode()}. */
  public static TrialSpec decode(String text) {
    String[] p = text.split(",", -1);
    if (p.length != 9 && p.length != 11) {
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
        Integer.parseInt(p[8]),
        p.length == 11 ? Integer.parseInt(p[9]) : 1,
        p.length == 11 ? Double.parseDouble(p[10]) : 0);
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
        + (depth == 1 ? "" : " depth " + depth)
        + (clients == 1 ? "" : " " + clients + " clients")
        + (rate > 0 ? String.format(java.util.Locale.ROOT, " at %.0f/s", rate) : "");
  }
}
