package org.udsvstcp.bench.experiment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.udsvstcp.bench.transport.Transport;
import org.udsvstcp.bench.transport.TransportOptions;
import org.udsvstcp.bench.workload.Workload;

/**
 * The command-line equivalent of an experiment, for a notebook to print beside its cell: {@code
 * make bench ARGS='run ...'} with every setting that differs from the command's defaults, so the
 * same experiment runs from a shell.
 */
public final class CommandLine {
  private CommandLine() {}

  /**
   * Returns {@code make bench ARGS='run ...'} for {@code experiment} writing to {@code csv} (the
   * shuffle seed included, so the order repeats).
   *
   * @throws IllegalArgumentException if a setting has no command-line form (several TCP_NODELAY or
   *     writes-per-message values, an unshuffled order)
   */
  public static String of(Experiment experiment, Path csv) {
    if (experiment.nodelay().size() > 1 || experiment.writesPerMessage().size() > 1) {
      throw new IllegalArgumentException(
          "the command line takes one TCP_NODELAY and one writes-per-message value");
    }
    if (!experiment.shuffle()) {
      throw new IllegalArgumentException("the command line always shuffles");
    }
    List<String> args =
        new ArrayList<>(List.of("run", "--workload", experiment.workload().label()));
    List<Workload> also = experiment.workloads().subList(1, experiment.workloads().size());
    if (!also.isEmpty()) {
      args.add("--also");
      args.add(also.stream().map(Workload::label).collect(Collectors.joining(",")));
    }
    args.add("--transports");
    args.add(
        experiment.transports().stream().map(Transport::label).collect(Collectors.joining(",")));
    if (experiment.workload() != Workload.ORIGINAL) {
      args.add("--sizes");
      args.add(experiment.sizes().stream().map(CommandLine::size).collect(Collectors.joining(",")));
    }
    switch (experiment.workload()) {
      case STREAM, ORIGINAL -> {
        if (experiment.byteBudget() > 0) {
          args.addAll(List.of("--bytes", Long.toString(experiment.byteBudget())));
        } else {
          args.addAll(List.of("--duration", duration(experiment.duration())));
        }
      }
      case CONNECT, PG_CONNECT ->
          args.addAll(List.of("--connections", Integer.toString(experiment.count())));
      default -> args.addAll(List.of("--round-trips", Integer.toString(experiment.count())));
    }
    args.addAll(
        List.of(
            "--warmup",
            Integer.toString(experiment.warmup()),
            "--trials",
            Integer.toString(experiment.trials()),
            "--isolation",
            experiment.isolation().label(),
            "--placement",
            experiment.placement().label()));
    if (!experiment.nodelay().get(0)) {
      args.add("--no-nodelay");
    }
    if (experiment.writesPerMessage().get(0) != 1) {
      args.addAll(List.of("--writes-per-message", experiment.writesPerMessage().get(0).toString()));
    }
    if (!experiment.depths().equals(List.of(1))) {
      args.add("--depths");
      args.add(experiment.depths().stream().map(String::valueOf).collect(Collectors.joining(",")));
    }
    if (experiment.timeout() != null) {
      args.addAll(List.of("--timeout", duration(experiment.timeout())));
    }
    if (!experiment.host().equals(TransportOptions.LOOPBACK)) {
      args.addAll(List.of("--host", experiment.host()));
    }
    if (experiment.port() != 0) {
      args.addAll(List.of("--port", Integer.toString(experiment.port())));
    }
    if (experiment.udsPath() != null) {
      args.addAll(List.of("--uds-path", experiment.udsPath().toString()));
    }
    args.addAll(List.of("--seed", Long.toString(experiment.seed()), "--out", csv.toString()));
    return "make bench ARGS='" + String.join(" ", args) + "'";
  }

  /** Formats a size as the command line accepts it: 64, 4k, 1m. */
  static String size(int bytes) {
    if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
      return (bytes >> 20) + "m";
    }
    if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
      return (bytes >> 10) + "k";
    }
    return Integer.toString(bytes);
  }

  private static String duration(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
  }
}
