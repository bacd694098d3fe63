package org.udsvstcp.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class CostsTest {

  /** Two measured tcp 64 B trials and one warm-up, 1000 messages each, 1 s long. */
  private static Table rows() {
    Table t =
        Table.create(
            "rows",
            StringColumn.create("transport", "tcp", "tcp", "tcp"),
            IntColumn.create("size", 64, 64, 64),
            StringColumn.create("phase", "warmup", "measured", "measured"),
            StringColumn.create("accounting", "thread", "thread", "thread"),
            LongColumn.create("messages", 1000, 1000, 1000),
            DoubleColumn.create("messages_per_s", 1000, 1_000_000, 1_000_000),
            DoubleColumn.create("server_cpu_ns", 9e9, 400e6, 500e6),
            DoubleColumn.create("client_cpu_ns", 9e9, 500e6, 500e6));
    double[][] perMessage = {{9, 300, 400}, {9, 100, 100}, {9, 350, 350}, {9, 150, 150}};
    String[] names = {"server_system", "server_user", "client_system", "client_user"};
    for (int i = 0; i < names.length; i++) {
      t.addColumns(DoubleColumn.create(names[i] + "_ns_per_message", perMessage[i]));
      t.addColumns(DoubleColumn.create(names[i] + "_ns_per_kib", perMessage[i]));
    }
    t.addColumns(DoubleColumn.create("server_switches_per_message", 9, 1, 1));
    t.addColumns(DoubleColumn.create("client_switches_per_message", 9, 0.5, 1.5));
    return t;
  }

  @Test
  void totalsAddBothEndsPerMessageAndTheCpusTheyKeptBusy() {
    Table t = Costs.withTotals(rows());
    assertEquals(900_000.0, t.doubleColumn("cpu_ns_per_message").getDouble(1), 1e-9);
    assertEquals(650.0, t.doubleColumn("system_ns_per_message").getDouble(1), 1e-9);
    assertEquals(250.0, t.doubleColumn("user_ns_per_message").getDouble(1), 1e-9);
    assertEquals(1.5, t.doubleColumn("switches_per_message").getDouble(1), 1e-12);
    assertEquals(900.0, t.doubleColumn("cpu_seconds_per_second").getDouble(1), 1e-9);
  }

  @Test
  void theStackTakesMediansOfMeasuredTrialsOnly() {
    Table stack = Costs.stack(rows(), "message");
    assertEquals(1, stack.rowCount());
    assertEquals(350.0, stack.doubleColumn("server_system").getDouble(0), 1e-9);
    assertEquals(100.0, stack.doubleColumn("server_user").getDouble(0), 1e-9);
    assertEquals(350.0 + 100 + 350 + 150, stack.doubleColumn("total").getDouble(0), 1e-9);
    assertEquals(1, Costs.stack(rows(), "kib").rowCount());
    assertThrows(IllegalArgumentException.class, () -> Costs.stack(rows(), "byte"));
  }

  @Test
  void selfConsistencyMultipliesTheRateByTheCpuTimePerMessage() {
    Table check = Costs.selfConsistency(rows());
    // 1e6 messages/s x 0.95 ms (median of 0.9 and 1.0 ms) of CPU per message.
    assertEquals(950.0, check.doubleColumn("cpu_seconds_per_second").getDouble(0), 1e-9);
    assertEquals(1 - 950.0, check.doubleColumn("rest").getDouble(0), 1e-9);
  }

  @Test
  void emptyCostColumnsSayWhy() {
    Table off = rows();
    assertTrue(Costs.measured(off));
    assertEquals("", Costs.whyEmpty(off));
    off.replaceColumn("accounting", StringColumn.create("accounting", "off", "off", "off"));
    assertFalse(Costs.measured(off));
    assertTrue(Costs.whyEmpty(off).contains("switched off"));
    off.replaceColumn(
        "accounting", StringColumn.create("accounting", "unavailable", "unavailable", "none"));
    assertTrue(Costs.whyEmpty(off).contains("Linux only"), Costs.whyEmpty(off));
  }
}
