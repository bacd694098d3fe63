package org.udsvstcp.bench.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpStatesTest {

  private static final String HEADER =
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout"
          + " inode";

  @Test
  void readsTheLocalPortOfEveryTimeWaitRowOfBothTableFormats() {
    List<String> lines =
        List.of(
            HEADER,
            "   0: 0100007F:1F90 0100007F:C350 06 00000000:00000000 03:00000F9C 00000000     0    "
                + "    0 0 3 0000000000000000",
            "   1: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0    "
                + "    0 123 1 0000000000000000 100 0 0 10 0",
            "   2: 0000000000000000FFFF00000100007F:A000 0000000000000000FFFF00000100007F:1F90 06"
                + " 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000");
    assertEquals(List.of(8080, 40960), TcpStates.timeWaitPorts(lines));
    assertEquals(List.of(), TcpStates.timeWaitPorts(List.of(HEADER)));
    assertEquals(List.of(), TcpStates.timeWaitPorts(List.of()));
  }

  @Test
  void parsesThePortRangeWhateverTheWhitespace() {
    assertArrayEquals(new int[] {32768, 60999}, TcpStates.parseRange("32768\t60999\n"));
    assertThrows(IllegalArgumentException.class, () -> TcpStates.parseRange("32768"));
  }

  @Test
  void readsThisMachinesPortRange() throws Exception {
    assumeTrue(
        Files.exists(Path.of("/proc/sys/net/ipv4/ip_local_port_range")), "not Linux: no /proc");
    int[] range = TcpStates.ephemeralPortRange();
    assertTrue(0 < range[0] && range[0] <= range[1] && range[1] <= 65535);
    assertEquals(range[1] - range[0] + 1, TcpStates.ephemeralPortCount());
  }

  @Test
  void aServerThatClosesFirstKeepsTheConnectionInTimeWaitOnItsPort() throws Exception {
    assumeTrue(Files.exists(Path.of("/proc/net/tcp")), "not Linux: no /proc/net/tcp");
    int port;
    try (ServerSocketChannel listener = ServerSocketChannel.open()) {
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
      try (SocketChannel client = SocketChannel.open(listener.getLocalAddress())) {
        listener.accept().close();
        // The client reads the server's FIN, then closes: the server's side ends in TIME_WAIT.
        assertEquals(-1, client.read(ByteBuffer.allocate(1)));
      }
    }
    // The last ACK is processed asynchronously; wait for the state with a bound, not a sleep.
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!TcpStates.timeWaitByPort().containsKey(port) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertTrue(TcpStates.timeWaitByPort().getOrDefault(port, 0) >= 1, "port " + port);
    assertTrue(TcpStates.timeWaitCount() >= 1);
  }
}
