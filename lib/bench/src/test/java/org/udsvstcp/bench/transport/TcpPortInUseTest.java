package org.udsvstcp.bench.transport;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.udsvstcp.bench.SocketTestSupport;

class TcpPortInUseTest extends SocketTestSupport {

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"TCP", "TCP_CLASSIC"})
  void aPortWithALiveListenerIsAddressInUseNamingThePort(Transport transport) throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      int port = taken.getLocalPort();
      AddressInUseException e =
          assertThrows(
              AddressInUseException.class,
              () -> transport.listen(TransportOptions.defaults().withPort(port)));
      assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    }
  }
}
