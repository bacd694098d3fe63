package org.udsvstcp.bench.route;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A route through the kernel that a run sets up for one TCP transport and always removes: both ends
 * of the transport's trials run as child processes started inside it ({@link #launcher(End)}), and
 * it counts what it carried, so each trial can prove its bytes took this route. Closing it, or this
 * JVM dying in any way, removes everything it made.
 */
public sealed interface PrivateRoute extends AutoCloseable permits SockmapCgroup, VethNamespaces {
  /** The loopback address the sockmap route's ends use. */
  String LOOPBACK = "127.0.0.1";

  /** The two kinds of route. */
  enum Kind {
    /** A cgroup whose TCP sends are redirected past the stack by BPF ({@link SockmapCgroup}). */
    SOCKMAP("tcp-sockmap"),
    /** Two network namespaces joined by a veth pair ({@link VethNamespaces}). */
    VETH("tcp-veth");

    private final String transport;

    Kind(String transport) {
      this.transport = transport;
    }

    /** Returns the name of the transport that takes this route. */
    public String transport() {
      return transport;
    }

    /** Returns why this route cannot be set up here, or empty if it can. */
    public Optional<String> unavailable() {
      return this == SOCKMAP ? SockmapCgroup.unavailable() : VethNamespaces.unavailable();
    }

    /**
     * Sets this route up.
     *
     * @throws RouteUnavailableException if the machine does not allow it, saying why
     */
    public PrivateRoute open() {
      return this == SOCKMAP ? SockmapCgroup.open() : VethNamespaces.open();
    }
  }

  /** The two ends of a trial. */
  enum End {
    /** The end that listens. */
    SERVER,
    /** The end that connects. */
    CLIENT;

    /** Returns "server" or "client". */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Returns which route this is. */
  Kind kind();

  /**
   * Returns the command prefix that starts a process of {@code end} inside the route: the command
   * to run follows it as further arguments.
   */
  List<String> launcher(End end);

  /** Returns the address the server end listens on and the client connects to. */
  String serverHost();

  /**
   * Checks that process {@code pid} runs inside the route as {@code end}.
   *
   * @throws org.udsvstcp.bench.BenchException if it does not, saying where it is
   */
  void checkInside(End end, long pid);

  /**
   * What a route has carried since it was set up.
   *
   * @param bytes the bytes it carried (see {@link #carriedWhat()})
   * @param missed sends that should have taken the route and did not (sockmap: a send whose peer
   *     was not in the map went through TCP); 0 where the route cannot miss
   */
  record Carried(long bytes, long missed) {
    /** Returns what was carried between {@code before} and this. */
    public Carried minus(Carried before) {
      return new Carried(bytes - before.bytes, missed - before.missed);
    }
  }

  /** Returns what the route has carried since it was set up (see {@link #carriedWhat()}). */
  Carried carried();

  /** Returns what {@link #carried()} counts, in a few words. */
  String carriedWhat();

  /** Returns the commands that set the route up, as run, for a reader to repeat. */
  List<String> commands();

  /** Returns one line naming what the route is made of, with ids and names. */
  String describe();

  /** Removes everything the route made and waits until it is gone. */
  @Override
  void close();
}
