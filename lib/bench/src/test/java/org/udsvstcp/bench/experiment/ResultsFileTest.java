package org.udsvstcp.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.udsvstcp.bench.SocketTestSupport;
import org.udsvstcp.bench.transport.Transport;
import org.udsvstcp.bench.workload.Workload;

/** A results file that cannot be written stops the run before its first trial, saying why. */
class ResultsFileTest extends SocketTestSupport {
  private final AtomicInteger trialsRun = new AtomicInteger();

  private ExperimentException runInto(Path csv) {
    Experiment experiment =
        Experiment.builder()
            .workload(Workload.STREAM)
            .transports(Transport.TCP, Transport.UDS)
            .sizes(64)
            .byteBudget(640)
            .warmup(0)
            .trials(1)
            .placement(Placement.SCHEDULER)
            .build();
    return assertThrows(
        ExperimentException.class,
        () -> experiment.run(csv, (index, total, row) -> trialsRun.incrementAndGet()));
  }

  private void assertStoppedBeforeAnyTrial(ExperimentException e, Path csv, String reason) {
    assertEquals(0, trialsRun.get(), "a trial ran");
    assertEquals(0, e.results().table().rowCount());
    ResultsFileException cause = assertInstanceOf(ResultsFileException.class, e.getCause());
    assertEquals(csv, cause.file());
    assertTrue(e.getMessage().contains(csv.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(reason), e.getMessage());
    assertTrue(e.getMessage().endsWith("no trial ran"), e.getMessage());
    assertFalse(e.getMessage().contains("kept"), "claims rows are kept: " + e.getMessage());
  }

  @Test
  void aPathThatIsADirectoryIsRefusedAndLeftAlone() throws Exception {
    Path directory = Files.createDirectory(scratch.resolve("results.csv"));
    assertStoppedBeforeAnyTrial(runInto(directory), directory, "it is a directory");
    assertTrue(Files.isDirectory(directory));
  }

  @Test
  void aFullDiskFailsWithNoSpaceLeftBeforeAnyTrial() {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.exists(full), "no /dev/full on this machine");
    assertStoppedBeforeAnyTrial(runInto(full), full, "no space left on device");
  }

  @Test
  void aDirectoryThatCannotHoldFilesIsNamedWithTheReason() {
    Path csv = Path.of("/proc/nope.csv");
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "no /proc on this machine");
    assertStoppedBeforeAnyTrial(runInto(csv), csv, "/proc exists but cannot hold new files");
  }

  @Test
  void aReadOnlyDirectoryFailsWithPermissionDenied() throws Exception {
    assumeFalse(
        "root".equals(System.getProperty("user.name")),
        "root may write into a read-only directory; tests/cli covers it as another user");
    Path readOnly = Files.createDirectory(scratch.resolve("read-only"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      Path csv = readOnly.resolve("run.csv");
      assertStoppedBeforeAnyTrial(runInto(csv), csv, "permission denied");
      assertFalse(Files.exists(csv));
    } finally {
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void aFileTheUserMadeIsNeverOverwritten() throws Exception {
    Path mine = Files.writeString(scratch.resolve("mine.csv"), "a,b\n1,2\n");
    ExperimentException e = runInto(mine);
    assertStoppedBeforeAnyTrial(e, mine, "refusing to overwrite " + mine);
    assertEquals("a,b\n1,2\n", Files.readString(mine));
  }
}
