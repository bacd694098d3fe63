package org.udsvstcp.bench.transport;

import java.io.IOException;

/** A Unix socket path that cannot be used: too long, or something that is not ours to delete. */
public class UnsafeSocketPathException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the path and the reason. */
  public UnsafeSocketPathException(String message) {
    super(message);
  }
}
