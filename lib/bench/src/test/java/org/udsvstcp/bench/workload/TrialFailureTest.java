package org.udsvstcp.bench.workload;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.udsvstcp.bench.SocketTestSupport;
import org.udsvstcp.bench.env.Affinity;
import org.udsvstcp.bench.transport.Connection;
import org.udsvstcp.bench.transport.Endpoint;
import org.udsvstcp.bench.transport.Listener;
import org.udsvstcp.bench.transport.PeerClosedException;
import org.udsvstcp.bench.transport.Transport;
import org.udsvstcp.bench.transport.TransportOptions;

/** Timeouts, peers that go away and corrupt transfers give clear errors and leave nothing open. */
class TrialFailureTest extends SocketTestSupport {

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aSenderWhosePeerClosesMidTrialGetsPeerClosed(Transport transport) throws Exception {
    assumeAvailable(transport);
    try (Listener listener = transport.listen()) {
      CompletableFuture<Void> closer =
          CompletableFuture.runAsync(
              () -> {
                try (Connection server = listener.accept()) {
                  server.readFully(ByteBuffer.allocate(1000));
                } catch (IOException e) {
                  throw new RuntimeException(e);
                }
              });
      try (Connection client = listener.endpoint().connect()) {
        PeerClosedException e =
            assertThrows(
                PeerClosedException.class,
                () -> StreamTrial.send(client, 100, Duration.ofSeconds(20), 0));
        assertTrue(e.getMessage().contains("peer closed"), e.getMessage());
      }
      closer.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aServerThatDiesMidTrialFailsTheTrialNamingIt() {
    Peer dying = new ServerThatClosesEarly();
    try (ThreadPeer client = ThreadPeer.start("client", OptionalInt.empty())) {
      TrialSpec spec = TrialSpec.pingPong(Transport.UDS, 64, 1000);
      TrialFailedException e =
          assertThrows(
              TrialFailedException.class,
              () ->
                  Trial.run(
                      spec, TransportOptions.defaults(), dying, client, Duration.ofSeconds(20)));
      assertTrue(e.getMessage().startsWith("pingpong uds 64 B:"), e.getMessage());
      assertInstanceOf(PeerClosedException.class, e.getCause());
    } finally {
      dying.close();
    }
    assertTrue(benchThreads().isEmpty(), benchThreads().toString());
  }

  @Test
  void aTrialPastItsTimeoutStopsWithAClearErrorAndClosesEverything() throws Exception {
    var before = socketDirectories();
    try (ThreadPeer server = ThreadPeer.start("server", OptionalInt.empty());
        ThreadPeer client = ThreadPeer.start("client", OptionalInt.empty())) {
      TrialSpec spec = TrialSpec.stream(Transport.TCP_CLASSIC, 64, Duration.ofSeconds(60));
      long start = System.nanoTime();
      TrialTimeoutException e =
          assertThrows(
              TrialTimeoutException.class,
              () ->
                  Trial.run(
                      spec, TransportOptions.defaults(), server, client, Duration.ofMillis(200)));
      assertTrue(e.getMessage().contains("timeout of 200 ms"), e.getMessage());
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "stopped promptly");
      // The peers are idle again and can run the next trial.
      TrialResult next =
          Trial.run(
              TrialSpec.streamBytes(Transport.UDS, 64, 6400),
              TransportOptions.defaults(),
              server,
              client,
              Duration.ofSeconds(30));
      assertTrue(next.bytes() == 6400);
    }
    assertTrue(benchThreads().isEmpty(), benchThreads().toString());
    assertTrue(before.containsAll(socketDirectories()), "no socket directory left");
  }

  @Test
  void aReceiverDetectsBytesThatAreNotTheSendersPattern() throws Exception {
    try (Listener listener = Transport.UDS.listen()) {
      CompletableFuture<Void> liar =
          CompletableFuture.runAsync(
              () -> {
                try (Connection client = listener.endpoint().connect()) {
                  client.write(new byte[640]);
                  client.shutdownOutput();
                } catch (IOException e) {
                  throw new RuntimeException(e);
                }
              });
      try (Connection server = listener.accept()) {
        CorruptTransferException e =
            assertThrows(CorruptTransferException.class, () -> StreamTrial.receive(server, 64));
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
      }
      liar.get(10, TimeUnit.SECONDS);
    }
  }

  /** A server peer that accepts, reads one message, and closes, as a crashed server would. */
  private static final class ServerThatClosesEarly implements Peer {
    private final ThreadPeer thread = ThreadPeer.start("dying-server", OptionalInt.empty());
    private Listener listener;

    @Override
    public Pending serve(TrialSpec spec, TransportOptions options) {
      Pending pending = Pending.create();
      try {
        listener = spec.transport().listen(options);
        pending.ready().complete(listener.endpoint());
      } catch (IOException e) {
        pending.ready().completeExceptionally(e);
      }
      CompletableFuture.runAsync(
          () -> {
            try (Connection connection = listener.accept()) {
              connection.readFully(ByteBuffer.allocate(spec.size()));
            } catch (IOException e) {
              pending.done().completeExceptionally(e);
            }
          });
      return pending;
    }

    @Override
    public Pending connect(TrialSpec spec, Endpoint endpoint) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void abort() {
      close();
    }

    @Override
    public Affinity.Pinning pinning() {
      return thread.pinning();
    }

    @Override
    public void close() {
      try {
        if (listener != null) {
          listener.close();
        }
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
      thread.close();
    }
  }
}
