package org.udsvstcp.bench.server;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.udsvstcp.bench.experiment.Experiment;
import org.udsvstcp.bench.experiment.Progress;
import org.udsvstcp.bench.experiment.Results;
import org.udsvstcp.bench.workload.Workload;

/** Runs experiments against real servers where they are installed, and says what is missing. */
public final class ServerRuns {
  private ServerRuns() {}

  /**
   * Returns what must be installed before {@code experiment} can run (every server and tool it
   * needs, one sentence each), or empty if everything is there.
   */
  public static Optional<String> missing(Experiment experiment) {
    Set<String> missing = new LinkedHashSet<>();
    for (Workload workload : experiment.workloads()) {
      Executables.missing(workload).ifPresent(missing::add);
    }
    return missing.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", missing));
  }

  /**
   * Runs {@code experiment} into {@code csv} if everything it needs is installed; otherwise returns
   * empty without starting anything (the caller prints {@link #missing}).
   */
  public static Optional<Results> runIfInstalled(
      Experiment experiment, Path csv, Progress progress) {
    if (missing(experiment).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(experiment.run(csv, progress));
  }
}
