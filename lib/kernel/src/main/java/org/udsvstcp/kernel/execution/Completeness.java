package org.udsvstcp.kernel.execution;

/**
 * Whether a cell is ready to run, as a console asks before executing on Enter; an incomplete cell
 * carries the indent for its next line.
 */
public record Completeness(Status status, String indent) {

  /** The answers the Jupyter protocol knows. */
  public enum Status {
    COMPLETE,
    INCOMPLETE,
    INVALID
  }

  /** Returns a complete verdict. */
  public static Completeness complete() {
    return new Completeness(Status.COMPLETE, "");
  }

  /** Returns an invalid verdict: the cell cannot parse however it continues. */
  public static Completeness invalid() {
    return new Completeness(Status.INVALID, "");
  }

  /** Returns an incomplete verdict whose next line starts with {@code indent}. */
  public static Completeness incomplete(String indent) {
    return new Completeness(Status.INCOMPLETE, indent);
  }
}
