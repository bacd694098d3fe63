package org.udsvstcp.bench.experiment;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.udsvstcp.bench.BenchException;

/**
 * Writes a results CSV one trial at a time, flushing after every row so an interrupted run keeps
 * each finished trial.
 */
final class CsvSink implements Closeable {
  private final BufferedWriter writer;

  private CsvSink(BufferedWriter writer) {
    this.writer = writer;
  }

  /**
   * Creates the file with its comment lines and header; an existing file is replaced only if this
   * library wrote it, so a file the user made is never overwritten.
   */
  static CsvSink create(Path csv, List<String> comments) throws IOException {
    Path parent = csv.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (Files.exists(csv) && !writtenByUs(csv)) {
      throw new BenchException(
          "refusing to overwrite " + csv + ": it is not a results file written by uds-vs-tcp");
    }
    BufferedWriter writer =
        Files.newBufferedWriter(
            csv,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    CsvSink sink = new CsvSink(writer);
    try {
      writer.write(Rows.CSV_SIGNATURE);
      writer.newLine();
      for (String comment : comments) {
        for (String line : comment.split("\\R")) {
          writer.write("# " + line);
          writer.newLine();
        }
      }
      writer.write(Rows.csvHeader());
      writer.newLine();
      writer.flush();
      return sink;
    } catch (IOException | RuntimeException e) {
      sink.close();
      throw e;
    }
  }

  private static boolean writtenByUs(Path csv) throws IOException {
    try (var lines = Files.lines(csv, StandardCharsets.UTF_8)) {
      return lines.findFirst().map(Rows.CSV_SIGNATURE::equals).orElse(false);
    } catch (NoSuchFileException e) {
      return true;
    } catch (java.io.UncheckedIOException e) {
      return false;
    }
  }

  /** Appends one row and flushes it to the file. */
  void append(TrialRow row) throws IOException {
    writer.write(Rows.csvLine(row));
    writer.newLine();
    writer.flush();
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
