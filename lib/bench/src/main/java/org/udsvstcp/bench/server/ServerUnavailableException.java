package org.udsvstcp.bench.server;

import org.udsvstcp.bench.BenchException;

/** A real server cannot run here: it is not installed, or it did not start; says what to do. */
public class ServerUnavailableException extends BenchException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names the cause and what to install or fix. */
  public ServerUnavailableException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the failure behind it. */
  public ServerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
