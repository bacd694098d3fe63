package org.udsvstcp.bench.perf;

import java.util.List;

/**
 * One sample of {@code perf script}: the thread it hit, the time it stands for, and its kernel call
 * chain, leaf first (empty if the thread was in user space).
 *
 * @param tid the thread's task id
 * @param period the sampling period, in the event's unit (nanoseconds for cpu-clock)
 * @param kernelFrames the kernel functions on the stack, leaf first, as perf names them
 */
public record PerfSample(long tid, long period, List<String> kernelFrames) {
  /** Copies the frames. */
  public PerfSample {
    kernelFrames = List.copyOf(kernelFrames);
  }

  /** Returns true if the thread was in the kernel when sampled. */
  public boolean kernel() {
    return !kernelFrames.isEmpty();
  }
}
