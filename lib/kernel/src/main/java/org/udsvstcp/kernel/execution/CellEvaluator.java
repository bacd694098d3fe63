package org.udsvstcp.kernel.execution;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

/** Evaluates cells of Java code with a JShell whose snippets run in this JVM. */
public final class CellEvaluator implements AutoCloseable {

  private final JShell shell;
  private final CellExecutionControl control;

  private CellEvaluator(JShell shell, CellExecutionControl control) {
    this.shell = shell;
    this.control = control;
  }

  /**
   * Starts a JShell that compiles against {@code classpath} and runs each cell's snippets on a cell
   * thread, through {@code taskDecorator} (which can bind per-cell state to that thread).
   */
  public static CellEvaluator start(
      List<Path> classpath, UnaryOperator<Callable<Object>> taskDecorator) {
    CellExecutionControl control = new CellExecutionControl(taskDecorator);
    JShell shell = JShell.builder().executionEngine(control.provider(), java.util.Map.of()).build();
    classpath.forEach(entry -> shell.addToClasspath(entry.toString()));
    return new CellEvaluator(shell, control);
  }

  /**
   * Evaluates every snippet of {@code cell} in order and returns the value of the last one if it is
   * an expression.
   *
   * @throws CompilationException if JShell rejects a snippet (earlier snippets stay evaluated)
   * @throws EvaluationException if a snippet throws
   * @throws EvaluationInterruptedException if the cell is interrupted
   */
  public Optional<CellValue> evaluate(String cell) {
    control.beginCell();
    SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
    Optional<CellValue> value = Optional.empty();
    String remaining = cell;
    while (!remaining.isBlank()) {
      int start = cell.length() - remaining.length();
      CompletionInfo info = analysis.analyzeCompletion(remaining);
      boolean complete = info.completeness().isComplete();
      String snippet = complete ? info.source() : remaining;
      remaining = complete ? info.remaining() : "";
      value = evaluateSnippet(snippet, lineOf(cell, start));
    }
    return value;
  }

  private Optional<CellValue> evaluateSnippet(String source, int line) {
    List<SnippetEvent> events = shell.eval(source);
    Object value = control.takeValue();
    if (control.isInterrupted()) {
      throw new EvaluationInterruptedException();
    }
    for (SnippetEvent event : events) {
      if (event.causeSnippet() != null) {
        continue;
      }
      Snippet snippet = event.snippet();
      if (event.status() == Snippet.Status.REJECTED
          || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
        throw new CompilationException(problems(snippet, source, line));
      }
      if (event.exception() != null) {
        throw new EvaluationException(event.exception());
      }
      if (isExpression(snippet) && !CellExecutionControl.isNoValue(value)) {
        return Optional.of(new CellValue(value));
      }
    }
    return Optional.empty();
  }

  private List<CompilationException.Problem> problems(Snippet snippet, String source, int line) {
    List<CompilationException.Problem> problems = new ArrayList<>();
    shell
        .diagnostics(snippet)
        .filter(Diag::isError)
        .forEach(
            diag ->
                problems.add(
                    new CompilationException.Problem(
                        source,
                        line,
                        (int) diag.getStartPosition(),
                        (int) diag.getEndPosition(),
                        diag.getMessage(Locale.ROOT))));
    if (problems.isEmpty()) {
      String missing = String.join(", ", unresolved(snippet));
      problems.add(
          new CompilationException.Problem(
              source, line, -1, -1, "cannot be defined until this is declared: " + missing));
    }
    return problems;
  }

  private List<String> unresolved(Snippet snippet) {
    return snippet instanceof jdk.jshell.DeclarationSnippet declaration
        ? shell.unresolvedDependencies(declaration).toList()
        : List.of();
  }

  private static boolean isExpression(Snippet snippet) {
    return snippet.kind() == Snippet.Kind.EXPRESSION
        || snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
  }

  private static int lineOf(String text, int offset) {
    return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
  }

  /** Adds {@code entry} to the class path of both the compiler and the running snippets. */
  public void addToClasspath(Path entry) {
    shell.addToClasspath(entry.toAbsolutePath().toString());
  }

  /** Interrupts the cell that is running, if any. */
  public void interrupt() {
    control.interrupt();
  }

  /** Returns JShell's analysis of source code, for completion, documentation and completeness. */
  public SourceCodeAnalysis analysis() {
    return shell.sourceCodeAnalysis();
  }

  @Override
  public void close() {
    shell.close();
  }
}
