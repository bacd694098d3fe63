package org.udsvstcp.kernel.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CellEvaluatorTest {

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
  void returnsTheValueOfTheLastExpressionAsTheObjectItself() {
    Object value = evaluator.evaluate("int a = 20;\nList.of(a, a + 1)").orElseThrow().value();
    assertEquals(List.of(20, 21), value);
  }

  @Test
  void returnsNoValueWhenTheCellEndsWithADeclarationOrStatement() {
    assertTrue(evaluator.evaluate("int declared = 3;").isEmpty());
    assertTrue(
        evaluator.evaluate("System.getProperty(\"java.version\");\nint after = 1;").isEmpty());
  }

  @Test
  void reportsARejectedSnippetWithTheCellLineAndSpanOfTheProblem() {
    CompilationException error =
        assertThrows(
            CompilationException.class,
            () -> evaluator.evaluate("int ok = 1;\n\nint bad = \"x\";"));
    CompilationException.Problem problem = error.problems().get(0);
    assertTrue(problem.message().contains("incompatible types"), problem.message());
    assertEquals("\"x\"", problem.source().substring(problem.start(), problem.end()));
    assertEquals(
        2, problem.line() + countNewlines(problem.source().substring(0, problem.start())) - 1);
  }

  @Test
  void reportsAnExceptionWithTheUserFramesOfJShell() {
    evaluator.evaluate("void explode() { throw new IllegalStateException(\"boom\"); }");
    EvaluationException error =
        assertThrows(EvaluationException.class, () -> evaluator.evaluate("explode()"));
    assertEquals("boom", error.getMessage());
    assertEquals("explode", error.thrown().getStackTrace()[0].getMethodName());
  }

  @Test
  void interruptsASpinningCellFromAnotherThreadAndRunsTheNextCellNormally() throws Exception {
    CountDownLatch started =
        (CountDownLatch)
            evaluator
                .evaluate("var started = new CountDownLatch(1);\nstarted")
                .orElseThrow()
                .value();
    CompletableFuture<Throwable> outcome =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                evaluator.evaluate(
                    "started.countDown();\nwhile (!Thread.currentThread().isInterrupted()) { }");
                return null;
              } catch (RuntimeException e) {
                return e;
              }
            });
    assertTrue(started.await(30, TimeUnit.SECONDS));
    evaluator.interrupt();
    assertTrue(outcome.get(30, TimeUnit.SECONDS) instanceof EvaluationInterruptedException);
    assertEquals(2, evaluator.evaluate("1 + 1").orElseThrow().value());
  }

  @Test
  void forgetsAnInterruptThatArrivedWhileNoCellRan() {
    evaluator.interrupt();
    assertEquals("still runs", evaluator.evaluate("\"still runs\"").orElseThrow().value());
  }

  @Test
  void evaluatesNestedCellsOnTheRunningCellsThread() {
    evaluator.evaluate(
        "Object nested(String code) throws Exception {\n"
            + "  return Thread.currentThread().getName();\n"
            + "}");
    Object thread = evaluator.evaluate("nested(\"\")").orElseThrow().value();
    assertFalse(Thread.currentThread().getName().equals(thread));
    assertTrue(thread.toString().startsWith("cell-"), thread.toString());
  }

  private static int countNewlines(String text) {
    return (int) text.chars().filter(c -> c == '\n').count();
  }
}
