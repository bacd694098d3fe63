package org.udsvstcp.bench.transport;

import java.io.Closeable;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * A listening server socket for one transport. A Unix listener's socket file and the private
 * directory it created are removed as soon as its last expected client is accepted ({@link
 * #acceptLast()}), or else when it is closed: connections stay up without the path, and a process
 * killed mid-transfer leaves no socket file behind.
 */
public final class Listener implements Closeable {
  private static final int BACKLOG = 128;

  private final Transport transport;
  private final Endpoint endpoint;
  private final ServerSocketChannel channel;
  private final ServerSocket serverSocket;
  private final Path boundPath;
  private final SocketDirectory directory;
  private boolean closed;
  private boolean pathRemoved;

  private Listener(
      Transport transport,
      Endpoint endpoint,
      ServerSocketChannel channel,
      ServerSocket serverSocket,
      Path boundPath,
      SocketDirectory directory) {
    this.transport = transport;
    this.endpoint = endpoint;
    this.channel = channel;
    this.serverSocket = serverSocket;
    this.boundPath = boundPath;
    this.directory = directory;
  }

  static Listener open(Transport transport, TransportOptions options) throws IOException {
    return transport.isUnix() ? openUnix(transport, options) : openTcp(transport, options);
  }

  private static Listener openTcp(Transport transport, TransportOptions options)
      throws IOException {
    InetSocketAddress address = new InetSocketAddress(options.host(), options.port());
    if (address.isUnresolved()) {
      throw new IOException("cannot resolve TCP host '" + options.host() + "'");
    }
    try {
      if (transport.api() == Transport.Api.NIO) {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
          // As the original: reuse a port whose old connections linger in TIME_WAIT.
          channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
          channel.bind(address, BACKLOG);
          int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
          Endpoint endpoint =
              new Endpoint(transport, options.host(), port, null, options.nodelay());
          return new Listener(transport, endpoint, channel, null, null, null);
        } catch (IOException | RuntimeException e) {
          channel.close();
          throw e;
        }
      }
      ServerSocket socket = new ServerSocket();
      try {
        socket.setReuseAddress(true);
        socket.bind(address, BACKLOG);
        Endpoint endpoint =
            new Endpoint(transport, options.host(), socket.getLocalPort(), null, options.nodelay());
        return new Listener(transport, endpoint, null, socket, null, null);
      } catch (IOException | RuntimeException e) {
        socket.close();
        throw e;
      }
    } catch (BindException e) {
      if (String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("in use")) {
        throw new AddressInUseException(
            "address in use: TCP port "
                + options.host()
                + ":"
                + options.port()
                + " is already taken; stop the other server or choose another port (0 picks a"
                + " free one)");
      }
      throw new IOException(
          "cannot bind TCP " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
    }
  }

  private static Listener openUnix(Transport transport, TransportOptions options)
      throws IOException {
    SocketDirectory directory = null;
    Path path = options.unixPath();
    try {
      if (path == null) {
        directory = SocketDirectory.create();
        path = directory.socketPath();
        UnixSocketPaths.checkLength(path, transport);
      } else {
        path = path.toAbsolutePath();
        UnixSocketPaths.prepare(path, transport);
      }
      Endpoint endpoint = new Endpoint(transport, null, 0, path, false);
      try {
        if (transport.api() == Transport.Api.NIO) {
          ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
          try {
            channel.bind(UnixDomainSocketAddress.of(path), BACKLOG);
          } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
          }
          return new Listener(transport, endpoint, channel, null, path, directory);
        }
        AFUNIXServerSocket socket = AFUNIXServerSocket.newInstance();
        try {
          // junixsocket deletes the path on close, even once another listener has bound it;
          // removePath() deletes it instead, at most once.
          socket.setDeleteOnClose(false);
          socket.bind(AFUNIXSocketAddress.of(path), BACKLOG);
        } catch (IOException | RuntimeException e) {
          socket.close();
          throw e;
        }
        return new Listener(transport, endpoint, null, socket, path, directory);
      } catch (BindException e) {
        throw new AddressInUseException(
            "address in use: cannot bind Unix socket " + path + ": " + e.getMessage());
      }
    } catch (IOException | RuntimeException e) {
      if (directory != null) {
        directory.close();
      }
      throw e;
    }
  }

  /** Returns the transport. */
  public Transport transport() {
    return transport;
  }

  /** Returns the address clients connect to. */
  public Endpoint endpoint() {
    return endpoint;
  }

  /** Waits for and accepts the next client; closing the listener unblocks it. */
  public Connection accept() throws IOException {
    if (channel != null) {
      SocketChannel accepted = channel.accept();
      try {
        if (!transport.isUnix()) {
          accepted.setOption(StandardSocketOptions.TCP_NODELAY, endpoint.nodelay());
        }
        return new NioConnection(transport, accepted);
      } catch (IOException | RuntimeException e) {
        accepted.close();
        throw e;
      }
    }
    Socket accepted = serverSocket.accept();
    try {
      if (!transport.isUnix()) {
        accepted.setTcpNoDelay(endpoint.nodelay());
      }
      return new ClassicConnection(transport, accepted);
    } catch (IOException | RuntimeException e) {
      accepted.close();
      throw e;
    }
  }

  /**
   * Accepts the client this listener waits for last, then removes its socket file and private
   * directory (see {@link #removePath()}); the listening socket stays open until closed.
   */
  public Connection acceptLast() throws IOException {
    Connection accepted = accept();
    try {
      removePath();
      return accepted;
    } catch (IOException | RuntimeException e) {
      accepted.close();
      throw e;
    }
  }

  /**
   * Removes the socket file this listener bound and the private directory it created, at most once;
   * established connections are unaffected, new clients can no longer find it. Does nothing for
   * TCP.
   */
  public synchronized void removePath() throws IOException {
    if (pathRemoved) {
      return;
    }
    // Once removed, the path may be bound by someone else: never delete it twice.
    pathRemoved = true;
    try {
      if (boundPath != null && UnixSocketPaths.isSocket(boundPath)) {
        Files.deleteIfExists(boundPath);
      }
    } finally {
      if (directory != null) {
        directory.close();
      }
    }
  }

  /** Stops listening, removes the socket file it bound and the private directory it created. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (channel != null) {
        channel.close();
      } else {
        serverSocket.close();
      }
    } finally {
      removePath();
    }
  }

  @Override
  public String toString() {
    return "listening on " + endpoint;
  }
}
