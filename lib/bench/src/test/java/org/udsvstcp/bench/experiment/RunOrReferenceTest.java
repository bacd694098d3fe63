package org.udsvstcp.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.udsvstcp.bench.BenchException;
import org.udsvstcp.bench.SocketTestSupport;
import org.udsvstcp.bench.transport.Transport;
import org.udsvstcp.bench.workload.Workload;

/** A notebook section runs its experiment here, or shows the committed reference run and why. */
class RunOrReferenceTest extends SocketTestSupport {

  private static Experiment tiny() {
    return Experiment.builder()
        .workload(Workload.STREAM)
        .transports(Transport.TCP, Transport.UDS)
        .sizes(64)
        .byteBudget(6400)
        .warmup(0)
        .trials(2)
        .placement(Placement.SCHEDULER)
        .seed(3)
        .build();
  }

  @Test
  void runsHereWhenEveryTransportCan() {
    Path csv = scratch.resolve("here.csv");
    RunOrReference rows =
        RunOrReference.of(
            tiny(), csv, scratch.resolve("none"), "09-stream.csv", Progress.NONE, Map.of());
    assertTrue(rows.ran());
    assertEquals(4, rows.table().rowCount());
    assertEquals("measured here; the rows are in " + csv, rows.source());
    assertTrue(rows.comments().stream().anyMatch(c -> c.startsWith("cpu:")));
  }

  /** A reference directory of this month (a run's month must be its directory's). */
  private Path referenceRun(Path references, String machine) throws Exception {
    Path dir = references.resolve(machine + "-" + YearMonth.now(ZoneOffset.UTC));
    Files.createDirectories(dir);
    return dir;
  }

  @Test
  void readsTheNewestReferenceHoldingItsFileAndSaysWhyWhenATransportCannotRunHere()
      throws Exception {
    Path references = scratch.resolve("reference");
    // An older machine with the file, and a newer one without it: the run holding it is read.
    Path dir = referenceRun(references, "test-machine");
    Path reference = dir.resolve("09-stream.csv");
    tiny().run(reference, Progress.NONE, List.of("taken on the test's machine"));
    Path other = referenceRun(references, "zz-later-machine");
    tiny().run(other.resolve("03-message-sizes.csv"), Progress.NONE);
    Path csv = scratch.resolve("not-written.csv");
    RunOrReference rows =
        RunOrReference.of(
            tiny(),
            csv,
            references,
            "09-stream.csv",
            Progress.NONE,
            Map.of(Transport.TCP_SOCKMAP, "not root"));
    assertFalse(rows.ran());
    assertFalse(Files.exists(csv), "nothing ran");
    assertEquals(4, rows.table().rowCount());
    assertEquals(Rows.COLUMNS.keySet().stream().toList(), rows.table().columnNames());
    List<String> source = rows.source().lines().toList();
    assertEquals(
        "tcp-sockmap is unavailable here: not root. Not measured here: these are the rows of the"
            + " committed reference run "
            + dir.getFileName()
            + "/09-stream.csv: "
            + Rows.readComments(reference).stream()
                .filter(c -> c.startsWith("cpu:"))
                .findFirst()
                .orElseThrow()
                .substring(4)
                .strip()
            + Rows.readComments(reference).stream()
                .filter(c -> c.startsWith("cpu id:"))
                .findFirst()
                .map(c -> ", " + c.substring(7).strip())
                .orElse(""),
        source.get(0));
    assertTrue(source.get(1).startsWith("  run "), source.toString());
    assertEquals("  note: taken on the test's machine", source.get(2));
    assertEquals(List.of("note: taken on the test's machine"), rows.comments("note"));
    assertEquals("  (the committed reference run's numbers, not measured here)", rows.note());
  }

  @Test
  void withoutAReferenceItSaysBoth() throws Exception {
    Path references = Files.createDirectories(scratch.resolve("no-references"));
    BenchException e =
        assertThrows(
            BenchException.class,
            () ->
                RunOrReference.of(
                    tiny(),
                    scratch.resolve("x.csv"),
                    references,
                    "09-pingpong.csv",
                    Progress.NONE,
                    Map.of(Transport.TCP_VETH, "ip is not installed")));
    assertEquals(
        "tcp-veth is unavailable here: ip is not installed; and no reference run under "
            + references
            + " holds 09-pingpong.csv",
        e.getMessage());
  }
}
