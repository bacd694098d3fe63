package org.udsvstcp.bench.transport;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fresh private directory (mode 0700) whose name records the process that owns it, so that a
 * later run can remove it once that process is gone, even after a {@code kill -9}.
 *
 * <p>The name is {@code uds-vs-tcp-<purpose>-<pid>-<start>-<random>}: {@code start} is the owner's
 * start time in clock ticks since boot (field 22 of {@code /proc/<pid>/stat}), so a reused pid is
 * not mistaken for the owner; it is 0 where {@code /proc} is missing, and then only a pid that no
 * longer exists counts as gone. Recording the owner in the name rather than in a file inside makes
 * creation atomic: there is no moment at which a directory of ours exists without its owner.
 *
 * <p>Rules, shared by every private directory this library makes (socket directories, and the
 * directories of servers it starts):
 *
 * <ul>
 *   <li>{@link #close()} (also run by a shutdown hook for directories still open when the JVM
 *       exits) deletes the socket files and markers in it, then the directory; anything else the
 *       creator put there it must delete itself first, or the directory stays, with what is in it.
 *   <li>{@link #sweep(Path)} (run once per JVM, before its first directory is created) deletes a
 *       directory only if its name has this form, it belongs to this user, its owner process is
 *       gone, and it holds nothing but socket files and markers. A directory with any other file in
 *       it, a symbolic link, a subdirectory, a name that merely starts with the prefix, or a live
 *       owner is left untouched.
 *   <li>Markers are small regular files named {@code .uds-vs-tcp-<name>} written with {@link
 *       #writeMarker(String, String)}: the creator's own notes (a server's pid, say), which the
 *       sweep may delete with the directory.
 * </ul>
 *
 * <p>Use: {@code try (PrivateDirectory dir = PrivateDirectory.create("pg")) { ... dir.resolve(
 * ".s.PGSQL.5432") ... }}. A socket directory should be closed as soon as its peer has connected
 * (see {@link Listener#acceptLast()}), so that a kill leaves nothing behind in the common case.
 */
public final class PrivateDirectory implements Closeable {
  /** The name prefix of every private directory of this library. */
  public static final String PREFIX = "uds-vs-tcp-";

  /** The name prefix of marker files inside a private directory. */
  public static final String MARKER_PREFIX = ".uds-vs-tcp-";

  private static final Pattern NAME =
      Pattern.compile(
          Pattern.quote(PREFIX) + "([a-z][a-z0-9]{0,11})-([0-9]{1,10})-([0-9]{1,20})-[0-9a-f]{8}");
  private static final Pattern PURPOSE = Pattern.compile("[a-z][a-z0-9]{0,11}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<Path> SWEPT = ConcurrentHashMap.newKeySet();
  private static final Set<PrivateDirectory> OPEN = ConcurrentHashMap.newKeySet();
  private static final Thread SHUTDOWN_HOOK =
      new Thread(PrivateDirectory::closeAllOpen, PREFIX + "private-directory-cleanup");

  static {
    try {
      Runtime.getRuntime().addShutdownHook(SHUTDOWN_HOOK);
    } catch (IllegalStateException e) {
      // Already exiting: directories are closed by their owners or swept by the next run.
    }
  }

  private final Path directory;
  private boolean closed;

  private PrivateDirectory(Path directory) {
    this.directory = directory;
  }

  /**
   * Creates a private directory under {@code java.io.tmpdir}, after sweeping the stale ones there
   * (once per JVM).
   *
   * @param purpose a short lower-case tag in the name, e.g. {@code sock}, {@code pg}
   * @throws IllegalArgumentException if the tag is not 1 to 12 lower-case letters or digits
   */
  public static PrivateDirectory create(String purpose) throws IOException {
    return create(Path.of(System.getProperty("java.io.tmpdir")), purpose);
  }

  /** Creates a private directory under {@code root}, sweeping {@code root} first (once per JVM). */
  public static PrivateDirectory create(Path root, String purpose) throws IOException {
    if (!PURPOSE.matcher(Objects.requireNonNull(purpose, "purpose")).matches()) {
      throw new IllegalArgumentException(
          "purpose must be 1 to 12 lower-case letters or digits, got '" + purpose + "'");
    }
    Path absoluteRoot = root.toAbsolutePath();
    if (SWEPT.add(absoluteRoot)) {
      sweep(absoluteRoot);
    }
    ProcessId self = ProcessId.current();
    for (int attempt = 0; ; attempt++) {
      String name =
          PREFIX
              + purpose
              + "-"
              + self.pid()
              + "-"
              + self.startTicks()
              + "-"
              + String.format("%08x", RANDOM.nextInt());
      try {
        Path directory =
            Files.createDirectory(
                absoluteRoot.resolve(name),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        PrivateDirectory created = new PrivateDirectory(directory);
        OPEN.add(created);
        return created;
      } catch (FileAlreadyExistsException e) {
        if (attempt == 10) {
          throw e;
        }
      }
    }
  }

  /** Returns the directory. */
  public Path path() {
    return directory;
  }

  /** Returns {@code name} inside the directory. */
  public Path resolve(String name) {
    return directory.resolve(name);
  }

  /** Writes (or replaces) the marker {@code .uds-vs-tcp-<name>} and returns its path. */
  public Path writeMarker(String name, String text) throws IOException {
    if (!PURPOSE.matcher(name).matches()) {
      throw new IllegalArgumentException("marker name must be a short lower-case word: " + name);
    }
    Path marker = directory.resolve(MARKER_PREFIX + name);
    Files.writeString(
        marker,
        text,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS);
    return marker;
  }

  /** Returns true once the directory was closed. */
  public synchronized boolean isClosed() {
    return closed;
  }

  /**
   * Deletes the socket files and markers in the directory, then the directory; if anything else is
   * in it, the directory and that content stay and an {@link DirectoryNotEmptyException} says so.
   */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    OPEN.remove(this);
    if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        if (isOurs(entry)) {
          Files.deleteIfExists(entry);
        }
      }
    }
    try {
      Files.deleteIfExists(directory);
    } catch (DirectoryNotEmptyException e) {
      throw new DirectoryNotEmptyException(
          directory + " (it holds files this library did not create; they were left alone)");
    }
  }

  @Override
  public String toString() {
    return directory.toString();
  }

  /** The process that owns a private directory: its pid and start time in clock ticks. */
  public record ProcessId(long pid, long startTicks) {
    /** Returns this process. */
    public static ProcessId current() {
      long pid = ProcessHandle.current().pid();
      return new ProcessId(pid, startTicks(pid).orElse(0));
    }

    /** Returns the start time of a process in clock ticks since boot, if {@code /proc} has it. */
    static OptionalLong startTicks(long pid) {
      Optional<String[]> stat = stat(pid);
      if (stat.isEmpty() || stat.get().length < 20) {
        return OptionalLong.empty();
      }
      try {
        return OptionalLong.of(Long.parseLong(stat.get()[19]));
      } catch (NumberFormatException e) {
        return OptionalLong.empty();
      }
    }

    /** The fields of /proc/pid/stat after the command name, which may hold spaces and ')'. */
    private static Optional<String[]> stat(long pid) {
      try {
        String text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        int end = text.lastIndexOf(')');
        return end < 0
            ? Optional.empty()
            : Optional.of(text.substring(end + 1).trim().split("\\s+"));
      } catch (IOException e) {
        return Optional.empty();
      }
    }

    /**
     * Returns true if this process still runs: same pid and, where recorded, same start time; a
     * zombie counts as gone.
     */
    public boolean isAlive() {
      if (Files.isDirectory(Path.of("/proc", "self"))) {
        Optional<String[]> fields = stat(pid);
        if (fields.isEmpty()) {
          return false;
        }
        String state = fields.get()[0];
        if (state.equals("Z") || state.equals("X")) {
          return false;
        }
        return startTicks == 0 || startTicks(pid).equals(OptionalLong.of(startTicks));
      }
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
  }

  /** Returns the owner recorded in the name of a private directory, if it is one. */
  public static Optional<ProcessId> owner(Path directory) {
    Path name = directory.getFileName();
    if (name == null) {
      return Optional.empty();
    }
    Matcher matcher = NAME.matcher(name.toString());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new ProcessId(Long.parseLong(matcher.group(2)), Long.parseLong(matcher.group(3))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Deletes the private directories under {@code root} whose owner process is gone and which hold
   * only socket files and markers; returns the ones it deleted. Everything else is left untouched.
   */
  public static List<Path> sweep(Path root) {
    List<Path> removed = new ArrayList<>();
    Object uid = ownUid();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, PREFIX + "*")) {
      for (Path candidate : entries) {
        if (isStale(candidate, uid) && removeIfOnlyOurs(candidate)) {
          removed.add(candidate);
        }
      }
    } catch (IOException | RuntimeException e) {
      // A sweep is housekeeping: a root we cannot list has nothing of ours to remove.
    }
    return removed;
  }

  private static boolean isStale(Path candidate, Object uid) {
    Optional<ProcessId> owner = owner(candidate);
    if (owner.isEmpty() || owner.get().isAlive()) {
      return false;
    }
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(candidate, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isDirectory()) {
        return false;
      }
      return uid == null
          || uid.equals(Files.getAttribute(candidate, "unix:uid", LinkOption.NOFOLLOW_LINKS));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean removeIfOnlyOurs(Path directory) {
    List<Path> ours = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        if (!isOurs(entry)) {
          return false;
        }
        ours.add(entry);
      }
      for (Path entry : ours) {
        Files.deleteIfExists(entry);
      }
      Files.delete(directory);
      return true;
    } catch (NoSuchFileException e) {
      // Another run swept it first.
      return false;
    } catch (IOException | RuntimeException e) {
      // Something appeared in it, or it is not ours to delete: leave it.
      return false;
    }
  }

  /** A socket file, or a regular file named as a marker. */
  private static boolean isOurs(Path entry) {
    if (UnixSocketPaths.isSocket(entry)) {
      return true;
    }
    String name = entry.getFileName().toString();
    return name.startsWith(MARKER_PREFIX) && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS);
  }

  private static Object ownUid() {
    try {
      return Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return null;
    }
  }

  private static void closeAllOpen() {
    for (PrivateDirectory directory : List.copyOf(OPEN)) {
      try {
        directory.close();
      } catch (IOException | RuntimeException e) {
        // Exiting: whatever stays is swept by the next run, if it is ours to sweep.
      }
    }
  }
}
