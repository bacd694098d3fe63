package org.udsvstcp.bench.stats;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Builds small hand-made trial tables with the ROWS.md columns the statistics read. */
final class TrialTable {

  private final StringColumn runId = StringColumn.create("run_id");
  private final StringColumn workload = StringColumn.create("workload");
  private final StringColumn transport = StringColumn.create("transport");
  private final IntColumn size = IntColumn.create("size");
  private final StringColumn phase = StringColumn.create("phase");
  private final IntColumn round = IntColumn.create("round");
  private final IntColumn trial = IntColumn.create("trial");
  private final IntColumn order = IntColumn.create("order");
  private final DoubleColumn metric;

  private TrialTable(String metric) {
    this.metric = DoubleColumn.create(metric);
  }

  /** Starts an empty table whose measurement column has the given name. */
  static TrialTable of(String metric) {
    return new TrialTable(metric);
  }

  /** Adds one measured trial per value of one stream (transport, size) group, rounds 0.. . */
  TrialTable measured(String transport, int size, double... values) {
    for (int i = 0; i < values.length; i++) {
      add("stream", transport, size, "measured", i, i, values[i]);
    }
    return this;
  }

  /** Adds warm-up trials of one stream group, rounds -values.length..-1, before measured ones. */
  TrialTable warmup(String transport, int size, double... values) {
    for (int i = 0; i < values.length; i++) {
      add("stream", transport, size, "warmup", i - values.length, i, values[i]);
    }
    return this;
  }

  /** Adds one trial row. */
  TrialTable add(
      String workload,
      String transport,
      int size,
      String phase,
      int round,
      int trial,
      double value) {
    this.runId.append("run-1");
    this.workload.append(workload);
    this.transport.append(transport);
    this.size.append(size);
    this.phase.append(phase);
    this.round.append(round);
    this.trial.append(trial);
    // Warm-up rows come first in execution order, as they do in a real run.
    this.order.append(phase.equals("warmup") ? round - 1000 : this.order.size());
    this.metric.append(value);
    return this;
  }

  /** Returns the table built so far. */
  Table table() {
    return Table.create(
        "trials", runId, workload, transport, size, phase, round, trial, order, metric);
  }
}
