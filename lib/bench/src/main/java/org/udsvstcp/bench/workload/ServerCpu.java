package org.udsvstcp.bench.workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.udsvstcp.bench.env.TaskCounters;

/**
 * What a real server spent over an interval, from its processes' own counters: Redis's process, or
 * PostgreSQL's postmaster and every backend and helper it forked (the server and its descendants,
 * all threads added up). Read at the interval's edges, as a trial's measured interval begins and
 * ends.
 *
 * <p>Processes that end within the interval (pgbench's backends end when it disconnects) leave
 * their counters with their parent once it has waited for them ({@code cutime}, {@code cstime}):
 * their CPU time comes from there, exact to a 10 ms tick over all of them, split into user and
 * system time by the same ticks. Their context switches are not kept anywhere; an interval opened
 * with {@code sampleEnded} samples the processes every 100 ms and counts an ended process's
 * switches up to its last sample (the switches of its last 0.1 s or less are missing).
 */
public final class ServerCpu {
  private static final long SAMPLE_MILLIS = 100;
  private static final int SNAPSHOT_TRIES = 200;
  private static final double NS_PER_TICK = 1e9 / TaskCounters.TICKS_PER_SECOND;

  private ServerCpu() {}

  /**
   * Opens an interval over the server process {@code pid} and its descendants; returns an interval
   * that measures nothing (its cost says why) if accounting is off, this system has no counters or
   * {@code pid} is -1 (no server of this JVM's).
   */
  public static Interval start(long pid, boolean sampleEnded) {
    if (pid < 0) {
      return new Interval(pid, Cost.Accounting.NONE, null, false);
    }
    Cost.Accounting accounting = CostMeter.accounting();
    if (accounting != Cost.Accounting.THREAD) {
      return new Interval(pid, accounting, null, false);
    }
    Optional<Snapshot> first = snapshot(pid);
    if (first.isEmpty()) {
      return new Interval(pid, Cost.Accounting.UNAVAILABLE, null, false);
    }
    return new Interval(pid, Cost.Accounting.PROCESSES, first.get(), sampleEnded);
  }

  /** An open interval; {@link #stop()} returns the cost, {@link #close()} ends its sampling. */
  public static final class Interval implements AutoCloseable {
    private final long pid;
    private final Cost.Accounting accounting;
    private final Snapshot start;
    private final Map<Long, TaskCounters> lastSeen = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean open = true;

    private Interval(long pid, Cost.Accounting accounting, Snapshot start, boolean sample) {
      this.pid = pid;
      this.accounting = accounting;
      this.start = start;
      if (start != null && sample) {
        // Started by the calling thread, so it runs where that thread may (the client's CPU).
        sampler = new Thread(this::sample, "uds-vs-tcp-server-cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
      } else {
        sampler = null;
      }
    }

    private void sample() {
      while (open) {
        snapshot(pid)
            .ifPresent(s -> s.processes().forEach((p, c) -> lastSeen.put(p, c.counters())));
        try {
          Thread.sleep(SAMPLE_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    /** Ends the interval and returns what the server spent in it. */
    public Cost stop() {
      close();
      if (start == null) {
        return Cost.empty(accounting);
      }
      Optional<Snapshot> end = snapshot(pid);
      if (end.isEmpty()) {
        return Cost.empty(Cost.Accounting.UNAVAILABLE); // the server is gone
      }
      return between(start, end.get(), lastSeen);
    }

    /** Stops the sampling thread, if any, and waits for it. */
    @Override
    public void close() {
      open = false;
      if (sampler != null) {
        sampler.interrupt();
        boolean interrupted = Thread.interrupted();
        try {
          sampler.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /**
   * The server's processes at one instant.
   *
   * @param processes each process of the tree by pid
   */
  record Snapshot(Map<Long, TaskCounters.Process> processes) {
    long reapedTicks() {
      return processes.values().stream().mapToLong(TaskCounters.Process::reapedTicks).sum();
    }
  }

  /**
   * Returns the cost between two snapshots of one server: the processes alive at both ends, those
   * that started within (all of their counters) and, through their parents' reaped ticks, those
   * that ended within.
   */
  static Cost between(Snapshot start, Snapshot end, Map<Long, TaskCounters> lastSeen) {
    TaskCounters live = TaskCounters.ZERO;
    long endedUserAtStart = 0;
    long endedSystemAtStart = 0;
    long endedVoluntary = 0;
    long endedInvoluntary = 0;
    for (Map.Entry<Long, TaskCounters.Process> e : end.processes().entrySet()) {
      TaskCounters.Process before = start.processes().get(e.getKey());
      TaskCounters now = e.getValue().counters();
      live = live.plus(before == null ? now : now.minus(before.counters()));
    }
    for (Map.Entry<Long, TaskCounters.Process> e : start.processes().entrySet()) {
      if (!end.processes().containsKey(e.getKey())) {
        TaskCounters before = e.getValue().counters();
        endedUserAtStart += before.userTicks();
        endedSystemAtStart += before.systemTicks();
        TaskCounters last = lastSeen.get(e.getKey());
        if (last != null) {
          endedVoluntary += last.voluntary() - before.voluntary();
          endedInvoluntary += last.involuntary() - before.involuntary();
        }
      }
    }
    for (Map.Entry<Long, TaskCounters> e : lastSeen.entrySet()) {
      if (!start.processes().containsKey(e.getKey()) && !end.processes().containsKey(e.getKey())) {
        endedVoluntary += e.getValue().voluntary(); // started and ended within, seen by a sample
        endedInvoluntary += e.getValue().involuntary();
      }
    }
    // Parents that lived through the interval hold the ended children's whole lives.
    long reapedUser = 0;
    long reapedSystem = 0;
    for (Map.Entry<Long, TaskCounters.Process> e : end.processes().entrySet()) {
      TaskCounters.Process before = start.processes().get(e.getKey());
      reapedUser +=
          e.getValue().reapedUserTicks() - (before == null ? 0 : before.reapedUserTicks());
      reapedSystem +=
          e.getValue().reapedSystemTicks() - (before == null ? 0 : before.reapedSystemTicks());
    }
    long endedUser = Math.max(0, reapedUser - endedUserAtStart);
    long endedSystem = Math.max(0, reapedSystem - endedSystemAtStart);
    double cpu = live.runNs() + (endedUser + endedSystem) * NS_PER_TICK;
    long user = live.userTicks() + endedUser;
    long system = live.systemTicks() + endedSystem;
    double userNs = Double.NaN;
    double systemNs = Double.NaN;
    if (user + system >= CostMeter.MIN_SPLIT_TICKS) {
      userNs = cpu * user / (user + system);
      systemNs = cpu - userNs;
    }
    return new Cost(
        Cost.Accounting.PROCESSES,
        cpu,
        userNs,
        systemNs,
        live.voluntary() + endedVoluntary,
        live.involuntary() + endedInvoluntary);
  }

  /**
   * Reads the server process and its descendants consistently: no process is a zombie (its counters
   * move to its parent when the parent waits for it) and the reaped ticks did not change while the
   * tree was read, so no ended process is counted twice or lost.
   */
  static Optional<Snapshot> snapshot(long pid) {
    for (int attempt = 0; attempt < SNAPSHOT_TRIES; attempt++) {
      Optional<TaskCounters.Process> leaderBefore = TaskCounters.ofProcess(pid);
      if (leaderBefore.isEmpty()) {
        return Optional.empty();
      }
      Map<Long, TaskCounters.Process> processes = new HashMap<>();
      boolean zombie = false;
      Deque<Long> todo = new ArrayDeque<>();
      todo.add(pid);
      while (!todo.isEmpty()) {
        long p = todo.poll();
        Optional<TaskCounters.Process> read = TaskCounters.ofProcess(p);
        if (read.isEmpty()) {
          continue; // ended between the listing and the read: its parent's reaped ticks changed
        }
        processes.put(p, read.get());
        zombie |= isZombie(p);
        todo.addAll(children(p));
      }
      Optional<TaskCounters.Process> leaderAfter = TaskCounters.ofProcess(pid);
      if (leaderAfter.isEmpty()) {
        return Optional.empty();
      }
      Snapshot snapshot = new Snapshot(processes);
      long reapedBefore = leaderBefore.get().reapedTicks();
      if (!zombie
          && reapedBefore == leaderAfter.get().reapedTicks()
          && reapedBefore == processes.get(pid).reapedTicks()) {
        return Optional.of(snapshot);
      }
      try {
        Thread.sleep(1); // the parent waits for its ended child within a moment
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.of(snapshot);
      }
    }
    return lastReading(pid);
  }

  /** The tree never settled (a server forking without pause): one reading, as it is. */
  private static Optional<Snapshot> lastReading(long pid) {
    Map<Long, TaskCounters.Process> processes = new HashMap<>();
    Deque<Long> todo = new ArrayDeque<>(java.util.List.of(pid));
    while (!todo.isEmpty()) {
      long p = todo.poll();
      TaskCounters.ofProcess(p).ifPresent(read -> processes.put(p, read));
      todo.addAll(children(p));
    }
    return processes.containsKey(pid) ? Optional.of(new Snapshot(processes)) : Optional.empty();
  }

  private static boolean isZombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The children of every thread of {@code pid} ({@code /proc/<pid>/task/<tid>/children}). */
  private static java.util.List<Long> children(long pid) {
    java.util.List<Long> children = new java.util.ArrayList<>();
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks.toList()) {
        try {
          for (String child : Files.readString(task.resolve("children")).trim().split("\\s+")) {
            if (!child.isEmpty()) {
              children.add(Long.parseLong(child));
            }
          }
        } catch (IOException | RuntimeException e) {
          // A thread that ended: its children were re-parented to the process.
        }
      }
    } catch (IOException e) {
      // The process ended.
    }
    return children;
  }
}
