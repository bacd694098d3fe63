package org.udsvstcp.kernel.execution;

import java.util.List;

/**
 * Thrown when JShell rejects a snippet of a cell; carries each problem with its place in the cell.
 */
public final class CompilationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** One compiler message about {@code source}, a snippet starting at {@code line} of the cell. */
  public record Problem(String source, int line, int start, int end, String message) {}

  private final transient List<Problem> problems;

  /** Creates the exception for {@code problems}, at least one. */
  public CompilationException(List<Problem> problems) {
    super(problems.get(0).message());
    this.problems = List.copyOf(problems);
  }

  /** Returns the compiler's messages in the order it gave them. */
  public List<Problem> problems() {
    return problems;
  }
}
