package org.udsvstcp.bench.transport;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One end of a connected stream socket with blocking reads and writes, the same for every
 * transport.
 *
 * <p>Hot loops should use buffers from {@link #allocate(int)}: direct buffers for NIO channels (no
 * copy through a temporary direct buffer), heap buffers for classic sockets (their streams take
 * byte arrays). Closing the connection from another thread unblocks a read or write in progress.
 */
public abstract sealed class Connection implements Closeable
    permits NioConnection, ClassicConnection {
  private final Transport transport;

  Connection(Transport transport) {
    this.transport = transport;
  }

  /** Returns the transport of this connection. */
  public final Transport transport() {
    return transport;
  }

  /** Returns a buffer of this capacity of the kind this connection reads and writes fastest. */
  public abstract ByteBuffer allocate(int capacity);

  /**
   * Reads up to {@code dst.remaining()} bytes, blocking until at least one is available.
   *
   * @return the number of bytes read, or -1 at end of stream
   */
  public abstract int read(ByteBuffer dst) throws IOException;

  /**
   * Writes all remaining bytes of {@code src}, blocking as needed.
   *
   * @throws PeerClosedException if the peer closed or reset the connection
   */
  public abstract void write(ByteBuffer src) throws IOException;

  /** Signals end of stream to the peer; reading is still possible. */
  public abstract void shutdownOutput() throws IOException;

  /** Returns true until the connection is closed. */
  public abstract boolean isOpen();

  /**
   * Reads until {@code dst} is full.
   *
   * @return true if filled, false if the stream ended before its first byte
   * @throws PeerClosedException if the stream ended part-way through
   */
  public final boolean readFully(ByteBuffer dst) throws IOException {
    int start = dst.position();
    while (dst.hasRemaining()) {
      if (read(dst) < 0) {
        if (dst.position() == start) {
          return false;
        }
        throw new PeerClosedException(
            "peer closed the connection after "
                + (dst.position() - start)
                + " of "
                + (dst.limit() - start)
                + " bytes of a message");
      }
    }
    return true;
  }

  /** Writes all of {@code bytes} (a convenience for notebooks; hot loops use buffers). */
  public final void write(byte[] bytes) throws IOException {
    ByteBuffer buffer = allocate(bytes.length);
    buffer.put(bytes).flip();
    write(buffer);
  }

  /**
   * Reads up to {@code bytes.length} bytes into {@code bytes} (a convenience for notebooks).
   *
   * @return the number of bytes read, or -1 at end of stream
   */
  public final int read(byte[] bytes) throws IOException {
    ByteBuffer buffer = allocate(bytes.length);
    int n = read(buffer);
    if (n > 0) {
      buffer.flip().get(bytes, 0, n);
    }
    return n;
  }

  static IOException translate(IOException e, String doing) {
    if (e instanceof PeerClosedException) {
      return e;
    }
    if (PeerClosedException.isPeerGone(e)) {
      return new PeerClosedException("peer closed the connection while " + doing, e);
    }
    return e;
  }
}
