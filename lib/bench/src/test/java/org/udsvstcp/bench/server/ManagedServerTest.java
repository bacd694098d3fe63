package org.udsvstcp.bench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.udsvstcp.bench.ServerTestSupport;
import org.udsvstcp.bench.env.Affinity;
import org.udsvstcp.bench.transport.Transport;

/** A server the library starts is private, pinned, answers over both families and is stopped. */
class ManagedServerTest extends ServerTestSupport {

  @ParameterizedTest
  @EnumSource(ServerKind.class)
  void startsPrivatelyPinnedAndLeavesNothingWhenClosed(ServerKind kind) throws Exception {
    assumeInstalled(kind);
    assumePinning();
    int cpu = Affinity.allowedCpus().get(0);
    Path directory;
    long pid;
    try (ManagedServer server = ManagedServer.start(kind, OptionalInt.of(cpu))) {
      directory = server.directory();
      pid = server.pid();
      assertTrue(alive(pid));
      assertEquals("rwx------", permissions(directory));
      assertTrue(server.pinning().pinned(), server.pinning().description());
      assertEquals(
          Integer.toString(cpu), status(pid, "Cpus_allowed_list"), "the server runs on its CPU");
      assertTrue(Files.exists(server.socketPath()));
      assertNotEquals("unknown", server.version());
      for (Transport transport : new Transport[] {Transport.UDS, Transport.TCP}) {
        if (kind == ServerKind.REDIS) {
          RedisConnections.ping(server.endpoint(transport));
        } else {
          PostgresConnections.selectOne(server.endpoint(transport));
        }
      }
      if (kind == ServerKind.POSTGRESQL && ManagedServer.isRoot()) {
        assertNotEquals(
            "0", status(pid, "Uid").split("\\s+")[0], "PostgreSQL must not run as root");
      }
    }
    assertFalse(alive(pid), "the server still runs after close");
    assertFalse(Files.exists(directory), "its directory is left: " + directory);
    assertEquals(java.util.List.of(), processesUsing(directory));
  }

  private static String permissions(Path directory) throws Exception {
    return java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(directory));
  }

  private static String status(long pid, String field) throws Exception {
    for (String line :
        Files.readAllLines(Path.of("/proc/" + pid + "/status"), StandardCharsets.UTF_8)) {
      if (line.startsWith(field + ":")) {
        return line.substring(field.length() + 1).strip();
      }
    }
    throw new AssertionError(field + " not in /proc/" + pid + "/status");
  }
}
