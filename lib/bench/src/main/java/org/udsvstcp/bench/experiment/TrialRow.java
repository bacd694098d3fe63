package org.udsvstcp.bench.experiment;

import org.udsvstcp.bench.workload.TrialResult;

/**
 * One tidy row per trial, the shared contract of every table and CSV file (see {@link Rows} for the
 * column names).
 *
 * @param runId the id of the experiment run
 * @param seed the shuffle seed of the run
 * @param workload stream, pingpong, connect or original
 * @param transport tcp, uds, uds-junix or tcp-classic
 * @param family inet or unix
 * @param api nio or classic; for a real server's workload, its client (pgjdbc, jedis, pgbench,
 *     redis-benchmark)
 * @param size the message size in bytes
 * @param isolation threads or processes
 * @param placement the requested placement
 * @param pinning the achieved, verified pinning, or why there is none
 * @param nodelay TCP_NODELAY (false for Unix transports)
 * @param writes the write calls each message was split into (ping-pong; 1 otherwise)
 * @param depth requests per round trip (server pipelines and batches; 1 otherwise)
 * @param phase warmup or measured
 * @param round the interleaving round, warm-up rounds first
 * @param trial the index within its (transport, size) group and phase
 * @param order the global execution order
 * @param seconds the measured wall time
 * @param bytes payload bytes that arrived, verified
 * @param messages messages, round trips, connections or recv calls
 * @param reads read calls the receiver made
 * @param bytesPerSecond throughput
 * @param messagesPerSecond messages, round trips or connections per second
 * @param p50Us median latency in microseconds (NaN when not measured)
 * @param p90Us 90th percentile latency
 * @param p99Us 99th percentile latency
 * @param p999Us 99.9th percentile latency
 * @param maxUs maximum latency
 * @param startedAt ISO-8601 instant the trial started
 * @param serverCpu the CPU the server ran on at the end, -1 if unknown
 * @param clientCpu the CPU the client ran on at the end, -1 if unknown
 */
public record TrialRow(
    String runId,
    long seed,
    String workload,
    String transport,
    String family,
    String api,
    int size,
    String isolation,
    String placement,
    String pinning,
    boolean nodelay,
    int writes,
    int depth,
    String phase,
    int round,
    int trial,
    int order,
    double seconds,
    long bytes,
    long messages,
    long reads,
    double bytesPerSecond,
    double messagesPerSecond,
    double p50Us,
    double p90Us,
    double p99Us,
    double p999Us,
    double maxUs,
    String startedAt,
    int serverCpu,
    int clientCpu) {

  /** Builds the row for a finished trial. */
  static TrialRow of(
      String runId,
      long seed,
      TrialResult result,
      Isolation isolation,
      Placement placement,
      String pinning,
      boolean nodelay,
      int writes,
      int depth,
      Phase phase,
      int round,
      int trial,
      int order,
      String startedAt) {
    return new TrialRow(
        runId,
        seed,
        result.workload().label(),
        result.transport().label(),
        result.transport().family().label(),
        result.workload().isServer()
            ? result.workload().client()
            : result.transport().api().label(),
        result.size(),
        isolation.label(),
        placement.label(),
        pinning,
        nodelay && !result.transport().isUnix(),
        writes,
        depth,
        phase.label(),
        round,
        trial,
        order,
        result.seconds(),
        result.bytes(),
        result.messages(),
        result.reads(),
        result.bytesPerSecond(),
        result.messagesPerSecond(),
        result.p50Us(),
        result.p90Us(),
        result.p99Us(),
        result.p999Us(),
        result.maxUs(),
        startedAt,
        result.serverCpu(),
        result.clientCpu());
  }

  /** Returns the values in column order. */
  Object[] values() {
    return new Object[] {
      runId,
      seed,
      workload,
      transport,
      family,
      api,
      size,
      isolation,
      placement,
      pinning,
      nodelay,
      writes,
      depth,
      phase,
      round,
      trial,
      order,
      seconds,
      bytes,
      messages,
      reads,
      bytesPerSecond,
      messagesPerSecond,
      p50Us,
      p90Us,
      p99Us,
      p999Us,
      maxUs,
      startedAt,
      serverCpu,
      clientCpu
    };
  }
}
