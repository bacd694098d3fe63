package org.udsvstcp.bench.experiment;

import java.util.ArrayList;
import java.util.List;
import org.udsvstcp.bench.workload.Cost;
import org.udsvstcp.bench.workload.TrialResult;

/**
 * One tidy row per trial, the shared contract of every table and CSV file (see {@link Rows} for the
 * column names).
 *
 * @param runId the id of the experiment run
 * @param seed the shuffle seed of the run
 * @param workload stream, pingpong, connect or original
 * @param transport tcp, uds, uds-junix, tcp-classic, tcp-sockmap or tcp-veth
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
 * @param clients clients at once, each with one request in flight (load workloads; 1 otherwise)
 * @param offeredPerSecond the requests per second an open loop offered, NaN for a closed loop
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
 * @param serverCost what the server's thread spent over the measured interval: the columns {@code
 *     accounting} and {@code server_*_ns}, {@code server_*_switches} and the figures per message
 *     and per KiB derived from them (see {@link Rows} for their resolution)
 * @param clientCost the same for the client's thread
 * @param routeBytes for tcp-sockmap and tcp-veth, what their route counted during the trial (the
 *     bytes the BPF program redirected; the bytes through the veth pair, headers included), checked
 *     to be at least {@code bytes}; NaN (an empty field) for the other transports
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
    int clients,
    double offeredPerSecond,
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
    int clientCpu,
    Cost serverCost,
    Cost clientCost,
    double routeBytes) {

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
      int clients,
      double offeredPerSecond,
      Phase phase,
      int round,
      int trial,
      int order,
      String startedAt,
      double routeBytes) {
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
        clients,
        offeredPerSecond,
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
        result.clientCpu(),
        result.serverCost(),
        result.clientCost(),
        routeBytes);
  }

  /** Returns how the costs were obtained: thread, off, unavailable or none. */
  public String accounting() {
    return serverCost.accounting() == clientCost.accounting()
            || clientCost.accounting() == Cost.Accounting.NONE
        ? serverCost.accounting().label()
        : clientCost.accounting().label();
  }

  /** Returns an end's raw cost and the figures derived from it, in the schema's column order. */
  static List<Object> costValues(Cost cost, long messages, long bytes) {
    double kib = bytes / 1024.0;
    List<Object> v = new ArrayList<>();
    v.add(cost.cpuNs());
    v.add(cost.userNs());
    v.add(cost.systemNs());
    v.add(cost.voluntarySwitches());
    v.add(cost.involuntarySwitches());
    v.add(Cost.per(cost.userNs(), messages));
    v.add(Cost.per(cost.systemNs(), messages));
    v.add(Cost.per(cost.userNs(), kib));
    v.add(Cost.per(cost.systemNs(), kib));
    v.add(Cost.per(cost.switches(), messages));
    return v;
  }

  /** Returns the values in column order. */
  Object[] values() {
    List<Object> v = new ArrayList<>(List.of(base()));
    v.add(accounting());
    v.addAll(costValues(serverCost, messages, bytes));
    v.addAll(costValues(clientCost, messages, bytes));
    v.add(routeBytes);
    return v.toArray();
  }

  private Object[] base() {
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
      clients,
      offeredPerSecond,
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
