package org.udsvstcp.bench.workload;

import org.udsvstcp.bench.BenchException;

/** A trial failed: a socket error, a peer that closed mid-trial, or a failed count check. */
public class TrialFailedException extends BenchException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the trial and the underlying error. */
  public TrialFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
