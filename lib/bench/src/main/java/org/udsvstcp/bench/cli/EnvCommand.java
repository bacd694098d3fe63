package org.udsvstcp.bench.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.udsvstcp.bench.Profile;
import org.udsvstcp.bench.env.Environment;
import org.udsvstcp.bench.route.PrivateRoute;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code env}: prints the environment header that every run prints before its results. */
@Command(
    name = "env",
    mixinStandardHelpOptions = true,
    description =
        "Prints the machine (CPU, hypervisor, every CPU vulnerability and its mitigation, boot"
            + " options, clocksource, timer frequency), kernel, JVM, library versions, socket"
            + " buffers and pinning.")
final class EnvCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.print(Environment.capture().toFullText());
    out.println("profile:        " + Profile.current().label());
    for (PrivateRoute.Kind kind : PrivateRoute.Kind.values()) {
      out.println(
          String.format(
              "%-16s%s",
              kind.transport() + ":",
              kind.unavailable().map(why -> "unavailable: " + why).orElse("available")));
    }
    return 0;
  }
}
