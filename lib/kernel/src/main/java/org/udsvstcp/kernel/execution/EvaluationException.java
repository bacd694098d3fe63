package org.udsvstcp.kernel.execution;

import jdk.jshell.JShellException;

/**
 * Thrown when a cell's code throws; wraps JShell's view of the exception, whose stack already ends
 * at the cell's own frames.
 */
public final class EvaluationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception for what the cell threw. */
  public EvaluationException(JShellException thrown) {
    super(thrown.getMessage(), thrown);
  }

  /** Returns JShell's view of the exception the cell threw. */
  public JShellException thrown() {
    return (JShellException) getCause();
  }
}
