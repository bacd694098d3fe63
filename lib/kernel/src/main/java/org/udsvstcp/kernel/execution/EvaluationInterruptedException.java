package org.udsvstcp.kernel.execution;

/** Thrown when a cell is interrupted before it finishes. */
public final class EvaluationInterruptedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public EvaluationInterruptedException() {
    super("the cell was interrupted");
  }
}
