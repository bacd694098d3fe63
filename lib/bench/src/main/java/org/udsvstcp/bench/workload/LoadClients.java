package org.udsvstcp.bench.workload;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.io.Closeable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.udsvstcp.bench.env.TaskCounters;
import org.udsvstcp.bench.server.ManagedServer;
import org.udsvstcp.bench.server.PostgresConnections;
import org.udsvstcp.bench.server.RedisConnections;
import org.udsvstcp.bench.server.ServerKind;
import org.udsvstcp.bench.transport.Endpoint;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.providers.PooledConnectionProvider;

/**
 * The Java clients as services deploy them, many threads at once, over either family through one
 * code path each:
 *
 * <ul>
 *   <li>{@link Kind#JEDIS_POOL}: Jedis's pooled client ({@code RedisClient}, which Jedis 8 made of
 *       what was {@code JedisPooled}), a pool of N connections shared by N threads, each GET
 *       borrowing one; the Unix socket through {@link RedisConnections#connectionFactory}'s
 *       junixsocket socket;
 *   <li>{@link Kind#LETTUCE}: Lettuce's one shared connection, N threads each sending an async GET
 *       and waiting for its future; Netty's epoll transport for both families (Lettuce reaches a
 *       Unix socket only through it);
 *   <li>{@link Kind#HIKARI}: a HikariCP pool of N pgjdbc connections, N threads each borrowing a
 *       connection per point select (pgjdbc switches a statement it has run 5 times on a connection
 *       to a server-side prepared one, as {@code pgbench -M prepared} uses); the Unix socket
 *       through junixsocket's socket factory ({@link PostgresConnections#dataSource}).
 * </ul>
 *
 * Every reply is checked: GET returns the bytes SET wrote, the point select returns its one row.
 */
public final class LoadClients {
  private static final int TIMEOUT_MILLIS = 30_000;

  // Netty and Lettuce log through java.util.logging here (Netty will not log to SLF4J's no-op
  // binding): an INFO line per client and a warning for keep-alive options a Unix socket lacks
  // would fill every run's output. JUL holds its loggers weakly, so these references keep the
  // levels set.
  private static final java.util.logging.Logger NETTY_LOG = quiet("io.netty");
  private static final java.util.logging.Logger LETTUCE_LOG = quiet("io.lettuce");

  private LoadClients() {}

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.SEVERE);
    return logger;
  }

  /** A pooled or shared Java client. */
  public enum Kind {
    /** Jedis's pool ({@code RedisClient}, formerly {@code JedisPooled}): GET. */
    JEDIS_POOL("jedis-pool"),
    /** Lettuce, one connection shared by every thread, async commands: GET. */
    LETTUCE("lettuce"),
    /** HikariCP over pgjdbc: the prepared point select of pgbench -S. */
    HIKARI("hikaricp");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** Returns the client's name in rows: jedis-pool, lettuce or hikaricp. */
    public String label() {
      return label;
    }

    /** Returns the server this client talks to. */
    public ServerKind server() {
      return this == HIKARI ? ServerKind.POSTGRESQL : ServerKind.REDIS;
    }

    /** Returns the client of {@code workload} ({@link Workload#client()}). */
    static Kind of(Workload workload) {
      for (Kind kind : values()) {
        if (kind.label.equals(workload.client()) && !workload.isTool()) {
          return kind;
        }
      }
      throw new IllegalArgumentException(workload + " is not run by a pooled or shared client");
    }
  }

  /**
   * Runs {@code plan} with the client {@code kind} against {@code endpoint}: opens the pool or the
   * connection (registered with {@code scope}, so another thread can stop the run by closing it),
   * runs the driver, closes it. The server's processes ({@code serverPid}, -1 for none) are read at
   * the measured interval's edges.
   *
   * @param size the value size of a Redis GET (ignored by the point select)
   */
  public static LoadDriver.Outcome run(
      Kind kind, Endpoint endpoint, int size, LoadDriver.Plan plan, long serverPid, Scope scope)
      throws IOException {
    return run(kind, endpoint, size, plan, serverEdges(serverPid, false), scope);
  }

  /** Runs {@code plan} as above, with {@code edges} at the measured interval's edges. */
  static LoadDriver.Outcome run(
      Kind kind,
      Endpoint endpoint,
      int size,
      LoadDriver.Plan plan,
      LoadDriver.Edges edges,
      Scope scope)
      throws IOException {
    return switch (kind) {
      case JEDIS_POOL -> jedisPool(endpoint, size, plan, edges, scope);
      case LETTUCE -> lettuce(endpoint, size, plan, edges, scope);
      case HIKARI -> hikari(endpoint, plan, edges, scope);
    };
  }

  /**
   * Runs the client role of a load workload ({@link Workload#concurrent()}: the pools, Lettuce, and
   * the C tools' GET and select-only runs) as {@code spec} says, N clients in a closed or an open
   * loop, and returns the clients' tally with the server's cost over its measured interval (when
   * the server is this JVM's). The Java client is the workload's {@link Workload#client()}.
   */
  static Tally run(TrialSpec spec, Endpoint endpoint, Scope scope) throws IOException {
    LoadDriver.Plan plan =
        new LoadDriver.Plan(
            spec.clients(),
            spec.requestsPerClient(),
            spec.warmupCount(),
            spec.rate(),
            spec.count());
    long pid = ManagedServer.pidAt(endpoint);
    LoadDriver.Outcome outcome =
        switch (spec.workload()) {
          case REDIS_BENCHMARK_GET ->
              LoadTools.redisBenchmark(endpoint, spec.size(), plan, pid, scope);
          case PGBENCH_SELECT -> LoadTools.pgbench(endpoint, plan, pid, scope);
          default -> run(Kind.of(spec.workload()), endpoint, spec.size(), plan, pid, scope);
        };
    return outcome.client().withServerCost(outcome.server());
  }

  /**
   * Returns edges that read the server's processes over the measured interval, or none for {@code
   * pid} -1.
   */
  static LoadDriver.Edges serverEdges(long pid, boolean sampleEnded) {
    if (pid < 0) {
      return LoadDriver.Edges.NONE;
    }
    return new LoadDriver.Edges() {
      private ServerCpu.Interval interval;

      @Override
      public void start() {
        interval = ServerCpu.start(pid, sampleEnded);
      }

      @Override
      public Cost end() {
        return interval == null ? Cost.NONE : interval.stop();
      }
    };
  }

  private static LoadDriver.Outcome jedisPool(
      Endpoint endpoint, int size, LoadDriver.Plan plan, LoadDriver.Edges edges, Scope scope)
      throws IOException {
    byte[] key = RedisClients.key(size);
    byte[] value = RedisClients.value(size, size);
    setValue(endpoint, key, value);
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(plan.clients());
    pool.setMaxIdle(plan.clients());
    pool.setMinIdle(plan.clients());
    pool.setMaxWait(Duration.ofMillis(TIMEOUT_MILLIS));
    PooledConnectionProvider provider =
        new PooledConnectionProvider(RedisConnections.connectionFactory(endpoint), pool);
    RedisClient client = RedisClient.builder().connectionProvider(provider).build();
    Closeable closer = client::close;
    scope.register(closer);
    try {
      try {
        provider.getPool().preparePool(); // all N connections before the first request
      } catch (Exception e) {
        throw new IOException("could not open the pool's connections: " + e.getMessage(), e);
      }
      return LoadDriver.run(plan, i -> () -> expectValue(value, client.get(key)), edges, List::of);
    } finally {
      scope.release(closer);
    }
  }

  private static LoadDriver.Outcome lettuce(
      Endpoint endpoint, int size, LoadDriver.Plan plan, LoadDriver.Edges edges, Scope scope)
      throws IOException {
    byte[] key = RedisClients.key(size);
    byte[] value = RedisClients.value(size, size);
    setValue(endpoint, key, value);
    List<Long> ioThreads = new CopyOnWriteArrayList<>();
    AtomicInteger counter = new AtomicInteger();
    // Lettuce's threads start where the calling thread may run, and say their task ids, so their
    // cost is the clients' too.
    ClientResources resources =
        DefaultClientResources.builder()
            .ioThreadPoolSize(1)
            .computationThreadPoolSize(1)
            .threadFactoryProvider(
                pool ->
                    runnable ->
                        new FastThreadLocalThread(
                            () -> {
                              ioThreads.add(TaskCounters.currentTid());
                              runnable.run();
                            },
                            "lettuce-" + pool + "-" + counter.incrementAndGet()))
            .build();
    RedisURI uri =
        endpoint.transport().isUnix()
            ? RedisURI.Builder.socket(endpoint.path().toString()).build()
            : RedisURI.Builder.redis(endpoint.host(), endpoint.port()).build();
    uri.setTimeout(Duration.ofMillis(TIMEOUT_MILLIS));
    io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(resources, uri);
    client.setOptions(ClientOptions.builder().autoReconnect(false).build());
    Closeable closer =
        () -> {
          client.shutdown(Duration.ZERO, Duration.ofSeconds(5));
          resources.shutdown(0, 5, TimeUnit.SECONDS).awaitUninterruptibly();
        };
    scope.register(closer);
    try {
      StatefulRedisConnection<byte[], byte[]> connection;
      try {
        connection = client.connect(ByteArrayCodec.INSTANCE);
      } catch (RuntimeException e) {
        throw new IOException(
            "Lettuce could not connect to " + endpoint + ": " + e.getMessage(), e);
      }
      RedisAsyncCommands<byte[], byte[]> commands = connection.async();
      return LoadDriver.run(
          plan,
          i ->
              () ->
                  expectValue(value, commands.get(key).get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)),
          edges,
          () -> new ArrayList<>(ioThreads));
    } finally {
      scope.release(closer);
    }
  }

  /** Returns the transport Lettuce's Netty uses here: epoll if its native library loaded. */
  public static String lettuceTransport() {
    return io.netty.channel.epoll.Epoll.isAvailable()
        ? "epoll"
        : "unavailable (" + io.netty.channel.epoll.Epoll.unavailabilityCause() + ")";
  }

  private static LoadDriver.Outcome hikari(
      Endpoint endpoint, LoadDriver.Plan plan, LoadDriver.Edges edges, Scope scope)
      throws IOException {
    HikariConfig config = new HikariConfig();
    config.setDataSource(
        PostgresConnections.dataSource(
            endpoint)); // not DriverManager, whose class-loader rules a kernel can break
    config.setPoolName("uds-vs-tcp-" + endpoint.transport().label());
    config.setMaximumPoolSize(plan.clients());
    config.setMinimumIdle(plan.clients());
    config.setConnectionTimeout(TIMEOUT_MILLIS);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new IOException("HikariCP could not open its pool: " + e.getMessage(), e);
    }
    Closeable closer = pool::close;
    scope.register(closer);
    try {
      return LoadDriver.run(
          plan,
          i -> {
            SplittableRandom random = new SplittableRandom(plan.seed() * 31 + i);
            return () -> pointSelect(pool, 1 + random.nextInt(ManagedServer.ACCOUNTS));
          },
          new LoadDriver.Edges() {
            @Override
            public void start() {
              awaitFull(pool, plan.clients());
              edges.start();
            }

            @Override
            public Cost end() {
              return edges.end();
            }
          },
          List::of);
    } finally {
      scope.release(closer);
    }
  }

  /** Waits until the pool holds all its connections (it opens them in the background). */
  private static void awaitFull(HikariDataSource pool, int size) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
    while (pool.getHikariPoolMXBean().getTotalConnections() < size) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "HikariCP opened "
                + pool.getHikariPoolMXBean().getTotalConnections()
                + " of "
                + size
                + " connections in "
                + TIMEOUT_MILLIS / 1000
                + " s");
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RunInterruptedException("interrupted while the pool opened its connections");
      }
    }
  }

  private static void pointSelect(HikariDataSource pool, int aid) throws Exception {
    try (Connection connection = pool.getConnection();
        PreparedStatement select = connection.prepareStatement(PostgresClients.POINT_SELECT)) {
      select.setInt(1, aid);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next() || rows.getInt(1) != 0 || rows.next()) {
          throw new CorruptTransferException("the point select of aid " + aid + " missed");
        }
      }
    }
  }

  private static void setValue(Endpoint endpoint, byte[] key, byte[] value)
      throws CorruptTransferException {
    try (Jedis jedis = RedisConnections.open(endpoint)) {
      String reply = jedis.set(key, value);
      if (!"OK".equals(reply)) {
        throw new CorruptTransferException("SET answered " + reply + ", expected OK");
      }
    }
  }

  private static void expectValue(byte[] wanted, byte[] reply) throws CorruptTransferException {
    if (!Arrays.equals(wanted, reply)) {
      throw new CorruptTransferException(
          "GET returned "
              + (reply == null ? "nil" : reply.length + " bytes")
              + " that differ from the "
              + wanted.length
              + " bytes SET wrote");
    }
  }
}
