package org.udsvstcp.bench;

/** A benchmark failure with a message that says what went wrong and, where possible, what to do. */
public class BenchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message for the user. */
  public BenchException(String message) {
    super(message);
  }

  /** Creates an exception with a message for the user and the underlying cause. */
  public BenchException(String message, Throwable cause) {
    super(message, cause);
  }
}
