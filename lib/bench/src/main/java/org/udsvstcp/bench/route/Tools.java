package org.udsvstcp.bench.route;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the routes need from the machine: programs (some live in /usr/sbin) and privileges. */
final class Tools {
  /** CAP_NET_ADMIN: links, addresses and network namespaces. */
  static final int CAP_NET_ADMIN = 12;

  /** CAP_SYS_ADMIN: mounts, mount namespaces, cgroups and (on every kernel) BPF. */
  static final int CAP_SYS_ADMIN = 21;

  private Tools() {}

  /** Returns {@code name} on the PATH or in the system directories, if executable. */
  static Optional<Path> find(String name) {
    List<Path> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(":")) {
        if (!dir.isEmpty()) {
          dirs.add(Path.of(dir));
        }
      }
    }
    for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin", "/usr/local/sbin")) {
      dirs.add(Path.of(dir));
    }
    return dirs.stream().map(d -> d.resolve(name)).filter(Files::isExecutable).findFirst();
  }

  /** Returns the first of {@code names} that is not installed, with the package that has it. */
  static Optional<String> missing(String... namesAndPackages) {
    for (int i = 0; i < namesAndPackages.length; i += 2) {
      if (find(namesAndPackages[i]).isEmpty()) {
        return Optional.of(
            namesAndPackages[i]
                + " is not installed (Debian: apt-get install "
                + namesAndPackages[i + 1]
                + "; tools/install-deps.sh installs it)");
      }
    }
    return Optional.empty();
  }

  /**
   * Returns why this process lacks a capability, or empty if it has them all: the effective set in
   * /proc/self/status (root has them all, unless a container took them away).
   */
  static Optional<String> lacking(String what, int... capabilities) {
    long effective;
    String uid = "?";
    try {
      effective = -1;
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("CapEff:")) {
          effective = Long.parseUnsignedLong(line.substring(7).strip(), 16);
        } else if (line.startsWith("Uid:")) {
          uid = line.substring(4).strip().split("\\s+")[1];
        }
      }
      if (effective == -1) {
        return Optional.of(
            "cannot read this process's capabilities (no CapEff in /proc/self/status)");
      }
    } catch (IOException | RuntimeException e) {
      return Optional.of("cannot read /proc/self/status (not Linux?): " + e.getMessage());
    }
    for (int capability : capabilities) {
      if ((effective & (1L << capability)) == 0) {
        return Optional.of(
            what
                + " need root (CAP_SYS_ADMIN"
                + (capabilities.length > 1 ? " and CAP_NET_ADMIN" : "")
                + "); this process runs as uid "
                + uid
                + (uid.equals("0") ? " without them (a container?)" : ", not root"));
      }
    }
    return Optional.empty();
  }

  /**
   * Returns why a mount namespace of this process's could not keep its mounts private, or empty if
   * it can: {@code unshare --propagation private} and {@code ip netns exec} change the propagation
   * of "/", which fails when this process's root is not a mount point (a chroot into a plain
   * directory).
   */
  static Optional<String> privateMountsImpossible() {
    try {
      boolean rootMounted =
          Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
              .map(line -> line.split(" "))
              .anyMatch(fields -> fields.length > 4 && fields[4].equals("/"));
      return rootMounted
          ? Optional.empty()
          : Optional.of(
              "this process's root directory is not a mount point (a chroot into a plain"
                  + " directory?), so a mount namespace cannot make its mounts private here");
    } catch (IOException e) {
      return Optional.of("cannot read /proc/self/mountinfo: " + e.getMessage());
    }
  }

  /** Returns whether the kernel knows a file system type (/proc/filesystems). */
  static boolean hasFileSystem(String type) {
    try {
      return Files.readAllLines(Path.of("/proc/filesystems")).stream()
          .map(line -> line.substring(line.indexOf('\t') + 1).strip())
          .anyMatch(type::equals);
    } catch (IOException e) {
      return false;
    }
  }
}
