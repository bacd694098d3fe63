package org.udsvstcp.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.udsvstcp.bench.BenchException;
import org.udsvstcp.bench.SocketTestSupport;
import org.udsvstcp.bench.route.PrivateRoute;
import org.udsvstcp.bench.route.RouteLeftovers;
import org.udsvstcp.bench.transport.Transport;
import org.udsvstcp.bench.transport.TransportOptions;
import org.udsvstcp.bench.workload.ThreadPeer;
import org.udsvstcp.bench.workload.Trial;
import org.udsvstcp.bench.workload.TrialSpec;
import org.udsvstcp.bench.workload.Workload;
import tech.tablesaw.api.Table;

/**
 * tcp-sockmap and tcp-veth end to end: an experiment runs them with verified bytes that provably
 * took their route, beside tcp and uds, and leaves no BPF program, map, pin, cgroup, namespace,
 * link or process behind after a normal end, an exception mid-run, or a SIGKILL of its JVM.
 */
class RouteTransportsTest extends SocketTestSupport {
  private Set<String> before;

  /** Skips the test unless both routes can be set up here; notes what the machine has now. */
  private void assumeRoutes() {
    for (PrivateRoute.Kind kind : PrivateRoute.Kind.values()) {
      assumeTrue(
          kind.unavailable().isEmpty(),
          () -> kind.transport() + " is unavailable here: " + kind.unavailable().orElse(""));
    }
    before = RouteLeftovers.find();
  }

  private static Experiment.Builder fourTransports(Workload workload) {
    return Experiment.builder()
        .workload(workload)
        .transports(Transport.TCP, Transport.UDS, Transport.TCP_SOCKMAP, Transport.TCP_VETH)
        .isolation(Isolation.PROCESSES)
        .placement(Placement.SAME_CORE)
        .warmup(0)
        .trials(2)
        .seed(7);
  }

  @Test
  void bothRouteTransportsMoveVerifiedBytesThatTookTheirRoute() throws Exception {
    assumeRoutes();
    Path csv = scratch.resolve("routes.csv");
    Table rows =
        fourTransports(Workload.STREAM)
            .sizes(64, 65536)
            .byteBudget(4 << 20)
            .build()
            .run(csv, Progress.NONE)
            .table();
    assertEquals(16, rows.rowCount());
    for (int row = 0; row < rows.rowCount(); row++) {
      String transport = rows.stringColumn("transport").get(row);
      long bytes = rows.longColumn("bytes").get(row);
      double routed = rows.doubleColumn("route_bytes").getDouble(row);
      assertEquals(4 << 20, bytes, transport);
      assertEquals("processes", rows.stringColumn("isolation").get(row));
      assertTrue(
          rows.stringColumn("pinning").get(row).startsWith("server cpu"),
          rows.stringColumn("pinning").get(row));
      switch (transport) {
        // Every byte was redirected by the sk_msg program, and nothing else was.
        case "tcp-sockmap" -> assertEquals((double) bytes, routed, transport);
        // Every byte crossed the veth pair, with headers and ACKs on top (more than the payload
        // itself for 64 B segments).
        case "tcp-veth" -> assertTrue(routed > bytes, "veth " + routed);
        default -> assertTrue(Double.isNaN(routed), transport + " took no route");
      }
    }
    List<String> comments = Rows.readComments(csv);
    assertTrue(
        comments.stream()
            .anyMatch(c -> c.startsWith("route: tcp-sockmap: cgroup /udsvstcp-sockmap-")));
    assertTrue(
        comments.stream().anyMatch(c -> c.startsWith("route: tcp-veth: namespaces udsvstcp-")));
    assertEquals(4, RouteLeftovers.idsIn(comments).size(), comments.toString());
    assertEquals(8, Rows.read(csv).doubleColumn("route_bytes").isNotMissing().size());
    assertNothingLeft();
  }

  @Test
  void pingPongRoundTripsTakeTheRouteBothWays() throws Exception {
    assumeRoutes();
    Table rows = fourTransports(Workload.PINGPONG).sizes(64).count(2000).build().run().table();
    for (int row = 0; row < rows.rowCount(); row++) {
      String transport = rows.stringColumn("transport").get(row);
      if (transport.equals("tcp-sockmap")) {
        // Each round trip's two messages, warm-up round trips included.
        assertTrue(
            rows.doubleColumn("route_bytes").getDouble(row) >= 2.0 * 64 * 2000,
            rows.row(row).toString());
      }
      assertTrue(rows.doubleColumn("p50_us").getDouble(row) > 0);
    }
    assertNothingLeft();
  }

  @Test
  void anExceptionMidRunLeavesNothingBehind() throws Exception {
    assumeRoutes();
    Experiment experiment =
        fourTransports(Workload.STREAM).sizes(1024).byteBudget(1 << 20).trials(3).build();
    List<Integer> finished = new ArrayList<>();
    ExperimentException e =
        assertThrows(
            ExperimentException.class,
            () ->
                experiment.run(
                    null,
                    (index, total, row) -> {
                      finished.add(index);
                      if (finished.size() == 3) {
                        throw new IllegalStateException("a cell of the notebook failed");
                      }
                    }));
    assertTrue(e.getMessage().contains("a cell of the notebook failed"), e.getMessage());
    assertEquals(3, e.results().table().rowCount());
    assertEquals(0, ProcessHandle.current().children().count(), "child processes left");
    assertNothingLeft();
  }

  @Test
  void aSigkilledJvmMidTrialLeavesNothingBehind() throws Exception {
    assumeRoutes();
    Path csv = scratch.resolve("killed.csv");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:-UsePerfData",
            "-cp",
            System.getProperty("java.class.path"),
            "org.udsvstcp.bench.cli.Main",
            "run",
            "--transports",
            "tcp-sockmap,tcp-veth",
            "--isolation",
            "processes",
            "--sizes",
            "4k",
            "--duration",
            "200ms",
            "--warmup",
            "0",
            "--trials",
            "100000",
            "--out",
            csv.toString());
    Process jvm =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(scratch.resolve("child.log").toFile())
            .start();
    List<String> comments;
    List<Long> peers;
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (dataRows(csv) < 3) {
        assertTrue(jvm.isAlive(), () -> "the run ended early:\n" + log());
        assertTrue(System.nanoTime() < deadline, () -> "no trial finished:\n" + log());
        Thread.sleep(50);
      }
      comments = Rows.readComments(csv);
      peers = jvm.descendants().map(ProcessHandle::pid).toList();
      assertTrue(peers.size() >= 6, "four peers and two watchdogs: " + peers);
    } finally {
      jvm.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs in the child
      jvm.waitFor();
    }
    List<String> ids = RouteLeftovers.idsIn(comments);
    assertEquals(4, ids.size(), comments.toString());
    assertNothingLeft();
    for (String id : ids) {
      assertFalse(RouteLeftovers.exists(id), id + " is gone");
    }
    // The peers, the watchdogs (which may still be finishing their teardown) and their children.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    List<Long> alive = peers;
    while (!alive.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
      alive =
          alive.stream()
              .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
              .toList();
    }
    assertEquals(List.of(), alive, "processes the killed JVM started");
  }

  @Test
  void threadsOrARealServerAreRefusedWithTheReason() {
    IllegalArgumentException threads =
        assertThrows(
            IllegalArgumentException.class,
            () -> fourTransports(Workload.STREAM).isolation(Isolation.THREADS).build());
    assertTrue(
        threads.getMessage().contains("tcp-sockmap and tcp-veth run both ends as child processes")
            && threads.getMessage().contains("--isolation processes"),
        threads.getMessage());
    IllegalArgumentException server =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Experiment.builder()
                    .workload(Workload.REDIS_PING)
                    .transports(Transport.TCP_SOCKMAP)
                    .isolation(Isolation.PROCESSES)
                    .build());
    assertTrue(server.getMessage().contains("cannot reach a real server"), server.getMessage());
    // A trial run directly in this JVM's threads would be plain TCP under another name.
    BenchException direct =
        assertThrows(
            BenchException.class,
            () -> Trial.run(TrialSpec.streamBytes(Transport.TCP_SOCKMAP, 64, 640)));
    assertTrue(direct.getMessage().contains("never in threads of this JVM"), direct.getMessage());
    try (ThreadPeer peer = ThreadPeer.start("server", java.util.OptionalInt.empty())) {
      assertTrue(
          peer.serve(
                  TrialSpec.streamBytes(Transport.TCP_VETH, 64, 640), TransportOptions.defaults())
              .done()
              .isCompletedExceptionally());
    }
  }

  private void assertNothingLeft() throws InterruptedException {
    assertEquals(before, RouteLeftovers.awaitExactly(before), "what the routes left behind");
  }

  private String log() {
    try {
      return Files.readString(scratch.resolve("child.log"));
    } catch (Exception e) {
      return "(no log)";
    }
  }

  private static long dataRows(Path csv) throws Exception {
    if (!Files.exists(csv)) {
      return 0;
    }
    try (Stream<String> lines = Files.lines(csv)) {
      return lines.filter(l -> !l.startsWith("#")).count() - 1;
    }
  }
}
