package org.udsvstcp.bench.experiment;

/** Told about each finished trial as soon as its row is written. */
@FunctionalInterface
public interface Progress {
  /** A progress callback that does nothing. */
  Progress NONE = (index, total, row) -> {};

  /**
   * Called after trial {@code index} (0-based) of {@code total} finished and its row was stored.
   */
  void trialFinished(int index, int total, TrialRow row);
}
