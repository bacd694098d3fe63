package org.udsvstcp.bench.workload;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.udsvstcp.bench.transport.Endpoint;
import org.udsvstcp.bench.transport.TransportOptions;

/**
 * A server role running in the background on its own thread, so a notebook can start the server in
 * one cell and the client in the next, as the original did; closing it stops the server.
 */
public final class RunningServer implements AutoCloseable {
  private final ThreadPeer peer;
  private final Peer.Pending pending;
  private final Endpoint endpoint;

  private RunningServer(ThreadPeer peer, Peer.Pending pending, Endpoint endpoint) {
    this.peer = peer;
    this.pending = pending;
    this.endpoint = endpoint;
  }

  /**
   * Starts the server role of {@code spec} and returns once it listens.
   *
   * @throws TrialFailedException if it cannot listen (port or path in use, unsafe path)
   */
  public static RunningServer start(TrialSpec spec, TransportOptions options) {
    ThreadPeer peer = ThreadPeer.start("server", OptionalInt.empty());
    Peer.Pending pending = peer.serve(spec, options);
    try {
      return new RunningServer(peer, pending, pending.ready().get(30, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      peer.close();
      Thread.currentThread().interrupt();
      throw new RunInterruptedException("interrupted while the server started");
    } catch (ExecutionException | TimeoutException e) {
      peer.close();
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new TrialFailedException(spec.describe() + ": server did not start: " + cause, cause);
    }
  }

  /** Returns the address clients connect to. */
  public Endpoint endpoint() {
    return endpoint;
  }

  /** Returns true once the server role has ended (its client finished, or it failed). */
  public boolean isDone() {
    return pending.done().isDone();
  }

  /**
   * Waits for the server role to end and returns its tally.
   *
   * @throws TrialTimeoutException if it does not end within {@code timeout}
   * @throws TrialFailedException if the role failed
   */
  public Tally await(Duration timeout) {
    try {
      return pending.done().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunInterruptedException("interrupted while waiting for the server");
    } catch (TimeoutException e) {
      throw new TrialTimeoutException("the server did not finish within " + timeout);
    } catch (ExecutionException e) {
      throw new TrialFailedException("the server failed: " + e.getCause(), e.getCause());
    }
  }

  /** Stops the server if it is still running, closing its sockets and its thread. */
  @Override
  public void close() {
    if (!pending.done().isDone()) {
      peer.abort();
    }
    peer.close();
  }
}
