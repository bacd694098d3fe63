package org.udsvstcp.bench.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.udsvstcp.bench.BenchException;
import org.udsvstcp.bench.reference.ReferenceRun;
import org.udsvstcp.bench.reference.ReferenceRuns;
import org.udsvstcp.bench.route.RouteUnavailableException;
import org.udsvstcp.bench.transport.Transport;
import tech.tablesaw.api.Table;

/**
 * The rows of an experiment: run here, or, where this machine cannot run one of its transports
 * (tcp-sockmap and tcp-veth need root and kernel support), the newest committed reference run of
 * the same experiment ({@link ReferenceRuns#latest}), saying so, why, and where it came from.
 *
 * @param table one row per trial
 * @param ran whether the rows were measured here
 * @param source where the rows come from, in a sentence (with the reason and the reference's
 *     machine when they were not measured here)
 * @param comments the {@code #} lines of the rows' CSV file (environment, routes and notes)
 */
public record RunOrReference(Table table, boolean ran, String source, List<String> comments) {

  /**
   * Runs {@code experiment} into {@code csv} if every transport can run here, otherwise (also when
   * a route turns out not to build before the first trial) reads {@code file} of the newest
   * reference run under {@code references} that holds it.
   *
   * @param references the reference runs' directory ({@code reference} from the notebooks)
   * @param file the reference file of this experiment, such as {@link ReferenceRuns#ROUTE_STREAM}
   * @throws ExperimentException if the run fails
   * @throws BenchException if it cannot run here and no reference run has the file
   */
  public static RunOrReference of(
      Experiment experiment, Path csv, Path references, String file, Progress progress) {
    return of(experiment, csv, references, file, progress, experiment.unavailable());
  }

  static RunOrReference of(
      Experiment experiment,
      Path csv,
      Path references,
      String file,
      Progress progress,
      Map<Transport, String> unavailable) {
    try {
      String why;
      if (unavailable.isEmpty()) {
        try {
          Results results = experiment.run(csv, progress);
          return new RunOrReference(
              results.table(),
              true,
              "measured here; the rows are in " + csv,
              Files.exists(csv) ? Rows.readComments(csv) : List.of());
        } catch (ExperimentException e) {
          // A route that the checks allowed but the machine would not build (a container that
          // forbids a mount, say): before any trial, so the reference is all there is to show.
          if (!(e.getCause() instanceof RouteUnavailableException)
              || e.results().table().rowCount() > 0) {
            throw e;
          }
          why = e.getCause().getMessage();
        }
      } else {
        why =
            unavailable.entrySet().stream()
                .map(e -> e.getKey() + " is unavailable here: " + e.getValue())
                .collect(Collectors.joining("; "));
      }
      Optional<ReferenceRun> run;
      try {
        run = ReferenceRuns.latest(references, file);
      } catch (IllegalArgumentException e) {
        throw new BenchException(why + "; and no reference run can be read: " + e.getMessage(), e);
      }
      if (run.isEmpty()) {
        throw new BenchException(
            why + "; and no reference run under " + references + " holds " + file);
      }
      Path reference = run.get().file(file);
      return new RunOrReference(
          Rows.read(reference),
          false,
          why
              + ". Not measured here: these are the rows of the committed reference run "
              + String.join("\n", run.get().describe(file)),
          Rows.readComments(reference));
    } catch (IOException e) {
      throw new BenchException("cannot read " + e.getMessage(), e);
    }
  }

  /**
   * Returns the label for numbers from these rows: the profile's smoke-test note when they were
   * measured here (empty in the teaching profile), else that they are the reference run's.
   */
  public String note() {
    return ran
        ? org.udsvstcp.bench.Profile.current().smokeNote()
        : "  (the committed reference run's numbers, not measured here)";
  }

  /** Returns the measured rows: the warm-up rounds left out. */
  public Table measured() {
    return table.where(table.stringColumn("phase").isEqualTo(Phase.MEASURED.label()));
  }

  /** Returns the comment lines that start with {@code prefix} (e.g. "route", "note"). */
  public List<String> comments(String prefix) {
    return comments.stream().filter(c -> c.startsWith(prefix)).toList();
  }
}
