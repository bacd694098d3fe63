package org.udsvstcp.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.udsvstcp.bench.SocketTestSupport;
import org.udsvstcp.bench.perf.KernelCategory;
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
}
