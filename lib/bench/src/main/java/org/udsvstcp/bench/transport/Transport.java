package org.udsvstcp.bench.transport;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The ways the benchmark moves bytes: two address families, each through two Java APIs, so each
 * pair (NIO, classic) differs only in the address family; and TCP through NIO along two more routes
 * through the kernel, which differ from {@link #TCP} only in the path the bytes take between the
 * same sockets (their two ends run as child processes inside a route the run sets up, see {@code
 * org.udsvstcp.bench.route}).
 */
public enum Transport {
  /** TCP on loopback through a JDK NIO {@code SocketChannel}. */
  TCP("tcp", Family.INET, Api.NIO),
  /** A Unix domain socket through a JDK NIO {@code SocketChannel} (JDK 16+). */
  UDS("uds", Family.UNIX, Api.NIO),
  /** A Unix domain socket through junixsocket's classic {@code java.net.Socket} API. */
  UDS_JUNIX("uds-junix", Family.UNIX, Api.CLASSIC),
  /** TCP on loopback through the classic {@code java.net.Socket} API. */
  TCP_CLASSIC("tcp-classic", Family.INET, Api.CLASSIC),
  /**
   * TCP on loopback through NIO between two processes in a cgroup whose BPF programs (sockmap)
   * redirect each send straight into the peer socket, past the TCP/IP stack.
   */
  TCP_SOCKMAP("tcp-sockmap", Family.INET, Api.NIO),
  /**
   * TCP through NIO between two network namespaces joined by a veth pair: the route a container's
   * traffic takes, through a virtual Ethernet device instead of the loopback shortcut.
   */
  TCP_VETH("tcp-veth", Family.INET, Api.NIO);

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

  /**
   * Returns true for the transports whose two ends must run inside a route that the run sets up
   * (tcp-sockmap's cgroup, tcp-veth's namespaces): an experiment does that, with both ends as child
   * processes; in threads of this JVM they cannot run.
   */
  public boolean needsRoute() {
    return this == TCP_SOCKMAP || this == TCP_VETH;
  }

  /** Returns true for Unix domain sockets. */
  public boolean isUnix() {
    return family == Family.UNIX;
  }

  /** Returns the transport with the same API and the other address family. */
  public Transport counterpart() {
    return switch (this) {
      case TCP, TCP_SOCKMAP, TCP_VETH -> UDS;
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
