package org.udsvstcp.bench.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.udsvstcp.bench.env.Affinity;
import org.udsvstcp.bench.env.TaskCounters;

/**
 * Many clients at once against one server: N threads, each with one request in flight. In a closed
 * loop each thread sends its next request as soon as the last one's reply is checked; in an open
 * loop requests are due at a fixed total rate (each thread a Poisson stream of its share, as
 * pgbench's {@code --rate} schedules them) whatever the replies do, and each latency is measured
 * from the request's <em>intended</em> send time. A thread still waiting for a reply when its next
 * request is due sends it late, and that lateness is part of the next latency: a server stall shows
 * in the tail instead of silencing the clients (HdrHistogram's author calls the closed loop's blind
 * spot "coordinated omission"; wrk2 measures the same way).
 *
 * <p>The threads are started by the calling thread, so they may run where it may (a pinned client
 * peer's CPU). The measured interval begins once every thread has finished its warm-up and ends
 * when the last reply is checked; {@link Edges} hooks read a server's counters there.
 */
public final class LoadDriver {
  private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

  /**
   * The lowest share of the offered rate that counts as kept (90%): pgbench's Poisson schedule is
   * not stretched to its rate as this driver's is, so a run of 2000 requests offers its rate only
   * to within a few percent; a client that cannot keep up falls far further behind.
   */
  public static final double KEPT_SHARE = 0.90;

  private LoadDriver() {}

  /** One client thread's requests: each call sends one, waits for its reply and checks it. */
  @FunctionalInterface
  public interface Client {
    /** Makes one request; throws if it failed or its reply was wrong. */
    void request() throws Exception;
  }

  /** Makes the client of thread {@code index} (a thread's own state, such as its random keys). */
  @FunctionalInterface
  public interface Clients {
    /** Returns thread {@code index}'s client. */
    Client client(int index) throws Exception;
  }

  /** What else happens at the measured interval's edges (a server's counters are read). */
  public interface Edges {
    /** Called by the coordinating thread just before the first measured request. */
    void start();

    /** Called by the coordinating thread just after the last measured reply; returns its cost. */
    Cost end();

    /** Measures nothing at the edges. */
    Edges NONE =
        new Edges() {
          @Override
          public void start() {}

          @Override
          public Cost end() {
            return Cost.NONE;
          }
        };
  }

  /**
   * How the clients load the server.
   *
   * @param clients client threads, each with one request in flight
   * @param requestsPerClient measured requests of each thread
   * @param warmupPerClient unmeasured requests of each thread first
   * @param rate offered requests per second in all (open loop), or 0 for a closed loop
   * @param seed the seed of the open loop's arrival times
   */
  public record Plan(
      int clients, int requestsPerClient, int warmupPerClient, double rate, long seed) {
    /** Checks the values. */
    public Plan {
      if (clients < 1 || requestsPerClient < 1 || warmupPerClient < 0) {
        throw new IllegalArgumentException(
            "need at least one client and one request each, got "
                + clients
                + " clients of "
                + requestsPerClient
                + " requests");
      }
      if (!(rate >= 0) || Double.isInfinite(rate)) {
        throw new IllegalArgumentException("rate must be 0 (closed loop) or positive: " + rate);
      }
    }

    /** Returns the measured requests of all threads. */
    public long requests() {
      return (long) clients * requestsPerClient;
    }

    /** Returns true if requests are sent at a fixed rate. */
    public boolean openLoop() {
      return rate > 0;
    }
  }

  /**
   * What a load run measured.
   *
   * @param client the clients' tally: requests, the measured interval, latency percentiles (from
   *     the intended send time in an open loop) and the client threads' cost added up
   * @param server what {@link Edges#end()} returned
   * @param offeredPerSecond the offered rate, NaN in a closed loop
   * @param sendLagP99Us the 99th percentile of how late requests were sent, µs (open loop; NaN in a
   *     closed loop)
   */
  public record Outcome(Tally client, Cost server, double offeredPerSecond, double sendLagP99Us) {
    /** Returns the requests answered per second over the measured interval. */
    public double achievedPerSecond() {
      return client.messages() / client.seconds();
    }

    /**
     * Returns true in a closed loop, and in an open loop if the clients answered at least {@link
     * #KEPT_SHARE} of the offered rate.
     */
    public boolean keptRate() {
      return Double.isNaN(offeredPerSecond) || achievedPerSecond() >= KEPT_SHARE * offeredPerSecond;
    }

    /** Returns a sentence on whether the offered rate was kept. */
    public String describeRate() {
      if (Double.isNaN(offeredPerSecond)) {
        return "closed loop";
      }
      return String.format(
          Locale.ROOT,
          "offered %.0f/s, answered %.0f/s%s",
          offeredPerSecond,
          achievedPerSecond(),
          keptRate() ? "" : ": the clients could not keep the rate");
    }
  }

  /**
   * Runs {@code plan}: starts the threads, warms them up, measures, and returns once every thread
   * has ended. Each thread's client is made by {@code clients} in that thread.
   *
   * @param extraThreads task ids of more threads whose cost is the clients' (a client library's I/O
   *     threads), asked for at the start of the measured interval
   * @throws TrialFailedException with the first failure of any thread (the others stop)
   * @throws RunInterruptedException if the calling thread is interrupted (every thread is stopped)
   */
  public static Outcome run(
      Plan plan, Clients clients, Edges edges, Supplier<List<Long>> extraThreads) {
    int n = plan.clients();
    CountDownLatch ready = new CountDownLatch(n);
    CountDownLatch go = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Worker[] workers = new Worker[n];
    long[] tids = new long[n];
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      workers[i] = new Worker(plan, i, ready, go, failure, clients);
      Thread thread = new Thread(workers[i], "uds-vs-tcp-load-client-" + i);
      thread.setDaemon(true);
      threads.add(thread);
    }
    boolean finished = false;
    try {
      threads.forEach(Thread::start);
      await(ready, failure);
      for (int i = 0; i < n; i++) {
        tids[i] = workers[i].tid;
      }
      List<Long> extra = extraThreads.get();
      List<TaskCounters> before = read(tids);
      List<TaskCounters> extraBefore = read(extra);
      edges.start();
      long t0 = System.nanoTime();
      for (Worker worker : workers) {
        worker.t0 = t0;
      }
      go.countDown();
      for (Thread thread : threads) {
        thread.join();
      }
      Cost server = edges.end();
      List<TaskCounters> extraAfter = read(extra);
      List<TaskCounters> after = new ArrayList<>();
      for (Worker worker : workers) {
        after.add(worker.counters); // each read by its own thread after its last reply
      }
      before.addAll(extraBefore);
      after.addAll(extraAfter);
      Throwable failed = failure.get();
      if (failed != null) {
        throw failed(failed);
      }
      finished = true;
      return outcome(plan, workers, t0, clientCost(before, after), server);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunInterruptedException("interrupted while the load clients ran");
    } finally {
      if (!finished) {
        failure.compareAndSet(null, new RunInterruptedException("stopped"));
        go.countDown();
        threads.forEach(Thread::interrupt);
        boolean interrupted = Thread.interrupted();
        for (Thread thread : threads) {
          while (thread.isAlive()) {
            try {
              thread.join();
            } catch (InterruptedException e) {
              interrupted = true;
            }
          }
        }
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private static Outcome outcome(
      Plan plan, Worker[] workers, long t0, Cost clientCost, Cost server) {
    Histogram latencies = new Histogram(1, HIGHEST_NANOS, 3);
    Histogram lags = new Histogram(1, HIGHEST_NANOS, 3);
    long end = t0;
    long requests = 0;
    for (Worker worker : workers) {
      latencies.add(worker.latencies);
      lags.add(worker.lags);
      end = Math.max(end, worker.lastReply);
      requests += worker.done;
    }
    if (requests != plan.requests()) {
      throw new TrialFailedException(
          "the load clients answered " + requests + " requests, expected " + plan.requests(), null);
    }
    Tally tally =
        new Tally(
            0,
            0,
            requests,
            requests,
            Math.max(1, end - t0),
            latencies.getValueAtPercentile(50) / 1e3,
            latencies.getValueAtPercentile(90) / 1e3,
            latencies.getValueAtPercentile(99) / 1e3,
            latencies.getValueAtPercentile(99.9) / 1e3,
            latencies.getMaxValue() / 1e3,
            workers[0].cpu,
            clientCost);
    return new Outcome(
        tally,
        server,
        plan.openLoop() ? plan.rate() : Double.NaN,
        plan.openLoop() ? lags.getValueAtPercentile(99) / 1e3 : Double.NaN);
  }

  private static List<TaskCounters> read(long[] tids) {
    List<Long> list = new ArrayList<>();
    for (long tid : tids) {
      list.add(tid);
    }
    return read(list);
  }

  private static List<TaskCounters> read(List<Long> tids) {
    List<TaskCounters> counters = new ArrayList<>();
    for (long tid : tids) {
      counters.add(tid < 0 ? null : TaskCounters.ofThread(tid).orElse(null));
    }
    return counters;
  }

  /** The client threads' cost added up, each thread read by the coordinator at both edges. */
  private static Cost clientCost(List<TaskCounters> before, List<TaskCounters> after) {
    if (CostMeter.accounting() != Cost.Accounting.THREAD) {
      return Cost.empty(CostMeter.accounting());
    }
    TaskCounters sum = TaskCounters.ZERO;
    for (int i = 0; i < before.size(); i++) {
      if (before.get(i) == null || after.get(i) == null) {
        return Cost.empty(Cost.Accounting.UNAVAILABLE); // a thread ended: its cost is lost
      }
      sum = sum.plus(after.get(i).minus(before.get(i)));
    }
    return CostMeter.between(
        new CostMeter.Snapshot(Cost.Accounting.THREAD, 0, 0, 0, 0, 0),
        new CostMeter.Snapshot(
            Cost.Accounting.THREAD,
            sum.runNs(),
            sum.userTicks(),
            sum.systemTicks(),
            sum.voluntary(),
            sum.involuntary()));
  }

  /** Waits for {@code latch}, or throws the first thread's failure as soon as there is one. */
  private static void await(CountDownLatch latch, AtomicReference<Throwable> failure)
      throws InterruptedException {
    while (!latch.await(20, TimeUnit.MILLISECONDS)) {
      Throwable failed = failure.get();
      if (failed != null) {
        throw failed(failed);
      }
    }
  }

  private static RuntimeException failed(Throwable cause) {
    if (cause instanceof RuntimeException runtime
        && cause instanceof org.udsvstcp.bench.BenchException) {
      return runtime;
    }
    String what = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    return new TrialFailedException("a load client failed: " + what, cause);
  }

  /** One client thread. */
  private static final class Worker implements Runnable {
    private final Plan plan;
    private final int index;
    private final CountDownLatch ready;
    private final CountDownLatch go;
    private final AtomicReference<Throwable> failure;
    private final Clients clients;
    final Histogram latencies = new Histogram(1, HIGHEST_NANOS, 3);
    final Histogram lags = new Histogram(1, HIGHEST_NANOS, 3);
    volatile long tid = -1;
    volatile long t0;
    volatile long lastReply;
    volatile long done;
    volatile int cpu = -1;
    volatile TaskCounters counters;

    Worker(
        Plan plan,
        int index,
        CountDownLatch ready,
        CountDownLatch go,
        AtomicReference<Throwable> failure,
        Clients clients) {
      this.plan = plan;
      this.index = index;
      this.ready = ready;
      this.go = go;
      this.failure = failure;
      this.clients = clients;
    }

    @Override
    public void run() {
      try {
        tid = TaskCounters.currentTid();
        Client client = clients.client(index);
        for (int i = 0; i < plan.warmupPerClient() && failure.get() == null; i++) {
          client.request();
        }
        long[] due = plan.openLoop() ? schedule() : null;
        ready.countDown();
        await(go, failure);
        if (failure.get() != null) {
          return;
        }
        long start = t0;
        long last = start;
        int count = 0;
        for (int i = 0; i < plan.requestsPerClient(); i++) {
          if (failure.get() != null) {
            return;
          }
          long from;
          if (due != null) {
            from = start + due[i];
            long now;
            while ((now = System.nanoTime()) < from) {
              LockSupport.parkNanos(from - now);
              if (Thread.interrupted()) {
                return;
              }
            }
            lags.recordValue(clamp(now - from));
          } else {
            from = System.nanoTime();
          }
          client.request();
          last = System.nanoTime();
          latencies.recordValue(clamp(last - from));
          count++;
        }
        lastReply = last;
        done = count;
        cpu = Affinity.currentCpu();
        counters = TaskCounters.ofThread(tid).orElse(null);
      } catch (InterruptedException e) {
        failure.compareAndSet(null, new RunInterruptedException("interrupted"));
      } catch (Throwable e) {
        failure.compareAndSet(null, e); // the first failure is the one reported
      }
    }

    /**
     * Due times from the interval's start, ns: Poisson arrivals at this thread's share of the rate,
     * stretched so the last is due exactly when the share says, so every trial offers the rate.
     */
    private long[] schedule() {
      int n = plan.requestsPerClient();
      double share = plan.rate() / plan.clients();
      SplittableRandom random = new SplittableRandom(plan.seed() * 31 + index);
      double[] at = new double[n];
      double t = 0;
      for (int i = 0; i < n; i++) {
        t += -Math.log(1 - random.nextDouble()); // exponential gaps of mean 1
        at[i] = t;
      }
      double span = n / share * 1e9; // ns
      long[] due = new long[n];
      for (int i = 0; i < n; i++) {
        due[i] = Math.round(at[i] / t * span);
      }
      return due;
    }

    private static long clamp(long nanos) {
      return Math.min(Math.max(nanos, 1), HIGHEST_NANOS);
    }
  }
}
