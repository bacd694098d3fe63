package org.udsvstcp.bench.experiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.udsvstcp.bench.BenchException;
import org.udsvstcp.bench.env.Affinity;
import org.udsvstcp.bench.transport.AddressInUseException;
import org.udsvstcp.bench.transport.Endpoint;
import org.udsvstcp.bench.transport.PeerClosedException;
import org.udsvstcp.bench.transport.TransportOptions;
import org.udsvstcp.bench.transport.UnsafeSocketPathException;
import org.udsvstcp.bench.workload.CorruptTransferException;
import org.udsvstcp.bench.workload.CostMeter;
import org.udsvstcp.bench.workload.Peer;
import org.udsvstcp.bench.workload.RunInterruptedException;
import org.udsvstcp.bench.workload.Tally;
import org.udsvstcp.bench.workload.ThreadPeer;
import org.udsvstcp.bench.workload.TrialSpec;

/**
 * A peer that runs its role in a child JVM started by this library ({@link PeerMain}), pinned with
 * {@code taskset -c} if asked; the child is always reaped: on close, on abort, and by a shutdown
 * hook if this JVM exits first.
 */
final class ProcessPeer implements Peer {
  private static final long START_SECONDS = 60;
  private static final long STOP_SECONDS = 5;
  private static final int KEPT_LINES = 20;

  private final String role;
  private final Process process;
  private final Writer commands;
  private final Thread reader;
  private final Thread shutdownHook;
  private final Deque<String> lastLines = new ArrayDeque<>();
  private final CompletableFuture<String> hello = new CompletableFuture<>();
  private volatile Pending pending;
  private Affinity.Pinning pinning;

  private ProcessPeer(String role, Process process) {
    this.role = role;
    this.process = process;
    this.commands =
        new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.reader =
        new Thread(this::readAnswers, ThreadPeer.THREAD_PREFIX + role + "-process-reader");
    this.reader.setDaemon(true);
    this.shutdownHook = new Thread(this::kill, ThreadPeer.THREAD_PREFIX + role + "-reaper");
  }

  /** Starts a child JVM for {@code role}, pinned to {@code cpu} if given, and waits until ready. */
  static ProcessPeer start(String role, OptionalInt cpu) {
    return start(role, cpu, List.of());
  }

  /**
   * Starts a child JVM for {@code role} behind {@code launcher} (a route's, which puts the process
   * inside the route before it runs anything else), pinned to {@code cpu} if given, and waits until
   * ready.
   */
  static ProcessPeer start(String role, OptionalInt cpu, List<String> launcher) {
    // The launcher first: moving into a cgroup may reset the CPUs a process may use.
    List<String> command = new ArrayList<>(launcher);
    String pinningMethod = null;
    if (cpu.isPresent()) {
      var taskset = Affinity.taskset();
      if (taskset.isPresent()) {
        command.addAll(List.of(taskset.get().toString(), "-c", Integer.toString(cpu.getAsInt())));
        pinningMethod = "taskset -c";
      }
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
    // The child reads its own costs; it accounts as this JVM does when the peer starts.
    command.add("-D" + CostMeter.PROPERTY + "=" + (CostMeter.enabled() ? "on" : "off"));
    if (Runtime.version().feature() >= 22) {
      // junixsocket loads a native library; say so, or JDK 22+ warns on every start.
      command.add("--enable-native-access=ALL-UNNAMED");
    }
    command.add("-cp");
    command.add(classPath());
    command.add(PeerMain.class.getName());
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new BenchException("cannot start the " + role + " process: " + e.getMessage(), e);
    }
    ProcessPeer peer = new ProcessPeer(role, process);
    peer.reader.start();
    try {
      Runtime.getRuntime().addShutdownHook(peer.shutdownHook);
    } catch (IllegalStateException e) {
      // This JVM is already exiting: close() below reaps the child.
    }
    try {
      String cpus = peer.hello.get(START_SECONDS, TimeUnit.SECONDS).split(" ")[0];
      peer.pinning = pinningOf(cpu, pinningMethod, cpus);
      return peer;
    } catch (InterruptedException e) {
      peer.close();
      Thread.currentThread().interrupt();
      throw new RunInterruptedException("interrupted while starting the " + role + " process");
    } catch (ExecutionException | TimeoutException e) {
      peer.close();
      throw new BenchException(
          "the " + role + " process did not start: " + causeText(e) + peer.lastOutput(), e);
    }
  }

  private static Affinity.Pinning pinningOf(OptionalInt cpu, String method, String cpus) {
    if (cpu.isEmpty()) {
      return new Affinity.Pinning(false, -1, "not pinned: left to the scheduler");
    }
    if (method == null) {
      return new Affinity.Pinning(false, cpu.getAsInt(), "not pinned: taskset not found");
    }
    if (!cpus.equals(Integer.toString(cpu.getAsInt()))) {
      return new Affinity.Pinning(
          false, cpu.getAsInt(), "not pinned: the process may use cpus " + cpus);
    }
    return new Affinity.Pinning(true, cpu.getAsInt(), "cpu" + cpu.getAsInt());
  }

  /** The library's own location first, then this JVM's class path. */
  static String classPath() {
    Set<String> entries = new LinkedHashSet<>();
    for (Class<?> type :
        List.of(
            PeerMain.class,
            org.newsclub.net.unix.AFUNIXSocket.class,
            org.HdrHistogram.Histogram.class,
            // The real servers' clients, for a peer that runs them.
            org.postgresql.Driver.class,
            redis.clients.jedis.Jedis.class,
            org.apache.commons.pool2.ObjectPool.class,
            org.slf4j.Logger.class,
            org.json.JSONObject.class,
            com.google.gson.Gson.class)) {
      addLocation(
          entries,
          type.getProtectionDomain().getCodeSource() == null
              ? null
              : type.getProtectionDomain().getCodeSource().getLocation());
    }
    // junixsocket's native library lives in a jar without classes; find it by a resource.
    URL nativeCommon =
        PeerMain.class
            .getClassLoader()
            .getResource(
                "META-INF/maven/com.kohlschutter.junixsocket/junixsocket-native-common/pom.properties");
    if (nativeCommon != null && "jar".equals(nativeCommon.getProtocol())) {
      String spec = nativeCommon.getPath();
      try {
        addLocation(entries, new URL(spec.substring(0, spec.indexOf("!/"))));
      } catch (IOException | RuntimeException e) {
        // The class path below may still hold it.
      }
    }
    for (String entry :
        System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
      if (!entry.isEmpty()) {
        entries.add(entry);
      }
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  private static void addLocation(Set<String> entries, URL location) {
    if (location == null) {
      return;
    }
    try {
      entries.add(Path.of(location.toURI()).toString());
    } catch (URISyntaxException | RuntimeException e) {
      // Not a file location (for example a notebook's in-memory class loader).
    }
  }

  private void readAnswers() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.startsWith(PeerMain.PREFIX)) {
          keep(line);
          continue;
        }
        String[] parts = line.substring(PeerMain.PREFIX.length()).split(" ", 3);
        Pending current = pending;
        switch (parts[0]) {
          case "HELLO" ->
              hello.complete(parts.length > 1 ? line.substring(line.indexOf("HELLO ") + 6) : "");
          case "READY" -> {
            if (current != null) {
              current.ready().complete(Endpoint.decode(parts[1]));
            }
          }
          case "DONE" -> {
            if (current != null) {
              current.done().complete(Tally.decode(parts[1]));
            }
          }
          case "FAIL" -> {
            if (current != null) {
              Exception error =
                  rebuild(
                      parts[1],
                      URLDecoder.decode(parts.length > 2 ? parts[2] : "", StandardCharsets.UTF_8));
              current.ready().completeExceptionally(error);
              current.done().completeExceptionally(error);
            }
          }
          default -> keep(line);
        }
      }
    } catch (IOException e) {
      // The process was killed: handled below like an exit.
    }
    int exit = waitForExit();
    String gone = "the " + role + " process exited (code " + exit + ")" + lastOutput();
    hello.completeExceptionally(new IOException(gone));
    Pending current = pending;
    if (current != null) {
      PeerClosedException error = new PeerClosedException(gone);
      current.ready().completeExceptionally(error);
      current.done().completeExceptionally(error);
    }
  }

  private int waitForExit() {
    try {
      if (process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
        return process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return -1;
  }

  private static Exception rebuild(String type, String message) {
    return switch (type) {
      case "PeerClosedException" -> new PeerClosedException(message);
      case "CorruptTransferException" -> new CorruptTransferException(message);
      case "AddressInUseException" -> new AddressInUseException(message);
      case "UnsafeSocketPathException" -> new UnsafeSocketPathException(message);
      case "InterruptedIOException", "ClosedByInterruptException" ->
          new InterruptedIOException(message);
      default -> new IOException(type + ": " + message);
    };
  }

  private synchronized void keep(String line) {
    if (lastLines.size() == KEPT_LINES) {
      lastLines.removeFirst();
    }
    lastLines.addLast(line);
  }

  private synchronized String lastOutput() {
    return lastLines.isEmpty() ? "" : "; its last output:\n  " + String.join("\n  ", lastLines);
  }

  private static String causeText(Exception e) {
    Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
    return cause instanceof TimeoutException
        ? "no answer within " + START_SECONDS + " s"
        : String.valueOf(cause.getMessage());
  }

  @Override
  public Pending serve(TrialSpec spec, TransportOptions options) {
    return send("SERVE " + spec.encode() + " " + options.encode());
  }

  @Override
  public Pending connect(TrialSpec spec, Endpoint endpoint) {
    return send("CONNECT " + spec.encode() + " " + endpoint.encode());
  }

  private synchronized Pending send(String command) {
    Pending next = Pending.create();
    pending = next;
    if (!process.isAlive()) {
      PeerClosedException gone =
          new PeerClosedException("the " + role + " process is not running" + lastOutput());
      next.ready().completeExceptionally(gone);
      next.done().completeExceptionally(gone);
      return next;
    }
    try {
      commands.write(command);
      commands.write('\n');
      commands.flush();
    } catch (IOException e) {
      next.ready().completeExceptionally(e);
      next.done().completeExceptionally(e);
    }
    return next;
  }

  @Override
  public void abort() {
    // A child in the middle of a role cannot be told to stop over its input: end it.
    kill();
    joinReader();
  }

  @Override
  public Affinity.Pinning pinning() {
    return pinning;
  }

  /** Returns the child's process id. */
  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    try {
      commands.close();
    } catch (IOException e) {
      // The child may be gone already; it is reaped below either way.
    }
    boolean interrupted = false;
    try {
      if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      interrupted = true;
      kill();
    }
    joinReader();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook runs and finds the child gone.
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void kill() {
    process.destroy();
    boolean interrupted = false;
    try {
      if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
    } catch (InterruptedException e) {
      interrupted = true;
      process.destroyForcibly();
      try {
        process.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException again) {
        // Already stopping; the interrupt is restored below.
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void joinReader() {
    if (Thread.currentThread() == reader) {
      return;
    }
    boolean interrupted = false;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_SECONDS);
    while (reader.isAlive() && System.nanoTime() < deadline) {
      try {
        reader.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        // Finish reaping first; the caller sees the interrupt afterwards.
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
