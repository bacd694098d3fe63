package org.udsvstcp.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class HostComparisonTest {

  /** A run whose rates and costs per message are {@code speed} and {@code cost} times a base. */
  private static Table run(double speed, double cost, double udsAt64k) {
    Table t =
        Table.create(
            "run",
            StringColumn.create("workload"),
            StringColumn.create("transport"),
            IntColumn.create("size"),
            StringColumn.create("phase"),
            LongColumn.create("messages"),
            DoubleColumn.create("bytes_per_s"),
            DoubleColumn.create("server_cpu_ns"),
            DoubleColumn.create("client_cpu_ns"),
            DoubleColumn.create("server_system_ns_per_message"),
            DoubleColumn.create("client_system_ns_per_message"));
    int[] sizes = {64, 1024, 65536};
    for (String transport : List.of("tcp", "uds")) {
      for (int i = 0; i < sizes.length; i++) {
        double rate = speed * sizes[i] * 1e6 * (transport.equals("uds") && i == 2 ? udsAt64k : 1);
        t.stringColumn("workload").append("stream");
        t.stringColumn("transport").append(transport);
        t.intColumn("size").append(sizes[i]);
        t.stringColumn("phase").append("measured");
        t.longColumn("messages").append(1000);
        t.doubleColumn("bytes_per_s").append(rate);
        t.doubleColumn("server_cpu_ns").append(cost * 300_000 * (i + 1));
        t.doubleColumn("client_cpu_ns").append(cost * 200_000 * (i + 1));
        t.doubleColumn("server_system_ns_per_message").append(cost * 200 * (i + 1));
        t.doubleColumn("client_system_ns_per_message").append(cost * 100 * (i + 1));
      }
    }
    return t;
  }

  @Test
  void setsMediansSideBySideWithTheirChangesAndTheUdsTcpRatio() {
    Table c = HostComparison.of(run(1, 1, 4), run(0.5, 2, 1.6));
    assertEquals(6, c.rowCount());
    assertEquals(64, c.intColumn("size").get(0));
    assertEquals(0.5, c.doubleColumn("throughput_change").getDouble(0), 1e-12);
    assertEquals(500.0, c.doubleColumn("ref_cpu_ns_per_message").getDouble(0), 1e-9);
    assertEquals(2.0, c.doubleColumn("cost_change").getDouble(0), 1e-12);
    assertEquals(600.0, c.doubleColumn("this_system_ns_per_message").getDouble(0), 1e-9);
    int uds64k = 5;
    assertEquals("uds", c.stringColumn("transport").get(uds64k));
    assertEquals(4.0, c.doubleColumn("ref_uds_tcp").getDouble(uds64k), 1e-12);
    assertEquals(1.6, c.doubleColumn("this_uds_tcp").getDouble(uds64k), 1e-12);
  }

  @Test
  void costsThatMovedAreTheHostsAndARankedCurveIsTheSameShape() {
    List<String> text =
        HostComparison.conclusions(HostComparison.of(run(1, 1, 4), run(0.5, 2, 1.6)));
    assertTrue(text.get(0).startsWith("tcp: CPU time per message is 2.00x"), text.get(0));
    assertTrue(
        text.get(0).endsWith("the host's costs moved, and the rates with them"), text.get(0));
    assertTrue(text.get(1).endsWith("the shape of the curve holds"), text.get(1));
    assertTrue(text.get(4).contains("at 3 of 3 sizes (the shape holds)"), text.get(4));
    assertTrue(text.get(4).contains("moved most at 64 KiB, from 4.00x to 1.60x"), text.get(4));
  }

  @Test
  void costsWithinTenPercentHeldAndAFlippedRatioChangedTheShape() {
    List<String> text =
        HostComparison.conclusions(HostComparison.of(run(1, 1, 4), run(1, 1.05, 0.5)));
    assertTrue(text.get(0).contains("within 10% of the reference's (1.05x)"), text.get(0));
    assertTrue(text.get(4).contains("at 2 of 3 sizes (the shape changed)"), text.get(4));
  }

  @Test
  void spearmanIsOneForTheSameOrderAndMinusOneForTheReverse() {
    assertEquals(1.0, HostComparison.spearman(new double[] {1, 2, 3}, new double[] {5, 8, 9}));
    assertEquals(-1.0, HostComparison.spearman(new double[] {1, 2, 3}, new double[] {9, 8, 5}));
  }
}
