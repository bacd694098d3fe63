package org.udsvstcp.bench.workload;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.udsvstcp.bench.env.Affinity;
import org.udsvstcp.bench.transport.Connection;
import org.udsvstcp.bench.transport.Transport;

/**
 * One-way bulk transfer: the client sends S-byte messages for a duration or a byte budget, the
 * server receives with a large buffer, counts the bytes and spot-checks their content.
 *
 * <p>Time is taken on the receiver from the return of the first read that delivered data to end of
 * stream, and the bytes of that first read are left out of the rate because they arrived before the
 * clock started (the C reference does the same).
 *
 * <p>Each end reads its {@link Cost} just before its first call and just after its last (the
 * sender's shutdown, the receiver's end of stream): its interval covers every message counted.
 */
public final class StreamTrial {
  /** The receiver's buffer: large, so one read can drain what the socket holds. */
  public static final int RECEIVE_BUFFER_BYTES = 256 * 1024;

  // The sender looks at the clock once per this many messages, not in every iteration.
  private static final int CLOCK_CHECK_MASK = 15;

  private StreamTrial() {}

  /** Runs one stream trial over this transport in two threads of this JVM and returns it. */
  public static TrialResult run(Transport transport, int size, Duration duration) {
    return Trial.run(TrialSpec.stream(transport, size, duration));
  }

  /**
   * Sends {@code size}-byte messages until {@code duration} has passed, or, if {@code byteBudget}
   * is positive, until that many bytes (whole messages) are sent, then shuts down output.
   */
  public static Tally send(Connection connection, int size, Duration duration, long byteBudget)
      throws IOException {
    ByteBuffer message = connection.allocate(size);
    Pattern.ofSize(size).fill(message);
    long messages = 0;
    CostMeter.Snapshot costStart = CostMeter.read();
    if (byteBudget > 0) {
      long total = Math.max(1, byteBudget / size);
      for (; messages < total; messages++) {
        message.clear();
        connection.write(message);
        if ((messages & CLOCK_CHECK_MASK) == 0 && Thread.currentThread().isInterrupted()) {
          throw new InterruptedIOException("stream sender interrupted");
        }
      }
    } else {
      long deadline = System.nanoTime() + duration.toNanos();
      while (true) {
        message.clear();
        connection.write(message);
        messages++;
        if ((messages & CLOCK_CHECK_MASK) == 0) {
          if (System.nanoTime() - deadline >= 0) {
            break;
          }
          if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("stream sender interrupted");
          }
        }
      }
    }
    connection.shutdownOutput();
    Cost cost = CostMeter.since(costStart);
    long bytes = messages * size;
    return Tally.counts(bytes, bytes, messages, 0, 0, Affinity.currentCpu()).withCost(cost);
  }

  /** Receives until end of stream, spot-checking content, and times the transfer. */
  public static Tally receive(Connection connection, int size) throws IOException {
    ByteBuffer buffer = connection.allocate(RECEIVE_BUFFER_BYTES);
    Pattern pattern = Pattern.ofSize(size);
    long bytes = 0;
    long reads = 0;
    long firstReadBytes = 0;
    long start = 0;
    int phase = 0;
    CostMeter.Snapshot costStart = CostMeter.read();
    while (true) {
      buffer.clear();
      int n = connection.read(buffer);
      if (n < 0) {
        break;
      }
      if (n == 0) {
        continue;
      }
      if (bytes == 0) {
        start = System.nanoTime();
        firstReadBytes = n;
      }
      phase = pattern.check(buffer, n, phase, bytes);
      bytes += n;
      reads++;
      if ((reads & 1023) == 0 && Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException("stream receiver interrupted");
      }
    }
    long nanos = bytes == 0 ? 0 : System.nanoTime() - start;
    Cost cost = CostMeter.since(costStart);
    if (bytes % size != 0) {
      throw new CorruptTransferException(
          "received " + bytes + " bytes, not a whole number of " + size + "-byte messages");
    }
    return Tally.counts(
            bytes, bytes - firstReadBytes, bytes / size, reads, nanos, Affinity.currentCpu())
        .withCost(cost);
  }

  static TrialResult result(TrialSpec spec, Tally receiver, Tally sender)
      throws CorruptTransferException {
    if (receiver.bytes() != sender.bytes()) {
      throw new CorruptTransferException(
          "receiver got " + receiver.bytes() + " bytes but the sender sent " + sender.bytes());
    }
    double seconds = receiver.seconds();
    double bytesPerSecond = seconds > 0 ? receiver.timedBytes() / seconds : Double.NaN;
    return TrialResult.of(
        spec, receiver, bytesPerSecond, bytesPerSecond / spec.size(), receiver.cpu(), sender.cpu());
  }
}
