package org.udsvstcp.bench.workload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.udsvstcp.bench.env.Affinity;
import org.udsvstcp.bench.server.ManagedServer;
import org.udsvstcp.bench.server.RedisConnections;
import org.udsvstcp.bench.transport.Endpoint;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;

/**
 * The Jedis client role of the Redis workloads, over either family through {@link
 * RedisConnections}. Every reply is checked: PONG, OK, and GET returns the bytes SET wrote.
 */
final class RedisClients {
  private RedisClients() {}

  /** The value a trial writes and expects back: {@code size} bytes from a seed. */
  static byte[] value(int size, long seed) {
    byte[] value = new byte[size];
    new SplittableRandom(seed).nextBytes(value);
    return value;
  }

  /** The key a trial of {@code size}-byte values uses. */
  static byte[] key(int size) {
    return ("uds-vs-tcp:" + size).getBytes(StandardCharsets.US_ASCII);
  }

  /** Runs a redis-ping, redis-get or redis-set client: warm-up, then timed round trips. */
  static Tally run(TrialSpec spec, Endpoint endpoint, Scope scope) throws IOException {
    Jedis jedis = scope.register(RedisConnections.open(endpoint));
    try {
      byte[] key = key(spec.size());
      byte[] value = spec.workload().hasValue() ? value(spec.size(), spec.size()) : new byte[0];
      if (spec.workload() == Workload.REDIS_GET) {
        expect("SET", "OK", jedis.set(key, value));
      }
      int depth = spec.depth();
      for (int i = 0; i < spec.warmupCount(); i++) {
        roundTrip(jedis, spec.workload(), depth, key, value);
      }
      Latencies latencies = new Latencies();
      int roundTrips = spec.count();
      ServerCpu.Interval server = ServerCpu.start(ManagedServer.pidAt(endpoint), false);
      for (int i = 0; i < roundTrips; i++) {
        long start = System.nanoTime();
        roundTrip(jedis, spec.workload(), depth, key, value);
        latencies.record(System.nanoTime() - start);
      }
      Cost serverCost = server.stop();
      if (spec.workload() == Workload.REDIS_SET && !Arrays.equals(value, jedis.get(key))) {
        throw new CorruptTransferException("GET after the SETs did not return the value written");
      }
      long requests = (long) roundTrips * depth;
      return latencies
          .tally(requests * value.length, requests, roundTrips, Affinity.currentCpu())
          .withServerCost(serverCost);
    } finally {
      scope.release(jedis);
    }
  }

  private static void roundTrip(Jedis jedis, Workload workload, int depth, byte[] key, byte[] value)
      throws CorruptTransferException {
    if (depth == 1) {
      switch (workload) {
        case REDIS_PING -> expect("PING", "PONG", jedis.ping());
        case REDIS_SET -> expect("SET", "OK", jedis.set(key, value));
        case REDIS_GET -> expectValue(value, jedis.get(key));
        default -> throw new IllegalArgumentException("not a Jedis workload: " + workload);
      }
      return;
    }
    List<Response<?>> replies = new ArrayList<>(depth);
    try (Pipeline pipeline = jedis.pipelined()) {
      for (int i = 0; i < depth; i++) {
        replies.add(
            switch (workload) {
              case REDIS_PING -> pipeline.sendCommand(Protocol.Command.PING, new byte[0][]);
              case REDIS_SET -> pipeline.set(key, value);
              case REDIS_GET -> pipeline.get(key);
              default -> throw new IllegalArgumentException("not a Jedis workload: " + workload);
            });
      }
      pipeline.sync();
    }
    for (Response<?> reply : replies) {
      switch (workload) {
        case REDIS_PING -> expect("PING", "PONG", reply.get());
        case REDIS_SET -> expect("SET", "OK", reply.get());
        default -> expectValue(value, (byte[]) reply.get());
      }
    }
  }

  private static void expect(String command, String wanted, Object reply)
      throws CorruptTransferException {
    // A raw pipelined command answers a status reply as its bytes.
    Object text =
        reply instanceof byte[] bytes ? new String(bytes, StandardCharsets.US_ASCII) : reply;
    if (!wanted.equals(text)) {
      throw new CorruptTransferException(command + " answered " + reply + ", expected " + wanted);
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
