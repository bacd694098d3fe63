package org.udsvstcp.bench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.udsvstcp.bench.experiment.KernelProfiles;
import org.udsvstcp.bench.experiment.Rows;
import org.udsvstcp.bench.stats.CostModel;
import org.udsvstcp.bench.stats.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/**
 * {@code model}: a message's cost as fixed plus per-byte, fitted on two sizes; the ratio it
 * predicts.
 */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description =
        "Fits both ends' CPU time per message as fixed + per-byte x size at two sizes of a stream"
            + " sweep, predicts the UDS/TCP throughput ratio at every other size and sets it beside"
            + " the measured one; with --profile, the profile's check, categories and where TCP's"
            + " extra cost goes, and the same fit per kernel category.")
final class ModelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", description = "a stream sweep's results CSV (with cost columns)")
  Path sweep;

  @Option(names = "--profile", description = "a kernel-profile CSV (from the profile command)")
  Path profile;

  @Option(
      names = "--small",
      defaultValue = "64",
      converter = Converters.SizeConverter.class,
      description = "the small size of the fit (default: ${DEFAULT-VALUE})")
  int small;

  @Option(
      names = "--large",
      defaultValue = "64k",
      converter = Converters.SizeConverter.class,
      description = "the large size of the fit (default: 65536)")
  int large;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (!Files.isRegularFile(sweep)
        || !Files.readAllLines(sweep).stream().findFirst().orElse("").equals(Rows.CSV_SIGNATURE)) {
      throw new ParameterException(spec.commandLine(), sweep + " is not a uds-vs-tcp results CSV");
    }
    Table rows = Rows.read(sweep);
    Table ratios;
    try {
      ratios = CostModel.ratios(rows, "uds", "tcp", small, large);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), sweep + ": " + e.getMessage());
    }
    out.println(sweep + ":");
    for (String comment : Rows.readComments(sweep)) {
      if (comment.matches("(note|run|cpu|kernel|mitigations).*")) {
        out.println("  " + comment);
      }
    }
    out.println();
    out.println(ratios.name() + " (cpu: both ends' CPU time per message, medians)");
    out.printf(
        Locale.ROOT,
        "%-8s %10s %10s %10s %10s %9s %9s %9s %17s %7s%n",
        "size",
        "tcp cpu",
        "tcp model",
        "uds cpu",
        "uds model",
        "predicted",
        "costs",
        "measured",
        "95% CI",
        "miss");
    for (int i = 0; i < ratios.rowCount(); i++) {
      out.printf(
          Locale.ROOT,
          "%-8s %10s %10s %10s %10s %9s %9s %9s %17s %6.0f%%%s%n",
          Units.size(ratios.intColumn("size").get(i)),
          ns(ratios.doubleColumn("tcp_cpu_ns").getDouble(i)),
          ns(ratios.doubleColumn("tcp_model_ns").getDouble(i)),
          ns(ratios.doubleColumn("uds_cpu_ns").getDouble(i)),
          ns(ratios.doubleColumn("uds_model_ns").getDouble(i)),
          Units.ratio(ratios.doubleColumn("predicted").getDouble(i)),
          Units.ratio(ratios.doubleColumn("cost_ratio").getDouble(i)),
          Units.ratio(ratios.doubleColumn("measured").getDouble(i)),
          Units.ratio(ratios.doubleColumn("ci_low").getDouble(i))
              + " to "
              + Units.ratio(ratios.doubleColumn("ci_high").getDouble(i)),
          100 * ratios.doubleColumn("miss").getDouble(i),
          ratios.booleanColumn("fit").get(i) ? " (fit)" : "");
    }
    out.println(
        "(predicted: the model's tcp/uds cost; costs: the measured costs' ratio; measured: the"
            + " paired throughput ratio uds/tcp)");
    out.println();
    for (String sentence : CostModel.conclusions(ratios, "uds", "tcp")) {
      out.println("- " + sentence);
    }
    if (profile != null) {
      Table fit;
      try {
        fit = CostModel.byCategory(KernelProfiles.read(profile), small, large);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      out.println();
      out.println(profile + ":");
      ProfileCommand.print(out, KernelProfiles.read(profile));
      out.println(fit.name());
      out.printf(
          Locale.ROOT,
          "%-5s %-11s %10s %10s %-7s %10s %10s%n",
          "",
          "category",
          "fixed",
          "per KiB",
          "size",
          "predicted",
          "profiled");
      for (int i = 0; i < fit.rowCount(); i++) {
        out.printf(
            Locale.ROOT,
            "%-5s %-11s %10s %10s %-7s %10s %10s%n",
            fit.stringColumn("transport").get(i),
            fit.stringColumn("category").get(i),
            ns(fit.doubleColumn("fixed_ns").getDouble(i)),
            ns(fit.doubleColumn("per_kib_ns").getDouble(i)),
            Units.size(fit.intColumn("size").get(i)),
            ns(fit.doubleColumn("predicted_ns").getDouble(i)),
            ns(fit.doubleColumn("profiled_ns").getDouble(i)));
      }
    }
    out.println();
    out.println("These numbers describe one machine at one time, not a verdict.");
    return 0;
  }

  private static String ns(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f ns", value);
  }
}
