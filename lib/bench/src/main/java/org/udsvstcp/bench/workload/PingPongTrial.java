package org.udsvstcp.bench.workload;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import org.udsvstcp.bench.env.Affinity;
import org.udsvstcp.bench.transport.Connection;
import org.udsvstcp.bench.transport.PeerClosedException;
import org.udsvstcp.bench.transport.Transport;

/**
 * Latency: the client sends S bytes, the server reads exactly S and sends them back; after a
 * warm-up, each of K round trips is timed on the client and recorded in an HdrHistogram.
 *
 * <p>Both ends read their {@link Cost} over the K measured round trips only: the client just before
 * the first measured write and after the last read, the server just after its warm-up echoes and
 * after its last measured echo.
 */
public final class PingPongTrial {
  private PingPongTrial() {}

  /** Runs one ping-pong trial over this transport in two threads of this JVM and returns it. */
  public static TrialResult run(Transport transport, int size, int roundTrips) {
    return Trial.run(TrialSpec.pingPong(transport, size, roundTrips));
  }

  /** Sends {@code warmup} then {@code roundTrips} timed round trips and returns the percentiles. */
  public static Tally client(Connection connection, int size, int warmup, int roundTrips)
      throws IOException {
    return client(connection, size, warmup, roundTrips, 1);
  }

  /**
   * Like {@link #client(Connection, int, int, int)}, but writes each message in {@code writes}
   * parts of as equal sizes as possible, as a program writing a header and then a body does.
   */
  public static Tally client(
      Connection connection, int size, int warmup, int roundTrips, int writes) throws IOException {
    int[] ends = partEnds(size, writes);
    ByteBuffer out = connection.allocate(size);
    ByteBuffer in = connection.allocate(size);
    Pattern.ofSize(size).fill(out);
    byte last = out.get(size - 1);
    Latencies latencies = new Latencies();
    long reads = 0;
    int total = warmup + roundTrips;
    CostMeter.Snapshot costStart = null;
    for (int i = 0; i < total; i++) {
      if (i == warmup) {
        costStart = CostMeter.read();
      }
      byte stamp = (byte) i;
      out.clear();
      out.put(0, stamp);
      in.clear();
      long start = System.nanoTime();
      for (int end : ends) {
        // Each part is its own write call; that is the point of splitting.
        connection.write(out.limit(end));
      }
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
        latencies.record(nanos);
      }
      if ((i & 255) == 0 && Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException("ping-pong client interrupted");
      }
    }
    Cost cost = CostMeter.since(costStart);
    connection.shutdownOutput();
    return latencies
        .tally(2L * size * roundTrips, roundTrips, reads, Affinity.currentCpu())
        .withCost(cost);
  }

  /**
   * Returns where each of {@code writes} parts of a {@code size}-byte message ends: sizes differ by
   * at most one byte, the larger ones first.
   */
  static int[] partEnds(int size, int writes) {
    if (writes < 1 || writes > size) {
      throw new IllegalArgumentException(
          "cannot split " + size + " bytes into " + writes + " writes");
    }
    int[] ends = new int[writes];
    int end = 0;
    for (int part = 0; part < writes; part++) {
      end += size / writes + (part < size % writes ? 1 : 0);
      ends[part] = end;
    }
    return ends;
  }

  /** Echoes {@code size}-byte messages until the client shuts down its output. */
  public static Tally server(Connection connection, int size) throws IOException {
    return server(connection, size, 0, 0);
  }

  /**
   * Echoes {@code size}-byte messages until the client shuts down its output, reading its cost over
   * the {@code roundTrips} echoes that follow the first {@code warmup} (none if 0).
   */
  public static Tally server(Connection connection, int size, int warmup, int roundTrips)
      throws IOException {
    ByteBuffer buffer = connection.allocate(size);
    long messages = 0;
    long measuredEnd = (long) warmup + roundTrips;
    CostMeter.Snapshot costStart = roundTrips > 0 && warmup == 0 ? CostMeter.read() : null;
    Cost cost = Cost.NONE;
    while (true) {
      buffer.clear();
      if (!connection.readFully(buffer)) {
        break;
      }
      buffer.flip();
      connection.write(buffer);
      messages++;
      if (roundTrips > 0 && messages == warmup) {
        costStart = CostMeter.read();
      } else if (costStart != null && messages == measuredEnd) {
        cost = CostMeter.since(costStart);
      }
      if ((messages & 255) == 0 && Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException("ping-pong server interrupted");
      }
    }
    return Tally.counts(messages * size, 0, messages, messages, 0, Affinity.currentCpu())
        .withCost(cost);
  }

  static TrialResult result(TrialSpec spec, Tally server, Tally client)
      throws CorruptTransferException {
    return TrialResult.timedByClient(spec, server, client, "echoed");
  }
}
