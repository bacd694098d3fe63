package org.udsvstcp.bench.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/** Checks Unix socket paths before binding: length limit, stale sockets, things never deleted. */
public final class UnixSocketPaths {
  /**
   * The longest path Linux accepts: {@code sun_path} holds 108 bytes including the terminating NUL.
   */
  public static final int MAX_PATH_BYTES = 107;

  /**
   * The longest path the JDK's NIO accepts: one byte less than Linux (checked on JDK 17 and 25).
   */
  public static final int MAX_NIO_PATH_BYTES = 106;

  private static final int FILE_TYPE_MASK = 0170000;
  private static final int SOCKET_TYPE = 0140000;
  private static final String LISTENING_FLAG = "00010000";

  private UnixSocketPaths() {}

  /** Returns the longest socket path in bytes that this transport can bind. */
  public static int maxPathBytes(Transport transport) {
    return transport.api() == Transport.Api.NIO ? MAX_NIO_PATH_BYTES : MAX_PATH_BYTES;
  }

  /** Throws if the path is longer than the transport's limit, naming the limit. */
  public static void checkLength(Path path, Transport transport) throws UnsafeSocketPathException {
    int length = path.toString().getBytes(nativeCharset()).length;
    int limit = maxPathBytes(transport);
    if (length > limit) {
      throw new UnsafeSocketPathException(
          "Unix socket path is "
              + length
              + " bytes, longer than the limit of "
              + limit
              + " bytes for "
              + transport.label()
              + " (Linux allows "
              + MAX_PATH_BYTES
              + " bytes, 108 with the terminating NUL"
              + (limit < MAX_PATH_BYTES ? "; the JDK's NIO one byte less" : "")
              + "): "
              + path
              + "; use a shorter path or a shorter java.io.tmpdir");
    }
  }

  /**
   * Makes an explicitly given path ready to bind: a stale socket with no listener is removed; a
   * live one is "address in use"; anything else at the path is left untouched and refused.
   */
  public static void prepare(Path path, Transport transport) throws IOException {
    checkLength(path, transport);
    Path parent = path.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new UnsafeSocketPathException(
          "cannot create Unix socket " + path + ": directory " + parent + " does not exist");
    }
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return;
    }
    if (attributes.isSymbolicLink()) {
      throw refused(path, "is a symbolic link; it was not followed");
    }
    if (attributes.isDirectory()) {
      throw refused(path, "is a directory");
    }
    if (attributes.isRegularFile()) {
      throw refused(path, "is a regular file, not a socket");
    }
    if (!isSocket(path)) {
      throw refused(path, "is not a socket (a FIFO or device file)");
    }
    if (isListening(path)) {
      throw new AddressInUseException(
          "address in use: a server is listening on Unix socket "
              + path
              + "; stop it or choose another path");
    }
    Files.deleteIfExists(path);
  }

  /** Returns true if the path is a socket file (not following symbolic links). */
  public static boolean isSocket(Path path) {
    try {
      int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      return (mode & FILE_TYPE_MASK) == SOCKET_TYPE;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Returns true if a server listens on the socket file (by /proc/net/unix, else by connecting).
   */
  static boolean isListening(Path path) throws IOException {
    String absolute = path.toAbsolutePath().toString();
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/net/unix"));
      for (String line : lines) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length >= 8
            && fields[7].equals(absolute)
            && (Integer.parseInt(fields[3], 16) & Integer.parseInt(LISTENING_FLAG, 16)) != 0) {
          return true;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // No /proc: fall through to the connect probe.
    }
    // Not listed (or no /proc): a stale socket refuses a connection at once.
    try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      probe.connect(UnixDomainSocketAddress.of(path));
      return true;
    } catch (ConnectException e) {
      return false;
    }
  }

  private static UnsafeSocketPathException refused(Path path, String what) {
    return new UnsafeSocketPathException(
        "refusing to use " + path + " as a Unix socket: it " + what + ". It was left untouched.");
  }

  private static Charset nativeCharset() {
    String name = System.getProperty("sun.jnu.encoding");
    try {
      return name == null ? Charset.defaultCharset() : Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return Charset.defaultCharset();
    }
  }
}
