package org.udsvstcp.bench.route;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.udsvstcp.bench.BenchException;

/**
 * The {@code tcp-veth} route: two network namespaces of this run's own ({@code
 * udsvstcp-<pid>-<hex>-server} and {@code -client}, made with {@code ip netns add}) joined by a
 * veth pair that is created inside them, with addresses from the benchmarking range 198.18.0.0/15
 * (RFC 2544) that exist only there. The server end runs under {@code ip netns exec} in the first,
 * the client in the second, so TCP between them crosses a virtual Ethernet device and a namespace
 * boundary instead of the loopback shortcut. Nothing is added to the machine's own namespace: no
 * link, address or route.
 *
 * <p>Teardown kills whatever still runs in the namespaces and deletes them (which destroys the veth
 * pair). The first {@code ip netns add} on a machine makes /run/netns a mount point (a bind mount
 * of itself); when this route made it one and leaves it empty, teardown unmounts it again.
 */
public final class VethNamespaces implements PrivateRoute {
  /** The server end's address, in its namespace only. */
  public static final String SERVER_ADDRESS = "198.18.0.1";

  /** The client end's address, in its namespace only. */
  public static final String CLIENT_ADDRESS = "198.18.0.2";

  /** The name prefix of this route's namespaces and links. */
  public static final String PREFIX = "udsvstcp";

  private static final Pattern BYTES = Pattern.compile("\"(rx|tx)\":\\{\"bytes\":(\\d+)");

  // $1 the server's namespace, $2 the client's; the links are named inside them.
  private static final String SCRIPT =
      String.join(
          "\n",
          "srv=$1 cli=$2 made_srv= made_cli= premounted=",
          "mountpoint -q /run/netns 2>/dev/null && premounted=1",
          "teardown() {",
          "  for ns in ${made_srv:+$srv} ${made_cli:+$cli}; do",
          "    pids=$(ip netns pids \"$ns\"); [ -z \"$pids\" ] || kill -KILL $pids",
          "    for i in $(seq 100); do [ -z \"$(ip netns pids \"$ns\")\" ] && break; sleep 0.1;"
              + " done",
          "    ip netns del \"$ns\"",
          "  done",
          "  if [ -z \"$premounted\" ] && [ -z \"$(ls -A /run/netns)\" ] &&"
              + " mountpoint -q /run/netns; then umount /run/netns; fi",
          "}",
          "run ip netns add \"$srv\"",
          "made_srv=1",
          "run ip netns add \"$cli\"",
          "made_cli=1",
          "run ip -n \"$srv\" link add udsvstcp0 type veth peer name udsvstcp1 netns \"$cli\"",
          "run ip -n \"$srv\" addr add " + SERVER_ADDRESS + "/30 dev udsvstcp0",
          "run ip -n \"$cli\" addr add " + CLIENT_ADDRESS + "/30 dev udsvstcp1",
          "run ip -n \"$srv\" link set udsvstcp0 up",
          "run ip -n \"$cli\" link set udsvstcp1 up",
          "run ip -n \"$srv\" link set lo up",
          "run ip -n \"$cli\" link set lo up",
          "say \"READY server=$srv client=$cli\"",
          "hold");

  private final RouteWatchdog watchdog;
  private final String serverNamespace;
  private final String clientNamespace;
  private final Path ip;

  private VethNamespaces(RouteWatchdog watchdog, Path ip) {
    this.watchdog = watchdog;
    this.ip = ip;
    this.serverNamespace = watchdog.ready().get("server");
    this.clientNamespace = watchdog.ready().get("client");
  }

  /**
   * Returns why the route cannot be set up here, or empty if it can: it needs Linux with network
   * namespaces, root, and {@code ip} (iproute2).
   */
  public static Optional<String> unavailable() {
    if (!Files.exists(Path.of("/proc/self/ns/net"))) {
      return Optional.of("this kernel has no network namespaces (CONFIG_NET_NS)");
    }
    Optional<String> privileges =
        Tools.lacking(
            "network namespaces and veth links", Tools.CAP_SYS_ADMIN, Tools.CAP_NET_ADMIN);
    if (privileges.isPresent()) {
      return privileges;
    }
    Optional<String> mounts = Tools.privateMountsImpossible();
    if (mounts.isPresent()) {
      return mounts; // ip netns exec makes "/" a slave mount in a namespace of its own
    }
    return Tools.missing(
        "ip", "iproute2", "setsid", "util-linux", "mountpoint", "util-linux", "bash", "bash");
  }

  /**
   * Creates the namespaces and the veth pair and returns the route; closing it (or this JVM dying)
   * removes them.
   *
   * @throws RouteUnavailableException if the machine does not allow it, saying why
   */
  public static VethNamespaces open() {
    unavailable()
        .ifPresent(
            why -> {
              throw new RouteUnavailableException("tcp-veth is unavailable: " + why);
            });
    Path ip = Tools.find("ip").orElseThrow();
    String base =
        PREFIX
            + "-"
            + ProcessHandle.current().pid()
            + "-"
            + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
    RouteWatchdog watchdog =
        RouteWatchdog.start(
            "the tcp-veth route",
            List.of(),
            SCRIPT,
            List.of(base + "-server", base + "-client"),
            Map.of("PATH", ip.getParent() + ":/usr/sbin:/usr/bin:/sbin:/bin"));
    return new VethNamespaces(watchdog, ip);
  }

  @Override
  public Kind kind() {
    return Kind.VETH;
  }

  /** Returns {@code ip netns exec <namespace>}: the end's process runs in its namespace. */
  @Override
  public List<String> launcher(End end) {
    return List.of(ip.toString(), "netns", "exec", namespace(end));
  }

  /** Returns the name of an end's namespace. */
  public String namespace(End end) {
    return end == End.SERVER ? serverNamespace : clientNamespace;
  }

  @Override
  public String serverHost() {
    return SERVER_ADDRESS;
  }

  @Override
  public void checkInside(End end, long pid) {
    Path mine = Path.of("/proc", Long.toString(pid), "ns", "net");
    Path expected = Path.of("/run/netns", namespace(end));
    try {
      Object actual = Files.getAttribute(mine, "unix:ino");
      if (!actual.equals(Files.getAttribute(expected, "unix:ino"))) {
        throw new BenchException(
            "the "
                + end.label()
                + " process "
                + pid
                + " is not in the network namespace "
                + namespace(end)
                + " ("
                + Files.readSymbolicLink(mine)
                + ")");
      }
    } catch (IOException e) {
      throw new BenchException(
          "cannot tell the network namespace of process " + pid + ": " + e.getMessage());
    }
  }

  /** Returns the bytes the server's end of the veth pair sent and received, headers included. */
  @Override
  public Carried carried() {
    String json =
        Commands.output(
            List.of(
                ip.toString(),
                "-n",
                serverNamespace,
                "-j",
                "-s",
                "link",
                "show",
                "dev",
                "udsvstcp0"));
    Matcher m = BYTES.matcher(json);
    long bytes = 0;
    int found = 0;
    while (m.find()) {
      bytes += Long.parseLong(m.group(2));
      found++;
    }
    if (found != 2) {
      throw new BenchException("cannot read the veth counters from ip: " + json.strip());
    }
    return new Carried(bytes, 0);
  }

  @Override
  public String carriedWhat() {
    return "bytes through the veth pair, both directions, headers included";
  }

  @Override
  public List<String> commands() {
    return watchdog.commands();
  }

  @Override
  public String describe() {
    return "tcp-veth: namespaces "
        + serverNamespace
        + " (server, "
        + SERVER_ADDRESS
        + "/30 on udsvstcp0) and "
        + clientNamespace
        + " (client, "
        + CLIENT_ADDRESS
        + "/30 on udsvstcp1), joined by a veth pair; watchdog pid "
        + watchdog.pid();
  }

  /** Deletes the namespaces (and with them the veth pair) and waits until that is done. */
  @Override
  public void close() {
    watchdog.close();
  }

  @Override
  public String toString() {
    return describe();
  }
}
