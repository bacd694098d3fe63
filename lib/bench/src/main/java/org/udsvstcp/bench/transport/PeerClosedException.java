package org.udsvstcp.bench.transport;

import java.io.IOException;

/** The other end closed or reset the connection before the exchange was complete. */
public class PeerClosedException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message saying what was incomplete. */
  public PeerClosedException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the socket error that revealed the close. */
  public PeerClosedException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Returns true if this socket error means the peer went away (broken pipe, reset). */
  static boolean isPeerGone(IOException e) {
    String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    return message.contains("broken pipe")
        || message.contains("connection reset")
        || message.contains("connection was aborted");
  }
}
