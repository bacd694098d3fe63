package org.udsvstcp.bench.workload;

import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.udsvstcp.bench.BenchException;
import org.udsvstcp.bench.env.Affinity;
import org.udsvstcp.bench.transport.Endpoint;
import org.udsvstcp.bench.transport.TransportOptions;

/** A peer that runs its role on one dedicated thread of this JVM, optionally pinned to a CPU. */
public final class ThreadPeer implements Peer {
  /** The name prefix of every thread this class starts (tests look for leftovers by it). */
  public static final String THREAD_PREFIX = "uds-vs-tcp-";

  private static final long STOP_WAIT_SECONDS = 10;

  private final ExecutorService executor;
  private final Thread thread;
  private final Affinity.Pinning pinning;
  private volatile Scope scope;
  private volatile Future<?> task;
  private volatile Pending pending;

  private ThreadPeer(ExecutorService executor, Thread thread, Affinity.Pinning pinning) {
    this.executor = executor;
    this.thread = thread;
    this.pinning = pinning;
  }

  /**
   * Starts a peer thread named {@code uds-vs-tcp-<role>}, pinned to {@code cpu} if given.
   *
   * @throws RunInterruptedException if interrupted while the thread pins itself
   */
  public static ThreadPeer start(String role, OptionalInt cpu) {
    Thread[] worker = new Thread[1];
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, THREAD_PREFIX + role);
              thread.setDaemon(true);
              worker[0] = thread;
              return thread;
            });
    // Start the one worker now, so stop() knows the thread it has to see end.
    executor.submit(() -> {});
    Thread thread = worker[0];
    if (cpu.isEmpty()) {
      return new ThreadPeer(
          executor, thread, new Affinity.Pinning(false, -1, "not pinned: left to the scheduler"));
    }
    try {
      Affinity.Pinning pinning =
          executor.submit(() -> Affinity.pinCurrentThread(cpu.getAsInt())).get();
      return new ThreadPeer(executor, thread, pinning);
    } catch (InterruptedException e) {
      stop(executor, thread);
      Thread.currentThread().interrupt();
      throw new RunInterruptedException("interrupted while starting the " + role + " thread");
    } catch (ExecutionException e) {
      stop(executor, thread);
      throw new BenchException("cannot start the " + role + " thread: " + e.getCause(), e);
    }
  }

  @Override
  public Pending serve(TrialSpec spec, TransportOptions options) {
    if (spec.transport().needsRoute()) {
      return outsideItsRoute(spec);
    }
    return submit((ready, roleScope) -> Trial.serve(spec, options, ready::complete, roleScope));
  }

  @Override
  public Pending connect(TrialSpec spec, Endpoint endpoint) {
    if (spec.transport().needsRoute()) {
      return outsideItsRoute(spec);
    }
    return submit((ready, roleScope) -> Trial.connect(spec, endpoint, roleScope));
  }

  /**
   * A thread of this JVM is never inside a route: it would measure plain TCP under another name.
   */
  private static Pending outsideItsRoute(TrialSpec spec) {
    Pending refused = Pending.create();
    BenchException e =
        new BenchException(
            spec.transport().label()
                + " runs its ends as child processes inside the route an experiment sets up"
                + " (isolation processes), never in threads of this JVM");
    refused.ready().completeExceptionally(e);
    refused.done().completeExceptionally(e);
    return refused;
  }

  private interface Role {
    Tally run(CompletableFuture<Endpoint> ready, Scope scope) throws Exception;
  }

  private synchronized Pending submit(Role role) {
    Pending next = Pending.create();
    Scope roleScope = new Scope();
    scope = roleScope;
    pending = next;
    task =
        executor.submit(
            () -> {
              try {
                next.done().complete(role.run(next.ready(), roleScope));
              } catch (Throwable e) {
                next.ready().completeExceptionally(e);
                next.done().completeExceptionally(e);
              } finally {
                roleScope.close();
                // A server that never listened must not leave the coordinator waiting.
                next.ready().completeExceptionally(new IllegalStateException("role ended"));
              }
            });
    return next;
  }

  @Override
  public void abort() {
    Scope current = scope;
    if (current != null) {
      current.close();
    }
    Future<?> running = task;
    if (running != null) {
      running.cancel(true);
    }
    Pending last = pending;
    if (last != null) {
      try {
        last.done().handle((tally, error) -> null).get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        // Reported by close(), which cannot stop the thread either.
      }
    }
  }

  @Override
  public Affinity.Pinning pinning() {
    return pinning;
  }

  /**
   * Returns the kernel's task id of this peer's thread (for tools such as {@code perf record -t}),
   * or empty if unknown.
   *
   * @throws RunInterruptedException if interrupted while asking the thread
   */
  public java.util.OptionalLong taskId() {
    try {
      return executor.submit(Affinity::currentTaskId).get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunInterruptedException("interrupted while asking a peer thread for its id");
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      return java.util.OptionalLong.empty();
    }
  }

  @Override
  public void close() {
    Scope current = scope;
    if (current != null) {
      current.close();
    }
    stop(executor, thread);
  }

  /**
   * Shuts the executor down and waits until its thread has really ended: an executor reports
   * termination while its worker thread is still on its way out, and "no thread left behind" means
   * the thread itself.
   */
  private static void stop(ExecutorService executor, Thread thread) {
    executor.shutdownNow();
    boolean interrupted = false;
    try {
      while (true) {
        try {
          if (!executor.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new BenchException(
                "a benchmark thread did not stop within " + STOP_WAIT_SECONDS + " s");
          }
          thread.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
          if (thread.isAlive()) {
            throw new BenchException(
                "a benchmark thread did not end within " + STOP_WAIT_SECONDS + " s");
          }
          return;
        } catch (InterruptedException e) {
          // Finish stopping the thread first; the caller sees the interrupt afterwards.
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
