package org.udsvstcp.charts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Latency percentile rows (transport, percentile, latency_us) for {@link Charts#percentiles}, from
 * HdrHistogram histograms or from the trial rows' p50_us..p999_us columns.
 */
public final class Percentiles {

  /** The trial-row columns that hold percentiles, and the percentile each holds. */
  private static final Map<String, Double> TRIAL_COLUMNS =
      Map.of("p50_us", 50.0, "p90_us", 90.0, "p99_us", 99.0, "p999_us", 99.9);

  /** The percentile columns of a trial row, in the order a summary shows them. */
  private static final List<String> SUMMARY_COLUMNS =
      List.of("p50_us", "p90_us", "p99_us", "p999_us", "max_us");

  private Percentiles() {}

  /**
   * Returns one row per transport of the measured trials (rows whose phase, if any, is "measured"):
   * transport, n, then the median over those trials of p50_us, p90_us, p99_us, p999_us and max_us.
   */
  public static Table byTransport(Table trials) {
    return byGroup(trials, "transport");
  }

  /**
   * Returns one row per distinct value of {@code columns} (transports in the series' order) of the
   * measured trials: those columns, n, then the median over the trials of each percentile column.
   */
  public static Table byGroup(Table trials, String... columns) {
    Groups.require(trials, columns);
    Groups.require(trials, SUMMARY_COLUMNS.toArray(new String[0]));
    Table measured =
        trials.containsColumn("phase")
            ? trials.where(trials.stringColumn("phase").isEqualTo("measured"))
            : trials;
    Table summary = Table.create("median over measured trials of each percentile (µs)");
    for (String column : columns) {
      summary.addColumns(StringColumn.create(column));
    }
    summary.addColumns(IntColumn.create("n"));
    for (String column : SUMMARY_COLUMNS) {
      summary.addColumns(DoubleColumn.create(column));
    }
    for (int[] rows : Groups.by(measured, List.of(columns)).values()) {
      for (String column : columns) {
        summary.stringColumn(column).append(measured.column(column).getString(rows[0]));
      }
      summary.intColumn("n").append(rows.length);
      for (String column : SUMMARY_COLUMNS) {
        summary.doubleColumn(column).append(Stats.median(Groups.doubles(measured, column, rows)));
      }
    }
    return summary;
  }

  /**
   * Returns where percentile {@code p} sits on a "nines" axis, 1 / (1 - p/100): 50% is 2, 90% is
   * 10, 99% is 100, each further nine ten times further right.
   */
  public static double nines(double p) {
    if (!(p >= 0 && p < 100)) {
      throw new IllegalArgumentException("percentile must be in [0, 100): " + p);
    }
    // Decimal arithmetic, so 99.9 lands on 1000 exactly rather than 1000.0000000000568.
    BigDecimal hundred = BigDecimal.valueOf(100);
    return hundred
        .divide(hundred.subtract(BigDecimal.valueOf(p)), MathContext.DECIMAL64)
        .doubleValue();
  }

  /** Returns an empty table with the columns transport, percentile and latency_us. */
  public static Table empty() {
    return Table.create(
        "latency percentiles",
        StringColumn.create("transport"),
        DoubleColumn.create("percentile"),
        DoubleColumn.create("latency_us"));
  }

  /**
   * Returns the classic HdrHistogram percentile distribution of {@code histogram} (five steps per
   * halving of the distance to 100%) as rows, its values divided by {@code unitsPerMicrosecond}
   * (1000 for a histogram of nanoseconds).
   */
  public static Table fromHistogram(
      String transport, AbstractHistogram histogram, double unitsPerMicrosecond) {
    Table rows = empty();
    if (histogram.getTotalCount() == 0) {
      return rows;
    }
    for (HistogramIterationValue value : histogram.percentiles(5)) {
      rows.stringColumn("transport").append(transport);
      rows.doubleColumn("percentile").append(value.getPercentileLevelIteratedTo());
      rows.doubleColumn("latency_us").append(value.getValueIteratedTo() / unitsPerMicrosecond);
    }
    return rows;
  }

  /**
   * Returns, per transport, the median over the given trial rows of each percentile column present
   * (p50_us, p90_us, p99_us, p999_us); rows with missing values are skipped.
   */
  public static Table fromTrials(Table trials) {
    Groups.require(trials, "transport");
    Table rows = empty();
    for (Map.Entry<String, int[]> group : Groups.by(trials, List.of("transport")).entrySet()) {
      for (String column : List.of("p50_us", "p90_us", "p99_us", "p999_us")) {
        if (!trials.containsColumn(column)) {
          continue;
        }
        double median = Stats.median(Groups.doubles(trials, column, group.getValue()));
        if (!Double.isNaN(median)) {
          rows.stringColumn("transport").append(group.getKey());
          rows.doubleColumn("percentile").append(TRIAL_COLUMNS.get(column));
          rows.doubleColumn("latency_us").append(median);
        }
      }
    }
    return rows;
  }
}
