package org.udsvstcp.bench.transport;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how a transport listens: TCP host and port, an explicit Unix socket path, and
 * TCP_NODELAY.
 *
 * @param host the TCP host to bind and connect to (127.0.0.1 unless given explicitly)
 * @param port the TCP port, 0 for a free one
 * @param unixPath an explicit Unix socket path, or null for a fresh private directory
 * @param nodelay whether TCP_NODELAY is set on TCP connections (ignored for Unix sockets)
 */
public record TransportOptions(String host, int port, Path unixPath, boolean nodelay) {
  /** The loopback address TCP uses unless another host is given. */
  public static final String LOOPBACK = "127.0.0.1";

  /** Checks the values. */
  public TransportOptions {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 0..65535");
    }
  }

  /** Returns 127.0.0.1, a free port, a private socket directory and TCP_NODELAY on. */
  public static TransportOptions defaults() {
    return new TransportOptions(LOOPBACK, 0, null, true);
  }

  /** Returns a copy with another TCP host. */
  public TransportOptions withHost(String newHost) {
    return new TransportOptions(newHost, port, unixPath, nodelay);
  }

  /** Returns a copy with another TCP port. */
  public TransportOptions withPort(int newPort) {
    return new TransportOptions(host, newPort, unixPath, nodelay);
  }

  /** Returns a copy with an explicit Unix socket path (null for a private directory). */
  public TransportOptions withUnixPath(Path newPath) {
    return new TransportOptions(host, port, newPath, nodelay);
  }

  /** Returns a copy with TCP_NODELAY on or off. */
  public TransportOptions withNodelay(boolean newNodelay) {
    return new TransportOptions(host, port, unixPath, newNodelay);
  }

  /** Returns these options as one line of text without spaces, for a child process. */
  public String encode() {
    return String.join(
        ",",
        Endpoint.encodePart(host),
        Integer.toString(port),
        Endpoint.encodePart(unixPath == null ? "" : unixPath.toString()),
        Boolean.toString(nodelay));
  }

  /** Parses the text written by {@link #encode()}. */
  public static TransportOptions decode(String text) {
    String[] parts = text.split(",", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("not encoded transport options: " + text);
    }
    String path = Endpoint.decodePart(parts[2]);
    return new TransportOptions(
        Endpoint.decodePart(parts[0]),
        Integer.parseInt(parts[1]),
        path.isEmpty() ? null : Path.of(path),
        Boolean.parseBoolean(parts[3]));
  }
}
