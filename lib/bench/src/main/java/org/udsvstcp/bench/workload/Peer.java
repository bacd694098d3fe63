package org.udsvstcp.bench.workload;

import java.util.concurrent.CompletableFuture;
import org.udsvstcp.bench.env.Affinity;
import org.udsvstcp.bench.transport.Endpoint;
import org.udsvstcp.bench.transport.TransportOptions;

/**
 * Where one end of a trial runs: a thread of this JVM ({@link ThreadPeer}) or a child process. A
 * peer runs one role at a time.
 */
public interface Peer extends AutoCloseable {
  /**
   * A role in progress.
   *
   * @param ready completes with the server's address once it listens (or fails with the role)
   * @param done completes with the role's tally, or fails with its error
   */
  record Pending(CompletableFuture<Endpoint> ready, CompletableFuture<Tally> done) {
    /** Returns a pending role with both futures incomplete. */
    public static Pending create() {
      return new Pending(new CompletableFuture<>(), new CompletableFuture<>());
    }
  }

  /** Starts the server role: listen with {@code options}, report the address, serve one trial. */
  Pending serve(TrialSpec spec, TransportOptions options);

  /** Starts the client role against {@code endpoint}. */
  Pending connect(TrialSpec spec, Endpoint endpoint);

  /**
   * Stops the role in progress, closing its sockets so blocked calls return, and waits briefly for
   * it to end; a peer that cannot be stopped cleanly is unusable afterwards.
   */
  void abort();

  /** Returns the CPU pinning this peer achieved, verified, or why it is not pinned. */
  Affinity.Pinning pinning();

  /** Stops the peer's thread or process and waits for it. */
  @Override
  void close();
}
