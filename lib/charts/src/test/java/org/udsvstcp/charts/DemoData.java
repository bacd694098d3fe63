package org.udsvstcp.charts;

import java.util.List;
import java.util.Random;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Small, seeded tables shaped like the bench library's trial rows, summaries and ratios. */
final class DemoData {
  static final List<String> TRANSPORTS = List.of("tcp", "uds", "uds-junix", "tcp-classic");
  static final int[] SIZES = {16, 256, 4096, 65536, 1048576};

  private DemoData() {}

  /** Trial rows: 2 warm-up and 6 measured rounds of every transport and size, shuffled order. */
  static Table trials() {
    Random random = new Random(42);
    Table t =
        Table.create(
            "trials",
            StringColumn.create("transport"),
            IntColumn.create("size"),
            StringColumn.create("phase"),
            IntColumn.create("round"),
            IntColumn.create("order"),
            DoubleColumn.create("bytes_per_s"),
            DoubleColumn.create("p50_us"),
            DoubleColumn.create("p99_us"));
    int order = 0;
    for (int round = 0; round < 8; round++) {
      for (String transport : TRANSPORTS) {
        for (int size : SIZES) {
          double base = throughput(transport, size);
          double warm = round < 2 ? 0.6 : 1.0;
          t.stringColumn("transport").append(transport);
          t.intColumn("size").append(size);
          t.stringColumn("phase").append(round < 2 ? "warmup" : "measured");
          t.intColumn("round").append(round);
          t.intColumn("order").append(order++);
          t.doubleColumn("bytes_per_s").append(base * warm * (1 + 0.05 * random.nextGaussian()));
          double rtt = transport.startsWith("uds") ? 12 : 20;
          t.doubleColumn("p50_us").append(rtt * (1 + 0.05 * random.nextGaussian()));
          t.doubleColumn("p99_us").append(rtt * 3 * (1 + 0.1 * random.nextGaussian()));
        }
      }
    }
    return t;
  }

  private static double throughput(String transport, int size) {
    double perCall = transport.startsWith("uds") ? 1.5e-6 : 3e-6;
    double copy = transport.startsWith("uds") ? 8e9 : 4e9;
    return size / (perCall + size / copy);
  }

  /** A summary per transport and size with the columns of the bench library's summaries. */
  static Table summary() {
    Table t =
        Table.create(
            "summary of bytes_per_s",
            StringColumn.create("transport"),
            IntColumn.create("size"),
            IntColumn.create("n"),
            DoubleColumn.create("median"),
            DoubleColumn.create("ci_low"),
            DoubleColumn.create("ci_high"));
    double[] spread = {0.35, 0.25, 0.15, 0.08, 0.05}; // small messages scatter more
    for (String transport : TRANSPORTS) {
      double skew = transport.endsWith("classic") || transport.endsWith("junix") ? 0.8 : 1.0;
      for (int s = 0; s < SIZES.length; s++) {
        double median = throughput(transport, SIZES[s]) * skew;
        t.stringColumn("transport").append(transport);
        t.intColumn("size").append(SIZES[s]);
        t.intColumn("n").append(6);
        t.doubleColumn("median").append(median);
        t.doubleColumn("ci_low").append(median * (1 - spread[s]));
        t.doubleColumn("ci_high").append(median * (1 + spread[s]));
      }
    }
    return t;
  }

  /** The summary at one size only (one bar per transport). */
  static Table summaryAtOneSize() {
    Table all = summary();
    return all.where(all.intColumn("size").isEqualTo(65536)).setName("summary at 64 KiB");
  }

  /** Paired UDS/TCP ratios per size, with a CI. */
  static Table ratios() {
    Table t =
        Table.create(
            "ratios",
            StringColumn.create("workload"),
            IntColumn.create("size"),
            IntColumn.create("pairs"),
            DoubleColumn.create("ratio"),
            DoubleColumn.create("ci_low"),
            DoubleColumn.create("ci_high"));
    for (int size : SIZES) {
      double ratio = throughput("uds", size) / throughput("tcp", size);
      t.stringColumn("workload").append("stream");
      t.intColumn("size").append(size);
      t.intColumn("pairs").append(6);
      t.doubleColumn("ratio").append(ratio);
      t.doubleColumn("ci_low").append(ratio * 0.95);
      t.doubleColumn("ci_high").append(ratio * 1.04);
    }
    return t;
  }

  /** Latency percentiles per transport, including a 100th percentile the chart must skip. */
  static Table latency() {
    Table t = Percentiles.empty();
    double[] percentiles = {50, 90, 99, 99.9, 99.99, 100};
    for (String transport : List.of("tcp", "uds")) {
      double base = transport.equals("uds") ? 11 : 19;
      for (int i = 0; i < percentiles.length; i++) {
        t.stringColumn("transport").append(transport);
        t.doubleColumn("percentile").append(percentiles[i]);
        t.doubleColumn("latency_us").append(base * Math.pow(1.8, i));
      }
    }
    return t;
  }

  /** Eight runs of the original method per transport, scattered as the original's were. */
  static Table runs() {
    Random random = new Random(7);
    Table t =
        Table.create(
            "original runs",
            StringColumn.create("transport"),
            DoubleColumn.create("messages_per_s"));
    for (String transport : List.of("tcp", "uds")) {
      for (int run = 0; run < 8; run++) {
        t.stringColumn("transport").append(transport);
        double base = transport.equals("uds") ? 1.3e6 : 1.0e6;
        t.doubleColumn("messages_per_s").append(base * (1 + 0.3 * random.nextGaussian()));
      }
    }
    return t;
  }
}
