package org.udsvstcp.bench.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.udsvstcp.bench.Profile;
import org.udsvstcp.bench.experiment.AccountingOverhead;
import org.udsvstcp.bench.experiment.Experiment;
import org.udsvstcp.bench.experiment.Placement;
import org.udsvstcp.bench.stats.Units;
import org.udsvstcp.bench.transport.Transport;
import org.udsvstcp.bench.workload.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code overhead}: what reading each end's cost does to stream throughput (A/B, paired). */
@Command(
    name = "overhead",
    mixinStandardHelpOptions = true,
    description =
        "Stream trials with cost accounting on and off in paired rounds: the median ratio of"
            + " throughput on/off per transport and size, and the overhead 1 - ratio.")
final class OverheadCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--transports",
      split = ",",
      defaultValue = "tcp,uds",
      converter = Converters.TransportConverter.class,
      description = "comma-separated (default: ${DEFAULT-VALUE})")
  List<Transport> transports;

  @Option(
      names = "--sizes",
      split = ",",
      defaultValue = "64,64k",
      converter = Converters.SizeConverter.class,
      description = "message sizes (default: ${DEFAULT-VALUE})")
  List<Integer> sizes;

  @Option(names = "--rounds", defaultValue = "10", description = "paired rounds (default: 10)")
  int rounds;

  @Option(
      names = "--duration",
      defaultValue = "1s",
      converter = Converters.DurationConverter.class,
      description = "length of each trial (default: ${DEFAULT-VALUE})")
  Duration duration;

  @Option(
      names = "--placement",
      defaultValue = "same-core",
      converter = Converters.PlacementConverter.class,
      description = "same-core, cross-core or scheduler (default: ${DEFAULT-VALUE})")
  Placement placement;

  @Option(names = "--seed", defaultValue = "1", description = "order seed (default: 1)")
  long seed;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Experiment experiment =
        Experiment.builder()
            .workload(Workload.STREAM)
            .transports(transports)
            .sizes(sizes)
            .duration(duration)
            .warmup(0)
            .trials(1)
            .placement(placement)
            .seed(seed)
            .build();
    RunCommand.printHeader(out, "overhead", Profile.current(), experiment);
    out.println("rounds: " + rounds + " pairs, accounting on and off in a shuffled order each");
    out.flush();
    List<AccountingOverhead.Comparison> result =
        AccountingOverhead.measure(experiment, rounds, seed);
    out.println();
    out.println("transport  size     on/off   95% CI            overhead");
    for (AccountingOverhead.Comparison c : result) {
      out.println(
          String.format(
              Locale.ROOT,
              "%-10s %-8s %.4f   [%.4f, %.4f]  %+.2f%%",
              c.transport(),
              Experiment.formatSize(c.size()),
              c.ratio(),
              c.ci().low(),
              c.ci().high(),
              100 * c.overhead()));
    }
    // The direct figure: what one end's two readings cost, against the length of a trial.
    AccountingOverhead.nanosPerTrialEnd(5, 200);
    double nanos = AccountingOverhead.nanosPerTrialEnd(11, 200);
    out.println();
    out.println(
        String.format(
            Locale.ROOT,
            "reading one end's counters at a trial's two edges takes %s (median of 11 x 200):"
                + " %.4f%% of a %s trial per end",
            Units.seconds(nanos * 1e-9),
            100 * nanos / duration.toNanos(),
            Units.seconds(duration.toNanos() * 1e-9)));
    out.println();
    out.println("These numbers describe one machine at one time, not a verdict.");
    return 0;
  }
}
