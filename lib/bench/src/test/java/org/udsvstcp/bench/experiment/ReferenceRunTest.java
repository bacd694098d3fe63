package org.udsvstcp.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class ReferenceRunTest {
  @TempDir Path references;

  /** The committed Intel reference, from before the machine lines and the profile existed. */
  private static final Path INTEL =
      Path.of("../../notebooks/reference/intel-xeon-2026-11/03-message-sizes.csv");

  @Test
  void findsEveryMachinesRunAndSaysWhatAnOlderOneLacks() throws Exception {
    Files.createDirectories(references.resolve("intel-xeon-2026-11"));
    Files.copy(INTEL, references.resolve("intel-xeon-2026-11").resolve(ReferenceRun.SWEEP));
    Path amd = Files.createDirectories(references.resolve("amd-epyc-2026-12"));
    Files.writeString(
        amd.resolve(ReferenceRun.SWEEP),
        Files.readString(INTEL)
            .replace(
                "# cpu:            Intel(R) Xeon(R) Processor x 2 (allowed: 0,1)\n",
                "# cpu:            AMD EPYC x 2 (allowed: 0,1)\n"
                    + "# cpu id:         AuthenticAMD family 25 model 1 stepping 1, microcode 0x1\n"
                    + "# mitigations:    spectre_v2 Retpolines; vulnerable: none; not affected: 1\n"));
    KernelProfiles.write(
        amd.resolve(ReferenceRun.PROFILE),
        KernelProfiles.table(List.of(), "run"),
        "nothing sampled",
        List.of("note: a test"));
    Files.createDirectories(references.resolve("empty-directory"));

    List<ReferenceRun> runs = ReferenceRun.in(references);
    assertEquals(
        List.of("amd-epyc-2026-12", "intel-xeon-2026-11"),
        runs.stream().map(ReferenceRun::name).toList());
    ReferenceRun intel = runs.get(1);
    assertEquals("Intel(R) Xeon(R) Processor x 2 (allowed: 0,1)", intel.machine());
    assertEquals(2, intel.missing().size(), intel.missing().toString());
    assertTrue(intel.missing().get(0).startsWith("no kernel profile"));
    assertTrue(intel.profileTable().isEmpty());
    Table rows = intel.sweepRows();
    assertTrue(rows.rowCount() > 200);
    ReferenceRun machine = runs.get(0);
    assertEquals(
        "AMD EPYC x 2 (allowed: 0,1), AuthenticAMD family 25 model 1 stepping 1, microcode 0x1",
        machine.machine());
    assertEquals(List.of(), machine.missing());
    assertEquals(0, machine.profileTable().orElseThrow().rowCount());
  }

  @Test
  void noReferenceDirectoryMeansNoRuns() throws Exception {
    assertEquals(List.of(), ReferenceRun.in(references.resolve("absent")));
  }
}
