package org.udsvstcp.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.udsvstcp.bench.SocketTestSupport;
import org.udsvstcp.bench.perf.KernelCategory;
import org.udsvstcp.bench.route.PrivateRoute;
import org.udsvstcp.bench.transport.Transport;

class KernelProfileTest extends SocketTestSupport {

  @Test
  void samplesEachFamilysOwnKernelPathAndTurnsSamplesIntoTime() throws Exception {
    assumeTrue(
        KernelProfile.unavailable().isEmpty(), KernelProfile.unavailable().orElse("available"));
    var work = scratch.resolve("perf");
    for (Transport transport : List.of(Transport.TCP, Transport.UDS)) {
      KernelProfile profile = KernelProfile.stream(transport, 65536, Duration.ofMillis(300), work);
      assertTrue(profile.samples() > 100, "samples: " + profile.samples());
      assertTrue(
          profile.record().contains(" record -e cpu-clock -c " + KernelProfile.PERIOD_NS + " -g "),
          profile.record());
      assertTrue(profile.report().contains(" script -i "), profile.report());
      KernelCategory own = transport == Transport.TCP ? KernelCategory.TCP_IP : KernelCategory.UNIX;
      KernelCategory other =
          transport == Transport.TCP ? KernelCategory.UNIX : KernelCategory.TCP_IP;
      assertTrue(profile.nsPerMessage(own) > 0, transport + ": " + profile.time().byCategory());
      // Not zero: a timer of another program's socket may fire on this CPU during the trial.
      assertTrue(
          profile.nsPerMessage(other) < 0.01 * profile.kernelNsPerMessage(),
          transport + ": " + profile.time().byCategory());
      String prefix = transport == Transport.TCP ? "tcp_" : "unix_";
      assertTrue(profile.percentMatching(prefix) > 0, transport + ": " + profile.functions());
      assertTrue(profile.kernelPercent() > 50, transport + ": mostly kernel time");
      assertEquals(5, profile.table(5).rowCount());
      assertTrue(profile.result().bytes() > 0);
      // Samples times period is the two ends' CPU time: the scheduler's exact run time agrees
      // (both ends on one CPU, sampled CPU-wide; a thread's own event would miss the switches).
      double sampled = profile.kernelNsPerMessage() + profile.userNsPerMessage();
      double ratio = sampled / profile.costCpuNsPerMessage();
      assertTrue(ratio > 0.75 && ratio < 1.25, transport + ": perf/schedstat " + ratio);
    }
    try (var left = Files.list(work)) {
      assertEquals(0, left.count(), "perf's files are deleted");
    }
  }

  @Test
  void samplesTwoProcessesAndTheSockmapRouteSkipsTcpsPath() throws Exception {
    assumeTrue(
        KernelProfile.unavailable().isEmpty(), KernelProfile.unavailable().orElse("available"));
    assumeTrue(
        PrivateRoute.Kind.SOCKMAP.unavailable().isEmpty(),
        () -> PrivateRoute.Kind.SOCKMAP.unavailable().orElse(""));
    var work = scratch.resolve("perf");
    // 64 B messages: per message, TCP's protocol work is a large share of the kernel's.
    KernelProfile tcp =
        KernelProfile.stream(Transport.TCP, 64, Duration.ofMillis(300), work, Isolation.PROCESSES);
    KernelProfile sockmap =
        KernelProfile.stream(
            Transport.TCP_SOCKMAP, 64, Duration.ofMillis(300), work, Isolation.PROCESSES);
    for (KernelProfile profile : List.of(tcp, sockmap)) {
      assertTrue(
          profile.record().contains(" record -e cpu-clock -c " + KernelProfile.PERIOD_NS + " -g "),
          profile.record());
      assertTrue(profile.sampled().contains("processes"), profile.sampled());
      assertTrue(profile.samples() > 100, "samples: " + profile.samples());
      assertTrue(profile.result().bytes() > 0);
      // Every thread of the two processes is an end: their kernel time is most of the samples'.
      assertTrue(profile.kernelNsPerMessage() > 0, profile.transport() + ": no kernel samples");
    }
    // The redirect hands each send to the peer socket's queue: TCP's segment path (TCP, IP, the
    // device and the softirq receive) mostly drops out, and the redirect's own functions come in.
    double tcpPath = tcp.nsPerMessage(KernelCategory.TCP_IP);
    assertTrue(tcpPath > 0, "tcp: " + tcp.time().byCategory());
    assertTrue(
        sockmap.nsPerMessage(KernelCategory.TCP_IP) < tcpPath / 2,
        "sockmap " + sockmap.time().byCategory() + ", tcp " + tcp.time().byCategory());
    assertTrue(sockmap.nsPerMessage(KernelCategory.SOCKMAP) > 0, "sockmap: " + sockmap.top(30));
    assertTrue(
        tcp.nsPerMessage(KernelCategory.SOCKMAP) < 0.01 * tcp.kernelNsPerMessage(),
        "tcp: " + tcp.time().byCategory());
    assertThrows(
        IllegalArgumentException.class,
        () -> KernelProfile.stream(Transport.TCP_VETH, 64, Duration.ofMillis(10), work));
    try (var left = Files.list(work)) {
      assertEquals(0, left.count(), "perf's files are deleted");
    }
  }
}
