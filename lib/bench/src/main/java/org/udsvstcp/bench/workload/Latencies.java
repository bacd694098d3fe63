package org.udsvstcp.bench.workload;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** The times of a client's timed round trips or connections, with their exact total. */
public final class Latencies {
  private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final Histogram histogram = new Histogram(1, HIGHEST_NANOS, 3);
  private long totalNanos;

  /** Records one time; the histogram clamps it to its range, the total keeps it as measured. */
  public void record(long nanos) {
    histogram.recordValue(Math.min(Math.max(nanos, 1), HIGHEST_NANOS));
    totalNanos += nanos;
  }

  /** Returns the client's tally: these counts, the total time and the percentiles. */
  public Tally tally(long bytes, long messages, long reads, int cpu) {
    return new Tally(
        bytes,
        bytes,
        messages,
        reads,
        totalNanos,
        micros(histogram.getValueAtPercentile(50)),
        micros(histogram.getValueAtPercentile(90)),
        micros(histogram.getValueAtPercentile(99)),
        micros(histogram.getValueAtPercentile(99.9)),
        micros(histogram.getMaxValue()),
        cpu);
  }

  private static double micros(long nanos) {
    return nanos / 1_000.0;
  }
}
