package org.udsvstcp.bench.workload;

import java.util.Locale;

/**
 * What one end of a trial counted; the two ends' tallies combine into a {@link TrialResult}.
 *
 * @param bytes payload bytes this end sent or received
 * @param timedBytes the bytes that fall inside the timed interval
 * @param messages messages, round trips, connections or recv calls, by workload
 * @param reads read calls this end made
 * @param nanos the timed interval in nanoseconds (0 if this end does not time)
 * @param p50Us median latency in microseconds, NaN if not measured
 * @param p90Us 90th percentile latency in microseconds, NaN if not measured
 * @param p99Us 99th percentile latency in microseconds, NaN if not measured
 * @param p999Us 99.9th percentile latency in microseconds, NaN if not measured
 * @param maxUs maximum latency in microseconds, NaN if not measured
 * @param cpu the CPU this end's thread ran on at the end, -1 if unknown
 * @param cost what this end spent over its measured interval, {@link Cost#NONE} if not measured
 * @param serverCost what a real server's processes spent over the client's measured interval, read
 *     by the client role (the only end that knows the interval's edges); {@link Cost#NONE}
 *     otherwise
 */
public record Tally(
    long bytes,
    long timedBytes,
    long messages,
    long reads,
    long nanos,
    double p50Us,
    double p90Us,
    double p99Us,
    double p999Us,
    double maxUs,
    int cpu,
    Cost cost,
    Cost serverCost) {

  /** Checks the values. */
  public Tally {
    java.util.Objects.requireNonNull(cost, "cost");
    java.util.Objects.requireNonNull(serverCost, "serverCost");
  }

  /** Returns a tally with this end's cost and no server's. */
  public Tally(
      long bytes,
      long timedBytes,
      long messages,
      long reads,
      long nanos,
      double p50Us,
      double p90Us,
      double p99Us,
      double p999Us,
      double maxUs,
      int cpu,
      Cost cost) {
    this(
        bytes,
        timedBytes,
        messages,
        reads,
        nanos,
        p50Us,
        p90Us,
        p99Us,
        p999Us,
        maxUs,
        cpu,
        cost,
        Cost.NONE);
  }

  /** Returns a tally without a measured cost. */
  public Tally(
      long bytes,
      long timedBytes,
      long messages,
      long reads,
      long nanos,
      double p50Us,
      double p90Us,
      double p99Us,
      double p999Us,
      double maxUs,
      int cpu) {
    this(
        bytes,
        timedBytes,
        messages,
        reads,
        nanos,
        p50Us,
        p90Us,
        p99Us,
        p999Us,
        maxUs,
        cpu,
        Cost.NONE);
  }

  /** Returns a copy with {@code newCost}. */
  public Tally withCost(Cost newCost) {
    return new Tally(
        bytes,
        timedBytes,
        messages,
        reads,
        nanos,
        p50Us,
        p90Us,
        p99Us,
        p999Us,
        maxUs,
        cpu,
        newCost,
        serverCost);
  }

  /** Returns a copy with a real server's cost over this end's measured interval. */
  public Tally withServerCost(Cost newServerCost) {
    return new Tally(
        bytes,
        timedBytes,
        messages,
        reads,
        nanos,
        p50Us,
        p90Us,
        p99Us,
        p999Us,
        maxUs,
        cpu,
        cost,
        newServerCost);
  }

  /** Returns a tally without latency percentiles. */
  static Tally counts(long bytes, long timedBytes, long messages, long reads, long nanos, int cpu) {
    return new Tally(
        bytes,
        timedBytes,
        messages,
        reads,
        nanos,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        cpu);
  }

  /** Returns the timed interval in seconds. */
  public double seconds() {
    return nanos / 1e9;
  }

  /** Returns this tally as one line of text without spaces, for a child process. */
  public String encode() {
    return String.format(
        Locale.ROOT,
        "%d,%d,%d,%d,%d,%s,%s,%s,%s,%s,%d,%s,%s",
        bytes,
        timedBytes,
        messages,
        reads,
        nanos,
        Double.toString(p50Us),
        Double.toString(p90Us),
        Double.toString(p99Us),
        Double.toString(p999Us),
        Double.toString(maxUs),
        cpu,
        cost.encode(),
        serverCost.encode());
  }

  /** Parses the text written by {@link #encode()} (or by a version without the costs). */
  public static Tally decode(String text) {
    String[] p = text.split(",", -1);
    if (p.length != 11 && p.length != 17 && p.length != 23) {
      throw new IllegalArgumentException("not an encoded tally: " + text);
    }
    return new Tally(
        Long.parseLong(p[0]),
        Long.parseLong(p[1]),
        Long.parseLong(p[2]),
        Long.parseLong(p[3]),
        Long.parseLong(p[4]),
        Double.parseDouble(p[5]),
        Double.parseDouble(p[6]),
        Double.parseDouble(p[7]),
        Double.parseDouble(p[8]),
        Double.parseDouble(p[9]),
        Integer.parseInt(p[10]),
        p.length >= 17 ? Cost.decode(p, 11) : Cost.NONE,
        p.length == 23 ? Cost.decode(p, 17) : Cost.NONE);
  }
}
