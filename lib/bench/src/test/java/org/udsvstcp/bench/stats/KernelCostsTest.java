package org.udsvstcp.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class KernelCostsTest {
  private static final List<String> CATEGORIES =
      List.of(
          "syscall",
          "mitigation",
          "copy",
          "tcp_ip",
          "unix",
          "memory",
          "scheduler",
          "other",
          "user");

  /** A profile table (as KernelProfiles writes it) of one transport and size. */
  private static Table profile(
      String transport, int size, Map<String, Double> ns, double costSystem) {
    Table t =
        Table.create(
            "p",
            StringColumn.create("transport"),
            IntColumn.create("size"),
            StringColumn.create("category"),
            StringColumn.create("label"),
            DoubleColumn.create("ns_per_message"),
            DoubleColumn.create("moved_ns_per_message"),
            LongColumn.create("messages"),
            DoubleColumn.create("perf_kernel_ns_per_message"),
            DoubleColumn.create("perf_user_ns_per_message"),
            DoubleColumn.create("cost_system_ns_per_message"),
            DoubleColumn.create("cost_cpu_ns_per_message"),
            DoubleColumn.create("calls_per_message"),
            DoubleColumn.create("others_ns_per_message"),
            DoubleColumn.create("unnamed_ns_per_message"));
    double kernel = 0;
    for (String c : CATEGORIES) {
      if (!c.equals("user")) {
        kernel += ns.getOrDefault(c, 0.0);
      }
    }
    double user = ns.getOrDefault("user", 0.0);
    for (String c : CATEGORIES) {
      t.stringColumn("transport").append(transport);
      t.intColumn("size").append(size);
      t.stringColumn("category").append(c);
      t.stringColumn("label").append(c.equals("tcp_ip") ? "the TCP/IP path" : c);
      t.doubleColumn("ns_per_message").append(ns.getOrDefault(c, 0.0));
      t.doubleColumn("moved_ns_per_message").append(c.equals("scheduler") ? 100 : 0);
      t.longColumn("messages").append(1000);
      t.doubleColumn("perf_kernel_ns_per_message").append(kernel);
      t.doubleColumn("perf_user_ns_per_message").append(user);
      t.doubleColumn("cost_system_ns_per_message").append(costSystem);
      t.doubleColumn("cost_cpu_ns_per_message").append(costSystem + user);
      t.doubleColumn("calls_per_message").append(2);
      t.doubleColumn("others_ns_per_message").append(0);
      t.doubleColumn("unnamed_ns_per_message").append(10);
    }
    return t;
  }

  private static Table here() {
    return profile(
            "tcp",
            65536,
            Map.of(
                "syscall",
                600.0,
                "copy",
                7000.0,
                "tcp_ip",
                7600.0,
                "scheduler",
                600.0,
                "mitigation",
                20.0,
                "user",
                500.0),
            15000)
        .append(
            profile(
                "uds",
                65536,
                Map.of(
                    "syscall",
                    900.0,
                    "copy",
                    5300.0,
                    "unix",
                    1100.0,
                    "memory",
                    5100.0,
                    "scheduler",
                    2200.0,
                    "mitigation",
                    60.0,
                    "user",
                    600.0),
                14700))
        .append(
            profile(
                "tcp",
                64,
                Map.of(
                    "syscall",
                    460.0,
                    "copy",
                    180.0,
                    "tcp_ip",
                    1260.0,
                    "scheduler",
                    650.0,
                    "user",
                    250.0),
                3000));
  }

  @Test
  void checksTheSamplesAgainstTheCostColumnsWithinTenPercent() {
    Table check = KernelCosts.check(here());
    assertEquals(3, check.rowCount());
    assertEquals(15820 / 15000.0, check.doubleColumn("kernel_ratio").getDouble(0), 1e-9);
    assertTrue(check.booleanColumn("agree").get(0));
    assertFalse(check.booleanColumn("agree").get(2), "2550 against 3000 is 15% off");
    assertEquals(100 / 15820.0, check.doubleColumn("moved_share").getDouble(0), 1e-9);
    assertEquals(
        "samples x period and the cost columns' system time agree within 10% in 2 of 3 profiles"
            + " (the samples' kernel time is 0.85x to 1.05x of the system time)",
        KernelCosts.checkSummary(check));
    Table unsplit = here();
    unsplit.doubleColumn("cost_system_ns_per_message").set(0, Double.NaN);
    assertTrue(
        KernelCosts.checkSummary(KernelCosts.check(unsplit))
            .endsWith(
                "; in 1 the trial held too few timer ticks for the cost columns to split user"
                    + " from system time (a longer trial fixes that)"));
  }

  @Test
  void saysWhichCategoriesMakeTcpsExtraCostAndWhichItSaves() {
    Table extra = KernelCosts.extra(here(), "tcp", "uds", 65536);
    assertEquals(9, extra.rowCount());
    assertEquals(
        List.of("the TCP/IP path (7.60 us)", "copy (1.70 us)"), KernelCosts.largest(extra, 2));
    // At 64 B (tcp against itself, plus a 20 ns crumb) only what matters is named.
    Table crumbs = KernelCosts.extra(here(), "tcp", "uds", 65536);
    crumbs.doubleColumn("extra_ns").set(7, 20.0);
    assertEquals(2, KernelCosts.largest(crumbs, 5).size(), "20 ns beside 7.6 us is left out");
    List<String> said = KernelCosts.whereTheExtraGoes(here(), "tcp", "uds");
    assertEquals(1, said.size(), "64 B has no uds profile to compare with");
    assertTrue(
        said.get(0)
            .startsWith(
                "64 KiB: tcp spends 1.06 us more per message than uds (both ends, from the samples);"
                    + " more in the TCP/IP path (7.60 us) and copy (1.70 us); less in memory (5.10 us)"
                    + " and scheduler (1.60 us)"),
        said.get(0));
  }

  @Test
  void comparesTwoHostsCategoryByCategoryOrSaysWhatIsMissing() {
    Table sweepHere = sweep(19000, 14500);
    Table sweepRef = sweep(21000, 5500);
    List<String> noProfile =
        KernelCosts.compareHosts(
            sweepHere, here(), sweepRef, null, "intel-xeon-2026-11", "tcp", "uds", 65536);
    assertEquals(
        "TCP's cost per 64 KiB message minus UDS's is +4.50 us here and +15.5 us on intel-xeon-2026-11 (both"
            + " ends' CPU time, medians of the sweeps' cost columns)",
        noProfile.get(0));
    assertTrue(
        noProfile
            .get(1)
            .startsWith(
                "where the difference of -11.0 us goes is missing: intel-xeon-2026-11 has no kernel profile"),
        noProfile.get(1));
    Table reference =
        profile("tcp", 65536, Map.of("copy", 3000.0, "tcp_ip", 16000.0, "user", 500.0), 19000)
            .append(
                profile(
                    "uds", 65536, Map.of("copy", 2500.0, "memory", 1500.0, "user", 500.0), 4000));
    List<String> both =
        KernelCosts.compareHosts(
            sweepHere, here(), sweepRef, reference, "ref", "tcp", "uds", 65536);
    assertTrue(both.get(1).startsWith("the profiles put the difference at "), both.get(1));
    // Here TCP's extra is 7.6 us in TCP/IP, there 16 us: the largest part of the difference.
    assertTrue(both.get(1).contains(": -8.40 us in the TCP/IP path, "), both.get(1));
  }

  @Test
  void putsAPriceOnSystemCallEntryAndOnTheMitigationsOwnCode() {
    List<String> said = KernelCosts.entryAndMitigations(here());
    assertTrue(
        said.get(0).startsWith("system call entry and exit: 230 ns to 450 ns per call"),
        said.get(0));
    assertTrue(
        said.get(1)
            .startsWith("mitigation code's own functions (return thunks, retpolines): 0% to 0.4%"),
        said.get(1));
  }

  @Test
  void listsTimePerMessageByCategoryOneColumnPerProfile() {
    Table wide = KernelCosts.byCategory(here());
    assertEquals(List.of("category", "tcp 64 KiB", "uds 64 KiB", "tcp 64 B"), wide.columnNames());
    assertEquals(9, wide.rowCount());
    assertEquals(7600, wide.doubleColumn("tcp 64 KiB").getDouble(3), 1e-9);
  }

  @Test
  void labelsAProfileWithItsMachineSoSeveralAppendIntoOneTable() {
    Table both =
        KernelCosts.labelled(here(), "this run").append(KernelCosts.labelled(here(), "ref"));
    assertEquals("machine", both.columnNames().get(0));
    assertEquals(java.util.Set.of("this run", "ref"), both.stringColumn("machine").asSet());
    assertEquals(2 * here().rowCount(), both.rowCount());
  }

  private static Table sweep(double tcp, double uds) {
    Table t =
        Table.create(
            "s",
            StringColumn.create("transport", "tcp", "uds"),
            IntColumn.create("size", 65536, 65536),
            StringColumn.create("phase", "measured", "measured"),
            LongColumn.create("messages", 1000, 1000),
            DoubleColumn.create("server_cpu_ns", tcp * 500, uds * 500),
            DoubleColumn.create("client_cpu_ns", tcp * 500, uds * 500));
    return t;
  }
}
