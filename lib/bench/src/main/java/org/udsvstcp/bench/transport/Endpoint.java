package org.udsvstcp.bench.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * The address a client connects to: a TCP host and port, or a Unix socket path.
 *
 * @param transport the transport
 * @param host the TCP host (unused for Unix sockets)
 * @param port the TCP port (unused for Unix sockets)
 * @param path the Unix socket path (null for TCP)
 * @param nodelay whether clients set TCP_NODELAY (ignored for Unix sockets)
 */
public record Endpoint(Transport transport, String host, int port, Path path, boolean nodelay) {
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  /** Checks that the address fits the transport. */
  public Endpoint {
    Objects.requireNonNull(transport, "transport");
    if (transport.isUnix()) {
      Objects.requireNonNull(path, "path");
    } else {
      Objects.requireNonNull(host, "host");
    }
  }

  /** Connects a client to this endpoint. */
  public Connection connect() throws IOException {
    return switch (transport) {
      case TCP, TCP_SOCKMAP, TCP_VETH ->
          connectNio(StandardProtocolFamily.INET, new InetSocketAddress(host, port));
      case UDS -> connectNio(StandardProtocolFamily.UNIX, UnixDomainSocketAddress.of(path));
      case TCP_CLASSIC -> connectClassicTcp();
      case UDS_JUNIX -> connectJunix();
    };
  }

  private Connection connectNio(StandardProtocolFamily family, java.net.SocketAddress address)
      throws IOException {
    SocketChannel channel =
        family == StandardProtocolFamily.UNIX
            ? SocketChannel.open(StandardProtocolFamily.UNIX)
            : SocketChannel.open();
    try {
      if (!transport.isUnix()) {
        channel.setOption(StandardSocketOptions.TCP_NODELAY, nodelay);
      }
      channel.connect(address);
      return new NioConnection(transport, channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private Connection connectClassicTcp() throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(nodelay);
      socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
      return new ClassicConnection(transport, socket);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private Connection connectJunix() throws IOException {
    AFUNIXSocket socket = AFUNIXSocket.newInstance();
    try {
      socket.connect(AFUNIXSocketAddress.of(path));
      return new ClassicConnection(transport, socket);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** Returns this endpoint as one line of text without spaces, for a child process. */
  public String encode() {
    return String.join(
        ",",
        transport.label(),
        encodePart(host == null ? "" : host),
        Integer.toString(port),
        encodePart(path == null ? "" : path.toString()),
        Boolean.toString(nodelay));
  }

  /** Parses the text written by {@link #encode()}. */
  public static Endpoint decode(String text) {
    String[] parts = text.split(",", -1);
    if (parts.length != 5) {
      throw new IllegalArgumentException("not an encoded endpoint: " + text);
    }
    String host = decodePart(parts[1]);
    String path = decodePart(parts[3]);
    return new Endpoint(
        Transport.fromName(parts[0]),
        host.isEmpty() ? null : host,
        Integer.parseInt(parts[2]),
        path.isEmpty() ? null : Path.of(path),
        Boolean.parseBoolean(parts[4]));
  }

  static String encodePart(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static String decodePart(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return transport.label() + " " + (transport.isUnix() ? path.toString() : host + ":" + port);
  }
}
