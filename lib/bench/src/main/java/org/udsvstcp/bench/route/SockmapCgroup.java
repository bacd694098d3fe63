package org.udsvstcp.bench.route;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.udsvstcp.bench.BenchException;

/**
 * The {@code tcp-sockmap} route: a cgroup v2 of this run's own with two BPF programs attached, so
 * that TCP between two processes inside it skips the TCP/IP stack. The sock_ops program puts each
 * established TCP socket of the cgroup into a sockhash keyed by its 4-tuple; the sk_msg program,
 * attached to that map, redirects each {@code sendmsg} into the peer socket's receive queue ({@code
 * bpf_msg_redirect_hash} with {@code BPF_F_INGRESS}) and counts what it redirected. The C source is
 * {@code lib/bench/src/main/bpf/sockmap.bpf.c}; {@code make} compiles it with clang into this
 * library's jar, and bpftool loads and attaches it.
 *
 * <p>The watchdog runs in a mount namespace of its own, where it mounts a small tmpfs on /tmp with
 * a BPF file system and the cgroup2 hierarchy inside: nothing is mounted or pinned where the
 * machine can see it (in particular nothing in /sys/fs/bpf), and what is pinned goes when that
 * namespace does. Only the cgroup itself ({@code /udsvstcp-sockmap-<pid>-<hex>} in the cgroup2
 * hierarchy) is visible outside. Once attached, the programs are unpinned (the cgroup and the map
 * hold them) and so is the counter map (the programs hold it); the sockhash stays pinned, because
 * the kernel detaches a sockhash's sk_msg program when the last user reference to the map goes.
 * Teardown kills whatever is still in the cgroup, detaches the sock_ops program, removes the
 * cgroup, and waits until the kernel has freed both programs and both maps.
 */
public final class SockmapCgroup implements PrivateRoute {
  /** The BPF object in this library's jar, compiled by {@code make}. */
  static final String OBJECT = "/org/udsvstcp/bench/route/sockmap.bpf.o";

  /** The name prefix of this route's cgroups, BPF programs and maps. */
  public static final String PREFIX = "udsvstcp";

  private static final Pattern COUNT =
      Pattern.compile("\"(sockets|redirected|bytes|passed)\":(\\d+)");

  // In the watchdog's own mount namespace; $1 is the cgroup's name, the object comes in base64.
  private static final String SCRIPT =
      String.join(
          "\n",
          "name=$1 dir=/tmp",
          "cg=$dir/cgroup/$name ops= msg= socks= count= made_cg=",
          "gone() { ! bpftool $1 show id $2 >/dev/null 2>&1; }",
          "teardown() {",
          "  if [ -n \"$made_cg\" ]; then",
          // cgroup.kill (Linux 5.14+) ends every process left inside, which can only be ours.
          "    if [ -e \"$cg/cgroup.kill\" ]; then echo 1 >\"$cg/cgroup.kill\";",
          "    else kill -KILL $(cat \"$cg/cgroup.procs\") 2>/dev/null; fi",
          "    for i in $(seq 100); do [ -z \"$(cat \"$cg/cgroup.procs\")\" ] && break; sleep 0.1;"
              + " done",
          "    [ -z \"$ops\" ] || bpftool cgroup detach \"$cg\" sock_ops id \"$ops\"",
          "    for i in $(seq 100); do rmdir \"$cg\" && break; sleep 0.1; done",
          "  fi",
          "  rm -rf \"$dir/bpf/prog\" \"$dir/bpf/map\"",
          "  umount \"$dir/cgroup\" \"$dir/bpf\"",
          // What sockets made in the cgroup still hold is freed when the last of them closes.
          "  for i in $(seq 100); do",
          "    { [ -z \"$ops\" ] || gone prog $ops; } && { [ -z \"$msg\" ] || gone prog $msg; } &&",
          "    { [ -z \"$socks\" ] || gone map $socks; } && { [ -z \"$count\" ] || gone map $count; }"
              + " && break",
          "    sleep 0.1",
          "  done",
          "  umount \"$dir\"",
          "}",
          "run mount -t tmpfs -o mode=0700,size=4m udsvstcp \"$dir\"",
          "mkdir \"$dir/bpf\" \"$dir/cgroup\"",
          "run mount -t bpf udsvstcp \"$dir/bpf\"",
          "run mount -t cgroup2 udsvstcp \"$dir/cgroup\"",
          "printf '%s' \"$UDSVSTCP_BPF_OBJECT\" | base64 -d >\"$dir/sockmap.bpf.o\" ||"
              + " fail 'cannot decode the BPF object'",
          "run mkdir \"$cg\"",
          "made_cg=1",
          "run bpftool prog loadall \"$dir/sockmap.bpf.o\" \"$dir/bpf/prog\" pinmaps"
              + " \"$dir/bpf/map\"",
          // bpftool's plain output starts with the id: "17: sk_msg  name udsvstcp_msg ..."
          "ops=$(bpftool prog show pinned \"$dir/bpf/prog/udsvstcp_ops\" 2>&1) || fail \"$ops\"",
          "msg=$(bpftool prog show pinned \"$dir/bpf/prog/udsvstcp_msg\" 2>&1) || fail \"$msg\"",
          "socks=$(bpftool map show pinned \"$dir/bpf/map/udsvstcp_socks\" 2>&1) || fail \"$socks\"",
          "count=$(bpftool map show pinned \"$dir/bpf/map/udsvstcp_count\" 2>&1) || fail \"$count\"",
          "ops=${ops%%:*} msg=${msg%%:*} socks=${socks%%:*} count=${count%%:*}",
          "run bpftool cgroup attach \"$cg\" sock_ops pinned \"$dir/bpf/prog/udsvstcp_ops\"",
          "run bpftool prog attach pinned \"$dir/bpf/prog/udsvstcp_msg\" msg_verdict pinned"
              + " \"$dir/bpf/map/udsvstcp_socks\"",
          "run rm \"$dir/bpf/prog/udsvstcp_ops\" \"$dir/bpf/prog/udsvstcp_msg\""
              + " \"$dir/bpf/map/udsvstcp_count\"",
          "rm -f \"$dir/sockmap.bpf.o\"",
          "say \"READY cgroup=/$name ops=$ops msg=$msg socks=$socks count=$count\"",
          "hold");

  private final RouteWatchdog watchdog;
  private final String cgroup;
  private final Path procs;
  private final int opsId;
  private final int msgId;
  private final int socksId;
  private final int countId;
  private final Path bpftool;

  private SockmapCgroup(RouteWatchdog watchdog, Path bpftool) {
    this.watchdog = watchdog;
    this.bpftool = bpftool;
    Map<String, String> ready = watchdog.ready();
    this.cgroup = ready.get("cgroup");
    this.procs =
        Path.of("/proc", Long.toString(watchdog.pid()), "root", "tmp", "cgroup")
            .resolve(cgroup.substring(1))
            .resolve("cgroup.procs");
    this.opsId = Integer.parseInt(ready.get("ops"));
    this.msgId = Integer.parseInt(ready.get("msg"));
    this.socksId = Integer.parseInt(ready.get("socks"));
    this.countId = Integer.parseInt(ready.get("count"));
  }

  /**
   * Returns why the route cannot be set up here, or empty if it can: it needs Linux with BPF,
   * cgroup2 and the BPF file system, root, bpftool and unshare, and the BPF object built by {@code
   * make}.
   */
  public static Optional<String> unavailable() {
    if (!Files.exists(Path.of("/proc/sys/kernel/unprivileged_bpf_disabled"))) {
      return Optional.of("this kernel has no BPF system call (CONFIG_BPF_SYSCALL)");
    }
    if (!Tools.hasFileSystem("cgroup2") || !Tools.hasFileSystem("bpf")) {
      return Optional.of("this kernel lacks the cgroup2 or the BPF file system");
    }
    Optional<String> privileges =
        Tools.lacking("loading BPF programs and making a cgroup", Tools.CAP_SYS_ADMIN);
    if (privileges.isPresent()) {
      return privileges;
    }
    Optional<String> mounts = Tools.privateMountsImpossible();
    if (mounts.isPresent()) {
      return mounts;
    }
    Optional<String> tools =
        Tools.missing(
            "bpftool",
            "bpftool",
            "unshare",
            "util-linux",
            "setsid",
            "util-linux",
            "base64",
            "coreutils",
            "bash",
            "bash");
    if (tools.isPresent()) {
      return tools;
    }
    if (SockmapCgroup.class.getResource(OBJECT) == null) {
      return Optional.of(
          "the BPF object was not built: run make (it compiles"
              + " lib/bench/src/main/bpf/sockmap.bpf.c with clang into the library's jar)");
    }
    return Optional.empty();
  }

  /**
   * Creates the cgroup, loads and attaches the programs, and returns the route; closing it (or this
   * JVM dying) removes all of it.
   *
   * @throws RouteUnavailableException if the machine does not allow it, saying why
   */
  public static SockmapCgroup open() {
    unavailable()
        .ifPresent(
            why -> {
              throw new RouteUnavailableException("tcp-sockmap is unavailable: " + why);
            });
    byte[] object;
    try (InputStream in = SockmapCgroup.class.getResourceAsStream(OBJECT)) {
      object = in.readAllBytes();
    } catch (IOException e) {
      throw new RouteUnavailableException("cannot read the BPF object: " + e.getMessage());
    }
    String name =
        PREFIX
            + "-sockmap-"
            + ProcessHandle.current().pid()
            + "-"
            + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
    RouteWatchdog watchdog =
        RouteWatchdog.start(
            "the tcp-sockmap route",
            List.of(
                Tools.find("unshare").orElseThrow().toString(),
                "--mount",
                "--propagation",
                "private"),
            SCRIPT,
            List.of(name),
            Map.of(
                "UDSVSTCP_BPF_OBJECT",
                Base64.getEncoder().encodeToString(object),
                "PATH",
                Tools.find("bpftool").orElseThrow().getParent()
                    + ":/usr/sbin:/usr/bin:/sbin:/bin"));
    return new SockmapCgroup(watchdog, Tools.find("bpftool").orElseThrow());
  }

  @Override
  public Kind kind() {
    return Kind.SOCKMAP;
  }

  /**
   * Returns {@code sh -c 'echo $$ > <cgroup.procs> && exec "$@"'}: the process moves itself into
   * the cgroup before it runs its command, so every socket it makes belongs to the cgroup (a
   * socket's cgroup is fixed when it is created).
   */
  @Override
  public List<String> launcher(End end) {
    return List.of(
        Tools.find("sh").orElse(Path.of("/bin/sh")).toString(),
        "-c",
        "echo $$ >\"$0\" && exec \"$@\"",
        procs.toString());
  }

  @Override
  public String serverHost() {
    return LOOPBACK;
  }

  /** Returns the cgroup's path in the cgroup2 hierarchy, e.g. {@code /udsvstcp-sockmap-42-ab12}. */
  public String cgroup() {
    return cgroup;
  }

  /** Returns the ids of the two programs and two maps: ops, msg, socks, count. */
  public List<Integer> ids() {
    return List.of(opsId, msgId, socksId, countId);
  }

  @Override
  public void checkInside(End end, long pid) {
    String membership;
    try {
      membership = Files.readString(Path.of("/proc", Long.toString(pid), "cgroup"));
    } catch (IOException e) {
      throw new BenchException("cannot read the cgroup of process " + pid + ": " + e.getMessage());
    }
    if (!membership.lines().anyMatch(line -> line.equals("0::" + cgroup))) {
      throw new BenchException(
          "the "
              + end.label()
              + " process "
              + pid
              + " is not in the cgroup "
              + cgroup
              + ": its /proc/"
              + pid
              + "/cgroup says "
              + membership.strip().replace('\n', ' '));
    }
  }

  /** Returns the sk_msg program's counters now. */
  public Counts counts() {
    String dump =
        Commands.output(
            List.of(bpftool.toString(), "-j", "map", "dump", "id", Integer.toString(countId)));
    long[] values = new long[4];
    Matcher m = COUNT.matcher(dump);
    int found = 0;
    while (m.find()) {
      int index =
          switch (m.group(1)) {
            case "sockets" -> 0;
            case "redirected" -> 1;
            case "bytes" -> 2;
            default -> 3;
          };
      values[index] = Long.parseLong(m.group(2));
      found++;
    }
    if (found != 4) {
      throw new BenchException("cannot read the sockmap counters from bpftool: " + dump.strip());
    }
    return new Counts(values[0], values[1], values[2], values[3]);
  }

  /**
   * The sk_msg program's counters since the route was set up.
   *
   * @param sockets sockets the sock_ops program put into the sockhash
   * @param redirected sendmsg calls redirected to the peer socket
   * @param bytes the bytes of those calls
   * @param passed sendmsg calls whose peer was not in the map, sent through TCP instead
   */
  public record Counts(long sockets, long redirected, long bytes, long passed) {
    /** Returns what happened between {@code before} and this. */
    public Counts minus(Counts before) {
      return new Counts(
          sockets - before.sockets,
          redirected - before.redirected,
          bytes - before.bytes,
          passed - before.passed);
    }
  }

  @Override
  public Carried carried() {
    Counts counts = counts();
    return new Carried(counts.bytes(), counts.passed());
  }

  @Override
  public String carriedWhat() {
    return "bytes the sk_msg program redirected to the peer socket";
  }

  @Override
  public List<String> commands() {
    return watchdog.commands();
  }

  @Override
  public String describe() {
    return "tcp-sockmap: cgroup "
        + cgroup
        + ", sock_ops program udsvstcp_ops (id "
        + opsId
        + "), sk_msg program udsvstcp_msg (id "
        + msgId
        + ") on sockhash udsvstcp_socks (id "
        + socksId
        + "), counters udsvstcp_count (id "
        + countId
        + "), watchdog pid "
        + watchdog.pid();
  }

  /** Removes the cgroup, programs and maps and waits until the kernel has freed them. */
  @Override
  public void close() {
    watchdog.close();
  }

  @Override
  public String toString() {
    return describe();
  }
}
