package org.udsvstcp.bench.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.udsvstcp.bench.SocketTestSupport;

class TransportTest extends SocketTestSupport {

  @Test
  void fromNameAcceptsLabelsAndRejectsOthersNamingTheValidOnes() {
    assertEquals(Transport.UDS_JUNIX, Transport.fromName("uds-junix"));
    assertEquals(Transport.TCP_CLASSIC, Transport.fromName("TCP_CLASSIC"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Transport.fromName("udp"));
    assertTrue(e.getMessage().contains("tcp, uds, uds-junix, tcp-classic"), e.getMessage());
  }

  @Test
  void eachPairDiffersOnlyInTheAddressFamily() {
    for (Transport transport : Transport.values()) {
      Transport other = transport.counterpart();
      assertEquals(transport.api(), other.api());
      assertFalse(transport.family() == other.family());
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void movesBytesBothWays(Transport transport) throws Exception {
    assumeAvailable(transport);
    try (Listener listener = transport.listen()) {
      CompletableFuture<byte[]> echoed =
          CompletableFuture.supplyAsync(
              () -> {
                try (Connection server = listener.accept()) {
                  byte[] bytes = new byte[5];
                  ByteBuffer buffer = ByteBuffer.wrap(bytes);
                  assertTrue(server.readFully(buffer));
                  server.write(bytes);
                  return bytes;
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              });
      try (Connection client = listener.endpoint().connect()) {
        client.write("hello".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer back = client.allocate(5);
        assertTrue(client.readFully(back));
        byte[] bytes = new byte[5];
        back.flip().get(bytes);
        assertEquals("hello", new String(bytes, StandardCharsets.US_ASCII));
        assertArrayEquals(bytes, echoed.get(10, TimeUnit.SECONDS));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"UDS", "UDS_JUNIX"})
  void unixSocketsLiveInAPrivateDirectoryThatCloseRemoves(Transport transport) throws Exception {
    assumeAvailable(transport);
    Path socket;
    try (Listener listener = transport.listen()) {
      socket = listener.endpoint().path();
      Path directory = socket.getParent();
      assertTrue(directory.getFileName().toString().startsWith(SocketDirectory.PREFIX));
      assertEquals(
          "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
      assertTrue(UnixSocketPaths.isSocket(socket));
    }
    assertFalse(Files.exists(socket));
    assertFalse(Files.exists(socket.getParent()));
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"TCP", "TCP_CLASSIC"})
  void tcpBindsLoopbackWithNodelayByDefault(Transport transport) throws Exception {
    try (Listener listener = transport.listen()) {
      assertEquals("127.0.0.1", listener.endpoint().host());
      assertTrue(listener.endpoint().port() > 0);
      assertTrue(listener.endpoint().nodelay());
    }
  }

  @Test
  void endpointsSurviveTheirTextForm() {
    Endpoint unix = new Endpoint(Transport.UDS, null, 0, scratch.resolve("a b,c.sock"), false);
    assertEquals(unix, Endpoint.decode(unix.encode()));
    Endpoint tcp = new Endpoint(Transport.TCP, "127.0.0.1", 4000, null, true);
    assertEquals(tcp, Endpoint.decode(tcp.encode()));
  }
}
