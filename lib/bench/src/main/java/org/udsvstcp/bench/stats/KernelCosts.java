package org.udsvstcp.bench.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What a kernel profile says, from its tidy table (a row per transport, size and category: {@code
 * transport, size, category, label, ns_per_message}, with each profile's {@code
 * perf_kernel_ns_per_message, cost_system_ns_per_message, ...} beside it): the check of the samples
 * against the cost columns, the time per message by category, which categories make one transport's
 * extra cost, and how that extra cost differs between two machines.
 */
public final class KernelCosts {
  /** The samples' kernel time and the cost columns' system time agree within this (10%). */
  public static final double AGREE = 0.10;

  /** The category of user-space time in a profile table. */
  public static final String USER = "user";

  private KernelCosts() {}

  /**
   * Returns one row per profile (transport, size): kernel time per message from the samples and
   * system time from the cost columns, their ratio and whether they agree within {@link #AGREE};
   * the same for all CPU time (samples against the scheduler's run time); and the shares of the
   * kernel time moved from interrupt re-enable points and named by a caller because no rule named
   * it, and the time other threads took on the CPU, per message.
   */
  public static Table check(Table profile) {
    Table out =
        Table.create(
            "kernel time per message: samples x period vs the cost columns",
            StringColumn.create("transport"),
            IntColumn.create("size"),
            DoubleColumn.create("perf_kernel_ns"),
            DoubleColumn.create("cost_system_ns"),
            DoubleColumn.create("kernel_ratio"),
            BooleanColumn.create("agree"),
            DoubleColumn.create("perf_cpu_ns"),
            DoubleColumn.create("cost_cpu_ns"),
            DoubleColumn.create("cpu_ratio"),
            DoubleColumn.create("moved_share"),
            DoubleColumn.create("unnamed_share"),
            DoubleColumn.create("others_ns"));
    for (int row : firstRows(profile)) {
      double kernel = profile.numberColumn("perf_kernel_ns_per_message").getDouble(row);
      double system = profile.numberColumn("cost_system_ns_per_message").getDouble(row);
      double user = profile.numberColumn("perf_user_ns_per_message").getDouble(row);
      double cpu = profile.numberColumn("cost_cpu_ns_per_message").getDouble(row);
      out.stringColumn("transport").append(profile.stringColumn("transport").get(row));
      out.intColumn("size").append(size(profile, row));
      out.doubleColumn("perf_kernel_ns").append(kernel);
      out.doubleColumn("cost_system_ns").append(system);
      out.doubleColumn("kernel_ratio").append(kernel / system);
      out.booleanColumn("agree").append(Math.abs(kernel / system - 1) <= AGREE);
      out.doubleColumn("perf_cpu_ns").append(kernel + user);
      out.doubleColumn("cost_cpu_ns").append(cpu);
      out.doubleColumn("cpu_ratio").append((kernel + user) / cpu);
      out.doubleColumn("moved_share").append(sumOf(profile, row, "moved_ns_per_message") / kernel);
      out.doubleColumn("unnamed_share")
          .append(profile.numberColumn("unnamed_ns_per_message").getDouble(row) / kernel);
      out.doubleColumn("others_ns")
          .append(profile.numberColumn("others_ns_per_message").getDouble(row));
    }
    return out;
  }

  /**
   * Returns one sentence on a table made by {@link #check}: in how many profiles the samples and
   * the cost columns agree within {@link #AGREE}, their range, and how many had too few timer ticks
   * for the cost columns to split user from system time.
   */
  public static String checkSummary(Table check) {
    int agree = check.booleanColumn("agree").countTrue();
    DoubleColumn ratios = check.doubleColumn("kernel_ratio");
    int unsplit = ratios.isMissing().size();
    DoubleColumn known = ratios.removeMissing();
    StringBuilder s =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "samples x period and the cost columns' system time agree within %.0f%% in %d of %d"
                    + " profiles",
                100 * AGREE,
                agree,
                check.rowCount()));
    if (known.size() > 0) {
      s.append(
          String.format(
              Locale.ROOT,
              " (the samples' kernel time is %s to %s of the system time)",
              Units.ratio(known.min()),
              Units.ratio(known.max())));
    }
    if (unsplit > 0) {
      s.append(
          String.format(
              Locale.ROOT,
              "; in %d the trial held too few timer ticks for the cost columns to split user from"
                  + " system time (a longer trial fixes that)",
              unsplit));
    }
    return s.toString();
  }

  /**
   * Returns the time per message by category as a wide table: a row per category (the kernel's,
   * then user space), a column per transport and size ("tcp 64 B"), in nanoseconds.
   */
  public static Table byCategory(Table profile) {
    Table out = Table.create("time per message by category (ns, both ends)");
    out.addColumns(StringColumn.create("category"));
    Map<String, Integer> rowOf = new LinkedHashMap<>();
    for (int i = 0; i < profile.rowCount(); i++) {
      String label = profile.stringColumn("label").get(i);
      if (!rowOf.containsKey(label)) {
        rowOf.put(label, rowOf.size());
        out.stringColumn("category").append(label);
      }
    }
    for (int row : firstRows(profile)) {
      String transport = profile.stringColumn("transport").get(row);
      int size = size(profile, row);
      DoubleColumn column = DoubleColumn.create(transport + " " + Units.size(size), rowOf.size());
      for (int i = 0; i < profile.rowCount(); i++) {
        if (profile.stringColumn("transport").get(i).equals(transport)
            && size(profile, i) == size) {
          int at = rowOf.get(profile.stringColumn("label").get(i));
          column.set(at, profile.numberColumn("ns_per_message").getDouble(i));
        }
      }
      out.addColumns(column);
    }
    return out;
  }

  /**
   * Returns, per category, {@code more}'s and {@code less}'s time per message at {@code size} and
   * the difference, {@code extra_ns} (what {@code more} spends beyond {@code less}); user space
   * included. Empty if either transport was not profiled at that size.
   */
  public static Table extra(Table profile, String more, String less, int size) {
    Table out =
        Table.create(
            more
                + "'s extra time per "
                + Units.size(size)
                + " message over "
                + less
                + ", by category",
            StringColumn.create("category"),
            StringColumn.create("label"),
            DoubleColumn.create(more + "_ns"),
            DoubleColumn.create(less + "_ns"),
            DoubleColumn.create("extra_ns"));
    Map<String, double[]> byCategory = new LinkedHashMap<>();
    Map<String, String> labels = new LinkedHashMap<>();
    for (int i = 0; i < profile.rowCount(); i++) {
      if (size(profile, i) != size) {
        continue;
      }
      String transport = profile.stringColumn("transport").get(i);
      int side = transport.equals(more) ? 0 : transport.equals(less) ? 1 : -1;
      if (side < 0) {
        continue;
      }
      String category = profile.stringColumn("category").get(i);
      labels.put(category, profile.stringColumn("label").get(i));
      byCategory.computeIfAbsent(category, c -> new double[] {Double.NaN, Double.NaN})[side] =
          profile.numberColumn("ns_per_message").getDouble(i);
    }
    byCategory.forEach(
        (category, values) -> {
          if (Double.isNaN(values[0]) || Double.isNaN(values[1])) {
            return;
          }
          out.stringColumn("category").append(category);
          out.stringColumn("label").append(labels.get(category));
          out.doubleColumn(more + "_ns").append(values[0]);
          out.doubleColumn(less + "_ns").append(values[1]);
          out.doubleColumn("extra_ns").append(values[0] - values[1]);
        });
    return out;
  }

  /**
   * Returns the labels of the {@code n} categories with the largest positive extra time in a table
   * made by {@link #extra}, largest first, each with its time ("the TCP/IP path (1.2 µs)"); one
   * below a twentieth of the largest is left out.
   */
  public static List<String> largest(Table extra, int n) {
    // A category at a twentieth of the largest is noise beside it (a timer of another program).
    double floor = Math.max(0, extra.doubleColumn("extra_ns").max()) / 20;
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < extra.rowCount(); i++) {
      double value = extra.doubleColumn("extra_ns").getDouble(i);
      if (value > 0 && value >= floor) {
        rows.add(i);
      }
    }
    rows.sort(
        Comparator.comparingDouble((Integer i) -> extra.doubleColumn("extra_ns").getDouble(i))
            .reversed());
    List<String> out = new ArrayList<>();
    for (int i : rows.subList(0, Math.min(n, rows.size()))) {
      out.add(
          extra.stringColumn("label").get(i)
              + " ("
              + Units.seconds(extra.doubleColumn("extra_ns").getDouble(i) * 1e-9)
              + ")");
    }
    return out;
  }

  /**
   * Returns sentences computed from a profile: at each profiled size, how much more (or less)
   * {@code more} spends per message than {@code less} (kernel and user time, from the samples), the
   * two categories where it spends most beyond {@code less}, and the two where it spends least.
   */
  public static List<String> whereTheExtraGoes(Table profile, String more, String less) {
    List<String> out = new ArrayList<>();
    for (int size : sizes(profile)) {
      Table extra = extra(profile, more, less, size);
      if (extra.rowCount() == 0) {
        continue;
      }
      double total = extra.doubleColumn("extra_ns").sum();
      List<String> plus = largest(extra, 2);
      Table negated = extra.copy();
      negated.replaceColumn(
          "extra_ns", negated.doubleColumn("extra_ns").multiply(-1).setName("extra_ns"));
      List<String> minus = largest(negated, 2);
      out.add(
          String.format(
              Locale.ROOT,
              "%s: %s spends %s %s per message than %s (both ends, from the samples); more in %s;"
                  + " less in %s",
              Units.size(size),
              more,
              Units.seconds(Math.abs(total) * 1e-9),
              total >= 0 ? "more" : "less",
              less,
              plus.isEmpty() ? "no category" : String.join(" and ", plus),
              minus.isEmpty() ? "no category" : String.join(" and ", minus)));
    }
    return out;
  }

  /**
   * Returns two sentences on what mitigations cost, measured where it shows: the entry and exit
   * time per system call (writes and reads), where the entry mitigations that run with interrupts
   * off are sampled, and the share of kernel time in the mitigation code's own functions (return
   * thunks, retpolines), which is small even where mitigations are expensive, because what they
   * cost (mispredicted returns, lost branch history) is paid in the code after them.
   */
  public static List<String> entryAndMitigations(Table profile) {
    List<String> out = new ArrayList<>();
    double lowCall = Double.POSITIVE_INFINITY;
    double highCall = 0;
    double lowShare = Double.POSITIVE_INFINITY;
    double highShare = 0;
    for (int row : firstRows(profile)) {
      double kernel = profile.numberColumn("perf_kernel_ns_per_message").getDouble(row);
      double calls = profile.numberColumn("calls_per_message").getDouble(row);
      double entry = valueOf(profile, row, "syscall");
      double mitigation = valueOf(profile, row, "mitigation");
      lowCall = Math.min(lowCall, entry / calls);
      highCall = Math.max(highCall, entry / calls);
      lowShare = Math.min(lowShare, mitigation / kernel);
      highShare = Math.max(highShare, mitigation / kernel);
    }
    if (highCall == 0) {
      return out;
    }
    out.add(
        String.format(
            Locale.ROOT,
            "system call entry and exit: %s to %s per call (the client's writes and the server's"
                + " reads), across the profiles; the entry code runs with interrupts off, so its"
                + " mitigations are sampled there",
            Units.seconds(lowCall * 1e-9),
            Units.seconds(highCall * 1e-9)));
    out.add(
        String.format(
            Locale.ROOT,
            "mitigation code's own functions (return thunks, retpolines): %s to %s of the kernel"
                + " time; what a return thunk costs beyond its own instructions is paid in the"
                + " code after it and is counted there",
            Units.percent(lowShare),
            Units.percent(highShare)));
    return out;
  }

  private static double valueOf(Table profile, int first, String category) {
    String transport = profile.stringColumn("transport").get(first);
    int size = size(profile, first);
    for (int i = 0; i < profile.rowCount(); i++) {
      if (profile.stringColumn("transport").get(i).equals(transport)
          && size(profile, i) == size
          && profile.stringColumn("category").get(i).equals(category)) {
        return profile.numberColumn("ns_per_message").getDouble(i);
      }
    }
    return Double.NaN;
  }

  /**
   * Returns sentences comparing {@code more}'s extra cost over {@code less} per message of {@code
   * size} here and on a reference machine: the totals from the sweeps' cost columns (both ends' CPU
   * time, medians), and, if both machines have a profile at that size, how the difference splits
   * into categories; if the reference has none, says what is missing instead of guessing.
   *
   * @param hereSweep this machine's stream rows (cost columns)
   * @param hereProfile this machine's profile table, or null
   * @param refSweep the reference's stream rows
   * @param refProfile the reference's profile table, or null if it has none
   * @param reference the reference's name
   */
  public static List<String> compareHosts(
      Table hereSweep,
      Table hereProfile,
      Table refSweep,
      Table refProfile,
      String reference,
      String more,
      String less,
      int size) {
    List<String> out = new ArrayList<>();
    double here = extraCpu(hereSweep, more, less, size);
    double ref = extraCpu(refSweep, more, less, size);
    String what =
        more.toUpperCase(Locale.ROOT)
            + "'s cost per "
            + Units.size(size)
            + " message minus "
            + less.toUpperCase(Locale.ROOT)
            + "'s";
    if (Double.isNaN(here) || Double.isNaN(ref)) {
      out.add(
          what
              + ": "
              + (Double.isNaN(here) ? "this run" : reference)
              + " has no cost columns of both transports at this size");
      return out;
    }
    out.add(
        String.format(
            Locale.ROOT,
            "%s is %s here and %s on %s (both ends' CPU time, medians of the sweeps' cost columns)",
            what,
            signed(here),
            signed(ref),
            reference));
    if (refProfile == null || extra(refProfile, more, less, size).rowCount() == 0) {
      out.add(
          "where the difference of "
              + signed(here - ref)
              + " goes is missing: "
              + reference
              + " has no kernel profile at "
              + Units.size(size)
              + " (a machine's reference run made with `make reference` has one)");
      return out;
    }
    if (hereProfile == null || extra(hereProfile, more, less, size).rowCount() == 0) {
      out.add("where it goes is missing: this run has no kernel profile at " + Units.size(size));
      return out;
    }
    Table a = extra(hereProfile, more, less, size);
    Table b = extra(refProfile, more, less, size);
    Map<String, double[]> diff = new LinkedHashMap<>();
    Map<String, String> labels = new LinkedHashMap<>();
    for (int i = 0; i < a.rowCount(); i++) {
      diff.put(
          a.stringColumn("category").get(i),
          new double[] {a.doubleColumn("extra_ns").getDouble(i), 0});
      labels.put(a.stringColumn("category").get(i), a.stringColumn("label").get(i));
    }
    for (int i = 0; i < b.rowCount(); i++) {
      diff.computeIfAbsent(b.stringColumn("category").get(i), c -> new double[2])[1] =
          b.doubleColumn("extra_ns").getDouble(i);
      labels.putIfAbsent(b.stringColumn("category").get(i), b.stringColumn("label").get(i));
    }
    double total = 0;
    List<Map.Entry<String, Double>> parts = new ArrayList<>();
    for (Map.Entry<String, double[]> e : diff.entrySet()) {
      double d = e.getValue()[0] - e.getValue()[1];
      total += d;
      parts.add(Map.entry(labels.get(e.getKey()), d));
    }
    parts.sort(
        Comparator.comparingDouble((Map.Entry<String, Double> e) -> Math.abs(e.getValue()))
            .reversed());
    List<String> named = new ArrayList<>();
    for (Map.Entry<String, Double> part : parts) {
      named.add(
          (part.getValue() >= 0 ? "+" : "-")
              + Units.seconds(Math.abs(part.getValue()) * 1e-9)
              + " in "
              + part.getKey());
    }
    out.add(
        String.format(
            Locale.ROOT,
            "the profiles put the difference at %s%s: %s",
            total >= 0 ? "+" : "-",
            Units.seconds(Math.abs(total) * 1e-9),
            String.join(", ", named)));
    return out;
  }

  /**
   * Returns the difference of the medians of both ends' CPU time per message, {@code more} minus
   * {@code less}, at {@code size} (NaN if either is missing).
   */
  static double extraCpu(Table sweep, String more, String less, int size) {
    Table medians = CostModel.cpuMedians(sweep);
    double a = Double.NaN;
    double b = Double.NaN;
    for (int i = 0; i < medians.rowCount(); i++) {
      if ((int) medians.numberColumn("size").getDouble(i) != size) {
        continue;
      }
      String t = medians.stringColumn("transport").get(i);
      double v = medians.doubleColumn("cpu_ns_per_message").getDouble(i);
      if (t.equals(more)) {
        a = v;
      } else if (t.equals(less)) {
        b = v;
      }
    }
    return a - b;
  }

  /**
   * Returns a copy of a profile table with a first column {@code machine} naming where it was
   * taken, so several machines' profiles can be appended into one table and charted side by side.
   */
  public static Table labelled(Table profile, String machine) {
    Table out = profile.copy();
    if (out.containsColumn("machine")) {
      out.removeColumns("machine");
    }
    StringColumn column = StringColumn.create("machine", out.rowCount());
    for (int i = 0; i < out.rowCount(); i++) {
      column.set(i, machine);
    }
    out.insertColumn(0, column);
    return out.setName(profile.name());
  }

  private static String signed(double ns) {
    return (ns < 0 ? "-" : "+") + Units.seconds(Math.abs(ns) * 1e-9);
  }

  /** The sizes of a profile table, in order. */
  public static List<Integer> sizes(Table profile) {
    return firstRows(profile).stream().map(r -> size(profile, r)).distinct().sorted().toList();
  }

  /** The first row of each (transport, size) profile. */
  private static List<Integer> firstRows(Table profile) {
    Map<String, Integer> first = new LinkedHashMap<>();
    for (int i = 0; i < profile.rowCount(); i++) {
      first.putIfAbsent(profile.stringColumn("transport").get(i) + " " + size(profile, i), i);
    }
    return new ArrayList<>(first.values());
  }

  private static double sumOf(Table profile, int first, String column) {
    String transport = profile.stringColumn("transport").get(first);
    int size = size(profile, first);
    double sum = 0;
    for (int i = 0; i < profile.rowCount(); i++) {
      if (profile.stringColumn("transport").get(i).equals(transport) && size(profile, i) == size) {
        sum += profile.numberColumn(column).getDouble(i);
      }
    }
    return sum;
  }

  private static int size(Table profile, int row) {
    return (int) profile.numberColumn("size").getDouble(row);
  }
}
