package org.udsvstcp.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.udsvstcp.bench.Profile;
import org.udsvstcp.bench.env.Environment;
import org.udsvstcp.bench.experiment.KernelProfile;
import org.udsvstcp.bench.experiment.KernelProfiles;
import org.udsvstcp.bench.stats.KernelCosts;
import org.udsvstcp.bench.stats.Units;
import org.udsvstcp.bench.transport.Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/**
 * {@code profile}: where the kernel's time goes, by category, per transport and size; checked
 * against the cost columns.
 */
@Command(
    name = "profile",
    mixinStandardHelpOptions = true,
    description =
        "Samples one stream trial per transport and size with perf (fixed period, kernel call"
            + " chains, both ends on one CPU), puts every kernel sample in a category and prints"
            + " the time per message by category, the check of samples x period against the cost"
            + " columns' system time, and which categories make TCP's extra cost.")
final class ProfileCommand implements Callable<Integer> {
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
      defaultValue = "64,4k,64k",
      converter = Converters.SizeConverter.class,
      description = "message sizes (default: ${DEFAULT-VALUE})")
  List<Integer> sizes;

  @Option(
      names = "--duration",
      converter = Converters.DurationConverter.class,
      description = "length of each sampled trial (default: the profile's trial length)")
  Duration duration;

  @Option(
      names = "--out",
      defaultValue = "results/kernel-profile.csv",
      description = "CSV file, a row per transport, size and category (default: ${DEFAULT-VALUE})")
  Path csv;

  @Option(
      names = "--note",
      description = "a line for the CSV's header, e.g. 'busy machine' (repeatable)")
  List<String> notes = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Profile profile = Profile.current();
    Duration length = duration == null ? profile.trialDuration() : duration;
    out.println("uds-vs-tcp profile (" + profile.label() + ")");
    out.println();
    out.print(Environment.capture().toText());
    out.println();
    String method =
        "one stream trial per transport and size ("
            + String.join(", ", sizes.stream().map(Units::size).toList())
            + "), "
            + Units.seconds(length.toNanos() * 1e-9)
            + " each after an unsampled one, both ends pinned to one CPU; perf samples that CPU"
            + " every "
            + KernelProfile.PERIOD_NS
            + " ns of CPU time with kernel call chains; samples x period = time";
    List<String> routed =
        transports.stream().filter(Transport::needsRoute).map(Transport::label).toList();
    if (!routed.isEmpty()) {
      // Their ends run only as processes inside their route; this command profiles threads.
      throw new ParameterException(
          spec.commandLine(),
          String.join(" and ", routed)
              + " cannot be profiled here: the profile command samples two threads of this JVM,"
              + " and their ends run only as processes inside their route (notebook 09 profiles"
              + " them with KernelProfile.stream(..., Isolation.PROCESSES))");
    }
    out.println("method: " + method);
    String why = KernelProfile.unavailable().orElse("");
    if (!why.isEmpty()) {
      err.println("error: cannot sample the kernel: " + why);
      return 1;
    }
    String runId = KernelProfiles.newRunId();
    List<KernelProfile> profiles =
        KernelProfiles.run(
            transports,
            sizes,
            length,
            Path.of(System.getProperty("java.io.tmpdir")),
            (i, p) -> {
              if (i == 0) {
                out.println("perf: " + p.record());
                out.println("      then " + p.report() + " (sampled: " + p.sampled() + ")");
                out.println();
              }
              err.printf(
                  Locale.ROOT,
                  "profile %d/%d: %s %s, %d samples%n",
                  i + 1,
                  transports.size() * sizes.size(),
                  p.transport().label(),
                  Units.size(p.size()),
                  p.samples());
              err.flush();
            });
    Table table = KernelProfiles.table(profiles, runId);
    KernelProfiles.write(csv, table, method, notes);
    print(out, table);
    out.println("rows: " + csv);
    if (profile.smokeOnly()) {
      out.println(profile.label());
    }
    out.println("These numbers describe one machine at one time, not a verdict.");
    return 0;
  }

  /** Prints the check, the categories, TCP's extra cost and the price of a system call's entry. */
  static void print(PrintWriter out, Table table) {
    Table check = KernelCosts.check(table);
    out.println(
        "the check: kernel time per message from samples x period (perf) against the cost"
            + " columns' system time (ticks), both ends");
    out.printf(
        Locale.ROOT,
        "%-5s %-7s %11s %11s %6s %5s   %11s %11s %6s %6s %9s%n",
        "",
        "size",
        "perf kernel",
        "cost system",
        "ratio",
        "10%",
        "perf cpu",
        "cost cpu",
        "ratio",
        "moved",
        "others");
    for (int i = 0; i < check.rowCount(); i++) {
      out.printf(
          Locale.ROOT,
          "%-5s %-7s %11s %11s %6s %5s   %11s %11s %6s %6s %9s%n",
          check.stringColumn("transport").get(i),
          Units.size(check.intColumn("size").get(i)),
          ns(check.doubleColumn("perf_kernel_ns").getDouble(i)),
          ns(check.doubleColumn("cost_system_ns").getDouble(i)),
          ratio(check.doubleColumn("kernel_ratio").getDouble(i)),
          // no system time where the trial was too short for the 10 ms ticks of the split
          Double.isNaN(check.doubleColumn("cost_system_ns").getDouble(i))
              ? "n/a"
              : check.booleanColumn("agree").get(i) ? "yes" : "NO",
          ns(check.doubleColumn("perf_cpu_ns").getDouble(i)),
          ns(check.doubleColumn("cost_cpu_ns").getDouble(i)),
          ratio(check.doubleColumn("cpu_ratio").getDouble(i)),
          Units.percent(check.doubleColumn("moved_share").getDouble(i)),
          ns(check.doubleColumn("others_ns").getDouble(i)));
    }
    out.println(
        "(per message; cpu: kernel and user time, against the scheduler's run time; moved: kernel"
            + " time moved from interrupt re-enable points to their callers; others: other threads"
            + " on the CPU)");
    out.println();
    Table wide = KernelCosts.byCategory(table);
    out.println(wide.name());
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-32s", "category"));
    for (int c = 1; c < wide.columnCount(); c++) {
      head.append(String.format(Locale.ROOT, " %12s", wide.column(c).name()));
    }
    out.println(head);
    for (int r = 0; r < wide.rowCount(); r++) {
      StringBuilder line =
          new StringBuilder(String.format(Locale.ROOT, "%-32s", wide.stringColumn(0).get(r)));
      for (int c = 1; c < wide.columnCount(); c++) {
        line.append(String.format(Locale.ROOT, " %12s", ns(wide.doubleColumn(c).getDouble(r))));
      }
      out.println(line);
    }
    out.println();
    for (String sentence : KernelCosts.whereTheExtraGoes(table, "tcp", "uds")) {
      out.println("- " + sentence);
    }
    for (String sentence : KernelCosts.entryAndMitigations(table)) {
      out.println("- " + sentence);
    }
    out.println();
  }

  private static String ns(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f ns", value);
  }

  private static String ratio(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
  }
}
