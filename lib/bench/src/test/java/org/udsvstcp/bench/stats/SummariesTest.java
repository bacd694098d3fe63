package org.udsvstcp.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class SummariesTest {

  private static Table rows() {
    TrialTable rows = TrialTable.of("bytes_per_s");
    // Inserted out of order, so the result's order comes from sorting.
    rows.measured("uds", 65536, 40, 50, 60);
    rows.warmup("tcp", 64, 1, 2);
    rows.measured("tcp", 64, 140, 100, 120, 130, 110);
    rows.measured("tcp", 65536, 10, 20, 30, 40);
    rows.measured("uds", 64, 200, 210, 1000, 205, 195, 200, 202);
    return rows.table();
  }

  @Test
  void summarisesEachGroupOfMeasuredRowsSortedByTheGroupColumns() {
    Table summary = Summaries.byGroup(rows(), "bytes_per_s", "transport", "size");

    List<String> expected = new ArrayList<>(List.of("transport", "size"));
    expected.addAll(Summaries.COLUMNS);
    assertEquals(expected, summary.columnNames());
    assertTrue(summary.name().contains("bytes_per_s"), summary.name());
    assertEquals(List.of("tcp", "tcp", "uds", "uds"), summary.stringColumn("transport").asList());
    assertEquals(List.of(64, 65536, 64, 65536), summary.intColumn("size").asList());

    // tcp/64 B: the warm-up values 1 and 2 are not part of it.
    assertEquals(5, summary.intColumn("n").get(0));
    assertEquals(120, summary.doubleColumn("median").get(0));
    assertEquals(110, summary.doubleColumn("q1").get(0));
    assertEquals(130, summary.doubleColumn("q3").get(0));
    assertEquals(20, summary.doubleColumn("iqr").get(0));
    assertEquals(100, summary.doubleColumn("min").get(0));
    assertEquals(140, summary.doubleColumn("max").get(0));
    assertEquals(120, summary.doubleColumn("mean").get(0), 1e-12);
    assertEquals(Math.sqrt(250) / 120, summary.doubleColumn("cv").get(0), 1e-12);
    assertEquals(0, summary.intColumn("outliers").get(0));

    // tcp/64 KiB: numpy quartiles of 10, 20, 30, 40.
    assertEquals(25, summary.doubleColumn("median").get(1));
    assertEquals(17.5, summary.doubleColumn("q1").get(1));
    assertEquals(32.5, summary.doubleColumn("q3").get(1));

    // uds/64 B: 1000 is the one outlier.
    assertEquals(7, summary.intColumn("n").get(2));
    assertEquals(1, summary.intColumn("outliers").get(2));
    double low = summary.doubleColumn("ci_low").get(2);
    double high = summary.doubleColumn("ci_high").get(2);
    assertTrue(low <= 202 && 202 <= high && high < 1000, low + ".." + high);
  }

  @Test
  void groupsByOneColumnAcrossTheOthers() {
    Table summary = Summaries.byGroup(rows(), "bytes_per_s", "transport");
    assertEquals(2, summary.rowCount());
    assertEquals(9, summary.intColumn("n").get(0));
    assertEquals(10, summary.intColumn("n").get(1));
  }

  @Test
  void isTheSameTableEveryTime() {
    assertEquals(
        Summaries.byGroup(rows(), "bytes_per_s", "transport", "size").print(),
        Summaries.byGroup(rows(), "bytes_per_s", "transport", "size").print());
  }

  @Test
  void leavesMissingValuesOutOfTheCount() {
    Table rows = TrialTable.of("p50_us").measured("tcp", 64, 10, Double.NaN, 12).table();
    Table summary = Summaries.byGroup(rows, "p50_us", "transport");
    assertEquals(2, summary.intColumn("n").get(0));
    assertEquals(11, summary.doubleColumn("median").get(0));
  }

  @Test
  void namesAMissingMetricOrGroupColumn() {
    IllegalArgumentException metric =
        assertThrows(
            IllegalArgumentException.class,
            () -> Summaries.byGroup(rows(), "latency", "transport"));
    assertTrue(metric.getMessage().contains("latency"), metric.getMessage());
    IllegalArgumentException group =
        assertThrows(
            IllegalArgumentException.class,
            () -> Summaries.byGroup(rows(), "bytes_per_s", "colour"));
    assertTrue(group.getMessage().contains("colour"), group.getMessage());
  }
}
