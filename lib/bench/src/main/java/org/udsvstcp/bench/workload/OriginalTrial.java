package org.udsvstcp.bench.workload;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.udsvstcp.bench.env.Affinity;
import org.udsvstcp.bench.transport.Connection;
import org.udsvstcp.bench.transport.Endpoint;
import org.udsvstcp.bench.transport.Listener;
import org.udsvstcp.bench.transport.Transport;
import org.udsvstcp.bench.transport.TransportOptions;

/**
 * The original notebook's method, kept faithfully so the notebooks can show why it scatters: the
 * server sends the 12-byte {@code Hello there!} in a loop until its deadline, and the client counts
 * its {@code recv(32)} calls until the server closes.
 *
 * <p>As in the original, the server's deadline starts before it accepts, it checks the clock on
 * every send, and a count of reads is not a count of messages: the stream socket merges and splits
 * the 12-byte sends freely.
 */
public final class OriginalTrial {
  /** The original's message. */
  public static final byte[] MESSAGE = "Hello there!".getBytes(StandardCharsets.US_ASCII);

  /** The original's receive size: {@code sock.recv(32)}. */
  public static final int RECV_BYTES = 32;

  private OriginalTrial() {}

  /**
   * Runs the original method once over this transport, server and client as two threads, with
   * Nagle's algorithm left on as Python leaves it.
   */
  public static TrialResult run(Transport transport, Duration duration) {
    return Trial.run(
        TrialSpec.original(transport, duration), TransportOptions.defaults().withNodelay(false));
  }

  /**
   * Starts the original's {@code server()} in the background, Nagle left on as in Python; connect
   * {@link #client(Endpoint)} to its {@link RunningServer#endpoint()}.
   */
  public static RunningServer startServer(Transport transport, Duration duration) {
    return RunningServer.start(
        TrialSpec.original(transport, duration), TransportOptions.defaults().withNodelay(false));
  }

  /**
   * The original's {@code client()} on the calling thread: connects, reads until the server closes,
   * and returns the tally ({@code messages()} is the original's count).
   */
  public static Tally client(Endpoint endpoint) throws IOException {
    try (Scope scope = new Scope()) {
      return client(endpoint, scope);
    }
  }

  /**
   * The original's {@code server()}: accepts one client and sends "Hello there!" until {@code
   * duration} after this call, then closes; returns the number of sends.
   */
  public static Tally server(Listener listener, Duration duration, Scope scope) throws IOException {
    long end = System.nanoTime() + duration.toNanos();
    Connection connection = scope.register(listener.acceptLast());
    long sends = 0;
    try {
      ByteBuffer message = connection.allocate(MESSAGE.length);
      message.put(MESSAGE).flip();
      while (System.nanoTime() - end < 0) {
        message.clear();
        connection.write(message);
        sends++;
        if ((sends & 255) == 0 && Thread.currentThread().isInterrupted()) {
          throw new InterruptedIOException("original server interrupted");
        }
      }
    } finally {
      scope.release(connection);
    }
    long bytes = sends * MESSAGE.length;
    return Tally.counts(bytes, bytes, sends, 0, 0, Affinity.currentCpu());
  }

  /**
   * The original's {@code client()}: connects and calls {@code recv(32)} until the server closes,
   * counting every call as the original did (its loop also counted the final empty one).
   */
  public static Tally client(Endpoint endpoint, Scope scope) throws IOException {
    Connection connection = scope.register(endpoint.connect());
    Pattern pattern = Pattern.of(MESSAGE);
    long bytes = 0;
    long recvs = 0;
    long firstReadBytes = 0;
    long start = 0;
    int phase = 0;
    try {
      ByteBuffer buffer = connection.allocate(RECV_BYTES);
      while (true) {
        buffer.clear();
        int n = connection.read(buffer);
        recvs++;
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
        if ((recvs & 1023) == 0 && Thread.currentThread().isInterrupted()) {
          throw new InterruptedIOException("original client interrupted");
        }
      }
    } finally {
      scope.release(connection);
    }
    long nanos = bytes == 0 ? 0 : System.nanoTime() - start;
    return Tally.counts(bytes, bytes - firstReadBytes, recvs, recvs, nanos, Affinity.currentCpu());
  }

  static TrialResult result(TrialSpec spec, Tally server, Tally client)
      throws CorruptTransferException {
    if (client.bytes() != server.bytes()) {
      throw new CorruptTransferException(
          "client received " + client.bytes() + " bytes but the server sent " + server.bytes());
    }
    double seconds = client.seconds();
    return TrialResult.of(
        spec,
        client,
        seconds > 0 ? client.timedBytes() / seconds : Double.NaN,
        seconds > 0 ? client.messages() / seconds : Double.NaN,
        server.cpu(),
        client.cpu());
  }
}
