package org.udsvstcp.bench.experiment;

import java.io.IOException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.udsvstcp.bench.BenchException;
import org.udsvstcp.bench.env.Affinity;
import org.udsvstcp.bench.server.ManagedServer;
import org.udsvstcp.bench.server.ServerKind;
import org.udsvstcp.bench.workload.Peer;
import org.udsvstcp.bench.workload.ThreadPeer;
import org.udsvstcp.bench.workload.Workload;

/**
 * Everything one run of an experiment opens: the real servers its workloads talk to, the private
 * routes of tcp-sockmap and tcp-veth (each with its two peers inside it), the CSV file, the rest of
 * the JVM moved off the measured CPU, and the two peers; closed in reverse order whatever happens.
 */
final class RunResources implements AutoCloseable {
  private final Map<ServerKind, ManagedServer> servers = new EnumMap<>(ServerKind.class);
  final Routes routes = new Routes();
  CsvSink sink;
  Affinity.Moved moved;
  Peer server;
  Peer client;

  /** Starts one server of each kind {@code workloads} talk to, pinned to {@code cpu} if given. */
  void startServers(List<Workload> workloads, OptionalInt cpu) {
    for (Workload w : workloads) {
      if (w.isServer() && !servers.containsKey(w.server())) {
        servers.put(w.server(), ManagedServer.start(w.server(), cpu));
      }
    }
  }

  /** Returns the running server {@code workload} talks to, or null for a bare-socket workload. */
  ManagedServer serverOf(Workload workload) {
    return workload.isServer() ? servers.get(workload.server()) : null;
  }

  /** Returns the running servers. */
  Collection<ManagedServer> servers() {
    return servers.values();
  }

  /** Starts the two peers, threads or child processes, pinned to {@code cpus}. */
  void startPeers(Isolation isolation, Cpus cpus) {
    if (isolation == Isolation.THREADS) {
      server = ThreadPeer.start("server", cpus.server());
      client = ThreadPeer.start("client", cpus.client());
    } else {
      server = ProcessPeer.start("server", cpus.server());
      client = ProcessPeer.start("client", cpus.client());
    }
  }

  @Override
  public void close() throws IOException {
    BenchException failure = null;
    for (Peer peer : new Peer[] {client, server}) {
      if (peer != null) {
        try {
          peer.close();
        } catch (BenchException e) {
          failure = e;
        }
      }
    }
    if (moved != null) {
      moved.close();
    }
    try {
      if (sink != null) {
        sink.close();
      }
    } finally {
      try {
        routes.close();
      } catch (RuntimeException e) {
        failure = e instanceof BenchException bench ? bench : new BenchException(e.toString(), e);
      } finally {
        servers.values().forEach(ManagedServer::close);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
