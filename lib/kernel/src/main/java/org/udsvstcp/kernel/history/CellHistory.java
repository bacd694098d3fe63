package org.udsvstcp.kernel.history;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

/**
 * The cells this kernel ran in this session, kept in memory, answering Jupyter's history requests
 * (tail, range and glob search).
 */
public final class CellHistory implements HistoryManager {

  /** The number this kernel gives its one session; 0 also means "the current session". */
  public static final int SESSION = 1;

  private record Cell(int number, String input, String output) {}

  private final List<Cell> cells = new ArrayList<>();

  /**
   * Records that cell {@code number} ran {@code input} and showed {@code output} ("" if nothing).
   */
  public synchronized void record(int number, String input, String output) {
    cells.add(new Cell(number, input, output));
  }

  @Override
  public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
    return entries(last(cells, length), flags);
  }

  @Override
  public synchronized List<HistoryEntry> lookupRange(
      int session, int start, int stop, Set<ResultFlag> flags) {
    if (session != SESSION && session != 0) {
      return List.of();
    }
    return entries(
        cells.stream().filter(c -> c.number() >= start && c.number() < stop).toList(), flags);
  }

  @Override
  public synchronized List<HistoryEntry> search(String pattern, int length, Set<ResultFlag> flags) {
    Pattern glob = globToRegex(pattern);
    List<Cell> matches = cells.stream().filter(c -> glob.matcher(c.input()).matches()).toList();
    if (flags.contains(ResultFlag.UNIQUE)) {
      Set<String> seen = new LinkedHashSet<>();
      List<Cell> unique = new ArrayList<>();
      for (int i = matches.size() - 1; i >= 0; i--) {
        if (seen.add(matches.get(i).input())) {
          unique.add(0, matches.get(i));
        }
      }
      matches = unique;
    }
    return entries(last(matches, length), flags);
  }

  private static List<Cell> last(List<Cell> cells, int length) {
    return length <= 0 || length >= cells.size()
        ? cells
        : cells.subList(cells.size() - length, cells.size());
  }

  private static List<HistoryEntry> entries(List<Cell> cells, Set<ResultFlag> flags) {
    boolean withOutput = flags.contains(ResultFlag.INCLUDE_OUTPUT);
    return cells.stream()
        .map(c -> new HistoryEntry(SESSION, c.number(), c.input(), withOutput ? c.output() : null))
        .toList();
  }

  /** Translates an sqlite glob ({@code *}, {@code ?}, {@code [...]}, {@code [^...]}) to a regex. */
  static Pattern globToRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    boolean inClass = false;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (inClass) {
        if (c == ']') {
          inClass = false;
          regex.append(']');
        } else if (c == '\\' || c == '[') {
          regex.append('\\').append(c);
        } else {
          regex.append(c);
        }
      } else if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else if (c == '[') {
        inClass = true;
        regex.append('[');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
