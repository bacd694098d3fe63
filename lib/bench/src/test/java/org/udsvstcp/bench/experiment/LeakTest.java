package org.udsvstcp.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.udsvstcp.bench.SocketTestSupport;
import org.udsvstcp.bench.transport.Transport;
import org.udsvstcp.bench.workload.Trial;
import org.udsvstcp.bench.workload.TrialSpec;
import org.udsvstcp.bench.workload.Workload;

/** Hundreds of runs, some failing, leave no socket file, thread or child process behind. */
class LeakTest extends SocketTestSupport {

  @Test
  void hundredsOfRunsLeaveNoSocketFilesThreadsOrProcesses() throws Exception {
    Set<Path> directoriesBefore = socketDirectories();
    int threadsBefore = Thread.activeCount();
    Transport[] transports =
        java.util.Arrays.stream(Transport.values())
            .filter(t -> !t.needsRoute())
            .toArray(Transport[]::new);
    for (int i = 0; i < 240; i++) {
      Transport transport = transports[i % transports.length];
      assumeAvailable(transport);
      TrialSpec spec =
          switch (i % 4) {
            case 0 -> TrialSpec.streamBytes(transport, 512, 8192);
            case 1 -> TrialSpec.pingPong(transport, 64, 20);
            case 2 -> TrialSpec.connect(transport, 16, 5);
            default -> TrialSpec.original(transport, Duration.ofMillis(1));
          };
      Trial.run(spec);
    }
    for (int i = 0; i < 20; i++) {
      int run = i;
      // Runs that fail part-way must clean up as well as runs that succeed.
      Experiment experiment =
          Experiment.builder()
              .workload(Workload.STREAM)
              .transports(Transport.UDS, Transport.TCP)
              .sizes(64)
              .byteBudget(640)
              .warmup(0)
              .trials(2)
              .placement(Placement.SCHEDULER)
              .build();
      if (run % 2 == 0) {
        experiment.run();
      } else {
        assertThrows(
            ExperimentException.class,
            () -> experiment.run(null, (index, total, row) -> Thread.currentThread().interrupt()));
        assertTrue(Thread.interrupted());
      }
    }
    for (int i = 0; i < 2; i++) {
      Experiment.builder()
          .workload(Workload.CONNECT)
          .transports(Transport.UDS, Transport.TCP)
          .sizes(64)
          .count(10)
          .warmup(0)
          .trials(1)
          .isolation(Isolation.PROCESSES)
          .placement(Placement.SCHEDULER)
          .build()
          .run();
    }
    assertEquals(Set.of(), benchThreads());
    assertTrue(
        directoriesBefore.containsAll(socketDirectories()),
        "socket directories left: " + socketDirectories());
    assertEquals(0, ProcessHandle.current().children().count(), "child processes left");
    assertTrue(
        Thread.activeCount() <= threadsBefore + 2,
        "threads grew from " + threadsBefore + " to " + Thread.activeCount());
  }
}
