package org.udsvstcp.bench.transport;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A fresh {@link PrivateDirectory} (mode 0700, owner recorded in its name) under {@code
 * java.io.tmpdir} for one Unix socket file; closing it removes the socket and the directory.
 */
public final class SocketDirectory implements Closeable {
  /** The name prefix of every directory this class creates (tests look for leftovers by it). */
  public static final String PREFIX = PrivateDirectory.PREFIX;

  /** The purpose tag in the names of socket directories. */
  public static final String PURPOSE = "sock";

  /** The file name of the socket inside the directory. */
  public static final String SOCKET_NAME = "s.sock";

  private final PrivateDirectory directory;

  private SocketDirectory(PrivateDirectory directory) {
    this.directory = directory;
  }

  /** Creates a fresh private directory under the temp directory (sweeping stale ones first). */
  public static SocketDirectory create() throws IOException {
    return new SocketDirectory(PrivateDirectory.create(PURPOSE));
  }

  /** Returns the directory. */
  public Path directory() {
    return directory.path();
  }

  /** Returns the path of the socket file inside the directory. */
  public Path socketPath() {
    return directory.resolve(SOCKET_NAME);
  }

  /** Removes the socket files in the directory and the directory; other files are left alone. */
  @Override
  public void close() throws IOException {
    directory.close();
  }

  @Override
  public String toString() {
    return directory.toString();
  }
}
