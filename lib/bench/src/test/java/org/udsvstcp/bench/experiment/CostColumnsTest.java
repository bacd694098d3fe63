package org.udsvstcp.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.udsvstcp.bench.SocketTestSupport;
import org.udsvstcp.bench.env.Affinity;
import org.udsvstcp.bench.transport.Transport;
import org.udsvstcp.bench.workload.CostMeter;
import org.udsvstcp.bench.workload.Workload;
import tech.tablesaw.api.Table;

class CostColumnsTest extends SocketTestSupport {
  /** The transports that run in threads as well as in processes (not those that need a route). */
  private static final java.util.List<Transport> PLAIN =
      java.util.Arrays.stream(Transport.values()).filter(t -> !t.needsRoute()).toList();

  private static Table threaded;

  /** The threaded stream rows, run once for the tests that read them. */
  private static synchronized Table threaded() {
    if (threaded == null) {
      threaded = stream(Isolation.THREADS);
    }
    return threaded;
  }

  /**
   * One 1 s stream trial per transport: long enough that each end's mostly-kernel time holds
   * several 10 ms ticks even on a busy machine, so its system time is known.
   */
  private static Table stream(Isolation isolation) {
    assumeTrue(CostMeter.available(), "no /proc/thread-self counters on this system");
    return Experiment.builder()
        .workload(Workload.STREAM)
        .transports(PLAIN)
        .sizes(1024)
        .duration(Duration.ofSeconds(1))
        .warmup(0)
        .trials(1)
        .isolation(isolation)
        .placement(Placement.SCHEDULER)
        .seed(1)
        .build()
        .run()
        .table();
  }

  private static void assertEveryEndHasSystemTimeAndSwitchCounts(Table rows) {
    assertEquals(PLAIN.size(), rows.rowCount());
    for (int row = 0; row < rows.rowCount(); row++) {
      String what = rows.stringColumn("transport").get(row);
      assertEquals("thread", rows.stringColumn("accounting").get(row), what);
      for (String end : new String[] {"server", "client"}) {
        double cpu = rows.doubleColumn(end + "_cpu_ns").getDouble(row);
        double system = rows.doubleColumn(end + "_system_ns").getDouble(row);
        double user = rows.doubleColumn(end + "_user_ns").getDouble(row);
        assertTrue(system > 0, what + " " + end + " system time " + system);
        assertEquals(cpu, system + user, cpu * 1e-9, what + " " + end + ": user + system = cpu");
        for (String switches : new String[] {"_voluntary_switches", "_involuntary_switches"}) {
          double count = rows.doubleColumn(end + switches).getDouble(row);
          assertFalse(Double.isNaN(count), what + " " + end + switches);
          assertTrue(count >= 0 && count == Math.rint(count), what + " " + end + switches);
        }
      }
    }
  }

  @Test
  void aStreamTrialOverEachTransportReportsSystemTimeAndSwitchesForBothEnds() {
    assertEveryEndHasSystemTimeAndSwitchCounts(threaded());
  }

  @Test
  void childProcessesSendTheirEndsCostsBackToTheParent() {
    assertEveryEndHasSystemTimeAndSwitchCounts(stream(Isolation.PROCESSES));
  }

  @Test
  void theDerivedFiguresAreTheRawColumnsDividedByMessagesOrKib() {
    Table rows = threaded();
    for (int row = 0; row < rows.rowCount(); row++) {
      double messages = rows.longColumn("messages").get(row);
      double kib = rows.longColumn("bytes").get(row) / 1024.0;
      for (String end : new String[] {"server", "client"}) {
        for (String time : new String[] {"user", "system"}) {
          double raw = rows.doubleColumn(end + "_" + time + "_ns").getDouble(row);
          assertEquals(
              raw / messages,
              rows.doubleColumn(end + "_" + time + "_ns_per_message").getDouble(row),
              1e-9);
          assertEquals(
              raw / kib, rows.doubleColumn(end + "_" + time + "_ns_per_kib").getDouble(row), 1e-9);
        }
        double switches =
            rows.doubleColumn(end + "_voluntary_switches").getDouble(row)
                + rows.doubleColumn(end + "_involuntary_switches").getDouble(row);
        assertEquals(
            switches / messages,
            rows.doubleColumn(end + "_switches_per_message").getDouble(row),
            1e-12);
      }
    }
  }

  /**
   * On one CPU, every round trip hands the CPU over at least twice: the client blocks in its read
   * and the server runs, then the server blocks (or is preempted by the client it woke) and the
   * client runs. What is measured is each end's {@code voluntary_ctxt_switches +
   * nonvoluntary_ctxt_switches}, the times the kernel switched that end out: at least about one per
   * round trip per end, so each end is switched out once and in once, two context switches per
   * round trip; and with only the two ends on the CPU, every switch out of one is a switch into the
   * other, so both ends count the same. (On the kernel 6.18 of our VM, TCP counts 1.00 per end and
   * UDS about 1.5: the reader's consumption wakes the sleeping writer, which finds nothing to read
   * and sleeps again.)
   */
  @Test
  void sameCorePingPongSwitchesEachEndOutAtLeastOncePerRoundTripAndBothEndsAlike() {
    assumeTrue(CostMeter.available(), "no /proc/thread-self counters on this system");
    assumeTrue(Affinity.taskset().isPresent(), "cannot pin threads here: " + Affinity.support());
    int roundTrips = 5_000;
    Table rows =
        Experiment.builder()
            .workload(Workload.PINGPONG)
            .transports(Transport.TCP, Transport.UDS)
            .sizes(64)
            .count(roundTrips)
            .warmup(0)
            .trials(1)
            .placement(Placement.SAME_CORE)
            .seed(1)
            .build()
            .run()
            .table();
    for (int row = 0; row < rows.rowCount(); row++) {
      String what = rows.stringColumn("transport").get(row);
      assumeTrue(
          rows.stringColumn("pinning").get(row).contains("verified)"),
          "not pinned: " + rows.stringColumn("pinning").get(row));
      assertEquals(roundTrips, rows.longColumn("messages").get(row));
      double server = rows.doubleColumn("server_switches_per_message").getDouble(row);
      double client = rows.doubleColumn("client_switches_per_message").getDouble(row);
      for (double perRoundTrip : new double[] {server, client}) {
        assertTrue(perRoundTrip >= 0.9 && perRoundTrip <= 2.0, what + ": " + perRoundTrip);
      }
      assertEquals(server, client, 0.05 * server, what + ": switches out of one end = into other");
    }
  }
}
