package org.udsvstcp.bench.workload;

import org.udsvstcp.bench.BenchException;

/**
 * The calling thread was interrupted (for example by a notebook's interrupt button); sockets were
 * closed and peers stopped, and the thread's interrupt status is set again.
 */
public class RunInterruptedException extends BenchException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message saying what was stopped. */
  public RunInterruptedException(String message) {
    super(message);
  }
}
