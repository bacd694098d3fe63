package org.udsvstcp.bench.cli;

import java.io.PrintWriter;
import org.udsvstcp.bench.experiment.Progress;
import org.udsvstcp.bench.experiment.TrialRow;
import org.udsvstcp.bench.stats.Units;

/**
 * Shows progress on standard error: one line redrawn with a carriage return on a terminal, plain
 * lines otherwise (so logs stay readable).
 */
final class ProgressBar implements Progress {
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final boolean terminal;
  private final String metric;

  ProgressBar(PrintWriter err, boolean terminal, String metric) {
    this.err = err;
    this.terminal = terminal;
    this.metric = metric;
  }

  @Override
  public void trialFinished(int index, int total, TrialRow row) {
    int done = index + 1;
    String what =
        String.format(
            "%d/%d %s %s %s %s: %s",
            done,
            total,
            row.phase(),
            row.transport(),
            Units.size(row.size()),
            row.workload(),
            Units.metric(metric, value(row)));
    if (terminal) {
      int filled = done * WIDTH / total;
      err.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + what + "\u001b[K");
      if (done == total) {
        err.println();
      }
    } else {
      err.println("trial " + what);
    }
    err.flush();
  }

  private double value(TrialRow row) {
    return switch (metric) {
      case "p50_us" -> row.p50Us();
      case "messages_per_s" -> row.messagesPerSecond();
      default -> row.bytesPerSecond();
    };
  }
}
