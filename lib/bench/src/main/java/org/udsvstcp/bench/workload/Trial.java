package org.udsvstcp.bench.workload;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.udsvstcp.bench.BenchException;
import org.udsvstcp.bench.transport.Connection;
import org.udsvstcp.bench.transport.Endpoint;
import org.udsvstcp.bench.transport.Listener;
import org.udsvstcp.bench.transport.PeerClosedException;
import org.udsvstcp.bench.transport.TransportOptions;

/**
 * Runs one trial: the server role on one peer, the client role on another, with a timeout, and
 * combines the two ends' tallies into a verified {@link TrialResult}.
 */
public final class Trial {
  private static final Duration GRACE = Duration.ofSeconds(1);

  private Trial() {}

  /** Runs one trial in two fresh, unpinned threads of this JVM with default transport options. */
  public static TrialResult run(TrialSpec spec) {
    return run(spec, TransportOptions.defaults());
  }

  /** Runs one trial in two fresh, unpinned threads of this JVM. */
  public static TrialResult run(TrialSpec spec, TransportOptions options) {
    try (ThreadPeer server = ThreadPeer.start("server", OptionalInt.empty());
        ThreadPeer client = ThreadPeer.start("client", OptionalInt.empty())) {
      return run(spec, options, server, client, defaultTimeout(spec));
    }
  }

  /** Returns a timeout generous enough for a healthy trial: 30 s plus three times its length. */
  public static Duration defaultTimeout(TrialSpec spec) {
    return Duration.ofSeconds(30)
        .plus(spec.duration().multipliedBy(3))
        .plusMillis((spec.count() + spec.warmupCount()) / 100L);
  }

  /**
   * Runs one trial with the server role on {@code server} and the client role on {@code client}.
   *
   * @throws TrialTimeoutException if it takes longer than {@code timeout}
   * @throws TrialFailedException if a socket fails, a peer closes early or a check fails
   * @throws RunInterruptedException if the calling thread is interrupted
   */
  public static TrialResult run(
      TrialSpec spec, TransportOptions options, Peer server, Peer client, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean finished = false;
    try {
      Peer.Pending serving = server.serve(spec, options);
      Endpoint endpoint = await(serving.ready(), deadline, spec, timeout, null);
      Peer.Pending connecting = client.connect(spec, endpoint);
      // A server that fails must not leave the coordinator waiting for a client stuck on it.
      Tally clientTally =
          await(
              connecting.done().applyToEither(failureOf(serving.done()), tally -> tally),
              deadline,
              spec,
              timeout,
              serving.done());
      Tally serverTally = await(serving.done(), deadline, spec, timeout, connecting.done());
      TrialResult result = result(spec, serverTally, clientTally);
      finished = true;
      return result;
    } catch (CorruptTransferException e) {
      throw new TrialFailedException(spec.describe() + ": " + e.getMessage(), e);
    } finally {
      if (!finished) {
        server.abort();
        client.abort();
      }
    }
  }

  private static <T> T await(
      CompletableFuture<T> future,
      long deadline,
      TrialSpec spec,
      Duration timeout,
      CompletableFuture<Tally> other) {
    try {
      return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new TrialTimeoutException(
          spec.describe()
              + ": the trial did not finish within its timeout of "
              + format(timeout)
              + "; its sockets were closed and its peers stopped");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunInterruptedException(
          spec.describe() + ": interrupted; sockets closed and peers stopped");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof PeerClosedException && other != null) {
        // The end that saw the close is rarely the one at fault: prefer the other end's error.
        Throwable root = failure(other);
        if (root != null && !(root instanceof PeerClosedException)) {
          root.addSuppressed(cause);
          cause = root;
        }
      }
      throw failed(spec, cause);
    }
  }

  private static <T> CompletableFuture<T> failureOf(CompletableFuture<?> future) {
    CompletableFuture<T> failure = new CompletableFuture<>();
    future.whenComplete(
        (value, error) -> {
          if (error != null) {
            failure.completeExceptionally(error);
          }
        });
    return failure;
  }

  private static Throwable failure(CompletableFuture<Tally> future) {
    try {
      future.get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (TimeoutException e) {
      return null;
    }
  }

  private static BenchException failed(TrialSpec spec, Throwable cause) {
    if (cause instanceof BenchException bench) {
      return bench;
    }
    String what = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    return new TrialFailedException(spec.describe() + ": " + what, cause);
  }

  private static String format(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + " s"
        : duration.toMillis() + " ms";
  }

  /**
   * Runs the server role: listens with {@code options}, reports the address to {@code ready}, then
   * serves one trial; everything it opens is registered with {@code scope}.
   */
  public static Tally serve(
      TrialSpec spec, TransportOptions options, Consumer<Endpoint> ready, Scope scope)
      throws IOException {
    if (spec.workload().isServer()) {
      return ServerTrial.serve(spec, options, ready);
    }
    Listener listener = scope.register(spec.transport().listen(options));
    try {
      ready.accept(listener.endpoint());
      return switch (spec.workload()) {
        case STREAM ->
            overOne(listener.acceptLast(), scope, c -> StreamTrial.receive(c, spec.size()));
        case PINGPONG ->
            overOne(
                listener.acceptLast(),
                scope,
                c -> PingPongTrial.server(c, spec.size(), spec.warmupCount(), spec.count()));
        case CONNECT ->
            wholeRole(
                () ->
                    ConnectTrial.server(
                        listener, spec.size(), spec.count() + spec.warmupCount(), scope));
        case ORIGINAL -> wholeRole(() -> OriginalTrial.server(listener, spec.duration(), scope));
        default -> throw new IllegalStateException("not a bare-socket workload: " + spec);
      };
    } finally {
      scope.release(listener);
    }
  }

  /** Runs the client role against {@code endpoint}; everything it opens is registered. */
  public static Tally connect(TrialSpec spec, Endpoint endpoint, Scope scope) throws IOException {
    if (spec.workload().isServer()) {
      // A C tool's cost is its own process's, not this waiting thread's: its rows say none.
      return spec.workload().isTool()
          ? ServerTrial.connect(spec, endpoint, scope)
          : wholeRole(() -> ServerTrial.connect(spec, endpoint, scope));
    }
    return switch (spec.workload()) {
      case STREAM ->
          overOne(
              endpoint.connect(),
              scope,
              c -> StreamTrial.send(c, spec.size(), spec.duration(), spec.byteBudget()));
      case PINGPONG ->
          overOne(
              endpoint.connect(),
              scope,
              c ->
                  PingPongTrial.client(
                      c, spec.size(), spec.warmupCount(), spec.count(), spec.writesPerMessage()));
      case CONNECT ->
          wholeRole(
              () ->
                  ConnectTrial.client(
                      endpoint, spec.size(), spec.warmupCount(), spec.count(), scope));
      case ORIGINAL -> wholeRole(() -> OriginalTrial.client(endpoint, scope));
      default -> throw new IllegalStateException("not a bare-socket workload: " + spec);
    };
  }

  /** One end's whole part of a trial. */
  private interface Role {
    Tally run() throws IOException;
  }

  /**
   * Runs a role that does not read its own cost and gives it the cost of the whole role (for
   * connect and the real servers' Java clients, the connection and the warm-up included).
   */
  private static Tally wholeRole(Role role) throws IOException {
    CostMeter.Snapshot start = CostMeter.read();
    Tally tally = role.run();
    return tally.cost().accounting() == Cost.Accounting.NONE
        ? tally.withCost(CostMeter.since(start))
        : tally;
  }

  /** One end's part of a trial that runs over a single connection. */
  private interface OverConnection {
    Tally run(Connection connection) throws IOException;
  }

  /** Registers {@code opened} with {@code scope}, runs {@code role} over it and releases it. */
  private static Tally overOne(Connection opened, Scope scope, OverConnection role)
      throws IOException {
    Connection connection = scope.register(opened);
    try {
      return role.run(connection);
    } finally {
      scope.release(connection);
    }
  }

  /**
   * Combines the two ends' tallies, checking that what arrived is what was sent, with each end's
   * cost.
   */
  public static TrialResult result(TrialSpec spec, Tally server, Tally client)
      throws CorruptTransferException {
    if (spec.workload().isServer()) {
      // The server's processes were read by the client role, over its measured interval.
      Cost serverCost =
          client.serverCost().accounting() == Cost.Accounting.NONE
              ? server.cost()
              : client.serverCost();
      return ServerTrial.result(spec, server, client).withCosts(serverCost, client.cost());
    }
    TrialResult result =
        switch (spec.workload()) {
          case STREAM -> StreamTrial.result(spec, server, client);
          case PINGPONG -> PingPongTrial.result(spec, server, client);
          case CONNECT -> ConnectTrial.result(spec, server, client);
          case ORIGINAL -> OriginalTrial.result(spec, server, client);
          default -> throw new IllegalStateException("not a bare-socket workload: " + spec);
        };
    return result.withCosts(server.cost(), client.cost());
  }
}
