package org.udsvstcp.bench.experiment;

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

/** The Java-vs-tool comparison and the transport/work split, from hand-made rows. */
class ServerAnalysisTest {

  /** Rows with the columns the analyses read; one trial per call. */
  private static final class RowsFixture {
    final StringColumn workload = StringColumn.create("workload");
    final StringColumn transport = StringColumn.create("transport");
    final IntColumn size = IntColumn.create("size");
    final IntColumn depth = IntColumn.create("depth");
    final StringColumn phase = StringColumn.create("phase");
    final IntColumn round = IntColumn.create("round");
    final DoubleColumn seconds = DoubleColumn.create("seconds");
    final LongColumn reads = LongColumn.create("reads");
    final DoubleColumn rate = DoubleColumn.create("messages_per_s");
    final DoubleColumn p50 = DoubleColumn.create("p50_us");

    /**
     * A trial of {@code roundTrips} round trips of {@code depth} requests, each taking {@code us}.
     */
    RowsFixture trial(String w, String t, int s, int d, int r, double us) {
      workload.append(w);
      transport.append(t);
      size.append(s);
      depth.append(d);
      phase.append("measured");
      round.append(r);
      seconds.append(1000 * us / 1e6);
      reads.append(1000);
      rate.append(d / (us / 1e6));
      p50.append(us);
      return this;
    }

    Table table() {
      return Table.create(
          "rows", workload, transport, size, depth, phase, round, seconds, reads, rate, p50);
    }
  }

  @Test
  void javaAndToolRatiosPairUpByRequestAndAreJudgedAgainstTenPercent() {
    RowsFixture rows = new RowsFixture();
    for (int r = 0; r < 5; r++) {
      rows.trial("redis-ping", "tcp", 0, 1, r, 30).trial("redis-ping", "uds", 0, 1, r, 25);
      rows.trial("redis-benchmark-ping", "tcp", 0, 1, r, 20)
          .trial("redis-benchmark-ping", "uds", 0, 1, r, 15);
      rows.trial("redis-ping", "tcp", 0, 16, r, 60).trial("redis-ping", "uds", 0, 16, r, 55);
      rows.trial("redis-benchmark-ping", "tcp", 0, 16, r, 50)
          .trial("redis-benchmark-ping", "uds", 0, 16, r, 46);
    }
    Table table = ServerComparison.javaVsTool(rows.table());
    assertEquals(2, table.rowCount());
    assertEquals("PING", table.stringColumn("request").get(0));
    assertEquals(1.2, table.doubleColumn("java_ratio").get(0), 1e-9);
    assertEquals(20.0 / 15, table.doubleColumn("tool_ratio").get(0), 1e-9);
    assertFalse(table.booleanColumn("within_10pct").get(0), "1.20 vs 1.33 is 10% apart");
    assertEquals("PING, 16 per round trip", table.stringColumn("request").get(1));
    assertTrue(table.booleanColumn("within_10pct").get(1), "1.09 vs 1.09");
    String text = ServerComparison.describe(table);
    assertTrue(text.contains("PING: jedis 1.20x"), text);
    assertTrue(text.contains("more than 10% apart"), text);
    // Both save 5 us per round trip; Jedis's round trip is 10 us longer, so 30 / (30 - 5).
    assertTrue(
        text.contains(
            "the Unix socket saved 5.00 us per round trip with jedis, 5.00 us with"
                + " redis-benchmark; jedis's tcp round trip was 10.0 us longer; with"
                + " redis-benchmark's saving it would give 1.20x, its paired rounds measured 1.20x:"
                + " the same saving in a round trip of another length explains the gap"),
        text);
    // At depth 16 the tool saves 4 us, Jedis 5 us: 60 / 56 = 1.07x against 60 / 55 = 1.09x.
    assertTrue(
        text.contains("would give 1.07x, its paired rounds measured 1.09x: the same saving"), text);
  }

  @Test
  void switchesPerRoundTripAreTheJavaClientsOwnMediansAndToolsAreLeftOut() {
    Table rows =
        Table.create(
            "rows",
            StringColumn.create(
                "workload", "pg-point", "pg-point", "pg-point", "pg-point", "pgbench-select"),
            StringColumn.create("transport", "tcp", "tcp", "uds", "uds", "uds"),
            IntColumn.create("depth", 1, 1, 1, 1, 1),
            StringColumn.create("phase", "measured", "measured", "measured", "warmup", "measured"),
            LongColumn.create("reads", 1000, 1000, 1000, 1000, 1000),
            DoubleColumn.create("client_voluntary_switches", 1100, 1000, 1700, 9000, Double.NaN),
            DoubleColumn.create("client_involuntary_switches", 10, 30, 40, 0, Double.NaN));
    Table switches = ServerComparison.switchesPerRoundTrip(rows);
    assertEquals(2, switches.rowCount(), "the tool's rows have no counts, the warm-up is left out");
    assertEquals("tcp", switches.stringColumn("transport").get(0));
    assertEquals(1.05, switches.doubleColumn("voluntary").get(0), 1e-9);
    assertEquals(0.02, switches.doubleColumn("involuntary").get(0), 1e-9);
    assertEquals(1.07, switches.doubleColumn("switches").get(0), 1e-9);
    assertEquals(1.7, switches.doubleColumn("voluntary").get(1), 1e-9);
    assertEquals(
        "pgjdbc (pg-point): its thread blocked 1.70 times per round trip over uds, 1.05 over tcp\n",
        ServerComparison.describeSwitches(switches).replace(System.lineSeparator(), "\n"));
  }

  @Test
  void theTransportPartIsTheBareRoundTripAndTheRestIsWork() {
    RowsFixture server = new RowsFixture();
    RowsFixture bare = new RowsFixture();
    for (int r = 0; r < 5; r++) {
      server.trial("redis-ping", "tcp", 0, 1, r, 30).trial("redis-ping", "uds", 0, 1, r, 25);
      bare.trial("pingpong", "tcp-classic", 64, 1, r, 12)
          .trial("pingpong", "uds-junix", 64, 1, r, 7);
      bare.trial("pingpong", "tcp-classic", 65536, 1, r, 90)
          .trial("pingpong", "uds-junix", 65536, 1, r, 60);
    }
    Table split = RequestSplit.of(server.table(), bare.table());
    assertEquals(1, split.rowCount());
    assertEquals(12, split.doubleColumn("transport_tcp_us").get(0), 1e-9, "nearest size: 64 B");
    assertEquals(18, split.doubleColumn("work_us").get(0), 1e-9);
    assertEquals(0.4, split.doubleColumn("transport_share").get(0), 1e-9);
    assertEquals(30.0 / 25, split.doubleColumn("predicted_ratio").get(0), 1e-9);
    assertEquals(30.0 / 25, split.doubleColumn("measured_ratio").get(0), 1e-9);
    assertTrue(RequestSplit.describe(split).contains("of which the transport was about"));
    assertThrows(
        IllegalArgumentException.class, () -> RequestSplit.of(server.table(), server.table()));
  }
}
