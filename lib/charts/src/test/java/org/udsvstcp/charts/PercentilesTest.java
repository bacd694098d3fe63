package org.udsvstcp.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class PercentilesTest {

  @Test
  void ninesPutEachFurtherNineTenTimesFurtherRight() {
    assertEquals(2.0, Percentiles.nines(50), 1e-9);
    assertEquals(10.0, Percentiles.nines(90), 1e-9);
    assertEquals(1000.0, Percentiles.nines(99.9), 1e-6);
    assertThrows(IllegalArgumentException.class, () -> Percentiles.nines(100));
  }

  @Test
  void histogramOfNanosecondsBecomesRowsInMicroseconds() {
    Histogram histogram = new Histogram(3);
    for (int i = 1; i <= 1000; i++) {
      histogram.recordValue(i * 1000L); // 1..1000 µs in ns
    }
    Table rows = Percentiles.fromHistogram("uds", histogram, 1000.0);
    assertTrue(rows.rowCount() > 10);
    int median = -1;
    for (int r = 0; r < rows.rowCount(); r++) {
      if (rows.doubleColumn("percentile").getDouble(r) == 50.0) {
        median = r;
      }
    }
    assertTrue(median >= 0, "the iteration visits the 50th percentile");
    assertEquals(500.0, rows.doubleColumn("latency_us").getDouble(median), 1.0);
    assertEquals("uds", rows.stringColumn("transport").get(0));
    assertEquals(100.0, rows.doubleColumn("percentile").max(), 1e-9);
  }

  @Test
  void emptyHistogramGivesNoRows() {
    assertEquals(0, Percentiles.fromHistogram("tcp", new Histogram(3), 1000.0).rowCount());
  }

  @Test
  void trialRowsGiveTheMedianOfEachPercentileColumnPerTransport() {
    Table trials = DemoData.trials();
    Table rows = Percentiles.fromTrials(trials);
    assertEquals(8, rows.rowCount(), "p50 and p99 for four transports");
    assertEquals("tcp", rows.stringColumn("transport").get(0));
    assertEquals(50.0, rows.doubleColumn("percentile").get(0));
    assertEquals(20.0, rows.doubleColumn("latency_us").get(0), 2.0);
  }

  private static Table trialRows() {
    Table t =
        Table.create(
            "trials",
            StringColumn.create("transport", "uds", "tcp", "tcp", "tcp", "uds", "uds"),
            StringColumn.create(
                "phase", "measured", "warmup", "measured", "measured", "measured", "measured"),
            StringColumn.create("placement", "a", "a", "a", "b", "a", "b"));
    for (String column : new String[] {"p50_us", "p90_us", "p99_us", "p999_us", "max_us"}) {
      double scale = column.equals("max_us") ? 100 : 1;
      t.addColumns(DoubleColumn.create(column, 1.0, 999.0, 3.0, 5.0, 2.0, 7.0).multiply(scale));
      t.column(t.columnCount() - 1).setName(column);
    }
    return t;
  }

  @Test
  void byTransportGivesMediansOfMeasuredTrialsInTheSeriesOrder() {
    Table summary = Percentiles.byTransport(trialRows());
    assertEquals(
        List.of("transport", "n", "p50_us", "p90_us", "p99_us", "p999_us", "max_us"),
        summary.columnNames());
    assertEquals(List.of("tcp", "uds"), summary.stringColumn("transport").asList());
    assertEquals(List.of(2, 3), summary.intColumn("n").asList(), "warm-up left out");
    assertEquals(4.0, summary.doubleColumn("p50_us").get(0), "median of 3 and 5, not 999");
    assertEquals(2.0, summary.doubleColumn("p99_us").get(1));
    assertEquals(200.0, summary.doubleColumn("max_us").get(1));
  }

  @Test
  void byGroupSplitsByEveryColumnGiven() {
    Table summary = Percentiles.byGroup(trialRows(), "placement", "transport");
    assertEquals(4, summary.rowCount());
    assertEquals(List.of("placement", "transport", "n"), summary.columnNames().subList(0, 3));
    assertThrows(
        IllegalArgumentException.class, () -> Percentiles.byGroup(trialRows(), "isolation"));
  }
}
