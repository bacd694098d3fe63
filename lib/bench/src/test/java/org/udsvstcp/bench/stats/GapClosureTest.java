package org.udsvstcp.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** How much of the TCP-to-UDS gap a third transport closes, in words computed from the rounds. */
class GapClosureTest {

  /** Five rounds of tcp, uds and a candidate at one size, each with a little jitter. */
  private static TrialTable rounds(TrialTable t, int size, double tcp, double uds, double other) {
    double[] jitter = {1.00, 1.01, 0.99, 1.02, 0.98};
    double[][] values = new double[3][5];
    for (int i = 0; i < 5; i++) {
      values[0][i] = tcp * jitter[i];
      values[1][i] = uds * jitter[(i + 2) % 5];
      values[2][i] = other * jitter[(i + 4) % 5];
    }
    return t.measured("tcp", size, values[0])
        .measured("uds", size, values[1])
        .measured("tcp-sockmap", size, values[2]);
  }

  @Test
  void eachSizeGetsItsRatiosTheShareClosedAndAVerdict() {
    TrialTable t = TrialTable.of("bytes_per_s");
    rounds(t, 64, 100, 200, 200); // all of a 2x gap
    rounds(t, 4096, 100, 400, 200); // half of a 4x gap, on a log scale
    rounds(t, 65536, 100, 300, 50); // slower than tcp
    rounds(t, 1 << 20, 100, 100, 150); // no gap, yet faster
    rounds(t, 16, 100, 200, 100); // none of it
    Table closure = GapClosure.of(t.table(), "bytes_per_s", "tcp-sockmap", "tcp", "uds");
    assertEquals(
        List.of(
            "workload",
            "size",
            "uds/tcp",
            "uds/tcp_low",
            "uds/tcp_high",
            "tcp-sockmap/tcp",
            "tcp-sockmap/tcp_low",
            "tcp-sockmap/tcp_high",
            "tcp-sockmap/uds",
            "tcp-sockmap/uds_low",
            "tcp-sockmap/uds_high",
            "closed",
            "verdict"),
        closure.columnNames());
    assertEquals(5, closure.rowCount());
    List<String> verdicts = closure.stringColumn("verdict").asList();
    assertEquals("closed none of the gap (no clear difference from tcp)", verdicts.get(0));
    assertTrue(verdicts.get(1).startsWith("closed the gap (as fast as uds"), verdicts.get(1));
    assertTrue(
        verdicts.get(2).matches("closed (4[5-9]|5[0-5])(\\.\\d)?% of the gap"), verdicts.get(2));
    assertEquals(0.5, closure.doubleColumn("closed").getDouble(2), 0.05);
    assertEquals("slower than tcp itself", verdicts.get(3));
    assertEquals(
        "no gap to close (uds was not clearly ahead of tcp); faster than tcp", verdicts.get(4));
    String sentence = GapClosure.sentences(closure).get(2);
    assertTrue(
        sentence.matches(
            "stream 4 KiB: uds [34]\\.\\d+x tcp; tcp-sockmap [12]\\.\\d+x tcp \\(95% CI [0-9.]+-[0-9.]+\\)"
                + " and 0\\.\\d+x uds \\(95% CI [0-9.]+-[0-9.]+\\): closed [0-9.]+% of the gap"),
        sentence);
  }

  @Test
  void forLatencyLowerIsBetter() {
    TrialTable t = TrialTable.of("p50_us");
    rounds(t, 64, 20, 12, 12); // round trips: the candidate as quick as uds
    Table closure = GapClosure.of(t.table(), "p50_us", "tcp-sockmap", "tcp", "uds");
    assertTrue(
        closure.stringColumn("verdict").get(0).startsWith("closed the gap"),
        closure.stringColumn("verdict").get(0));
    assertEquals(1.0, closure.doubleColumn("closed").getDouble(0), 0.05);
    assertEquals(0.6, closure.doubleColumn("tcp-sockmap/tcp").getDouble(0), 0.02);
  }
}
