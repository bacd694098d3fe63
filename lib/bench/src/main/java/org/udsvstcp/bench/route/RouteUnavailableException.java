package org.udsvstcp.bench.route;

import org.udsvstcp.bench.BenchException;

/** A private route cannot be set up here; the message says what is missing and what to do. */
public class RouteUnavailableException extends BenchException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names the cause. */
  public RouteUnavailableException(String message) {
    super(message);
  }
}
