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
import org.udsvstcp.bench.transport.Transport;

class KernelProfileTest extends SocketTestSupport {

  private static final String REPORT =
      """
      # Samples: 2K of event 'cpu-clock:pppH'
      # Event count (approx.): 1906906905
      #
      # Overhead  Symbol
      # ........  ......
      #
          21.50%  [k] copy_user_enhanced_fast_string
           9.25%  [.] StreamTrial.receive
           4.00%  [k] tcp_sendmsg_locked
           1.00%  [k] __softirqentry_text_start
      """;

  @Test
  void parsesKernelLinesOfAPerfReportLargestFirst() {
    List<KernelProfile.Function> top = KernelProfile.parse(REPORT, 2);
    assertEquals(
        List.of(
            new KernelProfile.Function("copy_user_enhanced_fast_string", 21.5),
            new KernelProfile.Function("tcp_sendmsg_locked", 4.0)),
        top);
    assertEquals(2000, KernelProfile.samples(REPORT));
  }

  @Test
  void sumsAProfileByWhatTheKernelWasDoingEachFunctionOnce() {
    String report =
        """
        # Samples: 1K of event 'cpu-clock:pppH'
            30.00%  [k] _copy_to_iter
            20.00%  [.] StreamTrial.receive
            10.00%  [k] tcp_bpf_sendmsg
             8.00%  [k] tcp_sendmsg_locked
             6.00%  [k] finish_task_switch.isra.0
             4.00%  [k] __netif_receive_skb_core
             2.00%  [k] something_else
        """;
    KernelProfile profile =
        new KernelProfile(
            Transport.TCP_SOCKMAP,
            64,
            "record",
            "report",
            1000,
            KernelProfile.parse(report, 99),
            null);
    var shares = profile.byFamily();
    assertEquals(30.0, shares.get("copies"), 1e-9);
    assertEquals(10.0, shares.get("sockmap and BPF"), 1e-9, "tcp_bpf_ is sockmap's, not TCP's");
    assertEquals(8.0, shares.get("TCP and IP"), 1e-9);
    assertEquals(6.0, shares.get("scheduler and wake-ups"), 1e-9);
    assertEquals(4.0, shares.get("device and softirq"), 1e-9);
    assertEquals(2.0, shares.get("other kernel"), 1e-9);
    assertEquals(40.0, shares.get("user space"), 1e-9);
    assertEquals(100.0, shares.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
    KernelProfile tcp =
        new KernelProfile(
            Transport.TCP, 65536, "record", "report", 1000, KernelProfile.parse(report, 2), null);
    var table = KernelProfile.byFamily(List.of(profile, tcp));
    assertEquals(List.of("family", "tcp-sockmap 64 B", "tcp 64 KiB"), table.columnNames());
    assertEquals(shares.size(), table.rowCount());
  }

  @Test
  void samplesTheKernelFunctionsOfEachFamilyDuringAStreamTrial() throws Exception {
    assumeTrue(
        KernelProfile.unavailable().isEmpty(), KernelProfile.unavailable().orElse("available"));
    var work = scratch.resolve("perf");
    for (Transport transport : List.of(Transport.TCP, Transport.UDS)) {
      KernelProfile profile = KernelProfile.stream(transport, 65536, Duration.ofMillis(300), work);
      assertTrue(profile.samples() > 100, "samples: " + profile.samples());
      assertTrue(profile.record().contains(" record -e cpu-clock "), profile.record());
      // Each family's own protocol functions show up among the samples.
      String prefix = transport == Transport.TCP ? "tcp_" : "unix_";
      assertTrue(profile.percentMatching(prefix) > 0, transport + ": " + profile.functions());
      assertTrue(profile.kernelPercent() > 50, transport + ": mostly kernel time");
      assertEquals(5, profile.table(5).rowCount());
      assertTrue(profile.result().bytes() > 0);
    }
    try (var left = Files.list(work)) {
      assertEquals(0, left.count(), "perf's files are deleted");
    }
  }

  private static double stack(KernelProfile profile) {
    return profile.byFamily().get("TCP and IP") + profile.byFamily().get("device and softirq");
  }

  @Test
  void samplesTwoProcessesAndTheSockmapRouteSkipsTcpsFunctions() throws Exception {
    assumeTrue(
        KernelProfile.unavailable().isEmpty(), KernelProfile.unavailable().orElse("available"));
    assumeTrue(
        org.udsvstcp.bench.route.PrivateRoute.Kind.SOCKMAP.unavailable().isEmpty(),
        () -> org.udsvstcp.bench.route.PrivateRoute.Kind.SOCKMAP.unavailable().orElse(""));
    var work = scratch.resolve("perf");
    // 64 B messages: per message, TCP's protocol work is a large share of the kernel's.
    KernelProfile tcp =
        KernelProfile.stream(Transport.TCP, 64, Duration.ofMillis(300), work, Isolation.PROCESSES);
    KernelProfile sockmap =
        KernelProfile.stream(
            Transport.TCP_SOCKMAP, 64, Duration.ofMillis(300), work, Isolation.PROCESSES);
    for (KernelProfile profile : List.of(tcp, sockmap)) {
      assertTrue(
          profile.record().matches(".* record -e cpu-clock -F 4999 -p \\d+,\\d+ .*"),
          profile.record());
      assertTrue(profile.samples() > 100, "samples: " + profile.samples());
      assertTrue(profile.result().bytes() > 0);
    }
    // The redirect hands each send to the peer socket's queue: TCP's segment path (tcp_, ip_,
    // the device and the softirq receive) mostly drops out of the profile, and sockmap's own
    // functions come in.
    double tcpStack = stack(tcp);
    assertTrue(tcpStack > 0, "tcp: " + tcp.byFamily());
    assertTrue(
        stack(sockmap) < tcpStack / 2, "sockmap " + sockmap.byFamily() + ", tcp " + tcp.byFamily());
    assertTrue(sockmap.byFamily().get("sockmap and BPF") > 0, "sockmap: " + sockmap.top(30));
    assertEquals(0.0, tcp.byFamily().get("sockmap and BPF"), 0.5, "tcp: " + tcp.top(30));
    assertThrows(
        IllegalArgumentException.class,
        () -> KernelProfile.stream(Transport.TCP_VETH, 64, Duration.ofMillis(10), work));
    try (var left = Files.list(work)) {
      assertEquals(0, left.count(), "perf's files are deleted");
    }
  }
}
