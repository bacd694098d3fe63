package org.udsvstcp.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class LabelsTest {

  @Test
  void seriesNamesEachCombinationAndLeavesTheOriginalAlone() {
    Table rows =
        Table.create(
            "rows",
            StringColumn.create("transport", "tcp", "tcp", "uds"),
            BooleanColumn.create("nodelay", new boolean[] {true, false, false}),
            IntColumn.create("writes", 1, 2, 2),
            StringColumn.create("placement", "same-core", "cross-core", "same-core"));
    Table named = Labels.series(rows, "nodelay", "writes");
    assertEquals(
        List.of("tcp, TCP_NODELAY on, 1 write", "tcp, TCP_NODELAY off, 2 writes", "uds, 2 writes"),
        named.stringColumn("transport").asList());
    assertEquals("tcp", rows.stringColumn("transport").get(0), "a copy, not the original");
    assertEquals(
        List.of("tcp, same-core", "tcp, cross-core", "uds, same-core"),
        Labels.series(rows, "placement").stringColumn("transport").asList());
  }
}
