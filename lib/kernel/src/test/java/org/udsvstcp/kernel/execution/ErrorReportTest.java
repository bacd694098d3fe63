package org.udsvstcp.kernel.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ErrorReportTest {

  private static CellEvaluator evaluator;

  @BeforeAll
  static void startJShell() {
    evaluator = CellEvaluator.start(List.of(), task -> task);
    evaluator.evaluate("import java.util.*;\nimport java.util.concurrent.*;\nimport java.io.*;");
  }

  @AfterAll
  static void closeJShell() {
    evaluator.close();
  }

  @Test
  void pointsAtTheSpanOfACompileErrorUnderItsLine() {
    CompilationException.Problem problem =
        new CompilationException.Problem("\nint bad = \"x\";", 3, 11, 14, "incompatible types");
    ErrorReport report = ErrorReport.of(new CompilationException(List.of(problem)));
    assertEquals("CompilationException", report.name());
    assertEquals(
        List.of("line 4 | int bad = \"x\";", "                   ^^^", "incompatible types"),
        report.traceback());
  }

  @Test
  void showsARuntimeExceptionWithItsCauseAndNoKernelFrames() {
    evaluator.evaluate(
        "void fail() { throw new RuntimeException(\"outer\", new IOException(\"inner\")); }");
    ErrorReport report =
        ErrorReport.of(assertThrows(EvaluationException.class, () -> evaluator.evaluate("fail()")));
    assertEquals("java.lang.RuntimeException", report.name());
    assertEquals("outer", report.message());
    assertEquals("java.lang.RuntimeException: outer", report.traceback().get(0));
    assertEquals("    at fail(#1:1)", report.traceback().get(1).replaceAll("#\\d+", "#1"));
    assertEquals(
        1,
        report.traceback().stream()
            .filter(l -> l.startsWith("Caused by: java.io.IOException: inner"))
            .count());
    assertFalse(report.traceback().stream().anyMatch(l -> l.contains("org.udsvstcp.kernel")));
    assertFalse(report.traceback().stream().anyMatch(l -> l.contains("reflect")));
  }

  @Test
  void namesAnInterruptedCell() {
    ErrorReport report = ErrorReport.of(new EvaluationInterruptedException());
    assertEquals("Interrupted", report.name());
  }
}
