package org.udsvstcp.bench.server;

import java.io.IOException;
import org.udsvstcp.bench.transport.Endpoint;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Jedis connections to a Redis server over either family, through one code path: TCP through
 * Jedis's own socket, a Unix socket through {@link UnixJedisSocketFactory}; and what the server
 * reports about itself (INFO).
 */
public final class RedisConnections {
  private static final int TIMEOUT_MILLIS = 30_000;

  private RedisConnections() {}

  /** Opens a Jedis connection to {@code endpoint}. */
  public static Jedis open(Endpoint endpoint) {
    return endpoint.transport().isUnix()
        ? new Jedis(new UnixJedisSocketFactory(endpoint.path(), TIMEOUT_MILLIS), config())
        : new Jedis(new HostAndPort(endpoint.host(), endpoint.port()), config());
  }

  /**
   * Returns the factory a Jedis pool opens its connections to {@code endpoint} with, over either
   * family through the same socket factory as {@link #open(Endpoint)}.
   */
  public static ConnectionFactory connectionFactory(Endpoint endpoint) {
    return endpoint.transport().isUnix()
        ? new ConnectionFactory(
            new UnixJedisSocketFactory(endpoint.path(), TIMEOUT_MILLIS), config())
        : new ConnectionFactory(new HostAndPort(endpoint.host(), endpoint.port()), config());
  }

  private static DefaultJedisClientConfig config() {
    return DefaultJedisClientConfig.builder()
        .timeoutMillis(TIMEOUT_MILLIS)
        .socketTimeoutMillis(TIMEOUT_MILLIS)
        .build();
  }

  /**
   * Sends one PING and checks the PONG.
   *
   * @throws IOException if the answer is not PONG
   */
  public static void ping(Endpoint endpoint) throws IOException {
    try (Jedis jedis = open(endpoint)) {
      String reply = jedis.ping();
      if (!"PONG".equals(reply)) {
        throw new IOException("PING answered " + reply);
      }
    }
  }

  /** Returns the server's version, read from INFO server. */
  static String version(Endpoint endpoint) {
    try (Jedis jedis = open(endpoint)) {
      return field(jedis.info("server"), "redis_version");
    }
  }

  /** Returns {@code name}'s value in an INFO reply, or "unknown". */
  static String field(String info, String name) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(name + ":")) {
        return line.substring(name.length() + 1).strip();
      }
    }
    return "unknown";
  }

  /** Returns the calls of {@code command} the server has counted (INFO commandstats). */
  public static long calls(Jedis jedis, String command) {
    String stats = field(jedis.info("commandstats"), "cmdstat_" + command);
    if (stats.equals("unknown")) {
      return 0;
    }
    for (String part : stats.split(",")) {
      if (part.startsWith("calls=")) {
        return Long.parseLong(part.substring("calls=".length()));
      }
    }
    return 0;
  }
}
