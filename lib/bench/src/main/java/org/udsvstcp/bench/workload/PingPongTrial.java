package org.udsvstcp.bench.workload;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.udsvstcp.bench.env.Affinity;
import org.udsvstcp.bench.transport.Connection;
import org.udsvstcp.bench.transport.PeerClosedException;
import org.udsvstcp.bench.transport.Transport;

/**
 * Latency: the client sends S bytes, the server reads exactly S and sends them back; after a
 * warm-up, each of K round trips is timed on the client and recorded in an HdrHistogram.
 */
public final class PingPongTrial {
  private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

  private PingPongTrial() {}

  /** Runs one ping-pong trial over this transport in two threads of this JVM and returns it. */
  public static TrialResult run(Transport transport, int size, int roundTrips) {
    return Trial.run(TrialSpec.pingPong(transport, size, roundTrips));
  }

  /** Sends {@code warmup} then {@code roundTrips} timed round trips and returns the percentiles. */
  public static Tally client(Connection connection, int size, int warmup, int roundTrips)
      throws IOException {
    ByteBuffer out = connection.allocate(size);
    ByteBuffer in = connection.allocate(size);
    Pattern.ofSize(size).fill(out);
    byte last = out.get(size - 1);
    Histogram histogram = new Histogram(1, HIGHEST_NANOS, 3);
    long reads = 0;
    long totalNanos = 0;
    int total = warmup + roundTrips;
    for (int i = 0; i < total; i++) {
      byte stamp = (byte) i;
      out.clear();
      out.put(0, stamp);
      in.clear();
      long start = System.nanoTime();
      connection.write(out);
      while (in.hasRemaining()) {
        if (connection.read(in) < 0) {
          throw new PeerClosedException(
              "server closed the connection during round trip " + i + " of " + total);
        }
        if (i >= warmup) {
          reads++;
        }
      }
      long nanos = System.nanoTime() - start;
      if (in.get(0) != stamp || in.get(size - 1) != last) {
        throw new CorruptTransferException("round trip " + i + " came back with other bytes");
      }
      if (i >= warmup) {
        histogram.recordValue(Math.min(Math.max(nanos, 1), HIGHEST_NANOS));
        totalNanos += nanos;
      }
      if ((i & 255) == 0 && Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException("ping-pong client interrupted");
      }
    }
    connection.shutdownOutput();
    return new Tally(
        2L * size * roundTrips,
        2L * size * roundTrips,
        roundTrips,
        reads,
        totalNanos,
        micros(histogram.getValueAtPercentile(50)),
        micros(histogram.getValueAtPercentile(90)),
        micros(histogram.getValueAtPercentile(99)),
        micros(histogram.getValueAtPercentile(99.9)),
        micros(histogram.getMaxValue()),
        Affinity.currentCpu());
  }

  /** Echoes {@code size}-byte messages until the client shuts down its output. */
  public static Tally server(Connection connection, int size) throws IOException {
    ByteBuffer buffer = connection.allocate(size);
    long messages = 0;
    while (true) {
      buffer.clear();
      if (!connection.readFully(buffer)) {
        break;
      }
      buffer.flip();
      connection.write(buffer);
      messages++;
      if ((messages & 255) == 0 && Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException("ping-pong server interrupted");
      }
    }
    return Tally.counts(messages * size, 0, messages, messages, 0, Affinity.currentCpu());
  }

  private static double micros(long nanos) {
    return nanos / 1_000.0;
  }

  static TrialResult result(TrialSpec spec, Tally server, Tally client)
      throws CorruptTransferException {
    long expected = (long) spec.count() + spec.warmupCount();
    if (server.messages() != expected) {
      throw new CorruptTransferException(
          "server echoed " + server.messages() + " messages, expected " + expected);
    }
    double seconds = client.nanos() / 1e9;
    return new TrialResult(
        spec.workload(),
        spec.transport(),
        spec.size(),
        seconds,
        client.bytes(),
        client.messages(),
        client.reads(),
        client.bytes() / seconds,
        client.messages() / seconds,
        client.p50Us(),
        client.p90Us(),
        client.p99Us(),
        client.p999Us(),
        client.maxUs(),
        server.cpu(),
        client.cpu());
  }
}
