package org.udsvstcp.bench.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.udsvstcp.bench.SocketTestSupport;

/** The sweep deletes only private directories of this library whose owner is gone. */
class PrivateDirectoryTest extends SocketTestSupport {

  /** A process that ran and was reaped: its pid and start time, recorded while it ran. */
  private static PrivateDirectory.ProcessId goneProcess() throws Exception {
    Process process = new ProcessBuilder("sleep", "30").start();
    long ticks = PrivateDirectory.ProcessId.startTicks(process.pid()).orElseThrow();
    process.destroyForcibly();
    assertTrue(process.waitFor(10, TimeUnit.SECONDS));
    return new PrivateDirectory.ProcessId(process.pid(), ticks);
  }

  private Path directoryOf(PrivateDirectory.ProcessId owner, String purpose) throws IOException {
    return Files.createDirectory(
        scratch.resolve(
            PrivateDirectory.PREFIX
                + purpose
                + "-"
                + owner.pid()
                + "-"
                + owner.startTicks()
                + "-0123abcd"));
  }

  private static Path socketIn(Path directory) throws IOException {
    Path socket = directory.resolve("s.sock");
    // Closing a Unix server channel leaves its file behind, as a killed process does.
    try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.bind(UnixDomainSocketAddress.of(socket));
    }
    assertTrue(UnixSocketPaths.isSocket(socket));
    return socket;
  }

  @Test
  void sweepsADeadOwnersDirectoryHoldingOnlySocketsAndMarkers() throws Exception {
    Path stale = directoryOf(goneProcess(), "sock");
    socketIn(stale);
    Files.writeString(stale.resolve(PrivateDirectory.MARKER_PREFIX + "pid"), "1234");
    Path empty = directoryOf(goneProcess(), "pg");

    assertEquals(
        List.of(empty, stale).stream().sorted().toList(),
        PrivateDirectory.sweep(scratch).stream().sorted().toList());
    assertFalse(Files.exists(stale));
    assertFalse(Files.exists(empty));
  }

  @Test
  void sweepsADirectoryWhosePidNowBelongsToAnotherProcess() throws Exception {
    PrivateDirectory.ProcessId self = PrivateDirectory.ProcessId.current();
    Path reused =
        directoryOf(new PrivateDirectory.ProcessId(self.pid(), self.startTicks() - 1), "sock");
    socketIn(reused);

    assertEquals(List.of(reused), PrivateDirectory.sweep(scratch));
  }

  @Test
  void keepsTheDirectoryOfALiveOwner() throws Exception {
    Path live = directoryOf(PrivateDirectory.ProcessId.current(), "sock");
    Path socket = socketIn(live);

    assertEquals(List.of(), PrivateDirectory.sweep(scratch));
    assertTrue(UnixSocketPaths.isSocket(socket));
  }

  @Test
  void keepsAForeignDirectoryWhoseNameOnlyStartsWithThePrefix() throws Exception {
    PrivateDirectory.ProcessId gone = goneProcess();
    Path foreign = Files.createDirectory(scratch.resolve(PrivateDirectory.PREFIX + "notes"));
    Path lookalike =
        Files.createDirectory(scratch.resolve(PrivateDirectory.PREFIX + gone.pid() + "-1"));
    socketIn(foreign);
    socketIn(lookalike);

    assertEquals(List.of(), PrivateDirectory.sweep(scratch));
    assertTrue(Files.isDirectory(foreign));
    assertTrue(Files.isDirectory(lookalike));
  }

  @Test
  void keepsADeadOwnersDirectoryWithARegularFileInside() throws Exception {
    Path stale = directoryOf(goneProcess(), "sock");
    Path socket = socketIn(stale);
    Path data = Files.writeString(stale.resolve("notes.txt"), "not ours");

    assertEquals(List.of(), PrivateDirectory.sweep(scratch));
    assertEquals("not ours", Files.readString(data));
    assertTrue(UnixSocketPaths.isSocket(socket), "nothing in a kept directory is deleted");
  }

  @Test
  void keepsADeadOwnersDirectoryWithASubdirectoryOrSymbolicLinkInside() throws Exception {
    Path withSubdirectory = directoryOf(goneProcess(), "sock");
    Files.createDirectory(withSubdirectory.resolve("data"));
    Path withLink = directoryOf(goneProcess(), "sock");
    Path target = Files.writeString(scratch.resolve("target"), "kept");
    Files.createSymbolicLink(withLink.resolve(PrivateDirectory.MARKER_PREFIX + "pid"), target);

    assertEquals(List.of(), PrivateDirectory.sweep(scratch));
    assertTrue(Files.isDirectory(withSubdirectory.resolve("data")));
    assertEquals("kept", Files.readString(target));
  }

  @Test
  void neverFollowsASymbolicLinkNamedLikeADirectoryOfOurs() throws Exception {
    PrivateDirectory.ProcessId gone = goneProcess();
    Path elsewhere = Files.createDirectory(scratch.resolve("elsewhere"));
    Path socket = socketIn(elsewhere);
    Path link =
        scratch.resolve(
            PrivateDirectory.PREFIX + "sock-" + gone.pid() + "-" + gone.startTicks() + "-0123abcd");
    Files.createSymbolicLink(link, elsewhere);

    assertEquals(List.of(), PrivateDirectory.sweep(scratch));
    assertTrue(UnixSocketPaths.isSocket(socket));
  }

  @Test
  void createRecordsThisProcessAsOwnerAndSweepsStaleDirectoriesFirst() throws Exception {
    Path stale = directoryOf(goneProcess(), "sock");
    socketIn(stale);
    try (PrivateDirectory directory = PrivateDirectory.create(scratch, "sock")) {
      assertFalse(Files.exists(stale), "the first directory created under a root sweeps it");
      assertEquals(
          PrivateDirectory.ProcessId.current(),
          PrivateDirectory.owner(directory.path()).orElseThrow());
      assertEquals(
          "rwx------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.path())));
    }
  }

  @Test
  void closeRemovesSocketsAndMarkersAndTheDirectory() throws Exception {
    PrivateDirectory directory = PrivateDirectory.create(scratch, "sock");
    socketIn(directory.path());
    directory.writeMarker("pid", "42");
    directory.close();
    assertFalse(Files.exists(directory.path()));
    assertTrue(directory.isClosed());
  }

  @Test
  void closeLeavesFilesItDidNotCreateAndSaysSo() throws Exception {
    PrivateDirectory directory = PrivateDirectory.create(scratch, "pg");
    Path socket = socketIn(directory.path());
    Path data = Files.writeString(directory.resolve("PG_VERSION"), "16");
    DirectoryNotEmptyException e = assertThrows(DirectoryNotEmptyException.class, directory::close);
    assertTrue(e.getMessage().contains("left alone"), e.getMessage());
    assertEquals("16", Files.readString(data));
    assertFalse(Files.exists(socket));
  }

  @Test
  void refusesAPurposeThatWouldMakeTheNameAmbiguous() {
    assertThrows(IllegalArgumentException.class, () -> PrivateDirectory.create(scratch, "a-b"));
    assertThrows(IllegalArgumentException.class, () -> PrivateDirectory.create(scratch, ""));
  }
}
