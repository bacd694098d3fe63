package org.udsvstcp.bench.server;

import java.util.Locale;
import org.udsvstcp.bench.stats.Ratios;
import org.udsvstcp.bench.stats.Units;
import org.udsvstcp.bench.workload.Workload;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A Java client's UDS/TCP ratio beside its server's own C tool's, request by request: both from
 * paired rounds of requests per second, so the question "does Java see the gain the C tool sees?"
 * has an answer with confidence intervals.
 */
public final class ServerComparison {
  /** How close a Java client's ratio should land to its C tool's: within 10%. */
  public static final double TOLERANCE = 0.10;

  private ServerComparison() {}

  /**
   * Returns UDS/TCP ratios of requests per second, one row per (workload, size, depth) of the
   * measured rows: workload, client, size, depth, pairs, ratio, ci_low, ci_high.
   */
  public static Table ratios(Table rows) {
    Table ratios = Ratios.pairedBy(rows, "messages_per_s", "uds", "tcp", "depth");
    StringColumn client = StringColumn.create("client");
    for (Row row : ratios) {
      client.append(Workload.fromName(row.getString("workload")).client());
    }
    ratios.insertColumn(1, client);
    return ratios
        .selectColumns("workload", "client", "size", "depth", "pairs", "ratio", "ci_low", "ci_high")
        .setName("UDS / TCP requests per second (paired rounds)");
  }

  /**
   * Returns one row per request that both a Java client and its C tool made (same size and depth):
   * request, size, depth, java, java_ratio, java_ci_low, java_ci_high, tool, tool_ratio,
   * tool_ci_low, tool_ci_high, java_vs_tool (the Java ratio over the tool's) and within_10pct.
   */
  public static Table javaVsTool(Table rows) {
    Table ratios = ratios(rows);
    StringColumn request = StringColumn.create("request");
    IntColumn sizes = IntColumn.create("size");
    IntColumn depths = IntColumn.create("depth");
    StringColumn java = StringColumn.create("java");
    DoubleColumn javaRatio = DoubleColumn.create("java_ratio");
    DoubleColumn javaLow = DoubleColumn.create("java_ci_low");
    DoubleColumn javaHigh = DoubleColumn.create("java_ci_high");
    StringColumn tool = StringColumn.create("tool");
    DoubleColumn toolRatio = DoubleColumn.create("tool_ratio");
    DoubleColumn toolLow = DoubleColumn.create("tool_ci_low");
    DoubleColumn toolHigh = DoubleColumn.create("tool_ci_high");
    DoubleColumn versus = DoubleColumn.create("java_vs_tool");
    BooleanColumn within = BooleanColumn.create("within_10pct");
    for (Row mine : ratios) {
      Workload workload = Workload.fromName(mine.getString("workload"));
      Workload reference = workload.reference();
      if (reference == null) {
        continue;
      }
      for (Row theirs : ratios) {
        if (theirs.getString("workload").equals(reference.label())
            && theirs.getInt("size") == mine.getInt("size")
            && theirs.getInt("depth") == mine.getInt("depth")) {
          request.append(request(workload, mine.getInt("size"), mine.getInt("depth")));
          sizes.append(mine.getInt("size"));
          depths.append(mine.getInt("depth"));
          java.append(workload.client());
          javaRatio.append(mine.getDouble("ratio"));
          javaLow.append(mine.getDouble("ci_low"));
          javaHigh.append(mine.getDouble("ci_high"));
          tool.append(reference.client());
          toolRatio.append(theirs.getDouble("ratio"));
          toolLow.append(theirs.getDouble("ci_low"));
          toolHigh.append(theirs.getDouble("ci_high"));
          double v = mine.getDouble("ratio") / theirs.getDouble("ratio");
          versus.append(v);
          within.append(Math.abs(v - 1) <= TOLERANCE);
        }
      }
    }
    return Table.create(
        "Java client vs C tool: UDS / TCP requests per second",
        request,
        sizes,
        depths,
        java,
        javaRatio,
        javaLow,
        javaHigh,
        tool,
        toolRatio,
        toolLow,
        toolHigh,
        versus,
        within);
  }

  /** Returns the request a workload makes, e.g. "PING, pipeline 16" or "GET 64 B". */
  public static String request(Workload workload, int size, int depth) {
    String what =
        switch (workload) {
          case REDIS_PING, REDIS_BENCHMARK_PING -> "PING";
          case REDIS_GET, REDIS_BENCHMARK_GET -> "GET " + Units.size(size);
          case REDIS_SET, REDIS_BENCHMARK_SET -> "SET " + Units.size(size);
          case PG_POINT, PGBENCH_SELECT -> "point select";
          case PG_SELECT1 -> "SELECT 1";
          case PG_BATCH -> "batched update";
          case PG_CONNECT -> "connect + SELECT 1";
          default -> workload.label();
        };
    return depth == 1 ? what : what + ", " + depth + " per round trip";
  }

  /** Returns one line per row of {@link #javaVsTool}: both ratios, and how far apart. */
  public static String describe(Table javaVsTool) {
    StringBuilder text = new StringBuilder();
    for (Row row : javaVsTool) {
      double v = row.getDouble("java_vs_tool");
      text.append(
          String.format(
              Locale.ROOT,
              "%s: %s %s (95%% CI %s-%s), %s %s (95%% CI %s-%s); Java's ratio is %s the tool's%s%n",
              row.getString("request"),
              row.getString("java"),
              Units.ratio(row.getDouble("java_ratio")),
              Units.decimal2(row.getDouble("java_ci_low")),
              Units.decimal2(row.getDouble("java_ci_high")),
              row.getString("tool"),
              Units.ratio(row.getDouble("tool_ratio")),
              Units.decimal2(row.getDouble("tool_ci_low")),
              Units.decimal2(row.getDouble("tool_ci_high")),
              Math.abs(v - 1) < 0.005
                  ? "equal to"
                  : Units.percent(Math.abs(v - 1)) + (v > 1 ? " above" : " below"),
              row.getBoolean("within_10pct") ? " (within 10%)" : " (more than 10% apart)"));
    }
    return text.toString();
  }
}
