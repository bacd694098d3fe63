package org.udsvstcp.bench.experiment;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.udsvstcp.bench.BenchException;
import org.udsvstcp.bench.route.PrivateRoute;
import org.udsvstcp.bench.route.RouteUnavailableException;
import org.udsvstcp.bench.transport.Transport;
import org.udsvstcp.bench.transport.TransportOptions;
import org.udsvstcp.bench.workload.Peer;
import org.udsvstcp.bench.workload.TrialFailedException;
import org.udsvstcp.bench.workload.TrialResult;
import org.udsvstcp.bench.workload.TrialSpec;
import org.udsvstcp.bench.workload.Workload;

/**
 * The private routes of a run's transports (tcp-sockmap's cgroup, tcp-veth's namespaces), each with
 * its own two peer processes started inside it, checked to be there; and the proof that each
 * trial's bytes took its route. Closing stops the peers, then removes the routes.
 */
final class Routes implements AutoCloseable {
  private record Opened(PrivateRoute route, ProcessPeer server, ProcessPeer client) {}

  private final Map<Transport, Opened> opened = new EnumMap<>(Transport.class);

  /** Returns the kind of route a transport takes, or empty for loopback and Unix sockets. */
  static Optional<PrivateRoute.Kind> kindOf(Transport transport) {
    return switch (transport) {
      case TCP_SOCKMAP -> Optional.of(PrivateRoute.Kind.SOCKMAP);
      case TCP_VETH -> Optional.of(PrivateRoute.Kind.VETH);
      default -> Optional.empty();
    };
  }

  /**
   * Checks an experiment's settings against its routes: tcp-sockmap and tcp-veth run both ends as
   * child processes inside their route, so the others must run in processes too to compare alike; a
   * real server runs outside any route.
   *
   * @throws IllegalArgumentException saying which setting to change
   */
  static void check(
      List<Transport> transports,
      Isolation isolation,
      Workload workload,
      List<Workload> alongside) {
    List<String> routed =
        transports.stream().filter(Transport::needsRoute).map(Transport::label).toList();
    if (routed.isEmpty()) {
      return;
    }
    String names = String.join(" and ", routed);
    if (isolation != Isolation.PROCESSES) {
      throw new IllegalArgumentException(
          names
              + (routed.size() == 1 ? " runs" : " run")
              + " both ends as child processes inside their route; run with isolation"
              + " processes (--isolation processes) so that every transport compared runs alike");
    }
    if (workload.isServer() || alongside.stream().anyMatch(Workload::isServer)) {
      throw new IllegalArgumentException(
          names + " cannot reach a real server: the server runs outside their route");
    }
  }

  /** Returns, for each of {@code transports} whose route cannot be set up here, the reason. */
  static Map<Transport, String> unavailable(List<Transport> transports) {
    Map<Transport, String> reasons = new LinkedHashMap<>();
    for (Transport transport : transports) {
      kindOf(transport)
          .flatMap(PrivateRoute.Kind::unavailable)
          .ifPresent(why -> reasons.put(transport, why));
    }
    return reasons;
  }

  /**
   * Sets up the route of every transport that needs one and starts its two peers inside it, pinned
   * as asked; on failure what was set up stays registered, so {@link #close()} removes it.
   *
   * @throws RouteUnavailableException if a route cannot be set up here, saying why
   * @throws BenchException if a peer does not start or is not inside its route
   */
  void open(List<Transport> transports, OptionalInt serverCpu, OptionalInt clientCpu) {
    for (Transport transport : transports) {
      Optional<PrivateRoute.Kind> kind = kindOf(transport);
      if (kind.isEmpty() || opened.containsKey(transport)) {
        continue;
      }
      PrivateRoute route = kind.get().open();
      ProcessPeer server = null;
      ProcessPeer client = null;
      try {
        server = ProcessPeer.start("server", serverCpu, route.launcher(PrivateRoute.End.SERVER));
        route.checkInside(PrivateRoute.End.SERVER, server.pid());
        client = ProcessPeer.start("client", clientCpu, route.launcher(PrivateRoute.End.CLIENT));
        route.checkInside(PrivateRoute.End.CLIENT, client.pid());
      } catch (RuntimeException e) {
        closeAll(List.of(new Opened(route, server, client)));
        throw e;
      }
      opened.put(transport, new Opened(route, server, client));
    }
  }

  /** Returns whether {@code transport} runs inside one of these routes. */
  boolean has(Transport transport) {
    return opened.containsKey(transport);
  }

  /** Returns the server peer inside {@code transport}'s route. */
  ProcessPeer server(Transport transport) {
    return get(transport).server();
  }

  /** Returns the client peer inside {@code transport}'s route. */
  ProcessPeer client(Transport transport) {
    return get(transport).client();
  }

  /** Returns {@code base} with the address the route's server end listens on. */
  TransportOptions options(Transport transport, TransportOptions base) {
    return base.withHost(get(transport).route().serverHost());
  }

  /** Returns what {@code transport}'s route has carried so far. */
  PrivateRoute.Carried carried(Transport transport) {
    return get(transport).route().carried();
  }

  /**
   * Checks that a trial's bytes took its route: the route carried at least the bytes that arrived,
   * and no send went around it. Returns the bytes it carried during the trial.
   *
   * @throws TrialFailedException if they did not, saying what the route counted
   */
  long check(TrialSpec spec, TrialResult result, PrivateRoute.Carried before) {
    PrivateRoute route = get(spec.transport()).route();
    PrivateRoute.Carried during = route.carried().minus(before);
    if (during.bytes() < result.bytes() || during.missed() > 0) {
      throw new TrialFailedException(
          spec.describe()
              + ": the bytes did not all take the "
              + spec.transport().label()
              + " route: "
              + result.bytes()
              + " bytes arrived, the route counted "
              + during.bytes()
              + " "
              + route.carriedWhat()
              + (during.missed() > 0
                  ? " and " + during.missed() + " sends that went around it"
                  : ""),
          null);
    }
    return during.bytes();
  }

  /** Returns the peers of {@code transport}'s route, for their pinning. */
  List<Peer> peers(Transport transport) {
    return List.of(get(transport).server(), get(transport).client());
  }

  /** Returns the commands that set the routes up, as run, each after its transport's name. */
  List<String> commands() {
    List<String> commands = new ArrayList<>();
    opened.forEach(
        (transport, o) -> o.route().commands().forEach(c -> commands.add(transport + ": " + c)));
    return commands;
  }

  /** Returns one line per route: what it is made of. */
  List<String> describe() {
    return opened.values().stream().map(o -> o.route().describe()).toList();
  }

  private Opened get(Transport transport) {
    Opened found = opened.get(transport);
    if (found == null) {
      throw new IllegalStateException(transport + " has no route in this run");
    }
    return found;
  }

  /** Stops every route's peers, then removes the routes. */
  @Override
  public void close() {
    List<Opened> all = new ArrayList<>(opened.values());
    opened.clear();
    closeAll(all);
  }

  private static void closeAll(List<Opened> all) {
    RuntimeException failure = null;
    for (Opened o : all) {
      for (ProcessPeer peer : new ProcessPeer[] {o.client(), o.server()}) {
        if (peer != null) {
          try {
            peer.close();
          } catch (RuntimeException e) {
            failure = e;
          }
        }
      }
    }
    for (Opened o : all) {
      o.route().close();
    }
    if (failure != null) {
      throw failure;
    }
  }
}
