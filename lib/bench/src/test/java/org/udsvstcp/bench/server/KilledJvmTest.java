package org.udsvstcp.bench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.udsvstcp.bench.ServerTestSupport;
import org.udsvstcp.bench.workload.Workload;

/**
 * A JVM killed with SIGKILL mid-trial (as a kernel restart does) leaves no server process, socket
 * file or data directory behind: each server's watchdog sees its pipe close and cleans up.
 */
class KilledJvmTest extends ServerTestSupport {

  @Test
  void serversDieAndTheirDirectoriesGoWhenTheJvmIsKilledMidTrial() throws Exception {
    assumeInstalled(Workload.REDIS_PING);
    assumeInstalled(Workload.PG_SELECT1);
    // The child's temp directory: everything the library creates lands here, so what is left is
    // exactly what the killed JVM leaked. PostgreSQL's user must be able to pass through it.
    Path tmp = Files.createDirectory(scratch.resolve("tmp"));
    Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path csv = scratch.resolve("rows.csv");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData",
                "-Djava.io.tmpdir=" + tmp,
                "-cp",
                System.getProperty("java.class.path"),
                "org.udsvstcp.bench.cli.Main",
                "run",
                "--workload",
                "pg-select1",
                "--also",
                "redis-ping,redis-benchmark-ping",
                "--round-trips",
                "2000",
                "--warmup",
                "0",
                "--trials",
                "100000",
                "--out",
                csv.toString()));
    Process jvm =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(scratch.resolve("child.log").toFile())
            .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (dataRows(csv) < 3) {
        assertTrue(jvm.isAlive(), () -> "the run ended early:\n" + log());
        assertTrue(System.nanoTime() < deadline, () -> "no trial finished:\n" + log());
        Thread.sleep(50);
      }
      List<String> servers = processesUsing(tmp);
      assertTrue(servers.size() >= 2, "both servers run under " + tmp + ": " + servers);
    } finally {
      jvm.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs in the child
      jvm.waitFor();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while ((!processesUsing(tmp).isEmpty() || !entries(tmp).isEmpty())
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(List.of(), processesUsing(tmp), "processes left");
    assertEquals(List.of(), entries(tmp), "files left in the killed JVM's temp directory");
  }

  private String log() {
    try {
      return Files.readString(scratch.resolve("child.log"), StandardCharsets.UTF_8);
    } catch (Exception e) {
      return "(no log)";
    }
  }

  private static long dataRows(Path csv) throws Exception {
    if (!Files.exists(csv)) {
      return 0;
    }
    try (Stream<String> lines = Files.lines(csv)) {
      return lines.filter(l -> !l.startsWith("#")).count() - 1;
    }
  }

  private static List<String> entries(Path dir) throws Exception {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> !p.equals(dir)).map(Path::toString).toList();
    }
  }
}
