package org.udsvstcp.bench.experiment;

import java.nio.file.Path;
import org.udsvstcp.bench.env.Environment;
import tech.tablesaw.api.Table;

/**
 * The rows of a run with what they need to be read honestly: the experiment, the environment and
 * where the CSV is.
 *
 * @param runId the run's id (also the table's name)
 * @param experiment the experiment that was run
 * @param environment the machine and software it ran on
 * @param table one row per finished trial, warm-up included (see {@link Rows})
 * @param csv the CSV file the rows were appended to, or null
 */
public record Results(
    String runId, Experiment experiment, Environment environment, Table table, Path csv) {

  /** Returns only the measured rows (warm-up trials left out). */
  public Table measured() {
    return table.where(table.stringColumn("phase").isEqualTo(Phase.MEASURED.label()));
  }
}
