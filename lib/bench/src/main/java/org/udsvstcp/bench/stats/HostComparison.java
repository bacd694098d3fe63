package org.udsvstcp.bench.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Two stream runs side by side, size by size (a reference run and this one): medians of throughput
 * and of CPU time per message (both ends), their changes, the UDS/TCP throughput ratio of each run,
 * and conclusions computed from them: whether the host's costs moved, and whether the shape of the
 * curve held.
 */
public final class HostComparison {
  /** A median change of cost per message beyond this (10%) counts as the costs having moved. */
  public static final double MOVED = 0.10;

  /** A rank correlation of throughput by size at least this high counts as the same shape. */
  public static final double SAME_SHAPE = 0.9;

  private HostComparison() {}

  /**
   * Returns one row per (transport, size) found in both runs' measured stream rows: {@code
   * transport, size, ref_bytes_per_s, this_bytes_per_s, throughput_change, ref_cpu_ns_per_message,
   * this_cpu_ns_per_message, cost_change, ref_system_ns_per_message, this_system_ns_per_message,
   * ref_uds_tcp, this_uds_tcp} (the last two: the size's UDS/TCP ratio of medians, on UDS rows).
   */
  public static Table of(Table reference, Table current) {
    Map<String, double[]> ref = medians(reference);
    Map<String, double[]> cur = medians(current);
    Table t =
        Table.create(
            "host comparison",
            StringColumn.create("transport"),
            IntColumn.create("size"),
            DoubleColumn.create("ref_bytes_per_s"),
            DoubleColumn.create("this_bytes_per_s"),
            DoubleColumn.create("throughput_change"),
            DoubleColumn.create("ref_cpu_ns_per_message"),
            DoubleColumn.create("this_cpu_ns_per_message"),
            DoubleColumn.create("cost_change"),
            DoubleColumn.create("ref_system_ns_per_message"),
            DoubleColumn.create("this_system_ns_per_message"),
            DoubleColumn.create("ref_uds_tcp"),
            DoubleColumn.create("this_uds_tcp"));
    for (Map.Entry<String, double[]> cell : ref.entrySet()) {
      double[] c = cur.get(cell.getKey());
      if (c == null) {
        continue;
      }
      double[] r = cell.getValue();
      String[] key = cell.getKey().split(" ");
      String transport = key[1];
      String counterpart =
          transport.equals("uds") ? "tcp" : transport.equals("uds-junix") ? "tcp-classic" : null;
      double refRatio = Double.NaN;
      double curRatio = Double.NaN;
      if (counterpart != null) {
        String other = key[0] + " " + counterpart;
        if (ref.containsKey(other) && cur.containsKey(other)) {
          refRatio = r[0] / ref.get(other)[0];
          curRatio = c[0] / cur.get(other)[0];
        }
      }
      t.stringColumn("transport").append(transport);
      t.intColumn("size").append(Integer.parseInt(key[0]));
      t.doubleColumn("ref_bytes_per_s").append(r[0]);
      t.doubleColumn("this_bytes_per_s").append(c[0]);
      t.doubleColumn("throughput_change").append(c[0] / r[0]);
      t.doubleColumn("ref_cpu_ns_per_message").append(r[1]);
      t.doubleColumn("this_cpu_ns_per_message").append(c[1]);
      t.doubleColumn("cost_change").append(c[1] / r[1]);
      t.doubleColumn("ref_system_ns_per_message").append(r[2]);
      t.doubleColumn("this_system_ns_per_message").append(c[2]);
      t.doubleColumn("ref_uds_tcp").append(refRatio);
      t.doubleColumn("this_uds_tcp").append(curRatio);
    }
    return t;
  }

  /**
   * Returns sentences computed from a table made by {@link #of(Table, Table)}: per transport, how
   * far the costs per message moved and whether the throughput moved with them (the host), and
   * whether the curve kept its shape (rank correlation of throughput by size, and where UDS leads).
   */
  public static List<String> conclusions(Table comparison) {
    List<String> out = new ArrayList<>();
    if (comparison.rowCount() == 0) {
      out.add("the two runs have no (transport, size) in common: nothing to compare");
      return out;
    }
    for (String transport : comparison.stringColumn("transport").unique().asList()) {
      Table rows = comparison.where(comparison.stringColumn("transport").isEqualTo(transport));
      double cost = median(rows.doubleColumn("cost_change").asDoubleArray());
      double speed = median(rows.doubleColumn("throughput_change").asDoubleArray());
      if (Double.isNaN(cost)) {
        out.add(
            "%s: throughput is %s the reference's (median over sizes); one run has no cost columns"
                .formatted(transport, Units.ratio(speed)));
      } else if (Math.abs(cost - 1) > MOVED) {
        out.add(
            ("%s: CPU time per message is %s the reference's and throughput %s (medians over"
                    + " sizes): the host's costs moved, and the rates with them")
                .formatted(transport, Units.ratio(cost), Units.ratio(speed)));
      } else {
        out.add(
            ("%s: CPU time per message is within %.0f%% of the reference's (%s), throughput %s:"
                    + " the costs held")
                .formatted(transport, 100 * MOVED, Units.ratio(cost), Units.ratio(speed)));
      }
      if (rows.rowCount() >= 3) {
        double rho =
            spearman(
                rows.doubleColumn("ref_bytes_per_s").asDoubleArray(),
                rows.doubleColumn("this_bytes_per_s").asDoubleArray());
        out.add(
            "%s: throughput by size ranks alike in both runs (Spearman %.2f): %s"
                .formatted(
                    transport,
                    rho,
                    rho >= SAME_SHAPE ? "the shape of the curve holds" : "the shape changed"));
      }
    }
    DoubleColumn ref = comparison.doubleColumn("ref_uds_tcp");
    DoubleColumn cur = comparison.doubleColumn("this_uds_tcp");
    int both = 0;
    int agree = 0;
    int widest = -1;
    for (int i = 0; i < comparison.rowCount(); i++) {
      double r = ref.getDouble(i);
      double c = cur.getDouble(i);
      if (!Double.isNaN(r) && !Double.isNaN(c)) {
        both++;
        agree += (r > 1) == (c > 1) ? 1 : 0;
        if (widest < 0
            || Math.abs(Math.log(c / r))
                > Math.abs(Math.log(cur.getDouble(widest) / ref.getDouble(widest)))) {
          widest = i;
        }
      }
    }
    if (both > 0) {
      out.add(
          ("UDS/TCP: the ratio is on the same side of 1 in both runs at %d of %d sizes (%s); it"
                  + " moved most at %s, from %s to %s: how much UDS gains depends on the host's"
                  + " costs")
              .formatted(
                  agree,
                  both,
                  agree == both ? "the shape holds" : "the shape changed",
                  Units.size(comparison.intColumn("size").get(widest)),
                  Units.ratio(ref.getDouble(widest)),
                  Units.ratio(cur.getDouble(widest))));
    }
    return out;
  }

  /**
   * Medians per "size transport" of measured stream rows: throughput, CPU and system ns/message.
   */
  private static Map<String, double[]> medians(Table rows) {
    Map<String, List<double[]>> cells = new TreeMap<>(HostComparison::compareKeys);
    for (int row = 0; row < rows.rowCount(); row++) {
      if (rows.containsColumn("phase")
          && !TrialRows.MEASURED.equals(rows.stringColumn("phase").get(row))) {
        continue;
      }
      if (rows.containsColumn("workload")
          && !"stream".equals(rows.stringColumn("workload").get(row))) {
        continue;
      }
      double messages = rows.longColumn("messages").get(row);
      double cpu =
          (value(rows, "server_cpu_ns", row) + value(rows, "client_cpu_ns", row)) / messages;
      double system =
          value(rows, "server_system_ns_per_message", row)
              + value(rows, "client_system_ns_per_message", row);
      cells
          .computeIfAbsent(
              rows.intColumn("size").get(row) + " " + rows.stringColumn("transport").get(row),
              k -> new ArrayList<>())
          .add(new double[] {rows.doubleColumn("bytes_per_s").getDouble(row), cpu, system});
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    cells.forEach(
        (key, values) -> {
          double[] m = new double[3];
          for (int i = 0; i < 3; i++) {
            int column = i;
            m[i] = median(values.stream().mapToDouble(v -> v[column]).toArray());
          }
          out.put(key, m);
        });
    return out;
  }

  private static int compareKeys(String a, String b) {
    String[] x = a.split(" ");
    String[] y = b.split(" ");
    int bySize = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
    return bySize != 0 ? bySize : x[1].compareTo(y[1]);
  }

  private static double value(Table rows, String column, int row) {
    return rows.containsColumn(column) ? rows.doubleColumn(column).getDouble(row) : Double.NaN;
  }

  private static double median(double[] values) {
    double[] known = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
    return known.length == 0 ? Double.NaN : Quantiles.median(known);
  }

  /** Spearman's rank correlation (no ties expected among throughputs). */
  static double spearman(double[] a, double[] b) {
    double[] ra = ranks(a);
    double[] rb = ranks(b);
    int n = a.length;
    double d2 = 0;
    for (int i = 0; i < n; i++) {
      d2 += (ra[i] - rb[i]) * (ra[i] - rb[i]);
    }
    return 1 - 6 * d2 / (n * ((double) n * n - 1));
  }

  private static double[] ranks(double[] values) {
    Integer[] order = new Integer[values.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (i, j) -> Double.compare(values[i], values[j]));
    double[] ranks = new double[values.length];
    for (int r = 0; r < order.length; r++) {
      ranks[order[r]] = r;
    }
    return ranks;
  }
}
