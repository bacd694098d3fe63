package org.udsvstcp.bench.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The committed reference runs under one directory (the notebooks use {@code reference}, the
 * command line {@code notebooks/reference}): one subdirectory per machine and time, named {@code
 * <machine>-<yyyy>-<mm>}, holding results CSV files such as {@value #STREAM} and {@value
 * #ROUND_TRIPS}.
 */
public final class ReferenceRuns {

  /** Notebook 03's stream sweep, UDS and TCP from 16 B to 1 MiB. */
  public static final String STREAM = "03-message-sizes.csv";

  /** Notebook 04's 64 B round trips, both ends on one CPU. */
  public static final String ROUND_TRIPS = "04-round-trips.csv";

  /** Notebook 08's kernel profile: time per message by category (a kernel-profile CSV). */
  public static final String PROFILE = "08-kernel-profile.csv";

  /**
   * Notebook 09's streams over tcp-sockmap, tcp, tcp-veth and uds (root only: a run lacks it where
   * the routes could not be built).
   */
  public static final String ROUTE_STREAM = "09-stream.csv";

  /** Notebook 09's 64 B round trips over tcp-sockmap, tcp, tcp-veth and uds (root only). */
  public static final String ROUTE_ROUND_TRIPS = "09-pingpong.csv";

  /** The first line of every results CSV the library writes. */
  static final String SIGNATURE = "uds-vs-tcp results";

  /** The first line of a kernel-profile CSV. */
  static final String PROFILE_SIGNATURE = "uds-vs-tcp kernel profile";

  /** A reference directory's name: {@code <machine>-<yyyy>-<mm>}. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*-(\\d{4})-(\\d{2})");

  private static final Pattern RUN_ID = Pattern.compile("(\\d{4})(\\d{2})\\d{2}T\\d{6}-.*");

  private ReferenceRuns() {}

  /**
   * Returns every reference run under {@code directory}, oldest first (then by name); throws {@link
   * IllegalArgumentException} naming the entry that does not follow the layout: a file outside a
   * machine directory, a directory not named {@code <machine>-<yyyy>-<mm>}, one without results CSV
   * files, a CSV without the library's header or its {@code cpu:} line, or a run whose date is not
   * the directory's month.
   */
  public static List<ReferenceRun> in(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException(
          "no reference directory at " + directory.toAbsolutePath().normalize());
    }
    List<ReferenceRun> runs = new ArrayList<>();
    for (Path entry : list(directory)) {
      String name = entry.getFileName().toString();
      if (name.startsWith(".")) {
        continue;
      }
      if (!Files.isDirectory(entry)) {
        throw new IllegalArgumentException(
            entry
                + ": a reference file belongs in a directory per machine and time,"
                + " <machine>-<yyyy>-<mm>/ (e.g. amd-epyc-2026-12/)");
      }
      Matcher m = NAME.matcher(name);
      if (!m.matches()) {
        throw new IllegalArgumentException(
            entry
                + ": a reference directory is named <machine>-<yyyy>-<mm>, e.g. amd-epyc-2026-12");
      }
      YearMonth month = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
      List<String> files = new ArrayList<>();
      for (Path file : list(entry)) {
        String fileName = file.getFileName().toString();
        if (fileName.endsWith(".csv") && !fileName.startsWith(".")) {
          check(file, month);
          files.add(fileName);
        }
      }
      if (files.isEmpty()) {
        throw new IllegalArgumentException(entry + ": a reference directory without results CSV");
      }
      runs.add(new ReferenceRun(name, entry, month, files));
    }
    runs.sort(Comparator.comparing(ReferenceRun::month).thenComparing(ReferenceRun::name));
    return List.copyOf(runs);
  }

  /** Returns the runs under {@code directory} that hold {@code file}, oldest first. */
  public static List<ReferenceRun> with(Path directory, String file) {
    return in(directory).stream().filter(run -> run.has(file)).toList();
  }

  /** Returns the newest run under {@code directory} that holds {@code file}, if any does. */
  public static Optional<ReferenceRun> latest(Path directory, String file) {
    List<ReferenceRun> runs = with(directory, file);
    return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
  }

  /**
   * Returns one line per run under {@code directory}: its name, its files and its machine line,
   * e.g. "amd-epyc-2026-12 04-round-trips.csv AMD EPYC x 2 (allowed: 0,1)".
   */
  public static List<String> describe(Path directory) {
    return in(directory).stream()
        .map(run -> run.name() + "  " + String.join(", ", run.files()) + "  " + run.machine())
        .toList();
  }

  private static void check(Path csv, YearMonth month) {
    List<String> header = ReferenceRun.header(csv);
    if (header.isEmpty()
        || !(header.get(0).equals(SIGNATURE) || header.get(0).equals(PROFILE_SIGNATURE))) {
      throw new IllegalArgumentException(
          csv
              + ": not a results CSV of this library (its first line is not '# "
              + SIGNATURE
              + "' or '# "
              + PROFILE_SIGNATURE
              + "')");
    }
    if (header.stream().noneMatch(line -> line.startsWith("cpu:"))) {
      throw new IllegalArgumentException(csv + ": its header names no machine (no 'cpu:' line)");
    }
    for (String line : header) {
      if (line.startsWith("run ")) {
        Matcher id = RUN_ID.matcher(line.substring(4));
        if (id.lookingAt()) {
          YearMonth taken =
              YearMonth.of(Integer.parseInt(id.group(1)), Integer.parseInt(id.group(2)));
          if (!taken.equals(month)) {
            throw new IllegalArgumentException(
                csv + ": its run is from " + taken + ", but its directory says " + month);
          }
        }
      }
    }
  }

  private static List<Path> list(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
    }
  }
}
