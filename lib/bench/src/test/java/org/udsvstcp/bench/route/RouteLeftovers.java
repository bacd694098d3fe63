package org.udsvstcp.bench.route;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the routes make that could outlive them, as a person would look for it: BPF programs and
 * maps named udsvstcp_* (bpftool), top-level cgroups and network namespaces named udsvstcp-*, links
 * and 198.18/15 addresses in the machine's namespace, mounts naming udsvstcp or /run/netns, and
 * pins under /sys/fs/bpf. For tests outside this package.
 */
public final class RouteLeftovers {
  private static final Pattern NAMED = Pattern.compile("\"name\":\"(udsvstcp\\w*)\"");

  private RouteLeftovers() {}

  /** Returns one line per thing found, e.g. "BPF prog udsvstcp_ops", "cgroup udsvstcp-...". */
  public static Set<String> find() {
    Set<String> found = new TreeSet<>();
    Tools.find("bpftool")
        .ifPresent(
            bpftool -> {
              for (String type : List.of("prog", "map")) {
                Matcher m =
                    NAMED.matcher(Commands.output(List.of(bpftool.toString(), "-j", type, "show")));
                while (m.find()) {
                  found.add("BPF " + type + " " + m.group(1));
                }
              }
            });
    RouteTestSupport.cgroups().stream()
        .filter(c -> c.startsWith("udsvstcp"))
        .forEach(c -> found.add("cgroup " + c));
    if (Tools.find("ip").isPresent()) {
      RouteTestSupport.namespaces().stream()
          .filter(n -> n.startsWith("udsvstcp"))
          .forEach(n -> found.add("netns " + n));
      RouteTestSupport.hostLinksAndAddresses().stream()
          .filter(l -> l.contains("udsvstcp") || l.contains(" 198.18.") || l.contains(" 198.19."))
          .forEach(l -> found.add("host " + l));
    }
    try {
      Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
          .filter(l -> l.contains("udsvstcp") || l.split(" ")[4].equals("/run/netns"))
          .forEach(l -> found.add("mount " + l.split(" ")[4]));
      Path bpffs = Path.of("/sys/fs/bpf");
      if (Files.isDirectory(bpffs)) {
        try (var walk = Files.walk(bpffs)) {
          walk.filter(p -> p.getFileName().toString().startsWith("udsvstcp"))
              .forEach(p -> found.add("pin " + p));
        }
      }
    } catch (IOException e) {
      found.add("cannot look: " + e.getMessage());
    }
    return found;
  }

  /**
   * Waits up to a minute for {@link #find()} to be {@code expected} (the kernel frees a program
   * once the last socket made under it is gone) and returns what it found last.
   */
  public static Set<String> awaitExactly(Set<String> expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Set<String> now = find();
    while (!now.equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      now = find();
    }
    return now;
  }

  /** Returns the ids in the "route:" comment lines of a results CSV, as "prog 12", "map 5". */
  public static List<String> idsIn(List<String> comments) {
    List<String> ids = new ArrayList<>();
    Pattern id = Pattern.compile("(program|sockhash|counters) udsvstcp_\\w+ \\(id (\\d+)\\)");
    for (String line : comments) {
      Matcher m = id.matcher(line);
      while (m.find()) {
        ids.add((m.group(1).equals("program") ? "prog " : "map ") + m.group(2));
      }
    }
    return ids;
  }

  /** Returns whether a BPF program or map ("prog 12", "map 5") still exists. */
  public static boolean exists(String typeAndId) {
    String[] parts = typeAndId.split(" ");
    return RouteTestSupport.bpfExists(parts[0], Integer.parseInt(parts[1]));
  }
}
