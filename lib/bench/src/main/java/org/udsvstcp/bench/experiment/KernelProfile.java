package org.udsvstcp.bench.experiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.udsvstcp.bench.BenchException;
import org.udsvstcp.bench.env.Affinity;
import org.udsvstcp.bench.perf.KernelCategory;
import org.udsvstcp.bench.perf.KernelTime;
import org.udsvstcp.bench.perf.PerfScript;
import org.udsvstcp.bench.perf.SymbolRules;
import org.udsvstcp.bench.transport.Transport;
import org.udsvstcp.bench.transport.TransportOptions;
import org.udsvstcp.bench.workload.Peer;
import org.udsvstcp.bench.workload.ThreadPeer;
import org.udsvstcp.bench.workload.Trial;
import org.udsvstcp.bench.workload.TrialResult;
import org.udsvstcp.bench.workload.TrialSpec;

/**
 * Where the kernel spends a stream trial's time: samples both ends with {@code perf record} at a
 * fixed period of CPU time, with kernel call chains, during one trial; puts every kernel sample in
 * a category ({@link SymbolRules}) and turns samples into time (samples times period), and lists
 * the kernel functions with the largest share of the samples; with the exact commands so a reader
 * can rerun them. The two ends are threads of this JVM, or two child processes (for tcp-sockmap and
 * tcp-veth, inside the route the profile sets up and removes).
 *
 * @param transport the transport
 * @param size the message size
 * @param record the {@code perf record} command as run (its CPU or thread ids are this run's)
 * @param sampled what was sampled: the CPU both ends ran on, or (if they could not be pinned, or
 *     perf may not sample a whole CPU here) the two threads or processes, whose own events miss the
 *     context switches between them
 * @param report the {@code perf script} command that read the samples, as run
 * @param samples the samples perf took of the two ends (threads, or every thread of two processes)
 * @param functions every kernel function a sample ended in (self time), largest share first
 * @param time the two ends' kernel time by category, from samples times {@link #PERIOD_NS}
 * @param result the trial that was sampled, with both ends' cost columns
 */
public record KernelProfile(
    Transport transport,
    int size,
    String record,
    String sampled,
    String report,
    long samples,
    List<Function> functions,
    KernelTime time,
    TrialResult result) {

  /**
   * The sampling period in nanoseconds of a thread's CPU time (about 5,150 samples per second of
   * it): fixed, so that samples times period is time; no simple fraction of the 1, 3.33, 4 or 10 ms
   * timer ticks, so sampling does not beat with them.
   */
  public static final long PERIOD_NS = 194_003;

  private static final Duration WARMUP = Duration.ofMillis(500);

  /**
   * One kernel function.
   *
   * @param symbol the function's name
   * @param percent its share of all samples of the two threads, user space included
   */
  public record Function(String symbol, double percent) {}

  /** The two ends' names in {@link KernelTime#byEnd()}. */
  public static final List<String> ENDS = List.of("server", "client");

  /**
   * The environment variable that, set to {@code off}, makes this machine count as one where perf
   * cannot sample (so a notebook's fallback can be seen, and tested, on a machine where it can).
   */
  public static final String PERF_SWITCH = "UDS_VS_TCP_PERF";

  /**
   * Returns why perf cannot sample the kernel here, or empty if it can: perf must be installed
   * ({@code linux-perf} on Debian), this user root or {@code perf_event_paranoid} at most 1, and
   * {@value #PERF_SWITCH} not {@code off}.
   */
  public static Optional<String> unavailable() {
    if ("off".equals(System.getenv(PERF_SWITCH))) {
      return Optional.of(PERF_SWITCH + "=off: told not to sample");
    }
    Optional<Path> perf = perf();
    if (perf.isEmpty()) {
      return Optional.of("perf is not installed (Debian: apt-get install linux-perf)");
    }
    Path paranoid = Path.of("/proc/sys/kernel/perf_event_paranoid");
    int level;
    try {
      level = Integer.parseInt(Files.readString(paranoid).strip());
    } catch (IOException | NumberFormatException e) {
      return Optional.of("cannot read " + paranoid + " (not Linux?)");
    }
    if (level > 1 && !isRoot()) {
      return Optional.of(
          "perf_event_paranoid is "
              + level
              + " and this user is not root: kernel samples need root or a level of at most 1"
              + " (sysctl kernel.perf_event_paranoid=1)");
    }
    return Optional.empty();
  }

  /**
   * Runs one stream trial of {@code size}-byte messages for {@code duration}, both ends threads of
   * this JVM pinned to one CPU if possible, under {@code perf record} with kernel call chains at a
   * fixed period of {@link #PERIOD_NS} (sampling that CPU, or the two threads if they are not
   * pinned), after one unsampled trial; returns the kernel functions and categories it sampled;
   * perf's files go to a fresh directory under {@code workDir}, deleted afterwards.
   *
   * @throws BenchException if perf is unavailable or fails
   * @throws IllegalArgumentException for tcp-sockmap and tcp-veth, whose ends run only in processes
   */
  public static KernelProfile stream(
      Transport transport, int size, Duration duration, Path workDir) {
    return stream(transport, size, duration, workDir, Isolation.THREADS);
  }

  /**
   * Runs one stream trial as {@link #stream(Transport, int, Duration, Path)} does, with the two
   * ends in threads of this JVM or in two child processes pinned to one CPU (every thread of each
   * counts as its end; for tcp-sockmap and tcp-veth the processes run inside the route the profile
   * sets up and removes, whatever happens).
   *
   * @throws BenchException if perf is unavailable or fails, or the transport's route cannot be set
   *     up
   * @throws IllegalArgumentException for tcp-sockmap and tcp-veth in threads
   */
  public static KernelProfile stream(
      Transport transport, int size, Duration duration, Path workDir, Isolation isolation) {
    if (transport.needsRoute() && isolation != Isolation.PROCESSES) {
      throw new IllegalArgumentException(
          transport.label()
              + " runs its ends only in processes inside its route: profile it with"
              + " Isolation.PROCESSES");
    }
    unavailable()
        .ifPresent(
            why -> {
              throw new BenchException("cannot sample the kernel: " + why);
            });
    String perf = perf().orElseThrow().toString();
    List<Integer> cpus = Affinity.allowedCpus();
    OptionalInt cpu = cpus.isEmpty() ? OptionalInt.empty() : OptionalInt.of(cpus.get(0));
    Path dir;
    try {
      Files.createDirectories(workDir);
      dir = Files.createTempDirectory(workDir, "perf-");
    } catch (IOException e) {
      throw new BenchException("cannot create a directory for perf under " + workDir, e);
    }
    TrialSpec spec = TrialSpec.stream(transport, size, duration);
    try {
      if (isolation == Isolation.THREADS) {
        try (ThreadPeer server = ThreadPeer.start("server", cpu);
            ThreadPeer client = ThreadPeer.start("client", cpu)) {
          OptionalLong s = server.taskId();
          OptionalLong c = client.taskId();
          if (s.isEmpty() || c.isEmpty()) {
            throw new BenchException("cannot find the peer threads' task ids (/proc/thread-self)");
          }
          Ends ends =
              new Ends(
                  server,
                  client,
                  TransportOptions.defaults(),
                  "-t",
                  s.getAsLong() + "," + c.getAsLong(),
                  () -> Map.of(s.getAsLong(), ENDS.get(0), c.getAsLong(), ENDS.get(1)),
                  "both ends ran",
                  "the two ends' threads");
          return sample(perf, spec, ends, cpu, dir);
        }
      }
      try (Routes routes = new Routes()) {
        ProcessPeer server = null;
        ProcessPeer client = null;
        try {
          TransportOptions options = TransportOptions.defaults();
          if (transport.needsRoute()) {
            // Closing the routes stops these peers, then removes the route.
            routes.open(List.of(transport), cpu, cpu);
            server = routes.server(transport);
            client = routes.client(transport);
            options = routes.options(transport, options);
          } else {
            server = ProcessPeer.start("server", cpu);
            client = ProcessPeer.start("client", cpu);
          }
          long s = server.pid();
          long c = client.pid();
          Ends ends =
              new Ends(
                  server,
                  client,
                  options,
                  "-p",
                  s + "," + c,
                  () -> tasksOf(Map.of(s, ENDS.get(0), c, ENDS.get(1))),
                  "both ends' processes ran (every thread of the two)",
                  "the two ends' processes, every thread");
          return sample(perf, spec, ends, cpu, dir);
        } finally {
          if (!transport.needsRoute()) {
            for (ProcessPeer peer : new ProcessPeer[] {client, server}) {
              if (peer != null) {
                peer.close();
              }
            }
          }
        }
      }
    } finally {
      for (String name :
          List.of("perf.data", "perf.data.old", "record.log", "report.log", "control", "ack")) {
        try {
          Files.deleteIfExists(dir.resolve(name));
        } catch (IOException e) {
          // Left in the directory we made; the directory delete below reports nothing either.
        }
      }
      try {
        Files.deleteIfExists(dir);
      } catch (IOException e) {
        // Not empty: something else wrote into our directory; leave it.
      }
    }
  }

  /**
   * The two ends of a profiled trial and how perf finds them.
   *
   * @param server the server end
   * @param client the client end
   * @param options where the client connects (a route's address for tcp-veth)
   * @param flag perf record's option for the ends when it cannot sample their CPU: -t or -p
   * @param targets the ends' thread or process ids, for {@code flag}
   * @param tids every thread id of the two ends and its end's name, read after the sampled trial (a
   *     process's threads are known only while it runs)
   * @param where the ends, as in "CPU 0, where ..."
   * @param what the ends, as sampled without their CPU
   */
  private record Ends(
      Peer server,
      Peer client,
      TransportOptions options,
      String flag,
      String targets,
      Supplier<Map<Long, String>> tids,
      String where,
      String what) {}

  /**
   * Runs an unsampled trial, then one under {@code perf record} (the ends' CPU if both are pinned
   * to it and perf may sample a whole CPU, else the ends themselves), and reads the samples.
   */
  private static KernelProfile sample(
      String perf, TrialSpec spec, Ends ends, OptionalInt cpu, Path dir) {
    Path data = dir.resolve("perf.data");
    // Both ends on one CPU: sample that CPU, so the context switches between them are seen too
    // (a thread's own event stops while it is switched out and misses the switch itself).
    boolean cpuWide =
        cpu.isPresent()
            && ends.server().pinning().pinned()
            && ends.client().pinning().pinned()
            && (isRoot() || paranoia() <= 0);
    // A first trial unsampled, so the sampled one runs compiled code (half a second is plenty
    // for the JIT to compile the loops).
    TrialSpec warmup =
        TrialSpec.stream(
            spec.transport(),
            spec.size(),
            spec.duration().compareTo(WARMUP) < 0 ? spec.duration() : WARMUP);
    Trial.run(warmup, ends.options(), ends.server(), ends.client(), Trial.defaultTimeout(warmup));
    Path control = dir.resolve("control");
    Path ack = dir.resolve("ack");
    PerfControl.makeFifos(control, ack);
    // Started with its events disabled (-D -1), perf samples exactly the trial: it is enabled
    // and disabled through its control FIFO, and acknowledges each command once done.
    List<String> record =
        List.of(
            perf,
            "record",
            "-e",
            "cpu-clock",
            "-c",
            Long.toString(PERIOD_NS),
            "-g",
            "--kernel-callchains",
            // Nothing about other processes' files is needed: the kernel's symbols come from
            // kallsyms, and user-space samples count as user time whatever their function.
            "--synth=no",
            "--no-buildid",
            "--no-buildid-cache",
            cpuWide ? "-C" : ends.flag(),
            cpuWide ? Integer.toString(cpu.getAsInt()) : ends.targets(),
            "-D",
            "-1",
            "--control",
            "fifo:" + control + "," + ack,
            "-o",
            data.toString(),
            "-q");
    Process recording = PerfControl.start(record, dir.resolve("record.log"));
    TrialResult result;
    Map<Long, String> tids;
    try (FileChannel commands =
            FileChannel.open(control, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileChannel acks =
            FileChannel.open(ack, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      PerfControl.command(commands, acks, "enable", recording, dir.resolve("record.log"));
      result =
          Trial.run(spec, ends.options(), ends.server(), ends.client(), Trial.defaultTimeout(spec));
      PerfControl.command(commands, acks, "disable", recording, dir.resolve("record.log"));
      tids = ends.tids().get();
    } catch (IOException e) {
      throw new BenchException("cannot talk to perf record: " + e.getMessage(), e);
    } finally {
      // perf record writes its file and exits on SIGTERM as on SIGINT.
      recording.destroy();
      PerfControl.waitFor(recording);
    }
    List<String> report =
        List.of(perf, "script", "-i", data.toString(), "-F", PerfScript.FIELDS, "--no-inline");
    Process reporting = PerfControl.start(report, dir.resolve("report.log"));
    KernelTime.Tally tally = new KernelTime.Tally(SymbolRules.standard(), tids);
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(reporting.getInputStream(), StandardCharsets.UTF_8))) {
      PerfScript.read(in, tally);
    } catch (IOException | IllegalArgumentException e) {
      reporting.destroyForcibly();
      PerfControl.waitFor(reporting);
      throw new BenchException("cannot read perf script's output: " + e.getMessage(), e);
    }
    if (PerfControl.waitFor(reporting) != 0) {
      throw new BenchException(
          "perf script failed: " + PerfControl.tail(dir.resolve("report.log")));
    }
    KernelTime time = tally.result();
    return new KernelProfile(
        spec.transport(),
        spec.size(),
        String.join(" ", record),
        cpuWide
            ? "CPU " + cpu.getAsInt() + ", where " + ends.where() + " (other threads there apart)"
            : ends.what()
                + " (their own events miss the context switches between them: "
                + (isRoot() || paranoia() <= 0
                    ? "the ends were not pinned"
                    : "CPU-wide samples need root or perf_event_paranoid at most 0")
                + ")",
        String.join(" ", report),
        time.samples(),
        functions(time),
        time,
        result);
  }

  /**
   * Returns every thread of the given processes (from {@code /proc/<pid>/task}) with its process's
   * end name.
   */
  static Map<Long, String> tasksOf(Map<Long, String> processes) {
    Map<Long, String> tids = new HashMap<>();
    processes.forEach(
        (pid, end) -> {
          tids.put(pid, end);
          try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> tids.put(Long.parseLong(task.getFileName().toString()), end));
          } catch (IOException | NumberFormatException e) {
            throw new BenchException(
                "cannot list the threads of the " + end + " process " + pid + ": " + e, e);
          }
        });
    return tids;
  }

  /** The kernel functions samples ended in, largest self time first, in percent of all samples. */
  static List<Function> functions(KernelTime time) {
    double all = time.kernelNs() + time.userNs();
    List<Function> functions = new ArrayList<>();
    time.leaves().forEach((symbol, ns) -> functions.add(new Function(symbol, 100 * ns / all)));
    return functions;
  }

  /** Returns the number of messages the sampled trial moved. */
  public long messages() {
    return result.messages();
  }

  /** Returns both ends' kernel time per message in a category, from the samples (ns). */
  public double nsPerMessage(KernelCategory category) {
    return (double) time.ns(category) / messages();
  }

  /** Returns both ends' kernel time per message from the samples, every category (ns). */
  public double kernelNsPerMessage() {
    return (double) time.kernelNs() / messages();
  }

  /** Returns both ends' user time per message from the samples (ns). */
  public double userNsPerMessage() {
    return (double) time.userNs() / messages();
  }

  /**
   * Returns both ends' system time per message from the trial's cost columns (ns): the scheduler's
   * run time split by the timer ticks; NaN if an end's split was not measured.
   */
  public double costSystemNsPerMessage() {
    return (result.serverCost().systemNs() + result.clientCost().systemNs()) / messages();
  }

  /** Returns both ends' CPU time per message from the trial's cost columns (exact; ns). */
  public double costCpuNsPerMessage() {
    return (result.serverCost().cpuNs() + result.clientCost().cpuNs()) / messages();
  }

  /** Returns the {@code n} kernel functions with the largest shares. */
  public List<Function> top(int n) {
    return functions.subList(0, Math.min(n, functions.size()));
  }

  /** Returns the share of all samples in kernel functions whose names start with a prefix. */
  public double percentMatching(String... prefixes) {
    return functions.stream()
        .filter(f -> java.util.Arrays.stream(prefixes).anyMatch(f.symbol()::startsWith))
        .mapToDouble(Function::percent)
        .sum();
  }

  /** Returns the share of all samples in kernel functions. */
  public double kernelPercent() {
    return functions.stream().mapToDouble(Function::percent).sum();
  }

  /** Returns the top {@code n} kernel functions as a table (function, percent of samples). */
  public tech.tablesaw.api.Table table(int n) {
    List<Function> top = top(n);
    return tech.tablesaw.api.Table.create(
        transport.label() + ": top kernel functions, " + size + " B stream",
        tech.tablesaw.api.StringColumn.create(
            "function", top.stream().map(Function::symbol).toArray(String[]::new)),
        tech.tablesaw.api.DoubleColumn.create(
            "percent_of_samples", top.stream().mapToDouble(Function::percent).toArray()));
  }

  private static Optional<Path> perf() {
    for (String dir : List.of("/usr/bin", "/usr/sbin", "/bin", "/usr/local/bin")) {
      Path candidate = Path.of(dir, "perf");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Returns kernel.perf_event_paranoid, or 2 (the usual default) if it cannot be read. */
  private static int paranoia() {
    try {
      return Integer.parseInt(
          Files.readString(Path.of("/proc/sys/kernel/perf_event_paranoid")).strip());
    } catch (IOException | NumberFormatException e) {
      return 2;
    }
  }

  private static boolean isRoot() {
    try {
      return "0".equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid").toString());
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }
}
