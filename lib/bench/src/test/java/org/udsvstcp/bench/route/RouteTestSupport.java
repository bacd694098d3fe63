package org.udsvstcp.bench.route;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;

/**
 * Base class of the route tests: starts {@link RouteChild} processes (inside a route or not), reaps
 * them afterwards, and looks at the machine the way a person would (bpftool, ip, the cgroup2
 * hierarchy, the mount table) to tell what a route left behind.
 */
abstract class RouteTestSupport {
  private final List<Child> children = new ArrayList<>();

  @AfterEach
  void reapChildren() throws InterruptedException {
    for (Child child : children) {
      child.process.destroyForcibly();
      child.process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  static void assumeAvailable(PrivateRoute.Kind kind) {
    var why = kind.unavailable();
    assumeTrue(why.isEmpty(), () -> kind.transport() + " is unavailable here: " + why.orElse(""));
  }

  /** A RouteChild process. */
  static final class Child {
    final Process process;
    private final BufferedReader out;
    private final Writer in;

    Child(Process process) {
      this.process = process;
      this.out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      this.in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    long pid() {
      return process.pid();
    }

    /** Reads lines until one starts with {@code prefix}; returns the rest of it. */
    String expect(String prefix) throws Exception {
      CompletableFuture<String> line =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  String next;
                  while ((next = out.readLine()) != null) {
                    if (next.startsWith(prefix)) {
                      return next.substring(prefix.length()).strip();
                    }
                  }
                  return null;
                } catch (IOException e) {
                  return null;
                }
              });
      String found = line.get(120, TimeUnit.SECONDS);
      assertTrue(found != null, "the child ended before saying " + prefix);
      return found;
    }

    /** Sends one line to the child. */
    void say(String line) throws IOException {
      in.write(line + "\n");
      in.flush();
    }

    int waitFor() throws InterruptedException {
      assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the child did not end");
      return process.exitValue();
    }
  }

  /** Starts RouteChild with {@code args} behind {@code prefix} (a route's launcher, setpriv). */
  Child start(List<String> prefix, String... args) throws IOException {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:-UsePerfData",
            "-cp",
            System.getProperty("java.class.path"),
            RouteChild.class.getName()));
    command.addAll(Arrays.asList(args));
    Child child =
        new Child(
            new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    children.add(child);
    return child;
  }

  static String run(String... command) {
    return Commands.output(List.of(command));
  }

  static boolean succeeds(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static String bpftool() {
    return Tools.find("bpftool").orElseThrow().toString();
  }

  static String ip() {
    return Tools.find("ip").orElseThrow().toString();
  }

  /** Returns whether a BPF program or map with this id exists ("prog" or "map"). */
  static boolean bpfExists(String type, int id) {
    return succeeds(bpftool(), type, "show", "id", Integer.toString(id));
  }

  /** Returns the top-level cgroups, looked at through a cgroup2 mount in a throwaway namespace. */
  static List<String> cgroups() {
    String out =
        run(
            Tools.find("unshare").orElseThrow().toString(),
            "--mount",
            "--propagation",
            "private",
            "sh",
            "-c",
            "mount -t cgroup2 none /mnt && ls /mnt");
    return out.lines().toList();
  }

  /** Returns the named network namespaces ({@code ip netns list}). */
  static List<String> namespaces() {
    return run(ip(), "netns", "list").lines().map(l -> l.split(" ")[0]).toList();
  }

  /** Returns this mount namespace's mounts whose source or target names udsvstcp. */
  static List<String> ourMounts() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
        .filter(l -> l.contains("udsvstcp"))
        .toList();
  }

  /** Returns the machine namespace's links and addresses: "link NAME", "addr NAME ADDRESS". */
  static List<String> hostLinksAndAddresses() {
    List<String> found = new ArrayList<>();
    for (String line : run(ip(), "-o", "link", "show").lines().toList()) {
      found.add("link " + line.split(":\\s+")[1].split("@")[0]);
    }
    for (String line : run(ip(), "-o", "addr", "show").lines().toList()) {
      String[] f = line.split("\\s+");
      found.add("addr " + f[1] + " " + f[3]);
    }
    return found.stream().sorted().toList();
  }

  /** Returns the numbers after "(id " in a route's description, in order. */
  static List<Integer> ids(String description) {
    Matcher m = Pattern.compile("\\(id (\\d+)\\)").matcher(description);
    List<Integer> ids = new ArrayList<>();
    while (m.find()) {
      ids.add(Integer.parseInt(m.group(1)));
    }
    return ids;
  }

  /** Returns the watchdog's pid from a route's description. */
  static long watchdogPid(String description) {
    Matcher m = Pattern.compile("watchdog pid (\\d+)").matcher(description);
    assertTrue(m.find(), description);
    return Long.parseLong(m.group(1));
  }

  /** Waits up to a minute for {@code condition}. */
  static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(100);
    }
    return true;
  }

  static boolean isRoot() {
    return Tools.lacking("x", Tools.CAP_SYS_ADMIN).isEmpty();
  }
}
