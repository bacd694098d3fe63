package org.udsvstcp.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.udsvstcp.bench.ServerTestSupport;
import org.udsvstcp.bench.server.ManagedServer;
import org.udsvstcp.bench.server.ServerKind;
import org.udsvstcp.bench.stats.Ratios;
import org.udsvstcp.bench.transport.Transport;
import org.udsvstcp.bench.workload.Workload;
import tech.tablesaw.api.Table;

/**
 * Every server workload runs over both families in one experiment, every reply verified, with one
 * tidy row per trial (client, depth and placement recorded), and leaves no server behind.
 */
class ServerWorkloadsTest extends ServerTestSupport {
  private static final int ROUND_TRIPS = 200;

  @Test
  void anInterruptedRunStopsItsServersAndRemovesTheirDirectories() {
    assumeInstalled(Workload.REDIS_PING);
    assumeInstalled(Workload.PG_SELECT1);
    Set<ManagedServer> servers = new HashSet<>();
    Experiment experiment =
        Experiment.builder()
            .workload(Workload.REDIS_PING)
            .alongside(Workload.PG_SELECT1)
            .count(ROUND_TRIPS)
            .warmup(0)
            .trials(50)
            .placement(Placement.SCHEDULER)
            .build();
    ExperimentException stopped =
        assertThrows(
            ExperimentException.class,
            () ->
                experiment.run(
                    null,
                    (index, total, row) -> {
                      servers.addAll(ManagedServer.running());
                      Thread.currentThread().interrupt();
                    }));
    assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
    assertEquals(1, stopped.results().table().rowCount(), "the finished trial is kept");
    assertEquals(2, servers.size());
    for (ManagedServer server : servers) {
      assertTrue(!alive(server.pid()), "the server still runs: " + server.describe());
      assertTrue(!Files.exists(server.directory()), "its directory is left: " + server.directory());
    }
    assertEquals(List.of(), ManagedServer.running());
  }

  @ParameterizedTest
  @EnumSource(ServerKind.class)
  void everyWorkloadOfAServerRunsOverBothFamiliesAndLeavesNothing(ServerKind kind)
      throws Exception {
    List<Workload> workloads =
        Arrays.stream(Workload.values()).filter(w -> w.server() == kind).toList();
    workloads.forEach(ServerTestSupport::assumeInstalled);
    assumePinning();
    Experiment experiment =
        Experiment.builder()
            .workload(workloads.get(0))
            .alongside(workloads.subList(1, workloads.size()).toArray(Workload[]::new))
            .transports(Transport.TCP, Transport.UDS)
            .sizes(16, 64 * 1024)
            .depths(1, 16)
            .count(ROUND_TRIPS)
            .warmup(0)
            .trials(1)
            .placement(Placement.SAME_CORE)
            // The client in a child JVM: the clients must work there too.
            .isolation(kind == ServerKind.REDIS ? Isolation.PROCESSES : Isolation.THREADS)
            .build();
    Set<ManagedServer> servers = new HashSet<>();
    Results results =
        experiment.run((index, total, row) -> servers.addAll(ManagedServer.running()));
    assertEquals(1, servers.size(), "one server for the whole run");
    Table rows = results.table();
    assertEquals(experiment.totalTrials(), rows.rowCount());
    Set<String> cells = new HashSet<>();
    for (int row = 0; row < rows.rowCount(); row++) {
      String workload = rows.stringColumn("workload").get(row);
      Workload w = Workload.fromName(workload);
      int depth = rows.intColumn("depth").get(row);
      int size = rows.intColumn("size").get(row);
      long requests = (long) (w == Workload.PG_CONNECT ? experiment.count() : ROUND_TRIPS) * depth;
      assertEquals(requests, rows.longColumn("messages").get(row), workload + " requests");
      assertTrue(rows.doubleColumn("messages_per_s").get(row) > 0);
      assertEquals(w.client(), rows.stringColumn("api").get(row));
      assertEquals(w.hasValue() ? size : 0, size);
      assertTrue(
          rows.stringColumn("pinning").get(row).startsWith("server process cpu"),
          rows.stringColumn("pinning").get(row));
      cells.add(
          workload + " " + rows.stringColumn("transport").get(row) + " " + size + " " + depth);
    }
    for (Workload w : workloads) {
      for (String transport : List.of("tcp", "uds")) {
        for (int depth : w.pipelines() ? List.of(1, 16) : List.of(1)) {
          for (int size : w.hasValue() ? List.of(16, 65536) : List.of(0)) {
            assertTrue(
                cells.contains(w.label() + " " + transport + " " + size + " " + depth),
                w + " " + transport + " " + size + " depth " + depth + " missing from " + cells);
          }
        }
      }
    }
    Table ratios = Ratios.pairedBy(rows, "messages_per_s", "uds", "tcp", "depth");
    Set<String> paired =
        ratios.stringColumn("workload").asList().stream().collect(Collectors.toSet());
    assertEquals(
        workloads.stream().map(Workload::label).collect(Collectors.toSet()), paired, "ratios");
    for (ManagedServer server : servers) {
      assertTrue(!alive(server.pid()), "the server still runs: " + server.describe());
      assertTrue(!Files.exists(server.directory()), "its directory is left: " + server.directory());
      assertEquals(List.of(), processesUsing(server.directory()));
    }
    assertEquals(List.of(), ManagedServer.running());
    assertEquals(0, ProcessHandle.current().children().count(), "child processes left");
  }
}
