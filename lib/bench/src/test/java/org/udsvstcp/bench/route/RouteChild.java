package org.udsvstcp.bench.route;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The child process of the route tests, started inside a route by its launcher. It answers in lines
 * on standard output:
 *
 * <ul>
 *   <li>{@code serve HOST BYTES}: listens on HOST at a free port ("PORT n"), accepts one client,
 *       reads BYTES bytes of the test pattern, checks them, acknowledges with one byte ("GOT n");
 *   <li>{@code send HOST PORT BYTES}: connects, sends BYTES bytes in 1000-byte writes, waits for
 *       the acknowledgement ("SENT n");
 *   <li>{@code pair BYTES}: both of these in one process on 127.0.0.1 ("GOT n");
 *   <li>{@code open sockmap|veth}: sets a route up, prints "OPEN" and its description, then waits
 *       for its input to end (for the tests that kill it);
 *   <li>{@code unavailable}: prints each route's reason ("sockmap: ...", "veth: ...").
 * </ul>
 *
 * Before anything else it prints "HELLO" and waits for a line, so a test can check where it runs
 * before it makes a socket.
 */
public final class RouteChild {
  private RouteChild() {}

  /** Runs one command. */
  public static void main(String[] args) throws Exception {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.out.println("HELLO");
    System.out.flush();
    in.readLine();
    switch (args[0]) {
      case "serve" -> {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
          server.bind(new InetSocketAddress(args[1], 0));
          System.out.println("PORT " + ((InetSocketAddress) server.getLocalAddress()).getPort());
          System.out.flush();
          try (SocketChannel channel = server.accept()) {
            System.out.println("GOT " + receive(channel, Long.parseLong(args[2])));
          }
        }
      }
      case "send" -> {
        try (SocketChannel channel =
            SocketChannel.open(new InetSocketAddress(args[1], Integer.parseInt(args[2])))) {
          System.out.println("SENT " + send(channel, Long.parseLong(args[3])));
        }
      }
      case "pair" -> {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
          server.bind(new InetSocketAddress("127.0.0.1", 0));
          long bytes = Long.parseLong(args[1]);
          Thread sender =
              new Thread(
                  () -> {
                    try (SocketChannel channel = SocketChannel.open(server.getLocalAddress())) {
                      send(channel, bytes);
                    } catch (Exception e) {
                      e.printStackTrace();
                    }
                  });
          sender.start();
          try (SocketChannel channel = server.accept()) {
            System.out.println("GOT " + receive(channel, bytes));
          }
          sender.join();
        }
      }
      case "open" -> {
        try (PrivateRoute route =
            args[1].equals("sockmap") ? SockmapCgroup.open() : VethNamespaces.open()) {
          System.out.println("OPEN " + route.describe());
          System.out.flush();
          while (in.readLine() != null) {
            // Held until the test closes our input or kills us.
          }
        }
      }
      case "unavailable" -> {
        System.out.println("sockmap: " + SockmapCgroup.unavailable().orElse("available"));
        System.out.println("veth: " + VethNamespaces.unavailable().orElse("available"));
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
    System.out.flush();
  }

  private static byte pattern(long i) {
    return (byte) (i * 31 + 7);
  }

  private static long send(SocketChannel channel, long bytes) throws Exception {
    ByteBuffer buffer = ByteBuffer.allocate(1000);
    long sent = 0;
    while (sent < bytes) {
      buffer.clear();
      int n = (int) Math.min(buffer.capacity(), bytes - sent);
      for (int i = 0; i < n; i++) {
        buffer.put(pattern(sent + i));
      }
      buffer.flip();
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      sent += n;
    }
    ByteBuffer ack = ByteBuffer.allocate(1);
    if (channel.read(ack) != 1) {
      throw new IllegalStateException("no acknowledgement");
    }
    return sent;
  }

  private static long receive(SocketChannel channel, long bytes) throws Exception {
    ByteBuffer buffer = ByteBuffer.allocate(65536);
    long got = 0;
    while (got < bytes) {
      buffer.clear();
      int n = channel.read(buffer);
      if (n < 0) {
        throw new IllegalStateException("end of stream after " + got + " bytes");
      }
      for (int i = 0; i < n; i++) {
        if (buffer.get(i) != pattern(got + i)) {
          throw new IllegalStateException("byte " + (got + i) + " is wrong");
        }
      }
      got += n;
    }
    channel.write(ByteBuffer.wrap(new byte[] {1}));
    return got;
  }
}
