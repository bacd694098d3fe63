package org.udsvstcp.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The load analysis from rows made up to have known answers: where a server saturates, and the
 * check that a saturated server's throughput gain equals its CPU saving per request.
 */
class LoadAnalysisTest {

  /**
   * Rows of pg-pool-point over both transports at 1 and 8 clients, 3 rounds each: 1 s trials, the
   * server's CPU time per request {@code tcpUs} and {@code udsUs}, busy {@code busy} of its CPU at
   * 8 clients (so 8 clients answer busy / CPU time per request), and a quarter of that at 1.
   */
  private static Table rows(double tcpUs, double udsUs, double busy) {
    StringColumn phase = StringColumn.create("phase");
    StringColumn workload = StringColumn.create("workload");
    StringColumn transport = StringColumn.create("transport");
    IntColumn size = IntColumn.create("size");
    IntColumn clients = IntColumn.create("clients");
    IntColumn round = IntColumn.create("round");
    DoubleColumn offered = DoubleColumn.create("offered_per_s");
    LongColumn messages = LongColumn.create("messages");
    DoubleColumn rps = DoubleColumn.create("messages_per_s");
    DoubleColumn seconds = DoubleColumn.create("seconds");
    DoubleColumn cpu = DoubleColumn.create("server_cpu_ns");
    DoubleColumn user = DoubleColumn.create("server_user_ns");
    DoubleColumn system = DoubleColumn.create("server_system_ns");
    DoubleColumn voluntary = DoubleColumn.create("server_voluntary_switches");
    DoubleColumn involuntary = DoubleColumn.create("server_involuntary_switches");
    DoubleColumn client = DoubleColumn.create("client_cpu_ns");
    for (int r = 0; r < 3; r++) {
      for (int n : new int[] {1, 8}) {
        for (String t : new String[] {"tcp", "uds"}) {
          double us = t.equals("tcp") ? tcpUs : udsUs;
          double b = n == 8 ? busy : busy / 4;
          long requests = Math.round(b / (us * 1e-6)) + r; // a little spread between rounds
          phase.append("measured");
          workload.append("pg-pool-point");
          transport.append(t);
          size.append(0);
          clients.append(n);
          round.append(r);
          offered.appendMissing();
          messages.append(requests);
          rps.append(requests);
          seconds.append(1.0);
          cpu.append(requests * us * 1e3);
          user.append(requests * 40e3);
          system.append(requests * (us - 40) * 1e3);
          voluntary.append(requests);
          involuntary.append(0);
          client.append(requests * 50e3);
        }
      }
    }
    return Table.create(
        "rows",
        phase,
        workload,
        transport,
        size,
        clients,
        round,
        offered,
        messages,
        rps,
        seconds,
        cpu,
        user,
        system,
        voluntary,
        involuntary,
        client);
  }

  @Test
  void aRunOfOpenLoopsOnlyHasNoClosedLoopRatiosToCompare() {
    Table rows = rows(100, 80, 1.0);
    DoubleColumn offered = rows.doubleColumn("offered_per_s");
    for (int i = 0; i < rows.rowCount(); i++) {
      offered.set(i, 5000.0);
    }
    rows.addColumns(
        rows.longColumn("messages").copy().setName("reads"),
        IntColumn.create("depth", rows.rowCount()).setMissingTo(1));
    // (it used to throw from Tablesaw's rows() with an empty selection, after the run's summary)
    assertEquals(0, ServerComparison.ratios(rows).rowCount());
    assertEquals(0, ServerComparison.javaVsTool(rows).rowCount());
    assertEquals("", ServerComparison.describe(ServerComparison.javaVsTool(rows)));
  }

  @Test
  void aSaturatedServersGainEqualsItsCpuSaving() {
    Table rows = rows(100, 80, 1.0);
    Table by = LoadAnalysis.byClients(rows);
    assertEquals(4, by.rowCount());
    Table saturation = LoadAnalysis.saturation(by);
    assertEquals(8, saturation.intColumn("saturates_at").get(0));
    assertEquals(10_000, LoadAnalysis.slowerPeak(saturation, "pg-pool-point"), 2);
    Table check = LoadAnalysis.cpuCheck(rows);
    assertEquals(1, check.rowCount());
    assertEquals(0.25, check.doubleColumn("throughput_gain").get(0), 0.01);
    assertEquals(0.25, check.doubleColumn("cpu_saving").get(0), 0.01);
    assertTrue(check.booleanColumn("server_saturated").get(0));
    assertTrue(check.booleanColumn("equal").get(0));
    assertTrue(
        LoadAnalysis.describeCpuCheck(check).contains("equal within 5%, as a saturated server"));
  }

  @Test
  void aServerThatWasNotBusyIsNotTheBottleneck() {
    Table check = LoadAnalysis.cpuCheck(rows(100, 80, 0.5));
    assertFalse(check.booleanColumn("server_saturated").get(0));
    assertTrue(LoadAnalysis.describeCpuCheck(check).contains("it was not the bottleneck"));
  }

  @Test
  void offeredRatesAreSharesOfTheSaturationRate() {
    double[] rates = LoadAnalysis.rates(10_000, 0.25, 0.5, 0.75, 0.9);
    assertEquals(2500, rates[0]);
    assertEquals(9000, rates[3]);
  }
}
