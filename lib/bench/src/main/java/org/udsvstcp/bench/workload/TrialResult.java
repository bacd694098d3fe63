package org.udsvstcp.bench.workload;

import org.udsvstcp.bench.transport.Transport;

/**
 * The verified outcome of one trial.
 *
 * @param workload the workload
 * @param transport the transport
 * @param size the message size in bytes
 * @param seconds the measured wall time
 * @param bytes payload bytes that arrived, verified against what was sent
 * @param messages messages (stream), round trips (pingpong), connections (connect) or recv calls
 *     (original)
 * @param reads read calls the receiver made
 * @param bytesPerSecond throughput
 * @param messagesPerSecond messages, round trips or connections per second
 * @param p50Us median round-trip or connection time in microseconds (NaN for stream, original)
 * @param p90Us 90th percentile in microseconds
 * @param p99Us 99th percentile in microseconds
 * @param p999Us 99.9th percentile in microseconds
 * @param maxUs maximum in microseconds
 * @param serverCpu the CPU the server ran on at the end, -1 if unknown
 * @param clientCpu the CPU the client ran on at the end, -1 if unknown
 * @param serverCost what the server end spent over its measured interval
 * @param clientCost what the client end spent over its measured interval
 */
public record TrialResult(
    Workload workload,
    Transport transport,
    int size,
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
    int serverCpu,
    int clientCpu,
    Cost serverCost,
    Cost clientCost) {

  /** Checks the values. */
  public TrialResult {
    java.util.Objects.requireNonNull(serverCost, "serverCost");
    java.util.Objects.requireNonNull(clientCost, "clientCost");
  }

  /** Returns a result with no cost measured at either end. */
  public TrialResult(
      Workload workload,
      Transport transport,
      int size,
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
      int serverCpu,
      int clientCpu) {
    this(
        workload,
        transport,
        size,
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
        serverCpu,
        clientCpu,
        Cost.NONE,
        Cost.NONE);
  }

  /** Returns a copy with these ends' costs. */
  public TrialResult withCosts(Cost server, Cost client) {
    return new TrialResult(
        workload,
        transport,
        size,
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
        serverCpu,
        clientCpu,
        server,
        client);
  }

  /**
   * Returns the result of a trial whose time, counts and latencies come from the end that timed it,
   * with the rates its workload derives from them.
   */
  static TrialResult of(
      TrialSpec spec,
      Tally timed,
      double bytesPerSecond,
      double messagesPerSecond,
      int serverCpu,
      int clientCpu) {
    return new TrialResult(
        spec.workload(),
        spec.transport(),
        spec.size(),
        timed.seconds(),
        timed.bytes(),
        timed.messages(),
        timed.reads(),
        bytesPerSecond,
        messagesPerSecond,
        timed.p50Us(),
        timed.p90Us(),
        timed.p99Us(),
        timed.p999Us(),
        timed.maxUs(),
        serverCpu,
        clientCpu);
  }

  /**
   * Returns the result of a trial the client timed message by message, after checking that the
   * server {@code handled} every message, warm-up included.
   */
  static TrialResult timedByClient(TrialSpec spec, Tally server, Tally client, String handled)
      throws CorruptTransferException {
    long expected = (long) spec.count() + spec.warmupCount();
    if (server.messages() != expected) {
      throw new CorruptTransferException(
          "server " + handled + " " + server.messages() + " messages, expected " + expected);
    }
    double seconds = client.seconds();
    return of(
        spec,
        client,
        client.bytes() / seconds,
        client.messages() / seconds,
        server.cpu(),
        client.cpu());
  }

  /** Returns the mean number of bytes each read delivered. */
  public double bytesPerRead() {
    return reads == 0 ? Double.NaN : (double) bytes / reads;
  }
}
