package org.udsvstcp.bench.experiment;

import java.util.Locale;

/** Whether a trial is a recorded warm-up or a measurement that statistics use. */
public enum Phase {
  /** Run and recorded, but left out of statistics. */
  WARMUP,
  /** Used by statistics. */
  MEASURED;

  /** Returns the name used in result rows. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return label();
  }
}
