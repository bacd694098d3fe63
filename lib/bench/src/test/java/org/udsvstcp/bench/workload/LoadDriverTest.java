package org.udsvstcp.bench.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The load driver without a server: its open loop measures from the intended send time (a stall
 * shows in the tail, where a closed loop hides it), says when it could not keep the rate, counts
 * every thread's requests and stops every thread on a failure.
 */
class LoadDriverTest {

  /** A client that answers at once, except that its {@code stallAt}-th request takes 200 ms. */
  private static LoadDriver.Clients stallingOnce(int stallAt) {
    AtomicInteger calls = new AtomicInteger();
    return i ->
        () -> {
          if (calls.incrementAndGet() == stallAt) {
            Thread.sleep(200);
          }
        };
  }

  @Test
  void anOpenLoopShowsAStallInTheTailThatAClosedLoopHides() {
    LoadDriver.Outcome open =
        LoadDriver.run(
            new LoadDriver.Plan(1, 1000, 0, 1000, 7),
            stallingOnce(100),
            LoadDriver.Edges.NONE,
            List::of);
    LoadDriver.Outcome closed =
        LoadDriver.run(
            new LoadDriver.Plan(1, 1000, 0, 0, 7),
            stallingOnce(100),
            LoadDriver.Edges.NONE,
            List::of);
    // 200 ms at 1000 requests/s: about 200 requests were due during the stall and waited for it.
    assertTrue(open.client().p90Us() > 50_000, "open loop p90 " + open.client().p90Us() + " µs");
    assertTrue(closed.client().p99Us() < 50_000, "closed p99 " + closed.client().p99Us() + " µs");
    assertTrue(closed.client().maxUs() >= 200_000, "the stall itself is the closed loop's max");
    assertEquals(1000, open.offeredPerSecond());
    assertTrue(open.keptRate(), open.describeRate());
    assertTrue(Double.isNaN(closed.offeredPerSecond()));
    assertTrue(open.sendLagP99Us() > 50_000, "requests due in the stall were sent late");
  }

  @Test
  void anOpenLoopSaysWhenItCouldNotKeepTheRate() {
    LoadDriver.Outcome outcome =
        LoadDriver.run(
            new LoadDriver.Plan(2, 100, 0, 4000, 1),
            i -> () -> Thread.sleep(2), // two threads at 2 ms each answer at most 1000/s
            LoadDriver.Edges.NONE,
            List::of);
    assertFalse(outcome.keptRate(), outcome.describeRate());
    assertTrue(outcome.describeRate().endsWith("the clients could not keep the rate"));
    assertTrue(outcome.achievedPerSecond() < 1100, outcome.describeRate());
  }

  @Test
  void theOpenLoopOffersItsRateOverTheMeasuredInterval() {
    LoadDriver.Outcome outcome =
        LoadDriver.run(
            new LoadDriver.Plan(4, 250, 10, 2000, 3),
            i -> () -> {},
            LoadDriver.Edges.NONE,
            List::of);
    // 1000 requests at 2000/s: the last is due at 0.5 s.
    assertEquals(0.5, outcome.client().seconds(), 0.05);
    assertTrue(outcome.keptRate(), outcome.describeRate());
  }

  @Test
  void everyThreadMakesItsRequestsAndTheEdgesBracketThem() {
    AtomicLong made = new AtomicLong();
    AtomicLong atStart = new AtomicLong(-1);
    AtomicLong atEnd = new AtomicLong(-1);
    LoadDriver.Outcome outcome =
        LoadDriver.run(
            new LoadDriver.Plan(5, 200, 20, 0, 1),
            i -> made::incrementAndGet,
            new LoadDriver.Edges() {
              @Override
              public void start() {
                atStart.set(made.get());
              }

              @Override
              public Cost end() {
                atEnd.set(made.get());
                return Cost.NONE;
              }
            },
            List::of);
    assertEquals(1000, outcome.client().messages());
    assertEquals(5 * 20, atStart.get(), "the warm-up ends before the measured interval");
    assertEquals(5 * 220, atEnd.get());
    if (CostMeter.accounting() == Cost.Accounting.THREAD) {
      assertTrue(outcome.client().cost().cpuNs() > 0, "the threads' cost is read");
      assertEquals(Cost.Accounting.THREAD, outcome.client().cost().accounting());
    }
  }

  @Test
  void aFailingClientStopsEveryThreadAndNamesTheFailure() {
    AtomicInteger calls = new AtomicInteger();
    TrialFailedException failed =
        assertThrows(
            TrialFailedException.class,
            () ->
                LoadDriver.run(
                    new LoadDriver.Plan(4, 1000, 0, 0, 1),
                    i ->
                        () -> {
                          if (calls.incrementAndGet() == 50) {
                            throw new CorruptTransferException("GET returned the wrong bytes");
                          }
                        },
                    LoadDriver.Edges.NONE,
                    List::of));
    assertTrue(failed.getMessage().contains("GET returned the wrong bytes"), failed.getMessage());
    assertTrue(
        Thread.getAllStackTraces().keySet().stream()
            .noneMatch(t -> t.getName().startsWith("uds-vs-tcp-load-client")),
        "a load thread is left");
  }

  @Test
  void aPlanNeedsClientsRequestsAndARateThatIsNotNegative() {
    assertThrows(IllegalArgumentException.class, () -> new LoadDriver.Plan(0, 1, 0, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new LoadDriver.Plan(1, 0, 0, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new LoadDriver.Plan(1, 1, 0, -5, 1));
    assertThrows(IllegalArgumentException.class, () -> new LoadDriver.Plan(1, 1, 0, Double.NaN, 1));
  }
}
