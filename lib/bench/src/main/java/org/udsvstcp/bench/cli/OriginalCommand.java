package org.udsvstcp.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.udsvstcp.bench.Profile;
import org.udsvstcp.bench.experiment.Experiment;
import org.udsvstcp.bench.experiment.ExperimentException;
import org.udsvstcp.bench.experiment.Isolation;
import org.udsvstcp.bench.experiment.Placement;
import org.udsvstcp.bench.experiment.Progress;
import org.udsvstcp.bench.experiment.Results;
import org.udsvstcp.bench.transport.Transport;
import org.udsvstcp.bench.workload.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code original}: the original notebook's method, TCP then UDS, as two processes. */
@Command(
    name = "original",
    mixinStandardHelpOptions = true,
    description =
        "Reproduces the original notebook: a server sends \"Hello there!\" in a loop for a few"
            + " seconds, a client counts its recv(32) calls; TCP, then UDS.")
final class OriginalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--transports",
      split = ",",
      defaultValue = "tcp,uds",
      converter = Converters.TransportConverter.class,
      description = "in this order (default: ${DEFAULT-VALUE})")
  List<Transport> transports;

  @Option(
      names = "--duration",
      converter = Converters.DurationConverter.class,
      description = "how long the server sends (default: 5s, the original's; quick profile less)")
  Duration duration;

  @Option(
      names = "--trials",
      defaultValue = "1",
      description = "repetitions (default: ${DEFAULT-VALUE})")
  int trials;

  @Option(
      names = "--isolation",
      defaultValue = "processes",
      converter = Converters.IsolationConverter.class,
      description = "processes, as the original's multiprocessing, or threads")
  Isolation isolation;

  @Option(
      names = "--placement",
      defaultValue = "scheduler",
      converter = Converters.PlacementConverter.class,
      description = "scheduler, as the original, or same-core, cross-core")
  Placement placement;

  @Option(
      names = "--nodelay",
      negatable = true,
      defaultValue = "false",
      fallbackValue = "true",
      description = "TCP_NODELAY (default: off, as Python leaves it)")
  boolean nodelay;

  @Option(names = "--out", description = "CSV file for the rows (default: none)")
  Path csv;

  @Override
  public Integer call() {
    if (trials < 1) {
      throw new ParameterException(
          spec.commandLine(), "--trials must be at least 1, got " + trials);
    }
    Profile profile = Profile.current();
    Experiment.Builder builder =
        Experiment.builder()
            .workload(Workload.ORIGINAL)
            .transports(transports)
            .trials(trials)
            .warmup(0)
            .shuffle(false)
            .isolation(isolation)
            .placement(placement)
            .nodelay(nodelay);
    if (duration != null) {
      builder.duration(duration);
    }
    Experiment experiment;
    try {
      experiment = builder.build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RunCommand.printHeader(out, "original", profile, experiment);
    Progress report =
        (index, total, row) -> {
          out.printf(
              Locale.ROOT,
              "%s: Received %d messages. (%d bytes in %d reads: %.1f bytes per read)%n",
              row.transport(),
              row.messages(),
              row.bytes(),
              row.reads(),
              row.reads() == 0 ? Double.NaN : (double) row.bytes() / row.reads());
          out.flush();
        };
    Results results;
    try {
      results = experiment.run(csv, report);
    } catch (ExperimentException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
    if (trials > 1) {
      RunCommand.printSummary(out, results, "messages_per_s");
    }
    if (profile.smokeOnly()) {
      out.println(profile.label());
    }
    out.println("One run of each is one sample: run it again and the counts change.");
    return 0;
  }
}
