package org.udsvstcp.bench.workload;

import java.io.IOException;

/** The bytes that arrived differ from the bytes sent: a count or content check failed. */
public class CorruptTransferException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message saying what differed. */
  public CorruptTransferException(String message) {
    super(message);
  }
}
