package org.udsvstcp.bench.transport;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The four ways the benchmark moves bytes: two address families, each through two Java APIs, so
 * each pair (NIO, classic) differs only in the address family.
 */
public enum Transport {
  /** TCP on loopback through a JDK NIO {@code SocketChannel}. */
  TCP("tcp", Family.INET, Api.NIO),
  /** A Unix domain socket through a JDK NIO {@code SocketChannel} (JDK 16+). */
  UDS("uds", Family.UNIX, Api.NIO),
  /** A Unix domain socket through junixsocket's classic {@code java.net.Socket} API. */
  UDS_JUNIX("uds-junix", Family.UNIX, Api.CLASSIC),
  /** TCP on loopback through the classic {@code java.net.Socket} API. */
  TCP_CLASSIC("tcp-classic", Family.INET, Api.CLASSIC);

  /** The address family: Internet (TCP/IP stack) or Unix (file-system name, same machine only). */
  public enum Family {
    /** AF_INET: the TCP/IP stack, here on the loopback device. */
    INET,
    /** AF_UNIX: a socket named by a file-system path. */
    UNIX;

    /** Returns the lower-case name used in result rows. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The Java API used: NIO channels or classic blocking sockets. */
  public enum Api {
    /** {@code java.nio.channels.SocketChannel} with direct buffers. */
    NIO,
    /** {@code java.net.Socket} streams with heap byte arrays. */
    CLASSIC;

    /** Returns the lower-case name used in result rows. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final String label;
  private final Family family;
  private final Api api;

  Transport(String label, Family family, Api api) {
    this.label = label;
    this.family = family;
    this.api = api;
  }

  /** Returns the transport with this name ({@code tcp}, {@code uds}, ...), ignoring case. */
  public static Transport fromName(String name) {
    String wanted = name == null ? "" : name.strip();
    for (Transport transport : values()) {
      if (transport.label.equalsIgnoreCase(wanted) || transport.name().equalsIgnoreCase(wanted)) {
        return transport;
      }
    }
    throw new IllegalArgumentException(
        "unknown transport '" + name + "'; valid transports are: " + validNames());
  }

  /** Returns the valid transport names, comma separated. */
  public static String validNames() {
    return Arrays.stream(values()).map(Transport::label).collect(Collectors.joining(", "));
  }

  /** Returns the name used on the command line and in result rows. */
  public String label() {
    return label;
  }

  /** Returns the address family. */
  public Family family() {
    return family;
  }

  /** Returns the Java API. */
  public Api api() {
    return api;
  }

  /** Returns true for Unix domain sockets. */
  public boolean isUnix() {
    return family == Family.UNIX;
  }

  /** Returns the transport with the same API and the other address family. */
  public Transport counterpart() {
    return switch (this) {
      case TCP -> UDS;
      case UDS -> TCP;
      case UDS_JUNIX -> TCP_CLASSIC;
      case TCP_CLASSIC -> UDS_JUNIX;
    };
  }

  /** Opens a listening endpoint with default options (127.0.0.1, free port, private directory). */
  public Listener listen() throws IOException {
    return listen(TransportOptions.defaults());
  }

  /**
   * Opens a listening endpoint.
   *
   * @throws AddressInUseException if the port or socket path is taken by a live server
   * @throws IOException if the socket cannot be opened, or the socket path is unsafe or too long
   */
  public Listener listen(TransportOptions options) throws IOException {
    return Listener.open(this, options);
  }

  @Override
  public String toString() {
    return label;
  }
}
