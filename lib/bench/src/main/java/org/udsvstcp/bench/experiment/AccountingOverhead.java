package org.udsvstcp.bench.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.udsvstcp.bench.stats.Bootstrap;
import org.udsvstcp.bench.stats.Interval;
import org.udsvstcp.bench.stats.Quantiles;
import org.udsvstcp.bench.workload.CostMeter;
import tech.tablesaw.api.Table;

/**
 * The A/B of cost accounting: runs an experiment's trials with accounting on and off in paired
 * rounds (the order within each round shuffled) and returns, per transport and size, the median
 * ratio of throughput on to off.
 */
public final class AccountingOverhead {
  private AccountingOverhead() {}

  /**
   * One transport and size.
   *
   * @param transport the transport
   * @param size the message size
   * @param ratio median over rounds of throughput with accounting on divided by off
   * @param ci 95% bootstrap interval of that median
   * @param rounds the paired rounds
   */
  public record Comparison(String transport, int size, double ratio, Interval ci, int rounds) {
    /** Returns the throughput accounting costs, 1 - ratio (negative: faster with it, noise). */
    public double overhead() {
      return 1 - ratio;
    }
  }

  /**
   * Runs one unrecorded round, then {@code rounds} paired rounds of {@code experiment} (which
   * should have one measured trial per cell) with accounting on and off, and restores the setting.
   */
  public static List<Comparison> measure(Experiment experiment, int rounds, long seed) {
    if (rounds < 2) {
      throw new IllegalArgumentException("need at least 2 paired rounds, got " + rounds);
    }
    boolean before = CostMeter.enabled();
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, List<double[]>> pairs = new LinkedHashMap<>();
    try {
      experiment.run();
      for (int round = 0; round < rounds; round++) {
        boolean onFirst = random.nextBoolean();
        Map<String, Double> on = null;
        Map<String, Double> off = null;
        for (boolean enabled : new boolean[] {onFirst, !onFirst}) {
          CostMeter.setEnabled(enabled);
          Map<String, Double> rates = rates(experiment.run().measured());
          if (enabled) {
            on = rates;
          } else {
            off = rates;
          }
        }
        for (Map.Entry<String, Double> cell : on.entrySet()) {
          pairs
              .computeIfAbsent(cell.getKey(), k -> new ArrayList<>())
              .add(new double[] {cell.getValue(), off.get(cell.getKey())});
        }
      }
    } finally {
      CostMeter.setEnabled(before);
    }
    List<Comparison> out = new ArrayList<>();
    for (Map.Entry<String, List<double[]>> cell : pairs.entrySet()) {
      double[] ratios = cell.getValue().stream().mapToDouble(p -> p[0] / p[1]).toArray();
      String[] key = cell.getKey().split(" ");
      out.add(
          new Comparison(
              key[0],
              Integer.parseInt(key[1]),
              Quantiles.median(ratios),
              Bootstrap.medianCi(ratios, 0.95, Bootstrap.DEFAULT_RESAMPLES, Bootstrap.DEFAULT_SEED),
              ratios.length));
    }
    return out;
  }

  /**
   * Returns the wall time, in nanoseconds, of one trial's accounting at one end (a reading at the
   * start and one at the end), the median of {@code rounds} rounds of {@code perRound} pairs on the
   * calling thread; NaN where accounting is off or unavailable.
   */
  public static double nanosPerTrialEnd(int rounds, int perRound) {
    if (CostMeter.accounting() != org.udsvstcp.bench.workload.Cost.Accounting.THREAD) {
      return Double.NaN;
    }
    double[] perPair = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      long start = System.nanoTime();
      for (int i = 0; i < perRound; i++) {
        CostMeter.since(CostMeter.read());
      }
      perPair[round] = (System.nanoTime() - start) / (double) perRound;
    }
    return Quantiles.median(perPair);
  }

  private static Map<String, Double> rates(Table measured) {
    Map<String, List<Double>> values = new LinkedHashMap<>();
    for (int row = 0; row < measured.rowCount(); row++) {
      values
          .computeIfAbsent(
              measured.stringColumn("transport").get(row)
                  + " "
                  + measured.intColumn("size").get(row),
              k -> new ArrayList<>())
          .add(measured.doubleColumn("bytes_per_s").getDouble(row));
    }
    Map<String, Double> medians = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> medians.put(k, Quantiles.median(v.stream().mapToDouble(d -> d).toArray())));
    return medians;
  }
}
