package org.udsvstcp.bench.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.udsvstcp.bench.BenchException;
import org.udsvstcp.bench.env.Affinity;
import org.udsvstcp.bench.transport.Transport;
import org.udsvstcp.bench.transport.TransportOptions;
import org.udsvstcp.bench.workload.Peer;
import org.udsvstcp.bench.workload.RunInterruptedException;
import org.udsvstcp.bench.workload.ThreadPeer;
import org.udsvstcp.bench.workload.Trial;
import org.udsvstcp.bench.workload.TrialResult;
import org.udsvstcp.bench.workload.TrialSpec;

/**
 * Where the kernel spends a stream trial's time: samples both ends' threads with {@code perf
 * record} during one trial and returns the kernel functions with the largest share of the samples
 * ({@code perf report}), with the exact commands so a reader can rerun them.
 *
 * @param transport the transport
 * @param size the message size
 * @param record the {@code perf record} command as run (its thread ids are this run's)
 * @param report the {@code perf report} command as run
 * @param samples the samples perf took of the two threads
 * @param functions every kernel function perf saw, largest share first
 * @param result the trial that was sampled
 */
public record KernelProfile(
    Transport transport,
    int size,
    String record,
    String report,
    long samples,
    List<Function> functions,
    TrialResult result) {

  /** Samples per second per thread; a prime, so sampling does not beat with periodic work. */
  public static final int FREQUENCY = 4999;

  private static final long STOP_SECONDS = 20;
  private static final Pattern LINE = Pattern.compile("^\\s*([0-9.]+)%\\s+\\[k\\]\\s+(\\S+)");
  private static final Pattern SAMPLES = Pattern.compile("^# Samples: (\\d+)([KM]?)");

  /**
   * One kernel function.
   *
   * @param symbol the function's name
   * @param percent its share of all samples of the two threads, user space included
   */
  public record Function(String symbol, double percent) {}

  /**
   * Returns why perf cannot sample the kernel here, or empty if it can: perf must be installed
   * ({@code linux-perf} on Debian) and this user root or {@code perf_event_paranoid} at most 1.
   */
  public static Optional<String> unavailable() {
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
   * Runs one stream trial of {@code size}-byte messages for {@code duration}, both ends pinned to
   * one CPU if possible, under {@code perf record -t} on the two ends' threads, and returns the
   * kernel functions it sampled; perf's files go to a fresh directory under {@code workDir},
   * deleted afterwards.
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
   * ends in threads of this JVM ({@code perf record -t} on the two threads) or in two child
   * processes ({@code perf record -p} on the two processes, every thread of each; for tcp-sockmap
   * and tcp-veth inside the route the profile sets up and removes).
   *
   * @throws BenchException if perf is unavailable or fails, or the transport's route cannot be set
   *     up
   */
  public static KernelProfile stream(
      Transport transport, int size, Duration duration, Path workDir, Isolation isolation) {
    if (transport.needsRoute() && isolation != Isolation.PROCESSES) {
      throw new IllegalArgumentException(
          transport + " runs its ends only in processes: profile it with Isolation.PROCESSES");
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
          return sample(
              perf,
              spec,
              TransportOptions.defaults(),
              server,
              client,
              "-t",
              s.getAsLong() + "," + c.getAsLong(),
              dir);
        }
      }
      try (Routes routes = new Routes()) {
        ProcessPeer server = null;
        ProcessPeer client = null;
        try {
          TransportOptions options = TransportOptions.defaults();
          if (transport.needsRoute()) {
            routes.open(List.of(transport), cpu, cpu);
            server = routes.server(transport);
            client = routes.client(transport);
            options = routes.options(transport, options);
          } else {
            server = ProcessPeer.start("server", cpu);
            client = ProcessPeer.start("client", cpu);
          }
          return sample(
              perf, spec, options, server, client, "-p", server.pid() + "," + client.pid(), dir);
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
   * Runs an unsampled trial, then one under {@code perf record <targetFlag> <targets>}, and returns
   * what perf report says of the second.
   */
  private static KernelProfile sample(
      String perf,
      TrialSpec spec,
      TransportOptions options,
      Peer server,
      Peer client,
      String targetFlag,
      String targets,
      Path dir) {
    Path data = dir.resolve("perf.data");
    // A first trial unsampled, so the sampled one runs compiled code.
    Trial.run(spec, options, server, client, Trial.defaultTimeout(spec));
    Path control = dir.resolve("control");
    Path ack = dir.resolve("ack");
    makeFifos(control, ack);
    // Started with its events disabled (-D -1), perf samples exactly the trial: it is enabled
    // and disabled through its control FIFO, and acknowledges each command once done.
    List<String> record =
        List.of(
            perf,
            "record",
            "-e",
            "cpu-clock",
            "-F",
            Integer.toString(FREQUENCY),
            targetFlag,
            targets,
            "-D",
            "-1",
            "--control",
            "fifo:" + control + "," + ack,
            "-o",
            data.toString(),
            "-q");
    Process recording = start(record, dir.resolve("record.log"));
    TrialResult result;
    try (FileChannel commands =
            FileChannel.open(control, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileChannel acks =
            FileChannel.open(ack, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      command(commands, acks, "enable", recording, dir.resolve("record.log"));
      result = Trial.run(spec, options, server, client, Trial.defaultTimeout(spec));
      command(commands, acks, "disable", recording, dir.resolve("record.log"));
    } catch (IOException e) {
      throw new BenchException("cannot talk to perf record: " + e.getMessage(), e);
    } finally {
      // perf record writes its file and exits on SIGTERM as on SIGINT.
      recording.destroy();
      waitFor(recording);
    }
    List<String> report =
        List.of(perf, "report", "-i", data.toString(), "--stdio", "--sort", "sym");
    Process reporting = start(report, dir.resolve("report.log"));
    String text = read(reporting);
    if (waitFor(reporting) != 0) {
      throw new BenchException("perf report failed: " + tail(dir.resolve("report.log")));
    }
    return new KernelProfile(
        spec.transport(),
        spec.size(),
        String.join(" ", record),
        String.join(" ", report),
        samples(text),
        parse(text, Integer.MAX_VALUE),
        result);
  }

  /** Parses {@code perf report --stdio --sort sym}: kernel ([k]) lines, largest first. */
  static List<Function> parse(String report, int top) {
    List<Function> functions = new ArrayList<>();
    for (String line : report.split("\n")) {
      Matcher m = LINE.matcher(line);
      if (m.find() && functions.size() < top) {
        functions.add(new Function(m.group(2), Double.parseDouble(m.group(1))));
      }
    }
    return functions;
  }

  static long samples(String report) {
    for (String line : report.split("\n")) {
      Matcher m = SAMPLES.matcher(line);
      if (m.find()) {
        long n = Long.parseLong(m.group(1));
        return m.group(2).equals("K") ? n * 1000 : m.group(2).equals("M") ? n * 1_000_000 : n;
      }
    }
    return 0;
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

  /**
   * What the kernel was doing, by function-name prefix: each function counts towards the first
   * family it matches, so tcp_bpf_sendmsg is sockmap's, not TCP's.
   */
  public static final Map<String, List<String>> FAMILIES = families();

  private static Map<String, List<String>> families() {
    Map<String, List<String>> f = new LinkedHashMap<>();
    f.put("copies", List.of("_copy_", "copy_user", "copyin", "copyout", "copy_page_", "__copy_"));
    f.put(
        "sockmap and BPF",
        // bpf_prog_<tag>_<name>: the programs themselves, as the JIT names them; not every bpf_
        // (bpf_lsm_socket_sendmsg is a hook every send passes, programs or not).
        List.of(
            "tcp_bpf_",
            "sk_msg",
            "__sk_msg",
            "sk_psock",
            "bpf_msg_",
            "bpf_sk_redirect",
            "bpf_prog_",
            "sock_map_",
            "sock_hash_",
            "__sock_map",
            "__sock_hash"));
    f.put(
        "TCP and IP",
        List.of(
            "tcp_",
            "__tcp",
            "ip_",
            "__ip",
            "ip6_",
            "inet_",
            "__inet",
            "inet6_",
            "ipv4_",
            "ipv6_",
            "bbr_",
            "bictcp_",
            "cubictcp_"));
    f.put(
        "device and softirq",
        List.of(
            "__dev_",
            "dev_",
            "net_rx",
            "__netif",
            "netif_",
            "loopback_",
            "veth_",
            "process_backlog",
            "__napi",
            "napi_",
            "do_softirq",
            "__do_softirq",
            "handle_softirqs",
            "__local_bh_enable",
            "nf_",
            "skb_defer"));
    f.put("Unix sockets", List.of("unix_"));
    f.put(
        "scheduler and wake-ups",
        List.of(
            "finish_task_switch",
            "__schedule",
            "schedule",
            "try_to_wake_up",
            "ttwu_",
            "_raw_spin_unlock_irqrestore",
            "enqueue_",
            "dequeue_",
            "pick_next",
            "update_curr",
            "__wake_up",
            "autoremove_wake_function",
            "sock_def_readable"));
    f.put(
        "system call entry and exit",
        List.of("do_syscall_64", "entry_SYSCALL", "syscall_", "exit_to_user_mode", "__x64_sys_"));
    f.put(
        "socket and file layers",
        List.of(
            "sock_",
            "__sock_",
            "sk_",
            "__sk_",
            "vfs_",
            "ksys_",
            "__sys_",
            "fdget",
            "fput",
            "__fget",
            "rw_verify_area",
            "security_",
            "__check_object_size",
            "__virt_addr_valid",
            "check_heap_object",
            "import_",
            "release_sock",
            "lock_sock"));
    f.put(
        "memory",
        List.of(
            "kmalloc",
            "__kmalloc",
            "kmem_cache",
            "kfree",
            "__alloc",
            "alloc_pages",
            "__free_",
            "free_",
            "__slab",
            "___slab",
            "slab_",
            "get_page_from_freelist",
            "__rmqueue",
            "rmqueue",
            "__memcg",
            "mod_memcg",
            "memcg_",
            "obj_cgroup",
            "page_counter",
            "__mod_",
            "__lruvec",
            "consume_skb",
            "kfree_skb",
            "skb_release",
            "__kfree_skb"));
    f.put("spin locks", List.of("_raw_spin_", "queued_spin", "native_queued_spin"));
    return java.util.Collections.unmodifiableMap(f);
  }

  /**
   * Returns the share of all samples per {@link #FAMILIES family}, then "other kernel" and "user
   * space" (the JVM's own code), in percent; they add up to 100.
   */
  public Map<String, Double> byFamily() {
    Map<String, Double> shares = new LinkedHashMap<>();
    FAMILIES.keySet().forEach(family -> shares.put(family, 0.0));
    double other = 0;
    for (Function function : functions) {
      String family =
          FAMILIES.entrySet().stream()
              .filter(e -> e.getValue().stream().anyMatch(function.symbol()::startsWith))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElse(null);
      if (family == null) {
        other += function.percent();
      } else {
        shares.merge(family, function.percent(), Double::sum);
      }
    }
    shares.put("other kernel", other);
    shares.put("user space", Math.max(0, 100 - kernelPercent()));
    return shares;
  }

  /**
   * Returns the profiles side by side by family: a column {@code family}, then one column per
   * profile (named by its transport and size, "tcp 64 B") of percent of that profile's samples.
   */
  public static tech.tablesaw.api.Table byFamily(List<KernelProfile> profiles) {
    tech.tablesaw.api.StringColumn families = tech.tablesaw.api.StringColumn.create("family");
    List<Map<String, Double>> shares = profiles.stream().map(KernelProfile::byFamily).toList();
    if (!shares.isEmpty()) {
      shares.get(0).keySet().forEach(families::append);
    }
    tech.tablesaw.api.Table table =
        tech.tablesaw.api.Table.create("percent of samples by what the kernel was doing", families);
    for (int i = 0; i < profiles.size(); i++) {
      Map<String, Double> share = shares.get(i);
      table.addColumns(
          tech.tablesaw.api.DoubleColumn.create(
              profiles.get(i).transport().label()
                  + " "
                  + org.udsvstcp.bench.stats.Units.size(profiles.get(i).size()),
              share.values().stream().mapToDouble(Double::doubleValue).toArray()));
    }
    return table;
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

  private static boolean isRoot() {
    try {
      return "0".equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid").toString());
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  private static Process start(List<String> command, Path log) {
    try {
      return new ProcessBuilder(command)
          .redirectError(log.toFile())
          .redirectInput(ProcessBuilder.Redirect.PIPE)
          .start();
    } catch (IOException e) {
      throw new BenchException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    }
  }

  private static void makeFifos(Path... fifos) {
    List<String> command = new ArrayList<>(List.of("mkfifo", "-m", "600"));
    for (Path fifo : fifos) {
      command.add(fifo.toString());
    }
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new BenchException("cannot run mkfifo for perf's control: " + e.getMessage(), e);
    }
    String output = read(mkfifo);
    if (waitFor(mkfifo) != 0) {
      throw new BenchException("mkfifo failed: " + output.strip());
    }
  }

  /** Sends one control command to perf record and waits for its acknowledgement. */
  private static void command(
      FileChannel commands, FileChannel acks, String command, Process recording, Path log)
      throws IOException {
    commands.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
    ExecutorService reader =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, ThreadPeer.THREAD_PREFIX + "perf-ack");
              t.setDaemon(true);
              return t;
            });
    try {
      Future<Integer> answer = reader.submit(() -> acks.read(ByteBuffer.allocate(16)));
      answer.get(STOP_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunInterruptedException("interrupted while waiting for perf");
    } catch (ExecutionException | TimeoutException e) {
      throw new BenchException(
          "perf record did not acknowledge '"
              + command
              + "'"
              + (recording.isAlive() ? "" : " (it exited: " + tail(log) + ")"),
          e);
    } finally {
      reader.shutdownNow();
    }
  }

  private static String read(Process process) {
    try (InputStream in = process.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BenchException("cannot read perf's output: " + e.getMessage(), e);
    }
  }

  private static int waitFor(Process process) {
    try {
      if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new RunInterruptedException("interrupted while waiting for perf");
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
