package org.udsvstcp.kernel.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CompletenessClassifierTest {

  private static CellEvaluator evaluator;
  private static CompletenessClassifier classifier;

  @BeforeAll
  static void startJShell() {
    evaluator = CellEvaluator.start(List.of(), task -> task);
    classifier = new CompletenessClassifier(evaluator.analysis());
  }

  @AfterAll
  static void closeJShell() {
    evaluator.close();
  }

  @Test
  void callsStatementsDeclarationsAndExpressionsComplete() {
    for (String cell :
        List.of("1 + 1", "int a = 3;", "void f() { }", "import java.util.*;", "x = 3;", "")) {
      assertEquals(Completeness.complete(), classifier.classify(cell), cell);
    }
  }

  @Test
  void callsAnOpenBlockIncompleteWithTheNextLinesIndent() {
    assertEquals(
        Completeness.incomplete("    "), classifier.classify("for (int i = 0; i < 3; i++) {"));
    assertEquals(
        Completeness.incomplete("        "), classifier.classify("class A {\n    void f() {"));
  }

  @Test
  void callsCodeThatCannotParseInvalid() {
    assertEquals(Completeness.invalid(), classifier.classify("int x = 1 +* 2;"));
    assertEquals(Completeness.invalid(), classifier.classify("int ok = 1;\nint y = );"));
  }
}
