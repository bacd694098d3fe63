package org.udsvstcp.bench.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.udsvstcp.bench.SocketTestSupport;

@org.junit.jupiter.api.DisplayName("an explicit Unix socket path")
class SocketPathSafetyTest extends SocketTestSupport {

  private TransportOptions at(Path path) {
    return TransportOptions.defaults().withUnixPath(path);
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"UDS", "UDS_JUNIX"})
  void replacesAStaleSocketThatNobodyListensOn(Transport transport) throws Exception {
    assumeAvailable(transport);
    Path path = scratch.resolve("stale.sock");
    try (ServerSocketChannel old = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      old.bind(UnixDomainSocketAddress.of(path));
    }
    assertTrue(UnixSocketPaths.isSocket(path), "closing a JDK server socket leaves its file");
    try (Listener listener = transport.listen(at(path))) {
      try (Connection client = listener.endpoint().connect()) {
        assertTrue(client.isOpen());
      }
    }
    assertTrue(Files.notExists(path, LinkOption.NOFOLLOW_LINKS));
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"UDS", "UDS_JUNIX"})
  void reportsAddressInUseForASocketWithALiveListener(Transport transport) throws Exception {
    assumeAvailable(transport);
    Path path = scratch.resolve("live.sock");
    try (Listener live = Transport.UDS.listen(at(path))) {
      AddressInUseException e =
          assertThrows(AddressInUseException.class, () -> transport.listen(at(path)));
      assertTrue(e.getMessage().contains("address in use"), e.getMessage());
      assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
      // The live server still works.
      try (Connection client = live.endpoint().connect()) {
        assertTrue(client.isOpen());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"UDS", "UDS_JUNIX"})
  void neverDeletesARegularFile(Transport transport) throws Exception {
    assumeAvailable(transport);
    Path path = Files.writeString(scratch.resolve("notes.txt"), "keep me");
    UnsafeSocketPathException e =
        assertThrows(UnsafeSocketPathException.class, () -> transport.listen(at(path)));
    assertTrue(e.getMessage().contains("regular file"), e.getMessage());
    assertEquals("keep me", Files.readString(path));
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"UDS", "UDS_JUNIX"})
  void neverDeletesADirectory(Transport transport) throws Exception {
    assumeAvailable(transport);
    Path path = Files.createDirectory(scratch.resolve("folder"));
    Files.writeString(path.resolve("inside"), "keep me");
    UnsafeSocketPathException e =
        assertThrows(UnsafeSocketPathException.class, () -> transport.listen(at(path)));
    assertTrue(e.getMessage().contains("directory"), e.getMessage());
    assertEquals("keep me", Files.readString(path.resolve("inside")));
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"UDS", "UDS_JUNIX"})
  void neverFollowsOrDeletesASymbolicLink(Transport transport) throws Exception {
    assumeAvailable(transport);
    Path target = scratch.resolve("target.sock");
    try (ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      stale.bind(UnixDomainSocketAddress.of(target));
    }
    Path link = Files.createSymbolicLink(scratch.resolve("link.sock"), target);
    UnsafeSocketPathException e =
        assertThrows(UnsafeSocketPathException.class, () -> transport.listen(at(link)));
    assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    assertTrue(Files.isSymbolicLink(link));
    assertTrue(UnixSocketPaths.isSocket(target), "the link's target is untouched too");
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"UDS", "UDS_JUNIX"})
  void refusesAPathLongerThanTheLimitNamingIt(Transport transport) throws Exception {
    assumeAvailable(transport);
    Path path = scratch.resolve("x".repeat(120) + ".sock");
    UnsafeSocketPathException e =
        assertThrows(UnsafeSocketPathException.class, () -> transport.listen(at(path)));
    assertTrue(
        e.getMessage().contains("limit of " + UnixSocketPaths.maxPathBytes(transport) + " bytes"),
        e.getMessage());
    assertTrue(e.getMessage().contains("108 with the terminating NUL"), e.getMessage());
    assertTrue(Files.notExists(path, LinkOption.NOFOLLOW_LINKS));
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"UDS", "UDS_JUNIX"})
  void acceptsAPathOfExactlyTheLimit(Transport transport) throws Exception {
    assumeAvailable(transport);
    String prefix = scratch.toString() + "/";
    int limit = UnixSocketPaths.maxPathBytes(transport);
    Path path = Path.of(prefix + "y".repeat(limit - prefix.length()));
    assertEquals(limit, path.toString().length());
    try (Listener listener = transport.listen(at(path))) {
      try (Connection client = listener.endpoint().connect()) {
        assertTrue(client.isOpen());
      }
    }
  }
}
