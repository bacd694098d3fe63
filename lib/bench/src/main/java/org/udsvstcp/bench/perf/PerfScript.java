package org.udsvstcp.bench.perf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text of {@code perf script -F tid,period,ip,sym} for samples recorded with call chains
 * ({@code perf record -g}): a line with the thread id and the period, then one line per frame
 * (address and symbol), then a blank line; lines starting with {@code #} are comments.
 */
public final class PerfScript {
  /** The fields {@link #parse(String)} reads, as perf script's {@code -F} argument. */
  public static final String FIELDS = "tid,period,ip,sym";

  private static final Pattern HEADER = Pattern.compile("^\\s*(-?\\d+)\\s+(\\d+)\\s*$");
  private static final Pattern FRAME = Pattern.compile("^\\s+([0-9a-fA-F]+)\\s+(\\S+)");

  private PerfScript() {}

  /**
   * Returns the samples of a {@code perf script -F tid,period,ip,sym} text in order; frames at
   * user-space addresses are dropped, so a sample taken in user space has no frames.
   *
   * @throws IllegalArgumentException naming the line if the text is not in that form
   */
  public static List<PerfSample> parse(String text) {
    List<PerfSample> samples = new ArrayList<>();
    try {
      read(new BufferedReader(new StringReader(text)), samples::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    }
    return samples;
  }

  /**
   * Reads {@code perf script -F tid,period,ip,sym} output line by line and hands each sample to
   * {@code sink} as it is complete (a profile of a few seconds is tens of megabytes of text);
   * symbol names are shared between samples.
   *
   * @throws IllegalArgumentException naming the line if the text is not in that form
   */
  public static void read(BufferedReader in, Consumer<PerfSample> sink) throws IOException {
    Map<String, String> names = new HashMap<>();
    long tid = -1;
    long period = 0;
    List<String> frames = null;
    int number = 0;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      number++;
      if (line.isBlank() || line.startsWith("#")) {
        continue; // perf script --header writes # lines; so do the recorded test fixtures
      }
      Matcher header = HEADER.matcher(line);
      if (header.matches()) {
        if (frames != null) {
          sink.accept(new PerfSample(tid, period, frames));
        }
        tid = Long.parseLong(header.group(1));
        period = Long.parseLong(header.group(2));
        frames = new ArrayList<>();
        continue;
      }
      Matcher frame = FRAME.matcher(line);
      if (frame.find() && frames != null) {
        if (kernelAddress(frame.group(1))) {
          frames.add(names.computeIfAbsent(frame.group(2), name -> name));
        }
        continue;
      }
      throw new IllegalArgumentException(
          "line "
              + number
              + " of perf script's output is neither a sample ("
              + FIELDS
              + ") nor a frame: "
              + line);
    }
    if (frames != null) {
      sink.accept(new PerfSample(tid, period, frames));
    }
  }

  /** x86-64 and arm64 kernels live in the upper half of the address space. */
  static boolean kernelAddress(String hex) {
    return hex.length() == 16 && Character.digit(hex.charAt(0), 16) >= 8;
  }
}
