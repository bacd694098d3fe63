package org.udsvstcp.bench.workload;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.udsvstcp.bench.server.Executables;
import org.udsvstcp.bench.server.ServerKind;

/** What a trial measures. */
public enum Workload {
  /** One-way bulk transfer of S-byte messages: bytes/s and messages/s. */
  STREAM,
  /** S bytes out and S bytes back: round-trip latency percentiles. */
  PINGPONG,
  /** Connect, send one small message, close, repeated: connections/s. */
  CONNECT,
  /** The original notebook: 12-byte "Hello there!" sent in a loop, 32-byte reads counted. */
  ORIGINAL,
  /** PostgreSQL through pgjdbc: {@code SELECT 1}, one statement per round trip. */
  PG_SELECT1(ServerKind.POSTGRESQL, "pgjdbc"),
  /** PostgreSQL through pgjdbc: a prepared point select on pgbench_accounts (pgbench -S's). */
  PG_POINT(ServerKind.POSTGRESQL, "pgjdbc"),
  /** PostgreSQL through pgjdbc: a batch of depth prepared updates per round trip. */
  PG_BATCH(ServerKind.POSTGRESQL, "pgjdbc"),
  /** PostgreSQL through pgjdbc: connect, authenticate, {@code SELECT 1}, close. */
  PG_CONNECT(ServerKind.POSTGRESQL, "pgjdbc"),
  /** PostgreSQL's own C tool: {@code pgbench -S -M prepared}, one client. */
  PGBENCH_SELECT(ServerKind.POSTGRESQL, "pgbench"),
  /** Redis through Jedis: PING, in pipelines of depth requests. */
  REDIS_PING(ServerKind.REDIS, "jedis"),
  /** Redis through Jedis: GET of a size-byte value, in pipelines of depth requests. */
  REDIS_GET(ServerKind.REDIS, "jedis"),
  /** Redis through Jedis: SET of a size-byte value, in pipelines of depth requests. */
  REDIS_SET(ServerKind.REDIS, "jedis"),
  /** Redis's own C tool: {@code redis-benchmark -t ping}, one client, pipeline -P depth. */
  REDIS_BENCHMARK_PING(ServerKind.REDIS, "redis-benchmark"),
  /** Redis's own C tool: {@code redis-benchmark -t get -d size}, one client. */
  REDIS_BENCHMARK_GET(ServerKind.REDIS, "redis-benchmark"),
  /** Redis's own C tool: {@code redis-benchmark -t set -d size}, one client. */
  REDIS_BENCHMARK_SET(ServerKind.REDIS, "redis-benchmark"),
  /**
   * Redis through Jedis's pool ({@code RedisClient}, Jedis 8's successor of {@code JedisPooled}):
   * GET of a size-byte value from N threads sharing N pooled connections.
   */
  REDIS_POOL_GET(ServerKind.REDIS, "jedis-pool"),
  /** Redis through Lettuce: GET of a size-byte value, async, from N threads on one connection. */
  LETTUCE_GET(ServerKind.REDIS, "lettuce"),
  /** PostgreSQL through a HikariCP pool of N pgjdbc connections: pgbench -S's point select. */
  PG_POOL_POINT(ServerKind.POSTGRESQL, "hikaricp");

  private final ServerKind server;
  private final String client;

  Workload() {
    this(null, null);
  }

  Workload(ServerKind server, String client) {
    this.server = server;
    this.client = client;
  }

  /**
   * Returns the workload with this name ({@code stream}, {@code redis-ping}, ...), ignoring case.
   */
  public static Workload fromName(String name) {
    String wanted = name == null ? "" : name.strip().replace("-", "").replace("_", "");
    for (Workload workload : values()) {
      if (workload.name().replace("_", "").equalsIgnoreCase(wanted)) {
        return workload;
      }
    }
    throw new IllegalArgumentException(
        "unknown workload '" + name + "'; valid workloads are: " + validNames());
  }

  /** Returns the valid workload names, comma separated. */
  public static String validNames() {
    return Arrays.stream(values()).map(Workload::label).collect(Collectors.joining(", "));
  }

  /** Returns the name used on the command line and in result rows. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Returns true if this workload talks to a real server the library starts. */
  public boolean isServer() {
    return server != null;
  }

  /** Returns the real server this workload talks to, or null for the bare-socket workloads. */
  public ServerKind server() {
    return server;
  }

  /**
   * Returns the client (pgjdbc, jedis, jedis-pool, lettuce, hikaricp, pgbench, redis-benchmark), or
   * null for bare sockets.
   */
  public String client() {
    return client;
  }

  /** Returns true if the client is the server's own C tool rather than a Java client. */
  public boolean isTool() {
    return this == PGBENCH_SELECT || name().startsWith("REDIS_BENCHMARK");
  }

  /**
   * Returns true if the workload can run many clients at once (the pools, the shared connection,
   * and the C tools' GET and select-only runs: {@code redis-benchmark -c N}, {@code pgbench -c N}).
   */
  public boolean concurrent() {
    return this == REDIS_POOL_GET
        || this == LETTUCE_GET
        || this == PG_POOL_POINT
        || this == REDIS_BENCHMARK_GET
        || this == PGBENCH_SELECT;
  }

  /**
   * Returns true if the workload can send at a fixed rate: the Java load clients and {@code pgbench
   * --rate} ({@code redis-benchmark} has no fixed-rate mode).
   */
  public boolean openLoop() {
    return this == REDIS_POOL_GET
        || this == LETTUCE_GET
        || this == PG_POOL_POINT
        || this == PGBENCH_SELECT;
  }

  /** Returns the names of the workloads that run many clients, comma separated. */
  public static String concurrentNames() {
    return Arrays.stream(values())
        .filter(Workload::concurrent)
        .map(Workload::label)
        .collect(Collectors.joining(", "));
  }

  /** Returns the names of the workloads that send at a fixed rate, comma separated. */
  public static String openLoopNames() {
    return Arrays.stream(values())
        .filter(Workload::openLoop)
        .map(Workload::label)
        .collect(Collectors.joining(", "));
  }

  /** Returns true if the size is a value size (Redis GET and SET); other server workloads: 0. */
  public boolean hasValue() {
    return this == REDIS_POOL_GET
        || this == LETTUCE_GET
        || this == REDIS_GET
        || this == REDIS_SET
        || this == REDIS_BENCHMARK_GET
        || this == REDIS_BENCHMARK_SET;
  }

  /** Returns true if several requests can share one round trip (pipelines, batches). */
  public boolean pipelines() {
    return (server == ServerKind.REDIS && this != REDIS_POOL_GET && this != LETTUCE_GET)
        || this == PG_BATCH;
  }

  /**
   * Returns what must be installed before this workload can run here (its server, and its C tool if
   * it is one), one sentence that names the packages, or empty if it can run.
   */
  public Optional<String> missing() {
    if (!isServer()) {
      return Optional.empty();
    }
    Optional<String> missing = Executables.missing(server);
    return missing.isPresent() || !isTool() ? missing : Executables.missingTool(client);
  }

  /**
   * Returns the server's own C tool that makes the same requests, or null: the reference a Java
   * client's UDS/TCP ratio is compared with.
   */
  public Workload reference() {
    return switch (this) {
      case PG_POINT -> PGBENCH_SELECT;
      case REDIS_PING -> REDIS_BENCHMARK_PING;
      case REDIS_GET -> REDIS_BENCHMARK_GET;
      case REDIS_SET -> REDIS_BENCHMARK_SET;
      case REDIS_POOL_GET, LETTUCE_GET -> REDIS_BENCHMARK_GET;
      case PG_POOL_POINT -> PGBENCH_SELECT;
      default -> null;
    };
  }

  @Override
  public String toString() {
    return label();
  }
}
