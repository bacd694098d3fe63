package org.udsvstcp.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
        RunOrReference.of(tiny(), csv, scratch.resolve("none.csv"), Progress.NONE, Map.of());
    assertTrue(rows.ran());
    assertEquals(4, rows.table().rowCount());
    assertEquals("measured here; the rows are in " + csv, rows.source());
    assertTrue(rows.comments().stream().anyMatch(c -> c.startsWith("cpu:")));
  }

  @Test
  void readsTheReferenceAndSaysWhyWhenATransportCannotRunHere() throws Exception {
    Path reference = scratch.resolve("reference.csv");
    tiny().run(reference, Progress.NONE, List.of("taken on the test's machine"));
    Path csv = scratch.resolve("not-written.csv");
    RunOrReference rows =
        RunOrReference.of(
            tiny(), csv, reference, Progress.NONE, Map.of(Transport.TCP_SOCKMAP, "not root"));
    assertFalse(rows.ran());
    assertFalse(Files.exists(csv), "nothing ran");
    assertEquals(4, rows.table().rowCount());
    assertEquals(Rows.COLUMNS.keySet().stream().toList(), rows.table().columnNames());
    assertTrue(
        rows.source()
            .startsWith(
                "tcp-sockmap is unavailable here: not root. Not measured here: these are the rows"
                    + " of the committed reference run "
                    + reference
                    + " (run "),
        rows.source());
    assertTrue(rows.source().contains("; cpu:"), rows.source());
    assertEquals(List.of("note: taken on the test's machine"), rows.comments("note"));
    assertEquals("  (the committed reference run's numbers, not measured here)", rows.note());
  }

  @Test
  void withoutAReferenceItSaysBoth() {
    BenchException e =
        assertThrows(
            BenchException.class,
            () ->
                RunOrReference.of(
                    tiny(),
                    scratch.resolve("x.csv"),
                    scratch.resolve("missing.csv"),
                    Progress.NONE,
                    Map.of(Transport.TCP_VETH, "ip is not installed")));
    assertTrue(
        e.getMessage()
            .equals(
                "tcp-veth is unavailable here: ip is not installed; and there is no reference run at "
                    + scratch.resolve("missing.csv")),
        e.getMessage());
  }
}
