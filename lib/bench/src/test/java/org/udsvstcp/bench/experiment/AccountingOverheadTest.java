package org.udsvstcp.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.udsvstcp.bench.SocketTestSupport;
import org.udsvstcp.bench.transport.Transport;
import org.udsvstcp.bench.workload.Cost;
import org.udsvstcp.bench.workload.CostMeter;
import org.udsvstcp.bench.workload.Workload;

class AccountingOverheadTest extends SocketTestSupport {

  private static Experiment tiny() {
    return Experiment.builder()
        .workload(Workload.STREAM)
        .transports(Transport.TCP, Transport.UDS)
        .sizes(1024)
        .duration(java.time.Duration.ofMillis(50))
        .warmup(0)
        .trials(1)
        .placement(Placement.SCHEDULER)
        .seed(3)
        .build();
  }

  @Test
  void pairsRoundsWithAccountingOnAndOffPerCellAndRestoresTheSetting() {
    boolean before = CostMeter.enabled();
    List<AccountingOverhead.Comparison> result = AccountingOverhead.measure(tiny(), 3, 1);
    assertEquals(before, CostMeter.enabled());
    assertEquals(2, result.size());
    for (AccountingOverhead.Comparison c : result) {
      assertEquals(3, c.rounds());
      assertTrue(c.ratio() > 0 && Double.isFinite(c.ratio()), c.toString());
      assertEquals(1 - c.ratio(), c.overhead(), 1e-12);
    }
    assertThrows(IllegalArgumentException.class, () -> AccountingOverhead.measure(tiny(), 1, 1));
  }

  @Test
  void readingTheCountersAtATrialsEdgesIsTimedWhereItHappens() {
    double nanos = AccountingOverhead.nanosPerTrialEnd(3, 10);
    if (CostMeter.available()) {
      assertTrue(nanos > 0 && nanos < 10_000_000, "ns per trial end: " + nanos);
    } else {
      assertTrue(Double.isNaN(nanos));
    }
  }

  @Test
  void trialsWithAccountingOffSayOffAndLeaveTheCostColumnsEmpty() {
    CostMeter.setEnabled(false);
    try {
      var rows = tiny().run().table();
      String expected = CostMeter.available() ? "off" : "unavailable";
      for (int row = 0; row < rows.rowCount(); row++) {
        assertEquals(expected, rows.stringColumn("accounting").get(row));
        assertTrue(Double.isNaN(rows.doubleColumn("server_cpu_ns").getDouble(row)));
        assertTrue(Double.isNaN(rows.doubleColumn("client_switches_per_message").getDouble(row)));
      }
    } finally {
      CostMeter.setEnabled(true);
    }
    assertEquals(Cost.Accounting.OFF, Cost.Accounting.fromLabel("off"));
  }
}
