package org.udsvstcp.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.newsclub.net.unix.AFUNIXSocket;
import org.udsvstcp.bench.env.Affinity;
import org.udsvstcp.bench.transport.PrivateDirectory;
import org.udsvstcp.bench.transport.Transport;
import org.udsvstcp.bench.workload.ThreadPeer;

/**
 * Base class of tests that touch sockets: owns a short private directory for socket files (short,
 * because socket paths have a 107-byte limit) and removes it, with everything the test made in it,
 * afterwards.
 */
public abstract class SocketTestSupport {
  /** A private directory for this test's socket files and other fixtures. */
  protected Path scratch;

  @BeforeEach
  void createScratchDirectory() throws IOException {
    scratch = Files.createTempDirectory(Path.of("/tmp"), "udsvstcp-test-");
  }

  @AfterEach
  void deleteScratchDirectory() throws IOException {
    if (scratch == null || !Files.exists(scratch)) {
      return;
    }
    Files.walkFileTree(
        scratch,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** Skips the test if this transport cannot run here (junixsocket without its native library). */
  protected static void assumeAvailable(Transport transport) {
    if (transport == Transport.UDS_JUNIX) {
      assumeTrue(AFUNIXSocket.isSupported(), "junixsocket's native library is not available");
    }
    assumeTrue(
        !transport.needsRoute(),
        transport
            + " runs only inside its route, which an experiment with child processes sets up"
            + " (RouteTransportsTest and the route package's tests run it)");
  }

  /** Skips the test if threads cannot be pinned here. */
  protected static void assumePinning() {
    assumeTrue(Affinity.taskset().isPresent(), "taskset is not installed");
    assumeTrue(Affinity.allowedCpus().size() >= 1, "no CPU list in /proc");
  }

  /** Returns the names of live threads this library started. */
  protected static Set<String> benchThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith(ThreadPeer.THREAD_PREFIX))
        .collect(Collectors.toSet());
  }

  /**
   * Returns the private directories of this library in the temp directory that this JVM or a
   * process now gone owns; those of other live processes (other test runs on a shared machine) are
   * not this test's.
   */
  protected static Set<Path> socketDirectories() throws IOException {
    Path root = Path.of(System.getProperty("java.io.tmpdir"));
    PrivateDirectory.ProcessId self = PrivateDirectory.ProcessId.current();
    try (var entries = Files.list(root)) {
      return entries
          .filter(p -> p.getFileName().toString().startsWith(PrivateDirectory.PREFIX))
          .filter(
              p ->
                  PrivateDirectory.owner(p)
                      .map(owner -> owner.equals(self) || !owner.isAlive())
                      .orElse(false))
          .collect(Collectors.toSet());
    }
  }
}
