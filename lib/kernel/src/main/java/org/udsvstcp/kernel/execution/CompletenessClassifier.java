package org.udsvstcp.kernel.execution;

import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

/** Classifies cells (with magics already turned into Java) as complete, incomplete or invalid. */
public final class CompletenessClassifier {

  private static final String INDENT_STEP = "    ";

  private final SourceCodeAnalysis analysis;

  /** Creates a classifier that asks {@code analysis}. */
  public CompletenessClassifier(SourceCodeAnalysis analysis) {
    this.analysis = analysis;
  }

  /** Returns whether {@code cell} is complete, incomplete (with an indent) or invalid. */
  public Completeness classify(String cell) {
    String remaining = cell;
    while (!remaining.isBlank()) {
      CompletionInfo info = analysis.analyzeCompletion(remaining);
      switch (info.completeness()) {
        case COMPLETE, COMPLETE_WITH_SEMI -> {
          if (!parses(info.source())) {
            return Completeness.invalid();
          }
          remaining = info.remaining();
        }
        case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
          return Completeness.incomplete(nextIndent(cell));
        }
        case EMPTY -> remaining = "";
        default -> {
          return Completeness.invalid();
        }
      }
    }
    return Completeness.complete();
  }

  // JShell calls "int x = 1 +* 2;" complete: it ends like a statement. Parsing tells it is not.
  private boolean parses(String snippet) {
    return analysis.sourceToSnippets(snippet).stream()
        .noneMatch(s -> s.kind() == Snippet.Kind.ERRONEOUS && !isUnresolvedAssignment(s));
  }

  // "x = 3;" parses, but JShell files it as erroneous when x is not declared yet.
  private static boolean isUnresolvedAssignment(Snippet snippet) {
    return snippet.source().matches("(?s)\\s*[\\p{L}_$][\\p{L}\\p{N}_$.]*\\s*=[^=].*");
  }

  private static String nextIndent(String cell) {
    String[] lines = cell.stripTrailing().split("\n");
    String last = lines[lines.length - 1];
    String indent = last.substring(0, last.length() - last.stripLeading().length());
    return indent + INDENT_STEP;
  }
}
