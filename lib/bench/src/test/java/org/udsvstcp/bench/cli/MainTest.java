package org.udsvstcp.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.udsvstcp.bench.SocketTestSupport;
import org.udsvstcp.bench.experiment.Rows;

class MainTest extends SocketTestSupport {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.execute(new PrintWriter(out), new PrintWriter(err), args);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--sizes=64,abc|--sizes",
        "--sizes=0|--sizes",
        "--transports=tcp,udp|--transports",
        "--workload=bulk|--workload",
        "--duration=5x|--duration",
        "--duration=0s|--duration",
        "--trials=0|--trials",
        "--warmup=-1|--warmup",
        "--placement=nowhere|--placement",
        "--isolation=vm|--isolation",
        "--port=70000|--port",
        "--writes-per-message=0|--writes-per-message",
        "--frobnicate|--frobnicate",
      })
  void aUsageErrorExitsTwoNamingTheBadArgument(String argument, String named) {
    assertEquals(2, run("run", argument));
    assertTrue(err.toString().contains(named), err.toString());
    assertTrue(out.toString().isEmpty(), "nothing runs: " + out);
  }

  @Test
  void noCommandIsAUsageError() {
    assertEquals(2, run());
    assertTrue(
        err.toString().contains("compare, profile, model, references or reference-run"),
        err.toString());
  }

  @Test
  void aTinyRunPrintsTheEnvironmentASummaryAndTheRatio() throws Exception {
    var csv = scratch.resolve("run.csv");
    int status =
        run(
            "run",
            "--sizes=64",
            "--bytes=64k",
            "--trials=2",
            "--warmup=0",
            "--placement=scheduler",
            "--seed=1",
            "--out=" + csv);
    assertEquals(0, status, err.toString());
    String text = out.toString();
    assertTrue(text.indexOf("kernel:") < text.indexOf("bytes_per_s"), text);
    assertTrue(text.contains("method: stream: tcp vs uds"), text);
    assertTrue(text.contains("uds/tcp stream 64 B:"), text);
    assertTrue(
        text.contains("cost per message, both ends") || text.contains("cost per message: none ("),
        text);
    assertTrue(err.toString().contains("trial 4/4"), err.toString());
    assertEquals(4, Rows.read(csv).rowCount());
  }

  @Test
  void compareSetsTwoRunsSideBySideAndSaysWhatHeld() throws Exception {
    var csv = scratch.resolve("run.csv");
    assertEquals(
        0,
        run(
            "run",
            "--sizes=64,1k,4k",
            "--bytes=256k",
            "--trials=1",
            "--warmup=0",
            "--placement=scheduler",
            "--seed=1",
            "--out=" + csv),
        err.toString());
    out.getBuffer().setLength(0);
    assertEquals(0, run("compare", csv.toString(), csv.toString()), err.toString());
    String text = out.toString();
    assertTrue(text.contains("kernel:"), text);
    assertTrue(text.contains("tcp: CPU time per message is within 10%"), text);
    assertTrue(text.contains("the shape of the curve holds"), text);
    assertTrue(text.contains("at 3 of 3 sizes (the shape holds)"), text);
  }

  @Test
  void compareRefusesAFileThatIsNotAResultsCsv() throws Exception {
    var other = java.nio.file.Files.writeString(scratch.resolve("notes.csv"), "a,b\n1,2\n");
    assertEquals(2, run("compare", other.toString(), other.toString()));
    assertTrue(err.toString().contains("is not a uds-vs-tcp results CSV"), err.toString());
    assertEquals(2, run("compare", scratch.resolve("missing.csv").toString(), other.toString()));
    assertTrue(err.toString().contains("no such results file"), err.toString());
  }

  @Test
  void aServerRunPrintsEachDepthsRatioAndTheJavaClientBesideItsCTool() throws Exception {
    for (String workload : new String[] {"redis-ping", "redis-benchmark-ping"}) {
      org.junit.jupiter.api.Assumptions.assumeTrue(
          org.udsvstcp.bench.workload.Workload.fromName(workload).missing().isEmpty(),
          workload + " is not installed");
    }
    var csv = scratch.resolve("redis.csv");
    int status =
        run(
            "run",
            "--workload=redis-ping",
            "--also=redis-benchmark-ping",
            "--depths=1,16",
            "--round-trips=300",
            "--trials=2",
            "--warmup=0",
            "--out=" + csv);
    assertEquals(0, status, err.toString());
    String text = out.toString();
    assertTrue(text.contains("uds/tcp redis-ping:"), text);
    assertTrue(text.contains("uds/tcp redis-ping depth 16:"), text);
    assertTrue(text.contains("uds/tcp redis-benchmark-ping depth 16:"), text);
    assertTrue(text.matches("(?s).*\\nPING, 16 per round trip: jedis [0-9.]+x \\(95% CI .*"), text);
    assertTrue(Rows.readComments(csv).stream().anyMatch(c -> c.startsWith("server: redis ")));
    assertEquals(16, Rows.read(csv).rowCount());
  }

  @Test
  void originalPrintsReceivedLinesLikeTheOriginal() {
    int status = run("original", "--duration=30ms", "--isolation=threads");
    assertEquals(0, status, err.toString());
    String text = out.toString();
    assertTrue(
        text.matches("(?s).*tcp: Received \\d+ messages\\..*uds: Received \\d+ messages\\..*"),
        text);
  }

  @Test
  void envPrintsTheEnvironment() {
    assertEquals(0, run("env"));
    assertTrue(out.toString().contains("socket buffers:"), out.toString());
    assertTrue(out.toString().contains("profile:"), out.toString());
  }

  @Test
  void sizesAndDurationsTakeSuffixes() {
    assertEquals(65536, Converters.parseBytes("64k"));
    assertEquals(65536, Converters.parseBytes("64KiB"));
    assertEquals(1 << 20, Converters.parseBytes("1m"));
    assertEquals(1500, Converters.parseDuration("1.5s").toMillis());
    assertEquals(250, Converters.parseDuration("250ms").toMillis());
  }
}
