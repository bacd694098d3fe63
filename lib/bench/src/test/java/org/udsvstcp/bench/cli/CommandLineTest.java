package org.udsvstcp.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.udsvstcp.bench.experiment.CommandLine;
import org.udsvstcp.bench.experiment.Experiment;
import org.udsvstcp.bench.experiment.Isolation;
import org.udsvstcp.bench.experiment.Placement;
import org.udsvstcp.bench.transport.Transport;
import org.udsvstcp.bench.workload.Workload;

/** The command line a notebook prints for an experiment builds the same experiment. */
class CommandLineTest {

  private static Experiment parsed(String make) {
    assertTrue(make.startsWith("make bench ARGS='run ") && make.endsWith("'"), make);
    String[] args = make.substring("make bench ARGS='".length(), make.length() - 1).split(" ");
    RunCommand run = new RunCommand();
    picocli.CommandLine command = new picocli.CommandLine(run);
    command.parseArgs(java.util.Arrays.copyOfRange(args, 1, args.length));
    run.spec = command.getCommandSpec();
    return run.build();
  }

  @Test
  void aStreamExperimentOverEveryRouteComesBackTheSame() {
    Experiment experiment =
        Experiment.builder()
            .workload(Workload.STREAM)
            .transports(Transport.TCP_SOCKMAP, Transport.TCP, Transport.TCP_VETH, Transport.UDS)
            .sizes(64, 4096, 65536)
            .duration(Duration.ofMillis(200))
            .warmup(2)
            .trials(10)
            .isolation(Isolation.PROCESSES)
            .placement(Placement.SAME_CORE)
            .seed(21)
            .build();
    String make = CommandLine.of(experiment, Path.of("results/09-stream.csv"));
    assertEquals(
        "make bench ARGS='run --workload stream --transports tcp-sockmap,tcp,tcp-veth,uds --sizes"
            + " 64,4k,64k --duration 200ms --warmup 2 --trials 10 --isolation processes"
            + " --placement same-core --seed 21 --out results/09-stream.csv'",
        make);
    assertEquals(experiment, parsed(make));
  }

  @Test
  void aPingPongWithItsOptionsComesBackTheSame() {
    Experiment experiment =
        Experiment.builder()
            .workload(Workload.PINGPONG)
            .transports(Transport.TCP, Transport.UDS)
            .sizes(64)
            .count(5000)
            .warmup(1)
            .trials(3)
            .nodelay(false)
            .writesPerMessage(2)
            .timeout(Duration.ofSeconds(40))
            .placement(Placement.CROSS_CORE)
            .seed(5)
            .build();
    String make = CommandLine.of(experiment, Path.of("out.csv"));
    assertTrue(make.contains(" --round-trips 5000 ") && make.contains(" --no-nodelay "), make);
    assertEquals(experiment, parsed(make));
  }

  @Test
  void settingsTheCommandLineCannotSayAreRefused() {
    Experiment both =
        Experiment.builder().workload(Workload.STREAM).nodelay(true, false).seed(1).build();
    assertThrows(IllegalArgumentException.class, () -> CommandLine.of(both, Path.of("x.csv")));
  }
}
