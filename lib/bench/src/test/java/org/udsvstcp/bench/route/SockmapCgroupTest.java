package org.udsvstcp.bench.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.udsvstcp.bench.BenchException;
import org.udsvstcp.bench.route.PrivateRoute.End;

/**
 * The tcp-sockmap route: TCP between processes in its cgroup is redirected by its BPF programs, TCP
 * outside is not, and nothing of it (programs, maps, pins, mounts, cgroup) outlives it, however it
 * ends.
 */
class SockmapCgroupTest extends RouteTestSupport {
  private static final long BYTES = 1_000_000;

  @Test
  void tcpInsideTheCgroupIsRedirectedPastTheStackAndCounted() throws Exception {
    assumeAvailable(PrivateRoute.Kind.SOCKMAP);
    try (SockmapCgroup route = SockmapCgroup.open()) {
      Child child = start(route.launcher(End.SERVER), "pair", Long.toString(BYTES));
      child.expect("HELLO");
      route.checkInside(End.SERVER, child.pid());
      SockmapCgroup.Counts before = route.counts();
      child.say("go");
      assertEquals(Long.toString(BYTES), child.expect("GOT "));
      assertEquals(0, child.waitFor());
      SockmapCgroup.Counts moved = route.counts().minus(before);
      assertEquals(2, moved.sockets(), "both ends of the one connection went into the sockhash");
      // Every byte, and the one-byte acknowledgement, went through the redirect, none through TCP.
      assertEquals(BYTES + 1, moved.bytes(), () -> "counts " + moved);
      assertTrue(moved.redirected() >= BYTES / 1000 + 1, () -> "counts " + moved);
      assertEquals(0, moved.passed(), () -> "counts " + moved);
      assertEquals(
          new PrivateRoute.Carried(BYTES + 1, 0),
          route.carried().minus(new PrivateRoute.Carried(before.bytes(), before.passed())));
    }
  }

  @Test
  void tcpOutsideTheCgroupIsLeftAlone() throws Exception {
    assumeAvailable(PrivateRoute.Kind.SOCKMAP);
    try (SockmapCgroup route = SockmapCgroup.open()) {
      SockmapCgroup.Counts before = route.counts();
      try (ServerSocketChannel server = ServerSocketChannel.open()) {
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
            SocketChannel accepted = server.accept()) {
          client.write(ByteBuffer.wrap(new byte[4096]));
          ByteBuffer got = ByteBuffer.allocate(4096);
          while (got.hasRemaining()) {
            accepted.read(got);
          }
        }
      }
      assertEquals(new SockmapCgroup.Counts(0, 0, 0, 0), route.counts().minus(before));
      BenchException outside =
          assertThrows(
              BenchException.class,
              () -> route.checkInside(End.CLIENT, ProcessHandle.current().pid()));
      assertTrue(outside.getMessage().contains("is not in the cgroup " + route.cgroup()));
    }
  }

  @Test
  void closingRemovesTheCgroupProgramsMapsPinsAndMounts() throws Exception {
    assumeAvailable(PrivateRoute.Kind.SOCKMAP);
    List<String> mountsBefore = ourMounts();
    SockmapCgroup route = SockmapCgroup.open();
    String cgroup = route.cgroup().substring(1);
    List<Integer> ids;
    try {
      ids = route.ids();
      assertTrue(cgroups().contains(cgroup), () -> cgroups().toString());
      assertTrue(bpfExists("prog", ids.get(0)) && bpfExists("prog", ids.get(1)));
      assertTrue(bpfExists("map", ids.get(2)) && bpfExists("map", ids.get(3)));
      // Its mounts and pins live in the watchdog's own mount namespace, never in this one.
      assertEquals(mountsBefore, ourMounts());
      assertTrue(route.describe().contains("udsvstcp_ops (id " + ids.get(0) + ")"));
      assertTrue(
          route.commands().stream().anyMatch(c -> c.startsWith("bpftool prog loadall ")),
          () -> route.commands().toString());
      Child inside = start(route.launcher(End.CLIENT), "pair", "1000");
      inside.expect("HELLO");
      // A process still inside when the route closes is ended with it.
    } finally {
      route.close();
    }
    assertFalse(cgroups().contains(cgroup), "the cgroup is gone");
    for (int i = 0; i < 2; i++) {
      assertFalse(bpfExists("prog", ids.get(i)), "program " + ids.get(i) + " is gone");
      assertFalse(bpfExists("map", ids.get(i + 2)), "map " + ids.get(i + 2) + " is gone");
    }
    assertEquals(mountsBefore, ourMounts());
    assertTrue(nothingPinnedInSysFsBpf());
  }

  @Test
  void aKilledJvmLeavesNoCgroupProgramMapOrProcess() throws Exception {
    assumeAvailable(PrivateRoute.Kind.SOCKMAP);
    Child jvm = start(List.of(), "open", "sockmap");
    jvm.expect("HELLO");
    jvm.say("go");
    String description = jvm.expect("OPEN ");
    List<Integer> ids = ids(description);
    assertEquals(4, ids.size(), description);
    String cgroup = description.replaceAll(".*cgroup /(\\S+),.*", "$1");
    // A process inside the cgroup, as a trial's end would be, that nobody else will stop.
    Path procs =
        Path.of("/proc", Long.toString(watchdogPid(description)), "root", "tmp", "cgroup", cgroup);
    Process inside =
        new ProcessBuilder(
                "sh", "-c", "echo $$ >\"$0/cgroup.procs\" && exec sleep 600", procs.toString())
            .start();
    assertTrue(eventually(() -> cgroupOf(inside.pid()).equals("0::/" + cgroup)));
    jvm.process.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
    jvm.waitFor();
    assertTrue(eventually(() -> !inside.isAlive()), "the process in the cgroup was ended");
    assertTrue(eventually(() -> !cgroups().contains(cgroup)), "the cgroup is gone");
    for (int i = 0; i < 2; i++) {
      int prog = ids.get(i);
      int map = ids.get(i + 2);
      assertTrue(eventually(() -> !bpfExists("prog", prog)), "program " + prog + " is gone");
      assertTrue(eventually(() -> !bpfExists("map", map)), "map " + map + " is gone");
    }
  }

  @Test
  void withoutRootItIsUnavailableAndSaysWhy() throws Exception {
    if (!isRoot()) {
      assertTrue(SockmapCgroup.unavailable().orElseThrow().contains("need root"));
      return;
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Tools.find("setpriv").isPresent(), "setpriv (util-linux) is needed to drop root");
    Child nobody =
        start(
            List.of(
                Tools.find("setpriv").orElseThrow().toString(),
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups"),
            "unavailable");
    nobody.expect("HELLO");
    nobody.say("go");
    String sockmap = nobody.expect("sockmap: ");
    String veth = nobody.expect("veth: ");
    assertEquals(0, nobody.waitFor());
    assertEquals(
        "loading BPF programs and making a cgroup need root (CAP_SYS_ADMIN); this process runs as"
            + " uid 65534, not root",
        sockmap);
    assertEquals(
        "network namespaces and veth links need root (CAP_SYS_ADMIN and CAP_NET_ADMIN); this"
            + " process runs as uid 65534, not root",
        veth);
  }

  private static String cgroupOf(long pid) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid), "cgroup"))
          .lines()
          .filter(l -> l.startsWith("0::"))
          .findFirst()
          .orElse("");
    } catch (java.io.IOException e) {
      return "";
    }
  }

  private static boolean nothingPinnedInSysFsBpf() throws java.io.IOException {
    Path bpffs = Path.of("/sys/fs/bpf");
    if (!Files.isDirectory(bpffs)) {
      return true;
    }
    try (var entries = Files.walk(bpffs)) {
      return entries.noneMatch(p -> p.getFileName().toString().startsWith("udsvstcp"));
    }
  }
}
