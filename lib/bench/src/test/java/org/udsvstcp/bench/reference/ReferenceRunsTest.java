package org.udsvstcp.bench.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceRunsTest {

  @TempDir Path root;

  /** Writes a results CSV with the library's header, a run of {@code runId} on {@code cpu}. */
  private Path csv(String dir, String file, String runId, String cpu) throws IOException {
    Path d = Files.createDirectories(root.resolve(dir));
    return Files.writeString(
        d.resolve(file),
        "# uds-vs-tcp results\n"
            + "# note: a test run\n"
            + "# command: make bench ARGS='run'\n"
            + "# run "
            + runId
            + " (teaching profile)\n"
            + "# cpu:            "
            + cpu
            + "\n"
            + "run_id,transport\n"
            + runId
            + ",tcp\n");
  }

  @Test
  void listsEachMachineDirectoryWithItsFilesAndMachineLineOldestFirst() throws IOException {
    csv("intel-xeon-2026-12", ReferenceRuns.STREAM, "20261202T071826-ffb0", "Intel Xeon x 2");
    csv("amd-epyc-2027-01", ReferenceRuns.ROUND_TRIPS, "20270103T101010-aaaa", "AMD EPYC x 2");
    csv("amd-epyc-2027-01", ReferenceRuns.STREAM, "20270103T111010-bbbb", "AMD EPYC x 2");
    List<ReferenceRun> runs = ReferenceRuns.in(root);
    assertEquals(
        List.of("intel-xeon-2026-12", "amd-epyc-2027-01"),
        runs.stream().map(ReferenceRun::name).toList());
    ReferenceRun amd = runs.get(1);
    assertEquals(YearMonth.of(2027, 1), amd.month());
    assertEquals(List.of(ReferenceRuns.STREAM, ReferenceRuns.ROUND_TRIPS), amd.files());
    assertEquals("AMD EPYC x 2", amd.machine());
    assertEquals("make bench ARGS='run'", amd.field(ReferenceRuns.STREAM, "command").orElseThrow());
    assertEquals(
        List.of(
            "intel-xeon-2026-12  03-message-sizes.csv  Intel Xeon x 2",
            "amd-epyc-2027-01  03-message-sizes.csv, 04-round-trips.csv  AMD EPYC x 2"),
        ReferenceRuns.describe(root));
    assertEquals(
        "  run 20270103T101010-aaaa (teaching profile), taken 2027-01-03 10:10 UTC",
        amd.describe(ReferenceRuns.ROUND_TRIPS).get(1));
  }

  @Test
  void theLatestRunOfAFileIsTheNewestThatHoldsIt() throws IOException {
    csv("intel-xeon-2026-12", ReferenceRuns.STREAM, "20261202T071826-ffb0", "Intel Xeon x 2");
    csv("amd-epyc-2027-01", ReferenceRuns.ROUND_TRIPS, "20270103T101010-aaaa", "AMD EPYC x 2");
    assertEquals(
        "intel-xeon-2026-12",
        ReferenceRuns.latest(root, ReferenceRuns.STREAM).orElseThrow().name());
    assertEquals(
        "amd-epyc-2027-01",
        ReferenceRuns.latest(root, ReferenceRuns.ROUND_TRIPS).orElseThrow().name());
    assertFalse(ReferenceRuns.latest(root, "05-connection-setup.csv").isPresent());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ReferenceRuns.in(root).get(0).file(ReferenceRuns.ROUND_TRIPS));
    assertTrue(e.getMessage().contains("has no 04-round-trips.csv"), e.getMessage());
  }

  @Test
  void refusesAFileOutsideAMachineDirectory() throws IOException {
    Files.writeString(root.resolve("03-message-sizes.csv"), "# uds-vs-tcp results\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReferenceRuns.in(root));
    assertTrue(
        e.getMessage().contains("belongs in a directory per machine and time"), e.getMessage());
  }

  @Test
  void refusesADirectoryNotNamedAfterMachineAndMonth() throws IOException {
    csv("intel-xeon", ReferenceRuns.STREAM, "20261202T071826-ffb0", "Intel Xeon x 2");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReferenceRuns.in(root));
    assertTrue(e.getMessage().contains("<machine>-<yyyy>-<mm>"), e.getMessage());
  }

  @Test
  void refusesARunFromAnotherMonthThanItsDirectorySays() throws IOException {
    csv("intel-xeon-2026-11", ReferenceRuns.STREAM, "20261202T071826-ffb0", "Intel Xeon x 2");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReferenceRuns.in(root));
    assertTrue(
        e.getMessage().contains("its run is from 2026-12, but its directory says 2026-11"),
        e.getMessage());
  }

  @Test
  void refusesACsvThatNamesNoMachineOrIsNotTheLibrarys() throws IOException {
    Path d = Files.createDirectories(root.resolve("amd-epyc-2026-12"));
    Files.writeString(
        d.resolve("x.csv"), "# uds-vs-tcp results\n# run 20261203T000000-aaaa\na,b\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReferenceRuns.in(root));
    assertTrue(e.getMessage().contains("names no machine"), e.getMessage());
    Files.writeString(d.resolve("x.csv"), "a,b\n1,2\n");
    e = assertThrows(IllegalArgumentException.class, () -> ReferenceRuns.in(root));
    assertTrue(e.getMessage().contains("not a results CSV of this library"), e.getMessage());
  }

  @Test
  void aRunSaysWhatItLacksAndAcceptsAKernelProfile() throws IOException {
    csv("intel-xeon-2026-12", ReferenceRuns.STREAM, "20261202T071826-ffb0", "Intel Xeon x 2");
    Path amd = csv("amd-epyc-2026-12", ReferenceRuns.STREAM, "20261203T101010-aaaa", "AMD EPYC");
    Files.writeString(
        amd,
        Files.readString(amd)
            .replace(
                "# cpu:            AMD EPYC\n",
                "# cpu:            AMD EPYC\n# cpu id:         family 25 model 1\n"
                    + "# mitigations:    spectre_v2 Retpolines\n"));
    csv("amd-epyc-2026-12", ReferenceRuns.ROUND_TRIPS, "20261203T111010-bbbb", "AMD EPYC");
    Path profile =
        csv("amd-epyc-2026-12", ReferenceRuns.PROFILE, "20261203T121010-cccc", "AMD EPYC");
    Files.writeString(
        profile,
        Files.readString(profile).replace("uds-vs-tcp results", "uds-vs-tcp kernel profile"));
    List<ReferenceRun> runs = ReferenceRuns.in(root);
    ReferenceRun amdRun = runs.get(0);
    assertEquals("AMD EPYC, family 25 model 1", amdRun.machine());
    assertEquals(List.of(), amdRun.missing());
    List<String> intel = runs.get(1).missing();
    assertEquals(3, intel.size(), intel.toString());
    assertTrue(intel.get(0).startsWith("no 64 B round trips"), intel.toString());
    assertTrue(intel.get(1).startsWith("no kernel profile"), intel.toString());
    assertTrue(intel.get(2).startsWith("no CPU identity, mitigations"), intel.toString());
    Files.writeString(profile, "# something else\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReferenceRuns.in(root));
    assertTrue(e.getMessage().contains("not a results CSV of this library"), e.getMessage());
  }

  @Test
  void theCommittedReferenceRunsFollowTheLayout() {
    // lib/bench is the working directory of its tests; the notebooks' reference runs are two up.
    List<ReferenceRun> runs = ReferenceRuns.in(Path.of("../../notebooks/reference"));
    ReferenceRun stream =
        ReferenceRuns.latest(Path.of("../../notebooks/reference"), ReferenceRuns.STREAM)
            .orElseThrow();
    ReferenceRun roundTrips =
        ReferenceRuns.latest(Path.of("../../notebooks/reference"), ReferenceRuns.ROUND_TRIPS)
            .orElseThrow();
    assertFalse(runs.isEmpty());
    for (ReferenceRun run : List.of(stream, roundTrips)) {
      assertFalse(run.machine().isBlank(), run.name());
      for (String file : run.files()) {
        assertTrue(
            run.field(file, "command").isPresent(), run.name() + "/" + file + " names its command");
        assertTrue(run.field(file, "note").isPresent(), run.name() + "/" + file + " has a note");
      }
    }
  }
}
