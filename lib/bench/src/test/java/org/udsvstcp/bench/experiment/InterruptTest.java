package org.udsvstcp.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.udsvstcp.bench.SocketTestSupport;
import org.udsvstcp.bench.transport.Transport;
import org.udsvstcp.bench.workload.RunInterruptedException;
import org.udsvstcp.bench.workload.Workload;

/** Interrupting the calling thread, as a notebook's interrupt button does, stops a run cleanly. */
class InterruptTest extends SocketTestSupport {

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void interruptingTheCallerMidTrialStopsTheRunAndLeavesNothingBehind(Isolation isolation)
      throws Exception {
    var directoriesBefore = socketDirectories();
    Experiment experiment =
        Experiment.builder()
            .workload(Workload.STREAM)
            .transports(Transport.TCP_CLASSIC, Transport.UDS_JUNIX)
            .sizes(64)
            .duration(Duration.ofSeconds(60))
            .warmup(0)
            .trials(1)
            .isolation(isolation)
            .placement(Placement.SCHEDULER)
            .build();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    CompletableFuture<Boolean> interruptFlag = new CompletableFuture<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                experiment.run();
              } catch (Throwable e) {
                thrown.set(e);
              }
              interruptFlag.complete(Thread.currentThread().isInterrupted());
            },
            "notebook-cell");
    long start = System.nanoTime();
    caller.start();
    // Wait until a trial is under way: the client has connected and is sending.
    while (isolation == Isolation.THREADS
        ? benchThreads().size() < 2
        : ProcessHandle.current().children().count() < 2) {
      Thread.sleep(5);
    }
    caller.interrupt();
    assertTrue(interruptFlag.get(60, TimeUnit.SECONDS), "interrupt status kept");
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(50), "stopped before 60 s");
    ExperimentException e = assertInstanceOf(ExperimentException.class, thrown.get());
    assertInstanceOf(RunInterruptedException.class, e.getCause());
    assertEquals(0, e.results().table().rowCount());
    assertTrue(benchThreads().isEmpty(), benchThreads().toString());
    assertEquals(0, ProcessHandle.current().children().count());
    assertTrue(directoriesBefore.containsAll(socketDirectories()));
  }
}
