package org.udsvstcp.bench.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The series' answer in three sentences computed from a run's rows: where a Unix socket moved more
 * bytes per second than TCP (notebook 03's stream sweep), where it did not, and what a 64 B round
 * trip took over each (notebook 04's ping-pong). The NIO pair, {@code uds} over {@code tcp}, from
 * paired rounds; a size counts as a win or a loss only when its 95% CI leaves out 1.
 */
public final class Findings {

  private Findings() {}

  /**
   * Returns the UDS/TCP throughput ratio per size of the stream rows (paired rounds): size, pairs,
   * ratio, ci_low, ci_high, sorted by size; throws if no round has both a uds and a tcp stream
   * trial.
   */
  public static Table throughputRatios(Table rows) {
    Table stream = workload(rows, "stream");
    Table paired = Ratios.paired(stream, "bytes_per_s", "uds", "tcp");
    if (paired.rowCount() == 0) {
      throw new IllegalArgumentException(
          "no measured round with both a uds and a tcp stream trial in " + rows.name());
    }
    return paired
        .selectColumns("size", "pairs", "ratio", "ci_low", "ci_high")
        .sortOn("size")
        .setName("UDS / TCP throughput by message size (paired rounds)");
  }

  /**
   * Returns where UDS moved more bytes per second, from {@link #throughputRatios}: "UDS moved more
   * bytes per second than TCP at 16 KiB to 1 MiB, up to 1.92x at 256 KiB (95% CI 1.85x to 2.01x)."
   */
  public static String whereUdsWins(Table ratios) {
    List<Integer> wins = sizes(ratios, Verdict.UDS);
    if (wins.isEmpty()) {
      return "UDS moved more bytes per second than TCP at no size from "
          + Units.size(first(ratios))
          + " to "
          + Units.size(last(ratios))
          + ".";
    }
    // Tablesaw's row iterator moves one Row object along: keep the best row's number, not the Row.
    int bestRow = -1;
    for (Row row : ratios) {
      if (verdict(row) == Verdict.UDS
          && (bestRow < 0
              || row.getDouble("ratio") > ratios.doubleColumn("ratio").getDouble(bestRow))) {
        bestRow = row.getRowNumber();
      }
    }
    Row best = ratios.row(bestRow);
    return "UDS moved more bytes per second than TCP at "
        + ranges(ratios, wins)
        + ", up to "
        + Units.ratio(best.getDouble("ratio"))
        + " at "
        + Units.size(best.getInt("size"))
        + " (95% CI "
        + Units.ratio(best.getDouble("ci_low"))
        + " to "
        + Units.ratio(best.getDouble("ci_high"))
        + ").";
  }

  /**
   * Returns where UDS did not move more bytes per second, from {@link #throughputRatios}: "It did
   * not at 16 B to 4 KiB: TCP moved more at 64 B and 256 B; 16 B, 1 KiB and 4 KiB were too close to
   * call (their 95% CIs hold 1)."
   */
  public static String whereItDoesNot(Table ratios) {
    List<Integer> tcp = sizes(ratios, Verdict.TCP);
    List<Integer> close = sizes(ratios, Verdict.CLOSE);
    if (tcp.isEmpty() && close.isEmpty()) {
      return "It did at every size measured, from "
          + Units.size(first(ratios))
          + " to "
          + Units.size(last(ratios))
          + ".";
    }
    List<Integer> not = new ArrayList<>(tcp);
    not.addAll(close);
    not.sort(Integer::compare);
    List<String> parts = new ArrayList<>();
    if (!tcp.isEmpty()) {
      parts.add("TCP moved more at " + list(tcp));
    }
    if (!close.isEmpty()) {
      parts.add(
          list(close)
              + (close.size() == 1 ? " was" : " were")
              + " too close to call ("
              + (close.size() == 1 ? "its 95% CI holds" : "their 95% CIs hold")
              + " 1)");
    }
    return "It did not at " + ranges(ratios, not) + ": " + String.join("; ", parts) + ".";
  }

  /**
   * Returns what a round trip took over each, from ping-pong rows of one placement: "A 64 B round
   * trip, both ends pinned to one CPU (same-core), took 12.3 us over UDS and 18.9 us over TCP
   * (medians of 10 trials); UDS made 1.53x as many round trips per second (95% CI 1.49x to 1.58x)."
   * Throws if the rows hold no measured uds and tcp round trips, or more than one placement or
   * size.
   */
  public static String roundTrip(Table rows) {
    Table pingpong = workload(rows, "pingpong");
    Table measured = TrialRows.measured(pingpong);
    Table both = measured.where(measured.stringColumn("transport").isIn("uds", "tcp"));
    String placement = only(both, "placement");
    int size = Integer.parseInt(only(both, "size"));
    Table medians = Summaries.byGroup(both, "p50_us", "transport");
    if (medians.rowCount() < 2) {
      throw new IllegalArgumentException(
          "round trips need measured uds and tcp ping-pong trials; "
              + rows.name()
              + " has "
              + medians.rowCount()
              + " of the two");
    }
    double tcp = median(medians, "tcp");
    double uds = median(medians, "uds");
    int trials = Math.min(count(medians, "tcp"), count(medians, "uds"));
    Table rate = Ratios.paired(both, "messages_per_s", "uds", "tcp");
    Row r = rate.row(0);
    return "A "
        + Units.size(size)
        + " round trip, "
        + where(placement)
        + ", took "
        + Units.micros(uds)
        + " over UDS and "
        + Units.micros(tcp)
        + " over TCP (medians of "
        + trials
        + " trials); UDS made "
        + Units.ratio(r.getDouble("ratio"))
        + " as many round trips per second (95% CI "
        + Units.ratio(r.getDouble("ci_low"))
        + " to "
        + Units.ratio(r.getDouble("ci_high"))
        + (r.getDouble("ci_low") <= 1 && r.getDouble("ci_high") >= 1
            ? "), too close to call: the interval holds 1."
            : ").");
  }

  /** Returns a placement in words, with its name. */
  static String where(String placement) {
    return switch (placement) {
      case "same-core" -> "both ends pinned to one CPU (same-core)";
      case "cross-core" -> "the ends pinned to two CPUs (cross-core)";
      case "scheduler" -> "the ends placed by the scheduler (not pinned)";
      default -> "placement " + placement;
    };
  }

  private enum Verdict {
    UDS,
    TCP,
    CLOSE
  }

  private static Verdict verdict(Row row) {
    if (row.getDouble("ci_low") > 1) {
      return Verdict.UDS;
    }
    return row.getDouble("ci_high") < 1 ? Verdict.TCP : Verdict.CLOSE;
  }

  private static List<Integer> sizes(Table ratios, Verdict wanted) {
    List<Integer> sizes = new ArrayList<>();
    for (Row row : ratios) {
      if (verdict(row) == wanted) {
        sizes.add(row.getInt("size"));
      }
    }
    return sizes;
  }

  /**
   * Returns {@code chosen} as ranges of neighbouring sizes of the sweep: "16 B to 4 KiB", "64 B, 1
   * KiB and 16 KiB to 1 MiB".
   */
  static String ranges(Table ratios, List<Integer> chosen) {
    List<Integer> all = new ArrayList<>();
    for (Row row : ratios) {
      all.add(row.getInt("size"));
    }
    List<String> items = new ArrayList<>();
    int i = 0;
    while (i < all.size()) {
      if (!chosen.contains(all.get(i))) {
        i++;
        continue;
      }
      int j = i;
      while (j + 1 < all.size() && chosen.contains(all.get(j + 1))) {
        j++;
      }
      if (j >= i + 2) {
        items.add(Units.size(all.get(i)) + " to " + Units.size(all.get(j)));
      } else {
        for (int k = i; k <= j; k++) {
          items.add(Units.size(all.get(k)));
        }
      }
      i = j + 1;
    }
    return join(items.toArray(String[]::new));
  }

  private static String list(List<Integer> sizes) {
    return join(sizes.stream().map(s -> Units.size(s)).toArray(String[]::new));
  }

  /** "a", "a and b", "a, b and c". */
  private static String join(String[] items) {
    if (items.length == 1) {
      return items[0];
    }
    return String.join(", ", List.of(items).subList(0, items.length - 1))
        + " and "
        + items[items.length - 1];
  }

  private static int first(Table ratios) {
    return ratios.intColumn("size").getInt(0);
  }

  private static int last(Table ratios) {
    return ratios.intColumn("size").getInt(ratios.rowCount() - 1);
  }

  private static Table workload(Table rows, String workload) {
    if (!rows.containsColumn("workload")) {
      return rows;
    }
    Column<?> column = rows.column("workload");
    int[] keep =
        IntStream.range(0, rows.rowCount())
            .filter(i -> workload.equals(column.getString(i)))
            .toArray();
    if (keep.length == 0) {
      throw new IllegalArgumentException("no " + workload + " rows in " + rows.name());
    }
    return rows.rows(keep);
  }

  private static String only(Table rows, String column) {
    if (rows.rowCount() == 0) {
      throw new IllegalArgumentException("no measured uds or tcp trials in " + rows.name());
    }
    List<String> values =
        rows.column(column).unique().asList().stream().map(String::valueOf).toList();
    if (values.size() != 1) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "the round trips of %s have more than one %s (%s): select the rows of one",
              rows.name(),
              column,
              String.join(", ", values)));
    }
    return values.get(0);
  }

  private static double median(Table summary, String transport) {
    for (Row row : summary) {
      if (row.getString("transport").equals(transport)) {
        return row.getDouble("median");
      }
    }
    throw new IllegalArgumentException("no " + transport + " round trips");
  }

  private static int count(Table summary, String transport) {
    for (Row row : summary) {
      if (row.getString("transport").equals(transport)) {
        return row.getInt("n");
      }
    }
    return 0;
  }
}
