package org.udsvstcp.bench.transport;

import java.net.BindException;

/** The TCP port or Unix socket path is already taken by a live server. */
public class AddressInUseException extends BindException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the address. */
  public AddressInUseException(String message) {
    super(message);
  }
}
