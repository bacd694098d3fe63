package org.udsvstcp.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class CostModelTest {
  private static final int[] SIZES = {16, 64, 1024, 4096, 65536, 1048576};

  /**
   * Stream rows of two transports whose CPU time per message (both ends) is {@code cost(size)},
   * with both ends on one CPU busy {@code busy} of the time, five paired rounds with a little noise
   * that cancels in the medians.
   */
  private static Table rows(
      IntToDoubleFunction tcp, IntToDoubleFunction uds, double tcpBusy, double udsBusy) {
    Table t =
        Table.create(
            "rows",
            StringColumn.create("run_id"),
            StringColumn.create("workload"),
            StringColumn.create("transport"),
            IntColumn.create("size"),
            StringColumn.create("phase"),
            IntColumn.create("round"),
            LongColumn.create("messages"),
            DoubleColumn.create("server_cpu_ns"),
            DoubleColumn.create("client_cpu_ns"),
            DoubleColumn.create("bytes_per_s"));
    double[] noise = {1.0, 1.01, 0.99, 1.02, 0.98};
    for (int round = 0; round < noise.length; round++) {
      for (int size : SIZES) {
        for (String transport : List.of("tcp", "uds")) {
          double cost = (transport.equals("tcp") ? tcp : uds).applyAsDouble(size) * noise[round];
          double busy = transport.equals("tcp") ? tcpBusy : udsBusy;
          long messages = 100_000;
          t.stringColumn("run_id").append("run");
          t.stringColumn("workload").append("stream");
          t.stringColumn("transport").append(transport);
          t.intColumn("size").append(size);
          t.stringColumn("phase").append("measured");
          t.intColumn("round").append(round);
          t.longColumn("messages").append(messages);
          // The server does 40% of the work, the client 60%.
          t.doubleColumn("server_cpu_ns").append(0.4 * cost * messages);
          t.doubleColumn("client_cpu_ns").append(0.6 * cost * messages);
          t.doubleColumn("bytes_per_s").append(size * busy * 1e9 / cost);
        }
      }
    }
    return t;
  }

  private static final IntToDoubleFunction TCP = size -> 3000 + 0.30 * size;
  private static final IntToDoubleFunction UDS = size -> 2000 + 0.25 * size;

  @Test
  void recoversTheFixedAndPerBytePartsFromTwoSizes() {
    Map<String, CostModel.Line> lines = CostModel.fit(rows(TCP, UDS, 1, 1), 64, 65536);
    assertEquals(3000, lines.get("tcp").fixedNs(), 1e-6);
    assertEquals(0.30, lines.get("tcp").perByteNs(), 1e-9);
    assertEquals(2000, lines.get("uds").fixedNs(), 1e-6);
    assertEquals(0.25 * 1024, lines.get("uds").perKibNs(), 1e-6);
  }

  @Test
  void predictsTheRatioAtEverySizeWhenTheCostsAreFixedPlusPerByte() {
    Table ratios = CostModel.ratios(rows(TCP, UDS, 1, 1), "uds", "tcp", 64, 65536);
    assertEquals(SIZES.length, ratios.rowCount());
    for (int i = 0; i < ratios.rowCount(); i++) {
      int size = ratios.intColumn("size").get(i);
      double expected = TCP.applyAsDouble(size) / UDS.applyAsDouble(size);
      assertEquals(expected, ratios.doubleColumn("predicted").getDouble(i), 1e-9, "size " + size);
      assertEquals(expected, ratios.doubleColumn("measured").getDouble(i), 0.02 * expected);
      assertTrue(ratios.booleanColumn("within").get(i));
      assertEquals(size == 64 || size == 65536, ratios.booleanColumn("fit").get(i));
    }
    Table curve = CostModel.curve(ratios);
    assertEquals(2 * SIZES.length, curve.rowCount());
    assertEquals(
        List.of("measured", "predicted from 64 B and 64 KiB"),
        curve.stringColumn("series").unique().asList());
    assertEquals(
        curve.doubleColumn("ratio").getDouble(SIZES.length),
        curve.doubleColumn("ci_high").getDouble(SIZES.length),
        "a prediction has no interval");
    List<String> said = CostModel.conclusions(ratios, "uds", "tcp");
    assertEquals(
        "fixed plus per-byte, fitted at 64 B and 64 KiB, predicts the uds/tcp ratio within 10% at"
            + " 16 B, 1 KiB, 4 KiB, 1 MiB; it misses at no size",
        said.get(0));
    assertEquals(1, said.size());
  }

  @Test
  void whereACostLeavesItsLineTheMissIsNamedWithTheTransportThatLeft() {
    // Beyond one buffer, UDS pays 40% more per byte than its line: 1 MiB is not on it.
    IntToDoubleFunction bent =
        size -> size > 65536 ? 1.4 * UDS.applyAsDouble(size) : UDS.applyAsDouble(size);
    Table ratios = CostModel.ratios(rows(TCP, bent, 1, 1), "uds", "tcp", 64, 65536);
    int mib = ratios.rowCount() - 1;
    assertEquals(1048576, ratios.intColumn("size").get(mib));
    assertFalse(ratios.booleanColumn("within").get(mib));
    assertEquals(0.4, ratios.doubleColumn("miss").getDouble(mib), 0.03);
    List<String> said = CostModel.conclusions(ratios, "uds", "tcp");
    assertTrue(said.get(0).endsWith("; it misses at 1 MiB"), said.get(0));
    assertTrue(
        said.get(1).startsWith("1 MiB: predicted ")
            && said.get(1).contains("uds costs 40% above its line, tcp within 5% of its line:")
            && said.get(1).endsWith("the cost per message is not fixed plus per-byte here"),
        said.get(1));
  }

  @Test
  void whenTheCostsHoldButTheCpuIdlesForOneTheMissSaysSo() {
    Table ratios = CostModel.ratios(rows(TCP, UDS, 1, 0.7), "uds", "tcp", 64, 65536);
    // Every size misses by the same factor, the fit sizes too, and the costs explain none of it.
    List<String> said = CostModel.conclusions(ratios, "uds", "tcp");
    assertTrue(said.get(1).contains("so the CPU was not equally busy for both"), said.get(1));
  }

  @Test
  void refusesRowsWithoutCostsAtAFitSize() {
    Table rows = rows(TCP, UDS, 1, 1);
    Table no64k = rows.where(rows.intColumn("size").isNotEqualTo(65536));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> CostModel.ratios(no64k, "uds", "tcp", 64, 65536));
    assertTrue(e.getMessage().contains("at both 64 B and 64 KiB"), e.getMessage());
  }

  @Test
  void fitsEachCategoryOfAProfileAndPredictsTheSizesBetween() {
    Table profile =
        Table.create(
            "profile",
            StringColumn.create("transport", "tcp", "tcp", "tcp", "tcp", "tcp", "tcp"),
            IntColumn.create("size", 64, 4096, 65536, 64, 4096, 65536),
            StringColumn.create(
                "category", "copy", "copy", "copy", "syscall", "syscall", "syscall"),
            DoubleColumn.create(
                "ns_per_message", 64 * 0.1 + 50, 4096 * 0.1 + 50, 65536 * 0.1 + 50, 400, 430, 800));
    Table fit = CostModel.byCategory(profile, 64, 65536);
    assertEquals(6, fit.rowCount());
    Table copy4k =
        fit.where(
            fit.stringColumn("category")
                .isEqualTo("copy")
                .and(fit.intColumn("size").isEqualTo(4096)));
    assertEquals(50, copy4k.doubleColumn("fixed_ns").getDouble(0), 1e-9);
    assertEquals(0.1 * 1024, copy4k.doubleColumn("per_kib_ns").getDouble(0), 1e-9);
    assertEquals(4096 * 0.1 + 50, copy4k.doubleColumn("predicted_ns").getDouble(0), 1e-9);
    Table syscall4k =
        fit.where(
            fit.stringColumn("category")
                .isEqualTo("syscall")
                .and(fit.intColumn("size").isEqualTo(4096)));
    assertEquals(
        400 + 400.0 / 65472 * 4032, syscall4k.doubleColumn("predicted_ns").getDouble(0), 1e-9);
    assertEquals(430, syscall4k.doubleColumn("profiled_ns").getDouble(0), 1e-9);
    // The copy is on its line at 4 KiB; the system calls are 5 ns above theirs.
    assertEquals(
        List.of("tcp syscall +5 ns", "tcp copy +0 ns"),
        CostModel.furthestFromTheirLines(fit, 4096, 2));
  }
}
