package org.udsvstcp.bench.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One machine at one time: a directory of results CSV files taken there.
 *
 * @param name the directory's name, {@code <machine>-<yyyy>-<mm>}, e.g. "amd-epyc-2026-12"
 * @param directory where it is
 * @param month the year and month in its name, when the runs were taken
 * @param files the names of its results CSV files, sorted ("03-message-sizes.csv", ...)
 */
public record ReferenceRun(String name, Path directory, YearMonth month, List<String> files) {

  /** A run id: its UTC time (yyyyMMdd'T'HHmmss), a hyphen, four hex digits. */
  private static final Pattern RUN_TIME =
      Pattern.compile("(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})\\d{2}-");

  /** Copies {@code files}, so the record stays as it was read. */
  public ReferenceRun {
    files = List.copyOf(files);
  }

  /** Returns true if this run holds {@code file}. */
  public boolean has(String file) {
    return files.contains(file);
  }

  /** Returns the path of {@code file}, or throws naming the files this run holds. */
  public Path file(String file) {
    if (!has(file)) {
      throw new IllegalArgumentException(
          "reference run " + name + " has no " + file + "; it holds " + files);
    }
    return directory.resolve(file);
  }

  /** Returns the {@code #} header lines of {@code file}, without the {@code #}. */
  public List<String> header(String file) {
    return header(file(file));
  }

  /**
   * Returns the value of the header line {@code key: value} of {@code file} ("cpu", "kernel",
   * "note", "command", ...), if it has one.
   */
  public Optional<String> field(String file, String key) {
    String prefix = key + ":";
    return header(file).stream()
        .filter(line -> line.startsWith(prefix))
        .map(line -> line.substring(prefix.length()).strip())
        .findFirst();
  }

  /**
   * Returns the machine line: the {@code cpu:} field of its first file, e.g. "AMD EPYC x 2
   * (allowed: 0,1)", and its {@code cpu id:} where the header has one.
   */
  public String machine() {
    String cpu = field(files.get(0), "cpu").orElseThrow();
    return field(files.get(0), "cpu id").map(id -> cpu + ", " + id).orElse(cpu);
  }

  /**
   * Returns what this run lacks that a reference run made today has, in words: a file of {@code
   * make reference}, or the machine's CPU identity and mitigations in its header (recorded since
   * 2026-12).
   */
  public List<String> missing() {
    List<String> missing = new ArrayList<>();
    if (!has(ReferenceRuns.STREAM)) {
      missing.add("no stream sweep (" + ReferenceRuns.STREAM + ")");
    }
    if (!has(ReferenceRuns.ROUND_TRIPS)) {
      missing.add("no 64 B round trips (" + ReferenceRuns.ROUND_TRIPS + ")");
    }
    if (!has(ReferenceRuns.PROFILE)) {
      missing.add(
          "no kernel profile (" + ReferenceRuns.PROFILE + "): where its time went is not known");
    }
    if (field(files.get(0), "mitigations").isEmpty()) {
      missing.add(
          "no CPU identity, mitigations, clocksource or timer frequency in its header (made"
              + " before they were recorded)");
    }
    return missing;
  }

  /** Returns the run line of {@code file}: its run id and profile, "20261203T140439-b300 (...)". */
  public String run(String file) {
    return header(file).stream()
        .filter(line -> line.startsWith("run "))
        .map(line -> line.substring(4))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException(file(file) + ": its header has no run line"));
  }

  /**
   * Returns where the numbers of {@code file} came from, as lines: the file, the machine, the run,
   * and the note and command of its header where it has them.
   */
  public List<String> describe(String file) {
    List<String> lines = new ArrayList<>();
    lines.add(name + "/" + file + ": " + machine());
    lines.add("  run " + run(file) + taken(run(file)));
    field(file, "note").ifPresent(note -> lines.add("  note: " + note));
    field(file, "command").ifPresent(command -> lines.add("  command: " + command));
    return lines;
  }

  /** Returns ", taken 2026-12-02 07:18 UTC" from a run line's id, or nothing when it has none. */
  static String taken(String run) {
    Matcher id = RUN_TIME.matcher(run);
    if (!id.lookingAt()) {
      return "";
    }
    return String.format(
        ", taken %s-%s-%s %s:%s UTC",
        id.group(1), id.group(2), id.group(3), id.group(4), id.group(5));
  }

  /** Reads the leading {@code #} lines of a results CSV, without the {@code #} and one space. */
  static List<String> header(Path csv) {
    List<String> comments = new ArrayList<>();
    try (var lines = Files.lines(csv, StandardCharsets.UTF_8)) {
      for (String line : (Iterable<String>) lines::iterator) {
        if (!line.startsWith("#")) {
          break;
        }
        comments.add(line.startsWith("# ") ? line.substring(2) : line.substring(1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
    }
    return comments;
  }
}
