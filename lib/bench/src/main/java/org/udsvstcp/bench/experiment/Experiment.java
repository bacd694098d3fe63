package org.udsvstcp.bench.experiment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.udsvstcp.bench.Profile;
import org.udsvstcp.bench.transport.Transport;
import org.udsvstcp.bench.transport.TransportOptions;
import org.udsvstcp.bench.workload.OriginalTrial;
import org.udsvstcp.bench.workload.TrialSpec;
import org.udsvstcp.bench.workload.Workload;

/**
 * An experiment: one workload over transports x sizes, W warm-up rounds then N measured rounds,
 * each round running every (transport, size) cell once in an order shuffled with a recorded seed,
 * so drift hits every transport alike. The transports of one size run back to back (in a shuffled
 * order), so the pairs that a UDS/TCP ratio compares are neighbours in time. Build one with {@link
 * #builder()}; {@link #run()} returns one row per trial.
 *
 * @param workload what each trial measures
 * @param transports the transports compared
 * @param sizes message sizes in bytes (the original's is always 12)
 * @param warmup warm-up rounds, recorded with phase "warmup" and left out of statistics
 * @param trials measured rounds
 * @param duration how long each stream or original trial sends
 * @param byteBudget bytes each stream trial sends instead of a duration, 0 to use the duration
 * @param count round trips (pingpong) or connections (connect) per trial
 * @param seed the seed of the shuffled order
 * @param isolation threads or processes
 * @param placement same core, cross core or left to the scheduler
 * @param nodelay TCP_NODELAY for TCP transports; with two values each TCP cell runs with both
 * @param writesPerMessage the writes each ping-pong message is split into; each value is a cell
 * @param timeout the limit for one trial, or null for a generous default per trial
 * @param shuffle whether each round's order is shuffled (the original ran TCP, then UDS)
 * @param host the TCP host
 * @param port the TCP port, 0 for a free one per trial
 * @param udsPath an explicit Unix socket path, or null for a private directory
 * @param alongside more workloads run in the same rounds, such as a real server's own C tool beside
 *     its Java client (their cells interleave with the first workload's)
 * @param depths requests per round trip of server workloads that pipeline or batch; each value is a
 *     cell
 * @param clients clients at once of the workloads that run many ({@link Workload#concurrent()});
 *     each value is a cell (the others run one)
 * @param rates requests per second the open loops offer in all, 0 for a closed loop; each value is
 *     a cell of the workloads that can keep a rate ({@link Workload#openLoop()}; the others run the
 *     closed loop only)
 */
public record Experiment(
    Workload workload,
    List<Transport> transports,
    List<Integer> sizes,
    int warmup,
    int trials,
    Duration duration,
    long byteBudget,
    int count,
    long seed,
    Isolation isolation,
    Placement placement,
    List<Boolean> nodelay,
    List<Integer> writesPerMessage,
    Duration timeout,
    boolean shuffle,
    String host,
    int port,
    Path udsPath,
    List<Workload> alongside,
    List<Integer> depths,
    List<Integer> clients,
    List<Double> rates) {

  /** Checks the settings. */
  public Experiment {
    Objects.requireNonNull(workload, "workload");
    transports = List.copyOf(transports);
    sizes = List.copyOf(sizes);
    nodelay = List.copyOf(new LinkedHashSet<>(nodelay));
    alongside = List.copyOf(new LinkedHashSet<>(alongside));
    depths = List.copyOf(new LinkedHashSet<>(depths));
    if (depths.isEmpty() || depths.stream().anyMatch(d -> d < 1)) {
      throw new IllegalArgumentException("depths must be at least 1, got " + depths);
    }
    clients = List.copyOf(new LinkedHashSet<>(clients));
    if (clients.isEmpty() || clients.stream().anyMatch(c -> c < 1)) {
      throw new IllegalArgumentException("clients must be at least 1, got " + clients);
    }
    rates = List.copyOf(new LinkedHashSet<>(rates));
    if (rates.isEmpty() || rates.stream().anyMatch(r -> !(r >= 0) || Double.isInfinite(r))) {
      throw new IllegalArgumentException(
          "rates must be 0 (closed loop) or positive requests per second, got " + rates);
    }
    writesPerMessage = List.copyOf(new LinkedHashSet<>(writesPerMessage));
    if (nodelay.isEmpty() || writesPerMessage.isEmpty()) {
      throw new IllegalArgumentException("at least one TCP_NODELAY and writes-per-message value");
    }
    if (transports.isEmpty()) {
      throw new IllegalArgumentException("at least one transport is needed");
    }
    if (sizes.isEmpty()) {
      throw new IllegalArgumentException("at least one message size is needed");
    }
    if (warmup < 0 || trials < 1) {
      throw new IllegalArgumentException(
          "need at least one measured trial and no negative warm-up, got trials "
              + trials
              + ", warm-up "
              + warmup);
    }
    Objects.requireNonNull(isolation, "isolation");
    Objects.requireNonNull(placement, "placement");
    Objects.requireNonNull(host, "host");
    if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    Routes.check(transports, isolation, workload, alongside);
    // Fails early, with the spec's own message, on a size or count it cannot run.
    List<Plan.Cell> all =
        Plan.cells(
            workload,
            transports,
            sizes,
            nodelay,
            writesPerMessage,
            alongside,
            depths,
            clients,
            rates);
    all.forEach(cell -> cell.spec(duration, byteBudget, count));
    for (Workload w : workloadsOf(workload, alongside)) {
      if (all.stream().noneMatch(cell -> cell.workload() == w)) {
        throw new IllegalArgumentException(
            w
                + " has no cell to run: it cannot send at a fixed rate"
                + (w.isTool() ? " (redis-benchmark has no fixed-rate mode)" : "")
                + "; add the rate 0 (a closed loop) or leave it out");
      }
    }
  }

  /**
   * Returns, for each transport of this experiment that cannot run here, why (tcp-sockmap and
   * tcp-veth need root, bpftool or ip, and kernel support); empty if all can.
   */
  public Map<Transport, String> unavailable() {
    return Routes.unavailable(transports);
  }

  /**
   * Returns a builder with the current {@link Profile}'s defaults: stream, tcp vs uds, 64 B and 64
   * KiB.
   */
  public static Builder builder() {
    return new Builder(Profile.current());
  }

  /** Returns the trial spec of one cell (with the first writes-per-message value). */
  public TrialSpec spec(Transport transport, int size) {
    return TrialSpec.of(workload, transport, size, duration, byteBudget, count)
        .withWritesPerMessage(writesPerMessage.get(0));
  }

  /** Returns every workload of the run: the first, then those alongside it. */
  public List<Workload> workloads() {
    return workloadsOf(workload, alongside);
  }

  private static List<Workload> workloadsOf(Workload workload, List<Workload> alongside) {
    List<Workload> all = new ArrayList<>(List.of(workload));
    alongside.stream().filter(w -> w != workload).forEach(all::add);
    return all;
  }

  /**
   * Returns what must be installed before this experiment can run (every server and C tool its
   * workloads need, one sentence each), or empty if everything is there.
   */
  public Optional<String> missing() {
    Set<String> missing = new LinkedHashSet<>();
    for (Workload w : workloads()) {
      w.missing().ifPresent(missing::add);
    }
    return missing.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", missing));
  }

  /**
   * Runs the experiment into {@code csv} (as {@link #run(Path, Progress)}) if everything it needs
   * is installed; otherwise returns empty without starting anything (the caller prints {@link
   * #missing()}).
   */
  public Optional<Results> runIfInstalled(Path csv, Progress progress) {
    if (missing().isPresent()) {
      return Optional.empty();
    }
    return Optional.of(run(csv, progress));
  }

  /** Returns the number of trials the run will make, warm-up included. */
  public int totalTrials() {
    return (warmup + trials) * Plan.cells(this).size();
  }

  /** Returns the method in one paragraph, to print before any number. */
  public String describe() {
    String what =
        switch (workload) {
          case STREAM ->
              byteBudget > 0 ? byteBudget + " bytes per trial" : format(duration) + " per trial";
          case PINGPONG -> count + " round trips per trial";
          case CONNECT -> count + " connections per trial";
          case ORIGINAL -> "server sends for " + format(duration);
          case PG_CONNECT -> count + " connections per trial";
          default -> count + " round trips per trial";
        };
    return workloads().stream().map(Workload::label).collect(Collectors.joining(" and "))
        + ": "
        + transports.stream().map(Transport::label).collect(Collectors.joining(" vs "))
        + (workloads().stream().allMatch(w -> w.isServer() && !w.hasValue())
            ? ""
            : ", sizes "
                + sizes.stream().map(Experiment::formatSize).collect(Collectors.joining(", ")))
        + ", "
        + what
        + ", "
        + warmup
        + " warm-up + "
        + trials
        + " measured rounds, "
        + (shuffle
            ? "shuffled with seed "
                + seed
                + (transports.size() > 1 ? " (the transports of one size back to back)" : "")
            : "fixed order")
        + ", "
        + isolation.label()
        + ", placement "
        + placement.label()
        + ", TCP_NODELAY "
        + nodelay.stream().map(on -> on ? "on" : "off").collect(Collectors.joining(" and "))
        + (writesPerMessage.equals(List.of(1))
            ? ""
            : ", each message in "
                + writesPerMessage.stream().map(String::valueOf).collect(Collectors.joining(" or "))
                + " writes")
        + (workloads().stream().anyMatch(Workload::pipelines) && !depths.equals(List.of(1))
            ? ", "
                + depths.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + " requests per round trip"
            : "")
        + (workloads().stream().anyMatch(Workload::concurrent) && !clients.equals(List.of(1))
            ? ", "
                + clients.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + " clients at once (the requests shared among them)"
            : "")
        + (rates.equals(List.of(0.0))
            ? ""
            : ", "
                + rates.stream()
                    .map(r -> r == 0 ? "closed loop" : String.format(Locale.ROOT, "%.0f/s", r))
                    .collect(Collectors.joining(", "))
                + " offered (open loop: Poisson arrivals, latency from each request's intended"
                + " send time)");
  }

  /** Formats a size as the command line accepts it: 64 B, 64 KiB, 1 MiB. */
  public static String formatSize(int size) {
    if (size >= 1 << 20 && size % (1 << 20) == 0) {
      return (size >> 20) + " MiB";
    }
    if (size >= 1 << 10 && size % (1 << 10) == 0) {
      return (size >> 10) + " KiB";
    }
    return size + " B";
  }

  private static String format(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
  }

  /** Runs the experiment without a CSV file. */
  public Results run() {
    return run(null, Progress.NONE);
  }

  /** Runs the experiment, telling {@code progress} about each finished trial. */
  public Results run(Progress progress) {
    return run(null, progress);
  }

  /**
   * Runs the experiment, appending each finished trial to the table and, if {@code csv} is not
   * null, to that file at once.
   *
   * @throws ExperimentException if a trial fails, times out or the thread is interrupted, or the
   *     file cannot be written (checked before the first trial by writing its header); the rows of
   *     finished trials are kept in it, and in the file unless the file is what failed
   */
  public Results run(Path csv, Progress progress) {
    return run(csv, progress, List.of());
  }

  /**
   * Runs the experiment as {@link #run(Path, Progress)} does, with {@code notes} (such as how a
   * reference run was taken, and on what) as {@code # note:} lines at the top of the CSV file.
   */
  public Results run(Path csv, Progress progress, List<String> notes) {
    return ExperimentRun.run(this, csv, progress, notes);
  }

  /** Builds an {@link Experiment}; every setting has a default from the current {@link Profile}. */
  public static final class Builder {
    private final Profile profile;
    private Workload workload = Workload.STREAM;
    private List<Transport> transports = List.of(Transport.TCP, Transport.UDS);
    private List<Integer> sizes = List.of(64, 64 * 1024);
    private int warmup;
    private int trials;
    private Duration duration;
    private long byteBudget;
    private int count;
    private Long seed;
    private Isolation isolation = Isolation.THREADS;
    private Placement placement = Placement.SAME_CORE;
    private List<Boolean> nodelay = List.of(true);
    private List<Integer> writesPerMessage = List.of(1);
    private Duration timeout;
    private boolean shuffle = true;
    private String host = TransportOptions.LOOPBACK;
    private int port;
    private Path udsPath;
    private List<Workload> alongside = List.of();
    private List<Integer> depths = List.of(1);
    private List<Integer> clients = List.of(1);
    private List<Double> rates = List.of(0.0);

    private Builder(Profile profile) {
      this.profile = profile;
      this.warmup = profile.warmup();
      this.trials = profile.trials();
    }

    /** Sets the workload (default stream). */
    public Builder workload(Workload value) {
      workload = value;
      return this;
    }

    /** Sets the transports compared (default tcp, uds). */
    public Builder transports(Transport... values) {
      return transports(List.of(values));
    }

    /** Sets the transports compared (default tcp, uds). */
    public Builder transports(List<Transport> values) {
      transports = List.copyOf(values);
      return this;
    }

    /** Sets the message sizes in bytes (default 64 and 65536; ignored by the original). */
    public Builder sizes(Integer... values) {
      return sizes(List.of(values));
    }

    /** Sets the message sizes in bytes (default 64 and 65536; ignored by the original). */
    public Builder sizes(List<Integer> values) {
      sizes = List.copyOf(values);
      return this;
    }

    /** Sets the number of warm-up rounds (default from the profile). */
    public Builder warmup(int value) {
      warmup = value;
      return this;
    }

    /** Sets the number of measured rounds (default from the profile). */
    public Builder trials(int value) {
      trials = value;
      return this;
    }

    /** Sets how long each stream or original trial sends (default from the profile). */
    public Builder duration(Duration value) {
      duration = value;
      return this;
    }

    /** Makes each stream trial send this many bytes instead of running for a duration. */
    public Builder byteBudget(long value) {
      byteBudget = value;
      return this;
    }

    /**
     * Sets round trips (pingpong) or connections (connect) per trial (default from the profile).
     */
    public Builder count(int value) {
      count = value;
      return this;
    }

    /** Sets the shuffle seed (default: chosen at random and recorded). */
    public Builder seed(long value) {
      seed = value;
      return this;
    }

    /** Sets threads or processes (default threads). */
    public Builder isolation(Isolation value) {
      isolation = value;
      return this;
    }

    /** Sets the placement (default same core, the steadiest on a small VM). */
    public Builder placement(Placement value) {
      placement = value;
      return this;
    }

    /**
     * Sets TCP_NODELAY for TCP transports (default on); given both values, every TCP cell runs with
     * each in every round.
     */
    public Builder nodelay(boolean... values) {
      List<Boolean> list = new ArrayList<>();
      for (boolean value : values) {
        list.add(value);
      }
      nodelay = list;
      return this;
    }

    /**
     * Makes the ping-pong client write each message in {@code n} parts of nearly equal size
     * (default 1); given several values, every cell runs with each in every round.
     */
    public Builder writesPerMessage(int... n) {
      List<Integer> list = new ArrayList<>();
      for (int value : n) {
        list.add(value);
      }
      writesPerMessage = list;
      return this;
    }

    /** Sets the limit for one trial (default: 30 s plus three times the trial's length). */
    public Builder timeout(Duration value) {
      timeout = value;
      return this;
    }

    /** Sets whether each round's order is shuffled (default true). */
    public Builder shuffle(boolean value) {
      shuffle = value;
      return this;
    }

    /** Sets the TCP host (default 127.0.0.1). */
    public Builder host(String value) {
      host = value;
      return this;
    }

    /** Sets the TCP port (default 0: a free port per trial). */
    public Builder port(int value) {
      port = value;
      return this;
    }

    /** Sets an explicit Unix socket path (default: a fresh private directory). */
    public Builder udsPath(Path value) {
      udsPath = value;
      return this;
    }

    /**
     * Runs these workloads in the same rounds as the first (default none), for instance a real
     * server's own C tool beside its Java client, so both see the same machine at the same time.
     */
    public Builder alongside(Workload... values) {
      alongside = List.of(values);
      return this;
    }

    /**
     * Sets the requests per round trip of server workloads that pipeline (Redis) or batch
     * (pg-batch) (default 1); given several values, every such cell runs with each in every round.
     */
    public Builder depths(int... values) {
      List<Integer> list = new ArrayList<>();
      for (int value : values) {
        list.add(value);
      }
      depths = list;
      return this;
    }

    /**
     * Sets how many clients at once the workloads that run many use ({@link Workload#concurrent()};
     * default 1); given several values, every such cell runs with each in every round. A trial's
     * requests are shared among its clients.
     */
    public Builder clients(int... values) {
      List<Integer> list = new ArrayList<>();
      for (int value : values) {
        list.add(value);
      }
      clients = list;
      return this;
    }

    /**
     * Sets the requests per second the open loops offer in all, 0 for a closed loop (default 0);
     * given several values, every cell of a workload that can keep a rate runs with each.
     */
    public Builder rates(double... values) {
      List<Double> list = new ArrayList<>();
      for (double value : values) {
        list.add(value);
      }
      rates = list;
      return this;
    }

    /** Returns the experiment. */
    public Experiment build() {
      Duration trialDuration =
          duration != null
              ? duration
              : workload == Workload.ORIGINAL
                  ? profile.originalDuration()
                  : profile.trialDuration();
      int trialCount =
          count > 0
              ? count
              : switch (workload) {
                case PINGPONG -> profile.roundTrips();
                case CONNECT -> profile.connections();
                // A PostgreSQL connection forks a backend: about a hundred times a TCP connect.
                case PG_CONNECT -> Math.max(20, profile.connections() / 20);
                default -> workload.isServer() ? profile.roundTrips() : 0;
              };
      List<Integer> trialSizes =
          workload == Workload.ORIGINAL ? List.of(OriginalTrial.MESSAGE.length) : sizes;
      return new Experiment(
          workload,
          transports,
          trialSizes,
          warmup,
          trials,
          trialDuration,
          byteBudget,
          trialCount,
          seed != null ? seed : new Random().nextLong(),
          isolation,
          placement,
          nodelay,
          writesPerMessage,
          timeout,
          shuffle,
          host,
          port,
          udsPath,
          alongside,
          depths,
          clients,
          rates);
    }
  }
}
