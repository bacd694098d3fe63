package org.udsvstcp.bench.route;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A bash script that sets a route up, reports it, then holds a pipe from this JVM as its standard
 * input and tears the route down at end of input: when this JVM closes the pipe, and equally when
 * it dies, even by SIGKILL. It runs in a session of its own ({@code setsid}), so a signal to this
 * JVM's process group (a Jupyter kernel being killed) does not reach it, and it ignores SIGINT and
 * SIGHUP; SIGTERM makes it tear down at once.
 *
 * <p>The script talks in lines on its standard output: {@code CMD <command>} for each command it
 * runs to set up (the command-line equivalents a reader can repeat), then {@code READY
 * key=value...} or {@code FAIL <message>}. After READY it writes nothing more. Scripts use the
 * shell functions of {@link #PRELUDE}: {@code run} (say and run a command, failing with its
 * output), {@code fail}, and {@code hold}, which waits for end of input.
 */
final class RouteWatchdog implements Closeable {
  /** The teardown of a route waits for the kernel to free what it held; this bounds it. */
  private static final long STOP_SECONDS = 60;

  private static final long START_SECONDS = 60;

  /**
   * Shell functions every route script starts with. A script defines {@code teardown} and calls
   * {@code hold} once set up; teardown then runs after end of input, and also after a failure.
   */
  static final String PRELUDE =
      String.join(
          "\n",
          "set -u",
          "trap '' INT HUP",
          "say() { printf '%s\\n' \"$*\"; }",
          "fail() { say \"FAIL $(printf '%s' \"$*\" | tr '\\n' ' ')\"; teardown >/dev/null 2>&1;"
              + " exit 1; }",
          "run() { say \"CMD $*\"; local out; out=$(\"$@\" 2>&1) || fail \"$*: $out\"; }",
          // The pipe is read by a background cat so that SIGTERM (a trap) can end the wait; a
          // background command reads /dev/null unless given another descriptor.
          "hold() {",
          "  exec >/dev/null 2>&1",
          "  exec 3<&0",
          "  cat <&3 >/dev/null & local cat_pid=$!",
          "  trap 'kill $cat_pid 2>/dev/null' TERM",
          "  wait $cat_pid",
          "  trap '' TERM",
          "  teardown",
          "}",
          "");

  private final String what;
  private final Process process;
  private final Map<String, String> ready;
  private final List<String> commands;
  private final Thread hook;
  private boolean closed;

  private RouteWatchdog(
      String what, Process process, Map<String, String> ready, List<String> commands) {
    this.what = what;
    this.process = process;
    this.ready = ready;
    this.commands = commands;
    this.hook = new Thread(this::close, "uds-vs-tcp-route-teardown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Runs {@code script} (after the {@link #PRELUDE}) with {@code args} under {@code setsid}, with
   * {@code prefix} between the two (such as {@code unshare --mount}), and waits for its READY line.
   *
   * @param what what the route is, for messages ("the tcp-sockmap route")
   * @param environment variables the script reads
   * @throws RouteUnavailableException with the script's message if it cannot set the route up
   */
  static RouteWatchdog start(
      String what,
      List<String> prefix,
      String script,
      List<String> args,
      Map<String, String> environment) {
    Path setsid =
        Tools.find("setsid")
            .orElseThrow(
                () -> new RouteUnavailableException("setsid (util-linux) is not installed"));
    Path bash =
        Tools.find("bash")
            .orElseThrow(() -> new RouteUnavailableException("bash is not installed"));
    List<String> argv = new ArrayList<>(List.of(setsid.toString()));
    argv.addAll(prefix);
    argv.addAll(List.of(bash.toString(), "-c", PRELUDE + script, "uds-vs-tcp-route"));
    argv.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new RouteUnavailableException(
          "cannot start " + what + "'s watchdog: " + e.getMessage());
    }
    // What fails before the script runs (unshare, setsid) says so on standard error; the script
    // sends its own there to /dev/null once it holds the route.
    StringBuilder errors = new StringBuilder();
    Thread drain =
        new Thread(
            () -> {
              try (BufferedReader err =
                  new BufferedReader(
                      new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = err.readLine()) != null) {
                  synchronized (errors) {
                    if (errors.length() < 2000) {
                      errors.append(errors.length() == 0 ? "" : "; ").append(line.strip());
                    }
                  }
                }
              } catch (IOException e) {
                // The watchdog is gone: nothing more to read.
              }
            },
            "uds-vs-tcp-route-stderr");
    drain.setDaemon(true);
    drain.start();
    List<String> commands = new ArrayList<>();
    String failure = null;
    Map<String, String> ready = null;
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    try {
      String line;
      while (ready == null && failure == null && (line = out.readLine()) != null) {
        if (line.startsWith("CMD ")) {
          commands.add(line.substring(4));
        } else if (line.startsWith("READY")) {
          ready = new LinkedHashMap<>();
          for (String pair : line.substring(5).strip().split(" ")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
              ready.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
          }
        } else if (line.startsWith("FAIL ")) {
          failure = line.substring(5).strip();
        }
      }
    } catch (IOException e) {
      failure = "cannot read its watchdog: " + e.getMessage();
    }
    if (ready == null) {
      // A failed script has torn down what it made; closing its input ends one that hangs.
      closeInput(process);
      waitFor(process, START_SECONDS);
      throw new RouteUnavailableException(
          "cannot set up "
              + what
              + ": "
              + (failure != null
                  ? failure
                  : "its watchdog exited (code " + exitCode(process) + ")"));
    }
    return new RouteWatchdog(what, process, ready, List.copyOf(commands));
  }

  /** Returns the watchdog's process id (its mount namespace is the route's, where it has one). */
  long pid() {
    return process.pid();
  }

  /** Returns the values of the READY line. */
  Map<String, String> ready() {
    return ready;
  }

  /** Returns the commands the script ran to set the route up, in order. */
  List<String> commands() {
    return commands;
  }

  /** Returns true while the watchdog holds the route. */
  boolean alive() {
    return process.isAlive();
  }

  /**
   * Tears the route down: closes the pipe and waits until the watchdog has removed everything (at
   * most a minute; then it is sent SIGTERM, which tears down at once).
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
    closeInput(process);
    if (!waitFor(process, STOP_SECONDS)) {
      process.destroy();
      waitFor(process, STOP_SECONDS);
    }
    try {
      process.getInputStream().close();
    } catch (IOException e) {
      // Nothing is left to read from a watchdog that has exited.
    }
  }

  @Override
  public String toString() {
    return what + " (watchdog pid " + process.pid() + ")";
  }

  private static void closeInput(Process process) {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // A watchdog that is gone has nothing left to read.
    }
  }

  private static String exitCode(Process process) {
    return process.isAlive() ? "still running" : Integer.toString(process.exitValue());
  }

  private static boolean waitFor(Process process, long seconds) {
    // Tearing down must finish even in an interrupted thread; the flag is kept for later.
    boolean interrupted = Thread.interrupted();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    try {
      while (true) {
        try {
          return process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
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
