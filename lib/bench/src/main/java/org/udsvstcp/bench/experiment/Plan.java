package org.udsvstcp.bench.experiment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.udsvstcp.bench.transport.Transport;
import org.udsvstcp.bench.workload.OriginalTrial;
import org.udsvstcp.bench.workload.TrialSpec;
import org.udsvstcp.bench.workload.Workload;

/**
 * The order of an experiment's trials: its cells (workload x transport x size x TCP_NODELAY x
 * writes x depth x clients x offered rate), every cell once per round, warm-up rounds first, each
 * round's order shuffled in blocks with the experiment's seed.
 */
final class Plan {
  private Plan() {}

  /** One cell of a round; a Unix transport runs once per size and writes, TCP_NODELAY aside. */
  record Cell(
      Workload workload,
      Transport transport,
      int size,
      boolean nodelay,
      int writes,
      int depth,
      int clients,
      double rate) {

    /** Returns the trial spec of this cell. */
    TrialSpec spec(Duration duration, long byteBudget, int count) {
      TrialSpec spec =
          TrialSpec.of(workload, transport, size, duration, byteBudget, count)
              .withWritesPerMessage(writes);
      if (clients != 1 || rate > 0) {
        spec = spec.withLoad(clients, rate);
      }
      return depth == 1 ? spec : spec.withDepth(depth);
    }
  }

  /** One trial of the plan: a cell in a round, its phase, its trial number and its order. */
  record Step(Cell cell, Phase phase, int round, int trial, int order) {}

  /** Returns the cells of one round of {@code experiment}, in their unshuffled order. */
  static List<Cell> cells(Experiment experiment) {
    return cells(
        experiment.workload(),
        experiment.transports(),
        experiment.sizes(),
        experiment.nodelay(),
        experiment.writesPerMessage(),
        experiment.alongside(),
        experiment.depths(),
        experiment.clients(),
        experiment.rates());
  }

  /** Returns the cells of one round of an experiment with these settings. */
  static List<Cell> cells(
      Workload workload,
      List<Transport> transports,
      List<Integer> sizes,
      List<Boolean> nodelay,
      List<Integer> writesPerMessage,
      List<Workload> alongside,
      List<Integer> depths,
      List<Integer> clients,
      List<Double> rates) {
    List<Workload> all = new ArrayList<>(List.of(workload));
    alongside.stream().filter(w -> w != workload).forEach(all::add);
    List<Cell> cells = new ArrayList<>();
    for (Workload w : all) {
      // A server workload without a value has size 0; the original's size is fixed.
      List<Integer> cellSizes =
          w == Workload.ORIGINAL
              ? List.of(OriginalTrial.MESSAGE.length)
              : w.isServer() && !w.hasValue() ? List.of(0) : sizes;
      for (Transport transport : transports) {
        for (int size : cellSizes) {
          for (boolean tcpNodelay : transport.isUnix() ? nodelay.subList(0, 1) : nodelay) {
            for (int writes : w.isServer() ? List.of(1) : writesPerMessage) {
              for (int depth : w.pipelines() ? depths : List.of(1)) {
                // Many clients and open loops apply to the workloads that run them, one request
                // per round trip; a rate only to those that can keep one.
                for (int n : w.concurrent() && depth == 1 ? clients : List.of(1)) {
                  for (double rate : w.concurrent() && depth == 1 ? rates : List.of(0.0)) {
                    if (rate == 0 || w.openLoop()) {
                      cells.add(new Cell(w, transport, size, tcpNodelay, writes, depth, n, rate));
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    return cells;
  }

  /**
   * Returns every trial of {@code experiment} in the order they run: its warm-up rounds, then its
   * measured rounds, each round's order drawn from {@code random} if the experiment shuffles.
   */
  static List<Step> steps(Experiment experiment, Random random) {
    List<Step> plan = new ArrayList<>();
    int order = 0;
    int warmup = experiment.warmup();
    for (int round = 0; round < warmup + experiment.trials(); round++) {
      Phase phase = round < warmup ? Phase.WARMUP : Phase.MEASURED;
      int trial = phase == Phase.WARMUP ? round : round - warmup;
      List<Cell> cells =
          experiment.shuffle() ? shuffledInBlocks(experiment, random) : cells(experiment);
      for (Cell cell : cells) {
        plan.add(new Step(cell, phase, round, trial, order++));
      }
    }
    return plan;
  }

  /**
   * One round's cells in a randomized block design: the cells that differ only in transport (and
   * TCP_NODELAY) form a block and run back to back in a shuffled order, and the blocks are shuffled
   * too. The two trials that a ratio compares are then neighbours in time. That matters when the
   * machine drifts: in teaching runs whose trials showed drift (lag-1 correlation 0.38 and 0.63),
   * the per-round UDS/TCP log ratio of neighbouring pairs deviated half as much from its median
   * (mean 0.078) as that of pairs with another trial between them (0.148).
   */
  private static List<Cell> shuffledInBlocks(Experiment experiment, Random random) {
    Map<List<Object>, List<Cell>> blocks = new LinkedHashMap<>();
    for (Cell cell : cells(experiment)) {
      blocks
          .computeIfAbsent(
              List.of(
                  cell.workload(),
                  cell.size(),
                  cell.writes(),
                  cell.depth(),
                  cell.clients(),
                  cell.rate()),
              k -> new ArrayList<>())
          .add(cell);
    }
    List<List<Cell>> order = new ArrayList<>(blocks.values());
    Collections.shuffle(order, random);
    List<Cell> cells = new ArrayList<>();
    for (List<Cell> block : order) {
      Collections.shuffle(block, random);
      cells.addAll(block);
    }
    return cells;
  }
}
