package org.udsvstcp.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.udsvstcp.bench.ServerTestSupport;
import org.udsvstcp.bench.workload.Cost;
import org.udsvstcp.bench.workload.CostMeter;
import org.udsvstcp.bench.workload.Workload;
import tech.tablesaw.api.Table;

/**
 * Clients and offered rates as dimensions of an experiment: every row records its clients and its
 * offered rate, carries the server's cost, and the load analysis reads them back.
 */
class LoadExperimentTest extends ServerTestSupport {

  @Test
  void everyRowRecordsItsClientsItsRateAndTheServersCost() {
    assumeInstalled(Workload.REDIS_BENCHMARK_GET);
    Experiment experiment =
        Experiment.builder()
            .workload(Workload.LETTUCE_GET)
            .alongside(Workload.REDIS_POOL_GET, Workload.REDIS_BENCHMARK_GET)
            .sizes(64)
            .clients(1, 3)
            .rates(0, 1500)
            .count(600)
            .warmup(0)
            .trials(1)
            .placement(Placement.SCHEDULER)
            .build();
    Results results = experiment.run();
    Table rows = results.table();
    // redis-benchmark has no fixed rate: its cells are the closed loop's only.
    assertEquals((2 * 2 * 2 + 2 * 2 * 2 + 2 * 2) * 1, rows.rowCount());
    Set<String> cells = new TreeSet<>();
    for (int row = 0; row < rows.rowCount(); row++) {
      int clients = rows.intColumn("clients").get(row);
      double offered = rows.doubleColumn("offered_per_s").getDouble(row);
      String workload = rows.stringColumn("workload").get(row);
      cells.add(workload + " " + clients + " " + (Double.isNaN(offered) ? "closed" : "open"));
      long perClient = (600 + clients - 1) / clients;
      assertEquals(perClient * clients, rows.longColumn("messages").get(row), workload);
      if (CostMeter.accounting() == Cost.Accounting.THREAD) {
        assertTrue(rows.doubleColumn("server_cpu_ns").getDouble(row) > 0, workload + " server");
        assertTrue(
            rows.doubleColumn("server_voluntary_switches").getDouble(row) > 0,
            workload + " server");
      }
    }
    assertEquals(
        new TreeSet<>(
            List.of(
                "lettuce-get 1 closed",
                "lettuce-get 1 open",
                "lettuce-get 3 closed",
                "lettuce-get 3 open",
                "redis-benchmark-get 1 closed",
                "redis-benchmark-get 3 closed",
                "redis-pool-get 1 closed",
                "redis-pool-get 1 open",
                "redis-pool-get 3 closed",
                "redis-pool-get 3 open")),
        cells);
    Table by = LoadAnalysis.byClients(rows);
    assertEquals(3 * 2 * 2, by.rowCount(), by.print());
    assertEquals(3 * 2, LoadAnalysis.ratios(rows).rowCount());
    assertEquals(3 * 2, LoadAnalysis.saturation(by).rowCount());
    Table tail = LoadAnalysis.tail(rows);
    assertEquals(2 * 2 * 2, tail.rowCount(), tail.print());
    assertTrue(tail.doubleColumn("p99_us").min() > 0);
    assertEquals(3, LoadAnalysis.cpuCheck(rows).rowCount(), "one check per workload");
  }

  @Test
  void aRateForAToolWithoutOneIsRefusedByName() {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Experiment.builder()
                    .workload(Workload.REDIS_BENCHMARK_GET)
                    .sizes(64)
                    .rates(1000)
                    .build());
    assertTrue(refused.getMessage().contains("redis-benchmark has no fixed-rate mode"));
    IllegalArgumentException one =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                org.udsvstcp.bench.workload.TrialSpec.server(
                        Workload.REDIS_GET, org.udsvstcp.bench.transport.Transport.TCP, 64, 10, 1)
                    .withLoad(4, 0));
    assertTrue(one.getMessage().contains("runs one client"), one.getMessage());
  }
}
