package org.udsvstcp.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class LookupTest {

  private static Table rows() {
    return Table.create(
        "rows",
        StringColumn.create("transport", "tcp", "uds", "tcp", "uds", "tcp", "uds", "uds"),
        StringColumn.create(
            "phase",
            "measured",
            "measured",
            "measured",
            "measured",
            "measured",
            "measured",
            "warmup"),
        IntColumn.create("round", 1, 1, 2, 2, 3, 3, 0),
        IntColumn.create("size", 64, 64, 64, 64, 64, 64, 64),
        DoubleColumn.create("bytes_per_s", 10, 20, 30, 25, 5, 6, 99));
  }

  @Test
  void findsTheOneRowMatchingEveryPair() {
    assertEquals(25, Lookup.value(rows(), "bytes_per_s", "transport", "uds", "round", 2));
  }

  @Test
  void numbersMatchWhateverTheirColumnType() {
    assertEquals(30, Lookup.value(rows(), "bytes_per_s", "round", 2L, "transport", "tcp"));
  }

  @Test
  void refusesAmbiguousOrMissingMatchesByName() {
    IllegalArgumentException many =
        assertThrows(
            IllegalArgumentException.class,
            () -> Lookup.value(rows(), "bytes_per_s", "transport", "tcp"));
    assertTrue(many.getMessage().contains("more than one row"));
    IllegalArgumentException none =
        assertThrows(
            IllegalArgumentException.class,
            () -> Lookup.value(rows(), "bytes_per_s", "transport", "quic"));
    assertTrue(none.getMessage().contains("transport = quic"));
  }

  @Test
  void countsRoundsWonLeavingWarmUpOut() {
    assertEquals(2, Lookup.wins(rows(), "bytes_per_s", "uds", "tcp"));
    assertEquals(1, Lookup.wins(rows(), "bytes_per_s", "tcp", "uds"));
    assertEquals(3, Lookup.rounds(rows(), "uds", "tcp"));
  }
}
