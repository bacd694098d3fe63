package org.udsvstcp.bench.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CostTest {

  @Test
  void aTallyTravelsWithItsCostAndOneFromBeforeCostsReadsAsNone() {
    Cost cost = new Cost(Cost.Accounting.THREAD, 9e8, 1e8, 8e8, 1234, 5);
    Tally tally = new Tally(64, 64, 1, 1, 10, 1, 2, 3, 4, 5, 0).withCost(cost);
    assertEquals(tally, Tally.decode(tally.encode()));
    assertEquals(
        Cost.NONE, Tally.decode("64,64,1,1,10,1.0,2.0,3.0,4.0,5.0,0").cost(), "11 fields: no cost");
    Tally empty = Tally.decode(new Tally(64, 64, 1, 1, 10, 1, 2, 3, 4, 5, 0).encode());
    assertTrue(Double.isNaN(empty.cost().cpuNs()));
    assertEquals(Cost.Accounting.NONE, empty.cost().accounting());
  }

  @Test
  void theSplitFollowsTheTicksAndAddsUpToTheRunTime() {
    var start = new CostMeter.Snapshot(Cost.Accounting.THREAD, 1_000, 10, 20, 3, 1);
    var end = new CostMeter.Snapshot(Cost.Accounting.THREAD, 401_000, 11, 23, 10, 2);
    Cost cost = CostMeter.between(start, end);
    assertEquals(400_000.0, cost.cpuNs());
    assertEquals(100_000.0, cost.userNs(), 1e-9);
    assertEquals(300_000.0, cost.systemNs(), 1e-9);
    assertEquals(7.0, cost.voluntarySwitches());
    assertEquals(1.0, cost.involuntarySwitches());
    assertEquals(8.0, cost.switches());
  }

  @Test
  void noTickInTheIntervalLeavesTheSplitEmptyButTheTotalExact() {
    var start = new CostMeter.Snapshot(Cost.Accounting.THREAD, 0, 5, 5, 0, 0);
    var end = new CostMeter.Snapshot(Cost.Accounting.THREAD, 2_000_000, 5, 5, 4, 0);
    Cost cost = CostMeter.between(start, end);
    assertEquals(2_000_000.0, cost.cpuNs());
    assertTrue(Double.isNaN(cost.userNs()) && Double.isNaN(cost.systemNs()));
  }

  @Test
  void fewerTicksThanTheMinimumLeaveTheSplitEmpty() {
    // 1 user tick and 2 system ticks: one tick more or less would move either part by a third.
    var start = new CostMeter.Snapshot(Cost.Accounting.THREAD, 0, 5, 5, 0, 0);
    var end = new CostMeter.Snapshot(Cost.Accounting.THREAD, 30_000_000, 6, 7, 4, 0);
    Cost cost = CostMeter.between(start, end);
    assertEquals(30_000_000.0, cost.cpuNs());
    assertTrue(Double.isNaN(cost.userNs()) && Double.isNaN(cost.systemNs()));
  }

  @Test
  void accountingSwitchedOffReadsNothing() {
    boolean before = CostMeter.enabled();
    CostMeter.setEnabled(false);
    try {
      Cost cost = CostMeter.since(CostMeter.read());
      assertTrue(Double.isNaN(cost.cpuNs()));
      assertEquals(
          CostMeter.available() ? Cost.Accounting.OFF : Cost.Accounting.UNAVAILABLE,
          cost.accounting());
    } finally {
      CostMeter.setEnabled(before);
    }
  }

  @Test
  void readingTheCallingThreadCountsItsOwnWork() {
    if (!CostMeter.available()) {
      return;
    }
    long wall = System.nanoTime();
    CostMeter.Snapshot start = CostMeter.read();
    long x = 0;
    for (long deadline = System.nanoTime() + 30_000_000; System.nanoTime() < deadline; ) {
      x += System.identityHashCode(new Object());
    }
    Cost cost = CostMeter.since(start);
    wall = System.nanoTime() - wall;
    // Spinning runs whenever the thread is on a CPU (a busy machine may preempt it), never longer.
    assertTrue(cost.cpuNs() > 0 && cost.cpuNs() <= wall, cost + " in " + wall + " ns " + x);
  }
}
