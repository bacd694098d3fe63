package org.udsvstcp.kernel.execution;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Documentation;
import jdk.jshell.SourceCodeAnalysis.Suggestion;

/** Completion and documentation for code at a cursor, from JShell's analysis. */
public final class CodeInsight {

  /** Replacements for the text between {@code start} and {@code end} of the cell. */
  public record Completions(List<String> matches, int start, int end) {}

  private final SourceCodeAnalysis analysis;

  /** Creates the insight that asks {@code analysis}. */
  public CodeInsight(SourceCodeAnalysis analysis) {
    this.analysis = analysis;
  }

  /** Returns the completions of the code before {@code cursor}, most relevant first. */
  public Completions complete(String code, int cursor) {
    int[] anchor = new int[1];
    List<Suggestion> suggestions = analysis.completionSuggestions(code, cursor, anchor);
    Set<String> matches = new LinkedHashSet<>();
    suggestions.stream()
        .filter(Suggestion::matchesType)
        .map(Suggestion::continuation)
        .forEach(matches::add);
    suggestions.stream().map(Suggestion::continuation).forEach(matches::add);
    return new Completions(new ArrayList<>(matches), anchor[0], cursor);
  }

  /**
   * Returns the signatures and Javadoc of what is at {@code cursor} (or of the call just before it,
   * as in {@code Math.abs(1)|}), or empty if nothing is documented there.
   */
  public Optional<String> documentation(String code, int cursor) {
    List<Documentation> docs = analysis.documentation(code, cursor, true);
    if (docs.isEmpty()) {
      int callEnd = code.lastIndexOf('(', Math.max(0, cursor - 1));
      if (callEnd > 0) {
        docs = analysis.documentation(code, callEnd, true);
      }
    }
    if (docs.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder text = new StringBuilder();
    for (Documentation doc : docs) {
      text.append(doc.signature()).append('\n');
      if (doc.javadoc() != null && !doc.javadoc().isBlank()) {
        text.append(doc.javadoc().strip()).append("\n\n");
      }
    }
    return Optional.of(text.toString().strip());
  }
}
