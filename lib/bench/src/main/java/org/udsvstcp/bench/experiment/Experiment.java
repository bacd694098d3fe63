package org.udsvstcp.bench.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.Collectors;
import org.udsvstcp.bench.BenchException;
import org.udsvstcp.bench.Profile;
import org.udsvstcp.bench.env.Affinity;
import org.udsvstcp.bench.env.Environment;
import org.udsvstcp.bench.server.ManagedServer;
import org.udsvstcp.bench.transport.Transport;
import org.udsvstcp.bench.transport.TransportOptions;
import org.udsvstcp.bench.workload.OriginalTrial;
import org.udsvstcp.bench.workload.Peer;
import org.udsvstcp.bench.workload.RunInterruptedException;
import org.udsvstcp.bench.workload.ThreadPeer;
import org.udsvstcp.bench.workload.Trial;
import org.udsvstcp.bench.workload.TrialResult;
import org.udsvstcp.bench.workload.TrialSpec;
import org.udsvstcp.bench.workload.Workload;
import tech.tablesaw.api.Table;

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
    List<Integer> depths) {

  private static final DateTimeFormatter RUN_ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

  /** Checks the settings. */
  public Experiment {
    Objects.requireNonNull(workload, "workload");
    transports = List.copyOf(transports);
    sizes = List.copyOf(sizes);
    nodelay = List.copyOf(new java.util.LinkedHashSet<>(nodelay));
    alongside = List.copyOf(new java.util.LinkedHashSet<>(alongside));
    depths = List.copyOf(new java.util.LinkedHashSet<>(depths));
    if (depths.isEmpty() || depths.stream().anyMatch(d -> d < 1)) {
      throw new IllegalArgumentException("depths must be at least 1, got " + depths);
    }
    writesPerMessage = List.copyOf(new java.util.LinkedHashSet<>(writesPerMessage));
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
    checkRoutes(transports, isolation, workload, alongside);
    // Fails early, with the spec's own message, on a size or count it cannot run.
    cells(workload, transports, sizes, nodelay, writesPerMessage, alongside, depths)
        .forEach(cell -> specOf(cell, duration, byteBudget, count));
  }

  /**
   * tcp-sockmap and tcp-veth run both ends as child processes inside their route, so the others
   * must run in processes too to compare alike; a real server runs outside any route.
   */
  private static void checkRoutes(
      List<Transport> transports,
      Isolation isolation,
      Workload workload,
      List<Workload> alongside) {
    List<String> routed =
        transports.stream().filter(Transport::needsRoute).map(Transport::label).toList();
    if (routed.isEmpty()) {
      return;
    }
    String names = String.join(" and ", routed);
    if (isolation != Isolation.PROCESSES) {
      throw new IllegalArgumentException(
          names
              + (routed.size() == 1 ? " runs" : " run")
              + " both ends as child processes inside their route; run with isolation"
              + " processes (--isolation processes) so that every transport compared runs alike");
    }
    if (workload.isServer() || alongside.stream().anyMatch(Workload::isServer)) {
      throw new IllegalArgumentException(
          names + " cannot reach a real server: the server runs outside their route");
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

  private static TrialSpec specOf(Cell cell, Duration duration, long byteBudget, int count) {
    TrialSpec spec =
        TrialSpec.of(cell.workload(), cell.transport(), cell.size(), duration, byteBudget, count)
            .withWritesPerMessage(cell.writes());
    return cell.depth() == 1 ? spec : spec.withDepth(cell.depth());
  }

  /** Returns every workload of the run: the first, then those alongside it. */
  public List<Workload> workloads() {
    List<Workload> all = new ArrayList<>(List.of(workload));
    alongside.stream().filter(w -> w != workload).forEach(all::add);
    return all;
  }

  /** Returns the number of trials the run will make, warm-up included. */
  public int totalTrials() {
    return (warmup + trials) * cells().size();
  }

  /** One cell of a round; a Unix transport runs once per size and writes, TCP_NODELAY aside. */
  private record Cell(
      Workload workload, Transport transport, int size, boolean nodelay, int writes, int depth) {}

  private List<Cell> cells() {
    return cells(workload, transports, sizes, nodelay, writesPerMessage, alongside, depths);
  }

  private static List<Cell> cells(
      Workload workload,
      List<Transport> transports,
      List<Integer> sizes,
      List<Boolean> nodelay,
      List<Integer> writesPerMessage,
      List<Workload> alongside,
      List<Integer> depths) {
    List<Workload> all = new ArrayList<>(List.of(workload));
    alongside.stream().filter(w -> w != workload).forEach(all::add);
    List<Cell> cells = new ArrayList<>();
    for (Workload w : all) {
      // A server workload without a value has size 0; the original's size is fixed.
      List<Integer> cellSizes =
          w == Workload.ORIGINAL
              ? List.of(OriginalTrial.MESSAGE.length)
              : w.isServer() && !w.hasValue() ? List.of(0) : sizes;
      for (Transport transport : transports) {
        for (int size : cellSizes) {
          for (boolean tcpNodelay : transport.isUnix() ? nodelay.subList(0, 1) : nodelay) {
            for (int writes : w.isServer() ? List.of(1) : writesPerMessage) {
              for (int depth : w.pipelines() ? depths : List.of(1)) {
                cells.add(new Cell(w, transport, size, tcpNodelay, writes, depth));
              }
            }
          }
        }
      }
    }
    return cells;
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
            : "");
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
    Objects.requireNonNull(progress, "progress");
    Random random = new Random(seed);
    String runId =
        RUN_ID_TIME.format(Instant.now())
            + "-"
            + String.format("%04x", new Random().nextInt(1 << 16));
    Environment environment = Environment.capture();
    Table table = Rows.emptyTable(runId);
    Results results = new Results(runId, this, environment, table, csv);
    List<Planned> plan = plan(random);
    int finished = 0;
    int rowsInFile = 0;
    try (Resources resources = new Resources()) {
      Cpus cpus = Cpus.forPlacement(placement);
      for (Workload w : workloads()) {
        if (w.isServer() && !resources.servers.containsKey(w.server())) {
          // Pinned where a bare-socket trial's server end would run.
          resources.servers.put(w.server(), ManagedServer.start(w.server(), cpus.server()));
        }
      }
      // Before the CSV's header, which names what the routes are made of.
      resources.routes.open(transports, cpus.server(), cpus.client());
      if (csv != null) {
        List<String> comments = new ArrayList<>();
        notes.forEach(note -> comments.add("note: " + note));
        comments.add("run " + runId + " (" + Profile.current().label() + ")");
        comments.add("experiment: " + describe());
        comments.addAll(environment.toText().lines().toList());
        resources.servers.values().forEach(server -> comments.add("server: " + server.describe()));
        resources.routes.describe().forEach(route -> comments.add("route: " + route));
        resources.routes.commands().forEach(command -> comments.add("route command: " + command));
        resources.sink = CsvSink.create(csv, comments);
      }
      // Without an explicit path every trial's listener makes its own private directory and
      // removes it once its client is connected, so a kill mid-run leaves at most one behind (and
      // the next run sweeps it).
      TransportOptions options = new TransportOptions(host, port, udsPath, nodelay.get(0));
      if (isolation == Isolation.THREADS && placement == Placement.SAME_CORE) {
        // Both ends share one CPU: keep the rest of this JVM on the others, so that its JIT,
        // collector and (in a notebook) kernel threads do not take turns with the measurement.
        List<Integer> others = new ArrayList<>(Affinity.allowedCpus());
        others.remove((Integer) cpus.server().getAsInt());
        resources.moved = Affinity.moveProcess(others).orElse(null);
      }
      if (transports.stream().anyMatch(t -> !t.needsRoute())) {
        resources.startPeers(isolation, cpus);
      }
      String pinning =
          (resources.server == null ? "" : pinningText(cpus, resources.server, resources.client))
              + (resources.moved == null
                  ? ""
                  : "; other JVM threads on cpu"
                      + Affinity.formatCpuList(resources.moved.cpus()).replace(",", ",cpu"));
      for (Planned planned : plan) {
        if (Thread.interrupted()) {
          Thread.currentThread().interrupt();
          throw new RunInterruptedException("interrupted between trials");
        }
        Cell cell = planned.cell;
        TrialSpec spec = specOf(cell, duration, byteBudget, count);
        ManagedServer server =
            cell.workload.isServer() ? resources.servers.get(cell.workload.server()) : null;
        boolean routed = resources.routes.has(cell.transport);
        TransportOptions cellOptions =
            server != null ? server.options(cell.nodelay) : options.withNodelay(cell.nodelay);
        org.udsvstcp.bench.route.PrivateRoute.Carried before =
            routed ? resources.routes.carried(cell.transport) : null;
        String startedAt = Instant.now().toString();
        TrialResult result =
            Trial.run(
                spec,
                routed ? resources.routes.options(cell.transport, cellOptions) : cellOptions,
                routed ? resources.routes.server(cell.transport) : resources.server,
                routed ? resources.routes.client(cell.transport) : resources.client,
                timeout == null ? Trial.defaultTimeout(spec) : timeout);
        double routeBytes = routed ? resources.routes.check(spec, result, before) : Double.NaN;
        TrialRow row =
            TrialRow.of(
                runId,
                seed,
                result,
                isolation,
                placement,
                server != null
                    ? serverPinning(server, resources.client, pinning)
                    : routed
                        ? pinningText(
                            cpus,
                            resources.routes.server(cell.transport),
                            resources.routes.client(cell.transport))
                        : pinning,
                cell.nodelay,
                cell.writes,
                cell.depth,
                planned.phase,
                planned.round,
                planned.trial,
                planned.order,
                startedAt,
                routeBytes);
        Rows.append(table, row);
        finished++;
        if (resources.sink != null) {
          resources.sink.append(row);
          rowsInFile++;
        }
        progress.trialFinished(planned.order, plan.size(), row);
      }
      return results;
    } catch (ResultsFileException e) {
      throw new ExperimentException(
          stopped(finished, plan.size(), e, csv, rowsInFile, true), e, results);
    } catch (IOException | RuntimeException e) {
      throw new ExperimentException(
          stopped(finished, plan.size(), e, csv, rowsInFile, false), e, results);
    }
  }

  /**
   * Says where a stopped run's rows are: in the table always, and in the CSV unless writing it is
   * what failed, in which case only the rows written before the failure are there.
   */
  private static String stopped(
      int finished, int total, Exception e, Path csv, int rowsInFile, boolean csvFailed) {
    String what = e.getMessage() == null ? e.toString() : e.getMessage();
    if (finished == 0 && csvFailed) {
      return what + "; no trial ran";
    }
    String kept =
        csv == null
            ? ""
            : !csvFailed
                ? " (also in " + csv + ")"
                : "; "
                    + csv
                    + " holds only the first "
                    + rowsInFile
                    + (rowsInFile == 1 ? " row" : " rows");
    return "run stopped after "
        + finished
        + " of "
        + total
        + " trials: "
        + what
        + "; the "
        + finished
        + " finished rows are kept in the results table"
        + kept;
  }

  private record Planned(Cell cell, Phase phase, int round, int trial, int order) {}

  private List<Planned> plan(Random random) {
    List<Planned> plan = new ArrayList<>();
    int order = 0;
    for (int round = 0; round < warmup + trials; round++) {
      Phase phase = round < warmup ? Phase.WARMUP : Phase.MEASURED;
      int trial = phase == Phase.WARMUP ? round : round - warmup;
      List<Cell> cells = shuffle ? shuffledInBlocks(random) : cells();
      for (Cell cell : cells) {
        plan.add(new Planned(cell, phase, round, trial, order++));
      }
    }
    return plan;
  }

  /**
   * One round's cells in a randomized block design: the cells that differ only in transport (and
   * TCP_NODELAY) form a block and run back to back in a shuffled order, and the blocks are shuffled
   * too. The two trials that a ratio compares are then neighbours in time. That matters when the
   * machine drifts: in teaching runs whose trials showed drift (lag-1 correlation 0.38 and 0.63),
   * the per-round UDS/TCP log ratio of neighbouring pairs deviated half as much from its median
   * (mean 0.078) as that of pairs with another trial between them (0.148).
   */
  private List<Cell> shuffledInBlocks(Random random) {
    Map<List<Object>, List<Cell>> blocks = new LinkedHashMap<>();
    for (Cell cell : cells()) {
      blocks
          .computeIfAbsent(
              List.of(cell.workload(), cell.size(), cell.writes(), cell.depth()),
              k -> new ArrayList<>())
          .add(cell);
    }
    List<List<Cell>> order = new ArrayList<>(blocks.values());
    Collections.shuffle(order, random);
    List<Cell> cells = new ArrayList<>();
    for (List<Cell> block : order) {
      Collections.shuffle(block, random);
      cells.addAll(block);
    }
    return cells;
  }

  /** The CPUs each end is pinned to for a placement, or why they are not. */
  private record Cpus(OptionalInt server, OptionalInt client, String reason) {
    static Cpus forPlacement(Placement placement) {
      List<Integer> allowed = Affinity.allowedCpus();
      return switch (placement) {
        case SCHEDULER ->
            new Cpus(OptionalInt.empty(), OptionalInt.empty(), "left to the scheduler");
        case SAME_CORE ->
            new Cpus(OptionalInt.of(allowed.get(0)), OptionalInt.of(allowed.get(0)), null);
        case CROSS_CORE ->
            allowed.size() < 2
                ? new Cpus(
                    OptionalInt.empty(),
                    OptionalInt.empty(),
                    "cross-core needs two CPUs, this process may use only " + allowed)
                : new Cpus(OptionalInt.of(allowed.get(0)), OptionalInt.of(allowed.get(1)), null);
      };
    }
  }

  private String pinningText(Cpus cpus, Peer server, Peer client) {
    if (cpus.reason() != null) {
      return "not pinned: " + cpus.reason();
    }
    Affinity.Pinning s = server.pinning();
    Affinity.Pinning c = client.pinning();
    if (s.pinned() && c.pinned()) {
      String method =
          isolation == Isolation.THREADS
              ? "taskset -p on each thread"
              : "taskset -c on each process";
      return "server cpu" + s.cpu() + ", client cpu" + c.cpu() + " (" + method + ", verified)";
    }
    return s.pinned() ? c.description() : s.description();
  }

  /** A server trial's pinning: the server process's (verified), then the client peer's. */
  private static String serverPinning(ManagedServer server, Peer client, String peers) {
    Affinity.Pinning c = client.pinning();
    return server.pinning().description()
        + ", "
        + (c.pinned() ? "client cpu" + c.cpu() + " (verified)" : c.description())
        + (peers.contains("; other JVM threads") ? peers.substring(peers.indexOf(';')) : "");
  }

  /** Everything a run opens, closed in reverse order whatever happens. */
  private static final class Resources implements AutoCloseable {
    final Map<Workload.Server, ManagedServer> servers =
        new java.util.EnumMap<>(Workload.Server.class);
    final Routes routes = new Routes();
    CsvSink sink;
    Affinity.Moved moved;
    Peer server;
    Peer client;

    void startPeers(Isolation isolation, Cpus cpus) {
      if (isolation == Isolation.THREADS) {
        server = ThreadPeer.start("server", cpus.server());
        client = ThreadPeer.start("client", cpus.client());
      } else {
        server = ProcessPeer.start("server", cpus.server());
        client = ProcessPeer.start("client", cpus.client());
      }
    }

    @Override
    public void close() throws IOException {
      BenchException failure = null;
      for (Peer peer : new Peer[] {client, server}) {
        if (peer != null) {
          try {
            peer.close();
          } catch (BenchException e) {
            failure = e;
          }
        }
      }
      if (moved != null) {
        moved.close();
      }
      try {
        routes.close();
      } catch (RuntimeException e) {
        failure = e instanceof BenchException bench ? bench : new BenchException(e.toString(), e);
      }
      try {
        servers.values().forEach(ManagedServer::close);
      } finally {
        if (sink != null) {
          sink.close();
        }
      }
      if (failure != null) {
        throw failure;
      }
    }
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
          depths);
    }
  }
}
