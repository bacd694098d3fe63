package org.udsvstcp.bench.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import tech.tablesaw.api.Table;

/**
 * One machine's committed reference run: a directory {@code notebooks/reference/NAME/} with the
 * stream sweep of notebook 03 ({@value #SWEEP}) and, if the machine could be profiled, the kernel
 * profile of notebook 08 ({@value #PROFILE}); {@code make reference NAME=...} makes one.
 *
 * @param name the directory's name: the machine and month
 * @param directory the directory
 * @param header the sweep's {@code #} lines, which name the machine
 * @param sweep the sweep's CSV
 * @param profile the kernel profile's CSV, if there is one
 */
public record ReferenceRun(
    String name, Path directory, List<String> header, Path sweep, Optional<Path> profile) {
  /** The sweep's file name in a reference directory. */
  public static final String SWEEP = "03-message-sizes.csv";

  /** The kernel profile's file name in a reference directory. */
  public static final String PROFILE = "08-kernel-profile.csv";

  /** Copies the header. */
  public ReferenceRun {
    header = List.copyOf(header);
  }

  /** Returns every reference run under {@code references}, by name (directories with a sweep). */
  public static List<ReferenceRun> in(Path references) throws IOException {
    List<ReferenceRun> runs = new ArrayList<>();
    if (!Files.isDirectory(references)) {
      return runs;
    }
    try (Stream<Path> dirs = Files.list(references)) {
      for (Path dir : dirs.sorted().toList()) {
        Path sweep = dir.resolve(SWEEP);
        if (Files.isDirectory(dir) && Files.isRegularFile(sweep)) {
          Path profile = dir.resolve(PROFILE);
          runs.add(
              new ReferenceRun(
                  dir.getFileName().toString(),
                  dir,
                  Rows.readComments(sweep),
                  sweep,
                  Files.isRegularFile(profile) ? Optional.of(profile) : Optional.empty()));
        }
      }
    }
    return runs;
  }

  /** Returns the header line with this label ("cpu", "mitigations"), without it, if present. */
  public Optional<String> headerValue(String label) {
    String prefix = label + ":";
    return header.stream()
        .filter(line -> line.startsWith(prefix))
        .map(line -> line.substring(prefix.length()).strip())
        .findFirst();
  }

  /** Returns the machine in a phrase: its CPU, and its CPU's identity if the header has it. */
  public String machine() {
    String cpu = headerValue("cpu").orElse("an unnamed machine");
    return headerValue("cpu id").map(id -> cpu + ", " + id).orElse(cpu);
  }

  /** Returns the sweep's rows. */
  public Table sweepRows() throws IOException {
    return Rows.read(sweep);
  }

  /** Returns the kernel profile's table, if there is one. */
  public Optional<Table> profileTable() throws IOException {
    return profile.isPresent() ? Optional.of(KernelProfiles.read(profile.get())) : Optional.empty();
  }

  /** Returns what this reference lacks that a reference made today has, in words. */
  public List<String> missing() {
    List<String> missing = new ArrayList<>();
    if (profile.isEmpty()) {
      missing.add("no kernel profile (" + PROFILE + "): where its time went is not known");
    }
    if (headerValue("mitigations").isEmpty()) {
      missing.add(
          "no CPU identity, mitigations, clocksource or timer frequency in its header (made"
              + " before they were recorded)");
    }
    return missing;
  }
}
