package org.udsvstcp.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class SummaryFormatTest {

  private static Table rows() {
    return TrialTable.of("bytes_per_s")
        .warmup("tcp", 64, 1e6)
        .measured("tcp", 64, 300e6, 310e6, 305e6, 295e6, 300e6)
        .measured("uds", 64, 600e6, 620e6, 610e6, 590e6, 600e6)
        .measured("tcp", 65536, 4.0e9, 4.1e9, 4.05e9, 3.95e9, 4.0e9)
        .measured("uds", 65536, 8.0e9, 8.2e9, 8.1e9, 7.9e9, 8.0e9)
        .table();
  }

  @Test
  void theSummaryTableIsAlignedAndInHumanUnits() {
    String text =
        SummaryFormat.table(
            Summaries.byGroup(rows(), "bytes_per_s", "transport", "size"), "bytes_per_s");
    List<String> lines = text.lines().toList();

    assertEquals("bytes_per_s (measured trials; higher is better)", lines.get(0));
    assertEquals(6, lines.size(), text);
    assertTrue(lines.get(1).startsWith("transport  size"), text);
    assertTrue(lines.get(2).startsWith("tcp        64 B "), text);
    assertTrue(lines.get(3).startsWith("tcp        64 KiB"), text);
    assertTrue(lines.get(2).contains("300 MB/s"), text);
    assertTrue(lines.get(5).contains("8.00 GB/s"), text);
    assertTrue(lines.get(2).contains("1.9%"), text);
    // Right-aligned statistics end in the same column on every line.
    for (String line : lines.subList(1, lines.size())) {
      assertEquals(lines.get(1).length(), line.length(), text);
    }
  }

  @Test
  void ratioLinesNameThePairTheWorkloadAndTheCi() {
    Table ratios = Ratios.paired(rows(), "bytes_per_s", "uds", "tcp");
    assertEquals(
        "uds/tcp stream 64 B: 2.00x (95% CI 2.00-2.00, 5 paired rounds)\n"
            + "uds/tcp stream 64 KiB: 2.00x (95% CI 2.00-2.00, 5 paired rounds)\n",
        SummaryFormat.ratio(ratios));
  }

  @Test
  void ratioLinesUnderLoadNameTheirClientsAndOfferedRate() {
    Table ratios = Ratios.paired(rows(), "bytes_per_s", "uds", "tcp");
    ratios.addColumns(
        IntColumn.create("clients", new int[] {1, 8}),
        DoubleColumn.create("offered_per_s", new double[] {Double.NaN, 19300}));
    assertEquals(
        "uds/tcp stream 64 B: 2.00x (95% CI 2.00-2.00, 5 paired rounds)\n"
            + "uds/tcp stream 64 KiB, 8 clients, offered 19300/s: 2.00x (95% CI 2.00-2.00, 5 paired"
            + " rounds)\n",
        SummaryFormat.ratio(ratios));
  }

  @Test
  void aSingleRoundHasNoCi() {
    Table rows =
        TrialTable.of("bytes_per_s").measured("tcp", 64, 100).measured("uds", 64, 182).table();
    assertEquals(
        "uds/tcp stream 64 B: 1.82x (no CI from 1 paired round)\n",
        SummaryFormat.ratio(Ratios.paired(rows, "bytes_per_s", "uds", "tcp")));
  }
}
