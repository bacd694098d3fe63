package org.udsvstcp.bench.server;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.udsvstcp.bench.env.Affinity;

/**
 * A server process started under a small bash watchdog that holds a pipe from this JVM as its
 * standard input. At end of input (this JVM closed it, or died, even by SIGKILL) the watchdog
 * signals the server, waits for its whole process group, removes the entries the server created in
 * its private directory and then the (by then empty) directory. One mechanism for every ending: a
 * normal stop is closing the pipe. Java cannot set PR_SET_PDEATHSIG safely (it follows the thread
 * that forked), and a shutdown hook does not run after SIGKILL; a pipe closes whatever happens.
 */
final class Watchdog implements Closeable {
  /** The server's output goes here, inside its private directory; the watchdog removes it. */
  static final String LOG = "server.log";

  private static final long STOP_SECONDS = 30;

  // $1 directory, $2 stop signal, $3 entries the server creates there, then the command.
  private static final String SCRIPT =
      String.join(
          "\n",
          "trap '' INT HUP",
          "dir=$1 sig=$2 created=$3",
          "shift 3",
          "cd \"$dir\" || exit 1",
          "setsid \"$@\" >>\"$dir/" + LOG + "\" 2>&1 </dev/null &",
          "pid=$!",
          "echo \"$pid\"",
          "exec >/dev/null 2>&1",
          "cat",
          "kill -s \"$sig\" \"$pid\"",
          "wait \"$pid\"",
          "kill -s KILL -- -\"$pid\"",
          "for name in $created; do rm -rf -- \"${dir:?}/$name\"; done",
          "rm -f -- \"$dir/" + LOG + "\"",
          "rmdir -- \"$dir\"");

  private final Process watchdog;
  private final long serverPid;
  private final Path directory;
  private final Thread hook;
  private boolean closed;

  private Watchdog(Process watchdog, long serverPid, Path directory) {
    this.watchdog = watchdog;
    this.serverPid = serverPid;
    this.directory = directory;
    this.hook = new Thread(this::close, "uds-vs-tcp-server-stopper");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Starts {@code command} in {@code directory} under a watchdog, pinned to {@code cpu} if given
   * (the watchdog runs under {@code taskset -c}, and the server and its children inherit it).
   *
   * @param created the names the server creates in {@code directory}, removed after it stops
   * @param stopSignal the signal that stops the server cleanly (TERM, INT)
   */
  static Watchdog start(
      Path directory,
      String stopSignal,
      List<String> created,
      List<String> command,
      OptionalInt cpu)
      throws IOException {
    Path bash =
        Executables.onPath("bash")
            .orElseThrow(() -> new IOException("bash is needed to watch a server, not found"));
    Path setsid =
        Executables.onPath("setsid")
            .orElseThrow(() -> new IOException("setsid (util-linux) is needed, not found"));
    List<String> argv = new ArrayList<>();
    if (cpu.isPresent()) {
      Optional<Path> taskset = Affinity.taskset();
      if (taskset.isPresent()) {
        argv.addAll(List.of(taskset.get().toString(), "-c", Integer.toString(cpu.getAsInt())));
      }
    }
    argv.addAll(
        List.of(
            bash.toString(),
            "-c",
            SCRIPT.replace("setsid ", setsid + " "),
            "uds-vs-tcp-watchdog",
            directory.toString(),
            stopSignal,
            String.join(" ", created)));
    argv.addAll(command);
    Process process =
        new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.strip().matches("\\d+")) {
      process.getOutputStream().close();
      waitFor(process);
      throw new IOException(
          "the server watchdog did not start " + command.get(0) + " (said " + line + ")");
    }
    return new Watchdog(process, Long.parseLong(line.strip()), directory);
  }

  /** Returns the server's process id (its process group and session id too). */
  long serverPid() {
    return serverPid;
  }

  /** Returns true while the server process runs. */
  boolean serverAlive() {
    return ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Returns the last lines the server wrote, for an error message. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(directory.resolve(LOG), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 12), lines.size()));
    } catch (IOException e) {
      return "(no server log: " + e.getMessage() + ")";
    }
  }

  /**
   * Stops the server and waits until the watchdog has removed its directory; if the server does not
   * stop within 30 s, kills its process group.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Already shutting down: this is the hook.
    }
    try {
      watchdog.getOutputStream().close();
    } catch (IOException e) {
      // A watchdog that is gone has nothing left to read.
    }
    if (!waitFor(watchdog)) {
      ProcessHandle.of(serverPid).ifPresent(ProcessHandle::destroyForcibly);
      waitFor(watchdog);
    }
    try {
      watchdog.getInputStream().close();
    } catch (IOException e) {
      // Nothing is left to read from a watchdog that has exited.
    }
  }

  private static boolean waitFor(Process process) {
    // Stopping a server must finish even in an interrupted thread; the flag is kept for later.
    boolean interrupted = Thread.interrupted();
    try {
      while (true) {
        try {
          return process.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
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
