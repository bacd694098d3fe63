package org.udsvstcp.bench.workload;

import org.udsvstcp.bench.BenchException;

/** A trial did not finish within its timeout; its sockets were closed and its peers stopped. */
public class TrialTimeoutException extends BenchException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the trial and the timeout. */
  public TrialTimeoutException(String message) {
    super(message);
  }
}
