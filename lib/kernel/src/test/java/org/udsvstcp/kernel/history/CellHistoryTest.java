package org.udsvstcp.kernel.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager.ResultFlag;
import org.junit.jupiter.api.Test;

class CellHistoryTest {

  private static final Set<ResultFlag> NONE = EnumSet.noneOf(ResultFlag.class);

  private static CellHistory history() {
    CellHistory history = new CellHistory();
    history.record(1, "6 * 7", "42");
    history.record(2, "int x = 1;", "");
    history.record(3, "6 * 7", "42");
    return history;
  }

  private static List<String> inputs(List<HistoryEntry> entries) {
    return entries.stream().map(HistoryEntry::getInput).toList();
  }

  @Test
  void tailReturnsTheLastCellsInOrder() {
    assertEquals(List.of("int x = 1;", "6 * 7"), inputs(history().lookupTail(2, NONE)));
  }

  @Test
  void rangeReturnsCellsFromStartUpToStopOfThisSession() {
    List<HistoryEntry> range = history().lookupRange(CellHistory.SESSION, 2, 3, NONE);
    assertEquals(List.of("int x = 1;"), inputs(range));
    assertTrue(history().lookupRange(7, 1, 4, NONE).isEmpty());
  }

  @Test
  void searchMatchesSqliteGlobsAndCanDropDuplicates() {
    assertEquals(2, history().search("6 * ?", 0, NONE).size());
    assertEquals(1, history().search("6*", 0, EnumSet.of(ResultFlag.UNIQUE)).size());
    assertEquals(1, history().search("int [a-z] = 1;", 0, NONE).size());
  }

  @Test
  void includesOutputOnlyWhenAsked() {
    assertTrue(history().lookupTail(1, NONE).get(0).getOutput() == null);
    assertEquals(
        "42", history().lookupTail(1, EnumSet.of(ResultFlag.INCLUDE_OUTPUT)).get(0).getOutput());
  }
}
