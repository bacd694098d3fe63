package org.udsvstcp.bench.workload;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import org.udsvstcp.bench.env.Affinity;
import org.udsvstcp.bench.transport.Connection;
import org.udsvstcp.bench.transport.Endpoint;
import org.udsvstcp.bench.transport.Listener;
import org.udsvstcp.bench.transport.PeerClosedException;
import org.udsvstcp.bench.transport.Transport;

/**
 * Connection setup, which the blog post behind the original really measured: the client connects
 * and sends one small message, the server accepts, reads it and closes, and the client sees end of
 * stream and closes; repeated, each cycle timed on the client.
 *
 * <p>The server closes first, so TCP's TIME_WAIT stays on the server side and the client's
 * ephemeral ports are not used up; waiting for end of stream keeps one connection in flight.
 */
public final class ConnectTrial {
  private ConnectTrial() {}

  /** Runs one connect trial over this transport in two threads of this JVM and returns it. */
  public static TrialResult run(Transport transport, int size, int connections) {
    return Trial.run(TrialSpec.connect(transport, size, connections));
  }

  /** Accepts {@code total} connections, reading one {@code size}-byte message from each. */
  public static Tally server(Listener listener, int size, int total, Scope scope)
      throws IOException {
    ByteBuffer buffer = null;
    long messages = 0;
    for (int i = 0; i < total; i++) {
      // Every cycle needs the path; the last accept removes it (a kill before then leaves it to
      // the next run's sweep).
      Connection connection =
          scope.register(i == total - 1 ? listener.acceptLast() : listener.accept());
      try {
        if (buffer == null) {
          buffer = connection.allocate(size);
        }
        buffer.clear();
        if (!connection.readFully(buffer)) {
          throw new PeerClosedException("client " + i + " closed before sending its message");
        }
        messages++;
      } finally {
        scope.release(connection);
      }
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException("connect server interrupted");
      }
    }
    return Tally.counts(messages * size, 0, messages, messages, 0, Affinity.currentCpu());
  }

  /** Makes {@code warmup} then {@code connections} timed connections, each sending one message. */
  public static Tally client(Endpoint endpoint, int size, int warmup, int connections, Scope scope)
      throws IOException {
    Latencies latencies = new Latencies();
    ByteBuffer message = null;
    ByteBuffer end = null;
    int total = warmup + connections;
    for (int i = 0; i < total; i++) {
      long start = System.nanoTime();
      Connection connection = scope.register(endpoint.connect());
      try {
        if (message == null) {
          message = connection.allocate(size);
          Pattern.ofSize(size).fill(message);
          end = connection.allocate(1);
        }
        message.clear();
        connection.write(message);
        end.clear();
        if (connection.read(end) >= 0) {
          throw new CorruptTransferException("server sent data instead of closing");
        }
      } finally {
        scope.release(connection);
      }
      long nanos = System.nanoTime() - start;
      if (i >= warmup) {
        latencies.record(nanos);
      }
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException("connect client interrupted");
      }
    }
    return latencies.tally(
        (long) size * connections, connections, connections, Affinity.currentCpu());
  }

  static TrialResult result(TrialSpec spec, Tally server, Tally client)
      throws CorruptTransferException {
    return TrialResult.timedByClient(spec, server, client, "received");
  }
}
