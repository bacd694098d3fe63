package org.udsvstcp.bench.transport;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A fresh private directory (mode 0700) under {@code java.io.tmpdir} for Unix socket files; closing
 * it removes the sockets in it and the directory.
 */
public final class SocketDirectory implements Closeable {
  /** The name prefix of every directory this class creates (tests look for leftovers by it). */
  public static final String PREFIX = "uds-vs-tcp-";

  /** The file name of the socket inside the directory. */
  public static final String SOCKET_NAME = "s.sock";

  private final Path directory;
  private boolean closed;

  private SocketDirectory(Path directory) {
    this.directory = directory;
  }

  /** Creates a fresh private directory under the temp directory. */
  public static SocketDirectory create() throws IOException {
    Path root = Path.of(System.getProperty("java.io.tmpdir"));
    Path directory =
        Files.createTempDirectory(
            root,
            PREFIX,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    return new SocketDirectory(directory);
  }

  /** Returns the directory. */
  public Path directory() {
    return directory;
  }

  /** Returns the path of the socket file inside the directory. */
  public Path socketPath() {
    return directory.resolve(SOCKET_NAME);
  }

  /** Removes the socket files in the directory and the directory; other files are left alone. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        if (UnixSocketPaths.isSocket(entry)) {
          Files.deleteIfExists(entry);
        }
      }
    }
    Files.deleteIfExists(directory);
  }

  @Override
  public String toString() {
    return directory.toString();
  }
}
