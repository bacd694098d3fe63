package org.udsvstcp.bench.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.udsvstcp.bench.SocketTestSupport;
import org.udsvstcp.bench.workload.ConnectTrial;
import org.udsvstcp.bench.workload.Scope;
import org.udsvstcp.bench.workload.Tally;

/** A socket file exists only while a client still has to find it. */
class SocketPathLifetimeTest extends SocketTestSupport {

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"UDS", "UDS_JUNIX"})
  void acceptLastRemovesTheSocketFileAndDirectoryWhileTheConnectionStaysUp(Transport transport)
      throws Exception {
    assumeAvailable(transport);
    try (Listener listener = transport.listen()) {
      Path socket = listener.endpoint().path();
      assertTrue(UnixSocketPaths.isSocket(socket));
      CompletableFuture<Connection> accepted =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return listener.acceptLast();
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              });
      try (Connection client = listener.endpoint().connect();
          Connection server = accepted.get(10, TimeUnit.SECONDS)) {
        assertFalse(Files.exists(socket), "socket file still there after the accept");
        assertFalse(Files.exists(socket.getParent()), "private directory still there");
        client.write(new byte[] {1, 2, 3});
        ByteBuffer buffer = server.allocate(3);
        assertTrue(server.readFully(buffer), "the connection works without its path");
        assertEquals(3, buffer.position());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"UDS", "UDS_JUNIX"})
  void anExplicitPathIsRemovedOnceAndNeverAfterSomeoneElseBindsIt(Transport transport)
      throws Exception {
    assumeAvailable(transport);
    Path path = scratch.resolve("given.sock");
    try (Listener listener = transport.listen(TransportOptions.defaults().withUnixPath(path))) {
      CompletableFuture<Connection> accepted =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return listener.acceptLast();
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              });
      try (Connection client = listener.endpoint().connect();
          Connection server = accepted.get(10, TimeUnit.SECONDS)) {
        assertFalse(Files.exists(path));
        try (Listener next = transport.listen(TransportOptions.defaults().withUnixPath(path))) {
          listener.close();
          assertTrue(UnixSocketPaths.isSocket(path), "closing the first removed the second's path");
        }
      }
    }
    assertFalse(Files.exists(path));
  }

  @Test
  void theConnectWorkloadKeepsThePathUntilItsLastClientIsAccepted() throws Exception {
    try (Listener listener = Transport.UDS.listen();
        Scope serverScope = new Scope();
        Scope clientScope = new Scope()) {
      Path socket = listener.endpoint().path();
      CompletableFuture<Tally> server =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return ConnectTrial.server(listener, 16, 3, serverScope);
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              });
      ConnectTrial.client(listener.endpoint(), 16, 0, 2, clientScope);
      assertTrue(UnixSocketPaths.isSocket(socket), "removed before the last client connected");
      ConnectTrial.client(listener.endpoint(), 16, 0, 1, clientScope);
      assertEquals(3, server.get(10, TimeUnit.SECONDS).messages());
      assertFalse(Files.exists(socket.getParent()));
    }
  }
}
