package org.udsvstcp.bench.experiment;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes a results CSV one trial at a time, each row in one write straight to the file (no buffer)
 * so an interrupted or killed run keeps each finished trial.
 */
final class CsvSink implements Closeable {
  private final Path csv;
  private final FileChannel channel;
  private long good;
  private int rows;

  private CsvSink(Path csv, FileChannel channel) {
    this.csv = csv;
    this.channel = channel;
  }

  /**
   * Creates the file with its comment lines and header and flushes them, so a file that cannot be
   * written fails here, before any trial runs; an existing file is replaced only if this library
   * wrote it, so a file the user made is never overwritten.
   *
   * @throws ResultsFileException naming the file and why it cannot be written
   */
  static CsvSink create(Path csv, List<String> comments) {
    FileChannel channel;
    try {
      if (Files.isDirectory(csv)) {
        throw new ResultsFileException(csv, "create", "it is a directory", null);
      }
      Path parent = csv.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        Files.createDirectories(parent);
      }
      // Only a regular file can be ours; a device such as /dev/null is written, never read.
      if (Files.isRegularFile(csv) && !writtenByUs(csv)) {
        throw ResultsFileException.notOurs(csv);
      }
      channel =
          FileChannel.open(
              csv,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new ResultsFileException(csv, "create", ResultsFileException.reason(csv, e), e);
    }
    CsvSink sink = new CsvSink(csv, channel);
    StringBuilder head = new StringBuilder(Rows.CSV_SIGNATURE).append('\n');
    for (String comment : comments) {
      for (String line : comment.split("\\R")) {
        head.append("# ").append(line).append('\n');
      }
    }
    head.append(Rows.csvHeader()).append('\n');
    try {
      sink.write(head.toString());
      return sink;
    } catch (IOException e) {
      sink.closeQuietly();
      throw new ResultsFileException(csv, "write", ResultsFileException.reason(csv, e), e);
    }
  }

  /**
   * Writes {@code text} at the end; if that fails part-way, cuts the file back to its last whole
   * line (it is this library's file), so that what it holds still parses.
   */
  private void write(String text) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    try {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      good = channel.position();
    } catch (IOException e) {
      try {
        if (channel.position() > good) {
          channel.truncate(good);
          channel.position(good);
        }
      } catch (IOException | UnsupportedOperationException again) {
        e.addSuppressed(again);
      }
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

  /** Returns the number of rows in the file so far (every one flushed). */
  int rowsWritten() {
    return rows;
  }

  /**
   * Appends one row and flushes it to the file.
   *
   * @throws ResultsFileException naming the file and why the row could not be written
   */
  void append(TrialRow row) {
    try {
      write(Rows.csvLine(row) + "\n");
      rows++;
    } catch (IOException e) {
      throw new ResultsFileException(csv, "append to", ResultsFileException.reason(csv, e), e);
    }
  }

  /** Returns the file. */
  Path file() {
    return csv;
  }

  private void closeQuietly() {
    try {
      channel.close();
    } catch (IOException e) {
      // Already failing with a clearer error.
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
