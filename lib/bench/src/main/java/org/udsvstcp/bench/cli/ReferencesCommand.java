package org.udsvstcp.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.udsvstcp.bench.reference.ReferenceRun;
import org.udsvstcp.bench.reference.ReferenceRuns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code references}: the committed reference runs, one machine and time each, and their files. */
@Command(
    name = "references",
    mixinStandardHelpOptions = true,
    description =
        "Lists the reference runs (one directory per machine and time): their files, machine,"
            + " run, note and command.")
final class ReferencesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      defaultValue = "notebooks/reference",
      description = "the directory of reference runs (default: ${DEFAULT-VALUE})")
  Path directory;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    java.util.List<ReferenceRun> runs;
    try {
      runs = ReferenceRuns.in(directory);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    for (ReferenceRun run : runs) {
      for (String file : run.files()) {
        run.describe(file).forEach(out::println);
      }
    }
    out.println(runs.size() + " reference run(s) in " + directory);
    return 0;
  }
}
