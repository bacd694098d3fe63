package org.udsvstcp.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.udsvstcp.bench.Profile;
import org.udsvstcp.bench.SocketTestSupport;
import org.udsvstcp.bench.experiment.KernelProfile;
import org.udsvstcp.bench.experiment.KernelProfiles;
import org.udsvstcp.bench.experiment.Rows;
import org.udsvstcp.bench.route.PrivateRoute;
import tech.tablesaw.api.Table;

/** The commands of a machine's picture: model, profile and reference-run (adding a machine). */
class MachineCommandsTest extends SocketTestSupport {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private String profileBefore;

  @BeforeEach
  void quickProfile() {
    profileBefore = System.getProperty(Profile.PROPERTY);
    System.setProperty(Profile.PROPERTY, "quick");
  }

  @AfterEach
  void restoreProfile() {
    if (profileBefore == null) {
      System.clearProperty(Profile.PROPERTY);
    } else {
      System.setProperty(Profile.PROPERTY, profileBefore);
    }
  }

  private int run(String... args) {
    return Main.execute(new PrintWriter(out), new PrintWriter(err), args);
  }

  /** A results CSV whose costs are fixed + per-byte: tcp 3000 + 0.3/B, uds 2000 + 0.25/B. */
  private Path sweep() throws Exception {
    StringBuilder csv = new StringBuilder(Rows.CSV_SIGNATURE + "\n# cpu: made up\n");
    csv.append(
        "run_id,workload,transport,size,phase,round,messages,server_cpu_ns,client_cpu_ns,"
            + "bytes_per_s\n");
    for (int round = 0; round < 3; round++) {
      for (int size : List.of(64, 4096, 65536, 1048576)) {
        for (String t : List.of("tcp", "uds")) {
          double cost = t.equals("tcp") ? 3000 + 0.3 * size : 2000 + 0.25 * size;
          csv.append(
                  String.join(
                      ",",
                      "r",
                      "stream",
                      t,
                      Integer.toString(size),
                      "measured",
                      Integer.toString(round),
                      "1000",
                      Double.toString(cost * 500),
                      Double.toString(cost * 500),
                      Double.toString(size * 1e9 / cost)))
              .append('\n');
        }
      }
    }
    Path file = scratch.resolve("sweep.csv");
    Files.writeString(file, csv);
    return file;
  }

  @Test
  void modelPrintsThePredictedRatioBesideTheMeasuredAtEverySize() throws Exception {
    assertEquals(0, run("model", sweep().toString()), err.toString());
    String text = out.toString();
    assertTrue(text.contains("uds/tcp throughput ratio: predicted from 64 B and 64 KiB"), text);
    assertTrue(text.matches("(?s).*\n4 KiB +4229 ns +4229 ns +3024 ns +3024 ns +1.40x .*"), text);
    assertTrue(
        text.contains(
            "- fixed plus per-byte, fitted at 64 B and 64 KiB, predicts the uds/tcp ratio within"
                + " 10% at 4 KiB, 1 MiB; it misses at no size"),
        text);
  }

  @Test
  void modelRefusesAFileThatIsNotAResultsFile() throws Exception {
    Path other = scratch.resolve("other.csv");
    Files.writeString(other, "a,b\n1,2\n");
    assertEquals(2, run("model", other.toString()));
    assertTrue(err.toString().contains("is not a uds-vs-tcp results CSV"), err.toString());
  }

  @Test
  void referenceRefusesABadNameAndAnExistingReference() throws Exception {
    assertEquals(2, run("reference-run", "--dir=" + scratch, "AMD EPYC"));
    assertTrue(err.toString().contains("NAME must be <machine>-<yyyy>-<mm>"), err.toString());
    Path existing = Files.createDirectories(scratch.resolve("amd-epyc-2026-12"));
    Path mine = Files.writeString(existing.resolve("03-message-sizes.csv"), "mine\n");
    assertEquals(2, run("reference-run", "--dir=" + scratch, "amd-epyc-2026-12"));
    assertTrue(err.toString().contains("already exists"), err.toString());
    assertEquals("mine\n", Files.readString(mine), "a reference is never replaced");
  }

  @Test
  void namedStepsGoIntoAnExistingReferenceAndNeverReplaceAFile() throws Exception {
    Path dir = Files.createDirectories(scratch.resolve("test-machine-2026-12"));
    Path mine = Files.writeString(dir.resolve("03-message-sizes.csv"), "mine\n");
    assertEquals(
        2,
        run("reference-run", "--dir=" + scratch, "--steps=05-nothing.csv", "test-machine-2026-12"));
    assertTrue(
        err.toString().contains("--steps: no step writes '05-nothing.csv'; the steps are"),
        err.toString());
    // Only the named step runs; the file already there is left alone.
    assertEquals(
        0,
        run(
            "reference-run",
            "--dir=" + scratch,
            "--note=busy machine",
            "--steps=04-round-trips.csv",
            "test-machine-2026-12"),
        out + "\n" + err);
    try (var files = Files.list(dir)) {
      assertEquals(
          List.of("03-message-sizes.csv", "04-round-trips.csv"),
          files.map(f -> f.getFileName().toString()).sorted().toList());
    }
    assertEquals("mine\n", Files.readString(mine));
    Path trips = dir.resolve("04-round-trips.csv");
    assertTrue(
        Rows.readComments(trips)
            .get(2)
            .startsWith(
                "command: make reference NAME=test-machine-2026-12 NOTE='busy machine'"
                    + " STEPS=04-round-trips.csv (that is: uds-vs-tcp run --workload=pingpong"),
        Rows.readComments(trips).toString());
    String written = Files.readString(trips);
    // A named file that exists refuses the whole command before anything runs.
    assertEquals(
        2,
        run(
            "reference-run",
            "--dir=" + scratch,
            "--steps=09-pingpong.csv,04-round-trips.csv",
            "test-machine-2026-12"));
    assertTrue(
        err.toString().contains(trips + " already exists: this command never replaces"),
        err.toString());
    assertEquals(written, Files.readString(trips));
    assertFalse(Files.exists(dir.resolve("09-pingpong.csv")), "nothing ran");
  }

  @Test
  void addingAMachineIsOneCommandThatWritesEveryStepWithTheMachineInItsHeader() throws Exception {
    int status =
        run("reference-run", "--dir=" + scratch, "--note=busy machine", "test-machine-2026-12");
    Path dir = scratch.resolve("test-machine-2026-12");
    Path sweep = dir.resolve("03-message-sizes.csv");
    assertTrue(Files.isRegularFile(sweep), out + "\n" + err);
    List<String> header = Rows.readComments(sweep);
    assertEquals("uds-vs-tcp results", header.get(0), "the signature stays first");
    assertTrue(header.get(1).startsWith("note: notebook 03's Experiment 1"), header.toString());
    assertTrue(
        header.get(1).endsWith("part of reference run test-machine-2026-12: busy machine"),
        header.toString());
    assertTrue(
        header
            .get(2)
            .startsWith("command: make reference NAME=test-machine-2026-12 NOTE='busy machine'"),
        header.toString());
    for (String line : List.of("cpu:", "cpu id:", "mitigations:", "timer:", "clocksource:")) {
      assertTrue(header.stream().anyMatch(h -> h.startsWith(line)), line + " in " + header);
    }
    Table rows = Rows.read(sweep);
    assertEquals(36, rows.stringColumn("phase").isEqualTo("measured").size(), "one quick round");
    Table trips = Rows.read(dir.resolve("04-round-trips.csv"));
    assertEquals(
        4, trips.stringColumn("phase").isEqualTo("measured").size(), "4 transports, 1 round");
    assertEquals(
        "command: make reference NAME=test-machine-2026-12 NOTE='busy machine' (that is: uds-vs-tcp run"
            + " --workload=pingpong --transports=tcp,uds,uds-junix,tcp-classic --sizes=64"
            + " --round-trips=200 --trials=1 --warmup=0 --placement=same-core --seed=13)",
        Rows.readComments(dir.resolve("04-round-trips.csv")).get(2),
        "each file says the command that made it");
    Optional<String> noRoutes =
        PrivateRoute.Kind.SOCKMAP.unavailable().or(PrivateRoute.Kind.VETH::unavailable);
    if (noRoutes.isPresent()) {
      assertEquals(1, status, "notebook 09's steps fail where the routes cannot be built");
      assertTrue(err.toString().contains("09-stream.csv"), err.toString());
      assertTrue(err.toString().contains("09-pingpong.csv"), err.toString());
    } else {
      for (String file : List.of("09-stream.csv", "09-pingpong.csv")) {
        Table routed = Rows.read(dir.resolve(file));
        assertEquals(
            List.of("tcp", "tcp-sockmap", "tcp-veth", "uds"),
            routed.stringColumn("transport").unique().asList().stream().sorted().toList(),
            file);
        assertTrue(
            Rows.readComments(dir.resolve(file)).get(2).contains("--isolation=processes"), file);
      }
    }
    Path profile = dir.resolve("08-kernel-profile.csv");
    if (KernelProfile.unavailable().isPresent()) {
      assertEquals(1, status, "the profile step fails where perf cannot sample");
      assertTrue(err.toString().contains("08-kernel-profile.csv"), err.toString());
      return;
    }
    assertEquals(noRoutes.isPresent() ? 1 : 0, status, out + "\n" + err);
    Table table = KernelProfiles.read(profile);
    assertEquals(
        2 * 3 * 10, table.rowCount(), "tcp, uds x 64 B, 4 KiB, 64 KiB x 9 categories + user");
    assertTrue(
        Rows.readComments(profile)
            .get(1)
            .endsWith("part of reference run test-machine-2026-12: busy machine"));
    assertTrue(out.toString().contains("the check: kernel time per message"), out.toString());
  }

  @Test
  void profileRefusesTheRouteTransportsWhoseEndsRunOnlyInProcesses() {
    assertEquals(
        2, run("profile", "--transports=tcp,tcp-sockmap", "--out=" + scratch.resolve("p")));
    assertTrue(
        err.toString().contains("tcp-sockmap cannot be profiled here: the profile command samples"),
        err.toString());
    assertFalse(Files.exists(scratch.resolve("p")));
  }

  @Test
  void profilePrintsTheCheckTheCategoriesAndWhereTcpsExtraCostGoes() throws Exception {
    assumeTrue(
        KernelProfile.unavailable().isEmpty(), KernelProfile.unavailable().orElse("available"));
    Path csv = scratch.resolve("profile.csv");
    assertEquals(
        0, run("profile", "--sizes=64,64k", "--duration=200ms", "--out=" + csv), out + "\n" + err);
    String text = out.toString();
    // (a 200 ms trial may be too short for the cost columns' user/system split: then "-" and n/a)
    assertTrue(
        text.matches("(?s).*\ntcp +64 B +\\d+ ns +(\\d+ ns|-) +([0-9.]+|-) +(yes|NO|n/a) .*"),
        text);
    assertTrue(text.contains("the TCP/IP path"), text);
    assertTrue(text.matches("(?s).*\n- 64 KiB: tcp spends .* per message than uds .*"), text);
    assertTrue(text.contains("- system call entry and exit: "), text);
    assertEquals(2 * 2 * 10, KernelProfiles.read(csv).rowCount());
  }
}
