package org.udsvstcp.bench.workload;

import java.io.Closeable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.SplittableRandom;
import org.udsvstcp.bench.env.Affinity;
import org.udsvstcp.bench.server.ManagedServer;
import org.udsvstcp.bench.server.PostgresConnections;
import org.udsvstcp.bench.transport.Endpoint;

/**
 * The pgjdbc client role of the PostgreSQL workloads, over either family through {@link
 * PostgresConnections}. Every reply is checked: {@code SELECT 1} returns 1, the point select
 * returns its one row, each batched update updates one row.
 */
final class PostgresClients {
  static final String POINT_SELECT = "SELECT abalance FROM pgbench_accounts WHERE aid = ?";
  static final String BATCH_UPDATE = "UPDATE bench_counter SET n = n + 1 WHERE id = ?";

  private PostgresClients() {}

  /** Connects, runs {@code SELECT 1} and checks the answer. */
  static void selectOne(Endpoint endpoint) throws SQLException, IOException {
    try (Connection connection = PostgresConnections.open(endpoint);
        PreparedStatement select = connection.prepareStatement("SELECT 1")) {
      checkOne(select);
    }
  }

  /** Runs a pg-select1, pg-point, pg-batch or pg-connect client: warm-up, then timed requests. */
  static Tally run(TrialSpec spec, Endpoint endpoint, Scope scope) throws IOException {
    try {
      return switch (spec.workload()) {
        case PG_CONNECT -> connections(spec, endpoint);
        case PG_SELECT1, PG_POINT, PG_BATCH -> overOne(spec, endpoint, scope);
        default -> throw new IllegalArgumentException("not a pgjdbc workload: " + spec);
      };
    } catch (SQLException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static Tally overOne(TrialSpec spec, Endpoint endpoint, Scope scope)
      throws SQLException, IOException {
    Connection connection = PostgresConnections.open(endpoint);
    Closeable closer = closer(connection);
    scope.register(closer);
    try (PreparedStatement statement =
        connection.prepareStatement(
            switch (spec.workload()) {
              case PG_SELECT1 -> "SELECT 1";
              case PG_POINT -> POINT_SELECT;
              default -> BATCH_UPDATE;
            })) {
      SplittableRandom random = new SplittableRandom(spec.count());
      int depth = spec.depth();
      for (int i = 0; i < spec.warmupCount(); i++) {
        request(spec, statement, random);
      }
      Latencies latencies = new Latencies();
      int roundTrips = spec.count();
      ServerCpu.Interval server = ServerCpu.start(ManagedServer.pidAt(endpoint), false);
      for (int i = 0; i < roundTrips; i++) {
        long start = System.nanoTime();
        request(spec, statement, random);
        latencies.record(System.nanoTime() - start);
      }
      Cost serverCost = server.stop();
      long requests = (long) roundTrips * depth;
      return latencies
          .tally(0, requests, roundTrips, Affinity.currentCpu())
          .withServerCost(serverCost);
    } finally {
      scope.release(closer);
    }
  }

  private static void request(TrialSpec spec, PreparedStatement statement, SplittableRandom random)
      throws SQLException, IOException {
    switch (spec.workload()) {
      case PG_SELECT1 -> checkOne(statement);
      case PG_POINT -> {
        int aid = 1 + random.nextInt(ManagedServer.ACCOUNTS);
        statement.setInt(1, aid);
        try (ResultSet rows = statement.executeQuery()) {
          if (!rows.next() || rows.getInt(1) != 0 || rows.next()) {
            throw new CorruptTransferException("the point select of aid " + aid + " missed");
          }
        }
      }
      default -> {
        int first = random.nextInt(ManagedServer.COUNTERS);
        for (int i = 0; i < spec.depth(); i++) {
          statement.setInt(1, 1 + (first + i) % ManagedServer.COUNTERS);
          statement.addBatch();
        }
        int[] counts = statement.executeBatch();
        if (counts.length != spec.depth()) {
          throw new CorruptTransferException(
              "a batch of " + spec.depth() + " returned " + counts.length + " update counts");
        }
        for (int count : counts) {
          if (count != 1) {
            throw new CorruptTransferException("a batched update changed " + count + " rows");
          }
        }
      }
    }
  }

  private static Tally connections(TrialSpec spec, Endpoint endpoint)
      throws SQLException, IOException {
    for (int i = 0; i < spec.warmupCount(); i++) {
      selectOne(endpoint);
    }
    Latencies latencies = new Latencies();
    for (int i = 0; i < spec.count(); i++) {
      long start = System.nanoTime();
      selectOne(endpoint);
      latencies.record(System.nanoTime() - start);
    }
    return latencies.tally(0, spec.count(), spec.count(), Affinity.currentCpu());
  }

  private static void checkOne(PreparedStatement select) throws SQLException, IOException {
    try (ResultSet rows = select.executeQuery()) {
      if (!rows.next() || rows.getInt(1) != 1 || rows.next()) {
        throw new CorruptTransferException("SELECT 1 did not return one row holding 1");
      }
    }
  }

  private static Closeable closer(Connection connection) {
    return () -> {
      try {
        connection.close();
      } catch (SQLException e) {
        throw new IOException(e.getMessage(), e);
      }
    };
  }
}
