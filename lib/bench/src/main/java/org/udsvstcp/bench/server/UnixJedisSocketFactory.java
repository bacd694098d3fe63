package org.udsvstcp.bench.server;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** Gives Jedis a junixsocket {@code java.net.Socket} connected to a Redis Unix socket. */
record UnixJedisSocketFactory(Path path, int timeoutMillis) implements JedisSocketFactory {
  @Override
  public Socket createSocket() {
    try {
      AFUNIXSocket socket = AFUNIXSocket.newInstance();
      try {
        socket.connect(AFUNIXSocketAddress.of(path));
        socket.setSoTimeout(timeoutMillis);
        return socket;
      } catch (IOException | RuntimeException e) {
        socket.close();
        throw e;
      }
    } catch (IOException e) {
      throw new JedisConnectionException("cannot connect to " + path + ": " + e.getMessage(), e);
    }
  }
}
