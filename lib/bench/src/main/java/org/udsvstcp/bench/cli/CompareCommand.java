package org.udsvstcp.bench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.udsvstcp.bench.experiment.Rows;
import org.udsvstcp.bench.stats.HostComparison;
import org.udsvstcp.bench.stats.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/** {@code compare}: two stream runs size by size, and whether the host or the shape differs. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description =
        "Sets two results CSV files side by side, size by size (the first is the reference):"
            + " throughput, CPU time per message, the UDS/TCP ratio, and what moved.")
final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", description = "the reference run's CSV")
  Path reference;

  @Parameters(index = "1", description = "the CSV to compare with it")
  Path current;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Table a = read(reference);
    Table b = read(current);
    for (Path csv : new Path[] {reference, current}) {
      out.println(csv + ":");
      for (String comment : Rows.readComments(csv)) {
        if (comment.startsWith("host")
            || comment.startsWith("cpu")
            || comment.startsWith("kernel")) {
          out.println("  " + comment);
        }
      }
    }
    Table comparison = HostComparison.of(a, b);
    out.println();
    out.println(
        String.format(
            Locale.ROOT,
            "%-10s %-8s %12s %12s %7s %14s %14s %7s %9s %9s",
            "transport",
            "size",
            "ref rate",
            "this rate",
            "change",
            "ref cpu/msg",
            "this cpu/msg",
            "change",
            "ref u/t",
            "this u/t"));
    for (int i = 0; i < comparison.rowCount(); i++) {
      out.println(
          String.format(
              Locale.ROOT,
              "%-10s %-8s %12s %12s %7s %14s %14s %7s %9s %9s",
              comparison.stringColumn("transport").get(i),
              Units.size(comparison.intColumn("size").get(i)),
              Units.bytesPerSecond(comparison.doubleColumn("ref_bytes_per_s").getDouble(i)),
              Units.bytesPerSecond(comparison.doubleColumn("this_bytes_per_s").getDouble(i)),
              Units.ratio(comparison.doubleColumn("throughput_change").getDouble(i)),
              nanos(comparison.doubleColumn("ref_cpu_ns_per_message").getDouble(i)),
              nanos(comparison.doubleColumn("this_cpu_ns_per_message").getDouble(i)),
              Units.ratio(comparison.doubleColumn("cost_change").getDouble(i)),
              Units.ratio(comparison.doubleColumn("ref_uds_tcp").getDouble(i)),
              Units.ratio(comparison.doubleColumn("this_uds_tcp").getDouble(i))));
    }
    out.println("(cpu/msg: both ends' CPU time per message; u/t: the size's UDS/TCP ratio)");
    out.println();
    for (String conclusion : HostComparison.conclusions(comparison)) {
      out.println("- " + conclusion);
    }
    out.println();
    out.println("These numbers describe two machines at two times, not a verdict.");
    return 0;
  }

  private static String nanos(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f ns", value);
  }

  private Table read(Path csv) throws IOException {
    if (!Files.isRegularFile(csv)) {
      throw new ParameterException(spec.commandLine(), "no such results file: " + csv);
    }
    if (!Files.readAllLines(csv).stream().findFirst().orElse("").startsWith(Rows.CSV_SIGNATURE)) {
      throw new ParameterException(
          spec.commandLine(),
          csv + " is not a uds-vs-tcp results CSV (no '" + Rows.CSV_SIGNATURE + "' line)");
    }
    return Rows.read(csv);
  }
}
