package org.udsvstcp.bench.experiment;

import org.udsvstcp.bench.BenchException;

/**
 * An experiment stopped early (timeout, socket error, interrupt, a results file that cannot be
 * written); the rows of the trials that finished are kept in {@link #results()}, and in the CSV
 * file unless writing it is what failed (the message says which).
 */
public class ExperimentException extends BenchException {
  private static final long serialVersionUID = 1L;

  private final transient Results results;

  ExperimentException(String message, Throwable cause, Results results) {
    super(message, cause);
    this.results = results;
  }

  /** Returns the rows of the trials that finished before the run stopped. */
  public Results results() {
    return results;
  }
}
