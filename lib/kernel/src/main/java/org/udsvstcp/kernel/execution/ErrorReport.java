package org.udsvstcp.kernel.execution;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.EvalException;
import jdk.jshell.JShellException;
import jdk.jshell.UnresolvedReferenceException;

/**
 * What a notebook shows for a failed cell: the error's name, its message and traceback lines that
 * point at the user's code (the offending span for a compile error, the user's frames for an
 * exception), never at the kernel's own machinery.
 */
public record ErrorReport(String name, String message, List<String> traceback) {

  private static final String[] KERNEL_PACKAGES = {"org.udsvstcp.kernel.", "org.dflib.jjava."};

  /** Returns the report for {@code error} thrown while evaluating a cell. */
  public static ErrorReport of(Throwable error) {
    if (error instanceof CompilationException compilation) {
      return compileError(compilation);
    }
    if (error instanceof EvaluationException evaluation) {
      return runtimeError(evaluation.thrown());
    }
    if (error instanceof EvaluationInterruptedException) {
      return new ErrorReport(
          "Interrupted", error.getMessage(), List.of("Interrupted: " + error.getMessage()));
    }
    List<String> lines = new ArrayList<>();
    appendThrowable(lines, "", error.toString(), error.getStackTrace());
    return new ErrorReport(error.getClass().getName(), String.valueOf(error.getMessage()), lines);
  }

  private static ErrorReport compileError(CompilationException error) {
    List<String> lines = new ArrayList<>();
    for (CompilationException.Problem problem : error.problems()) {
      lines.addAll(pointAt(problem));
    }
    return new ErrorReport("CompilationException", error.getMessage(), lines);
  }

  // Shows the snippet line that holds the problem, carets under its span, then the message.
  private static List<String> pointAt(CompilationException.Problem problem) {
    String source = problem.source();
    if (problem.start() < 0 || problem.start() > source.length()) {
      return List.of(problem.message());
    }
    int lineStart = source.lastIndexOf('\n', problem.start() - 1) + 1;
    int lineEnd = source.indexOf('\n', problem.start());
    lineEnd = lineEnd < 0 ? source.length() : lineEnd;
    int end = Math.max(problem.start() + 1, Math.min(problem.end(), lineEnd));
    int line =
        problem.line()
            + (int) source.substring(0, lineStart).chars().filter(c -> c == '\n').count();
    String prefix = String.format("line %d | ", line);
    return List.of(
        prefix + source.substring(lineStart, lineEnd),
        " ".repeat(prefix.length() + problem.start() - lineStart)
            + "^".repeat(end - problem.start()),
        problem.message());
  }

  private static ErrorReport runtimeError(JShellException thrown) {
    List<String> lines = new ArrayList<>();
    String name = exceptionName(thrown);
    String message = thrown.getMessage();
    appendThrowable(lines, "", describe(thrown), thrown.getStackTrace());
    for (Throwable cause = thrown.getCause(); cause != null; cause = cause.getCause()) {
      String description =
          cause instanceof JShellException jshell ? describe(jshell) : cause.toString();
      appendThrowable(lines, "Caused by: ", description, cause.getStackTrace());
    }
    return new ErrorReport(name, message == null ? "" : message, lines);
  }

  private static String exceptionName(JShellException thrown) {
    if (thrown instanceof EvalException eval) {
      return eval.getExceptionClassName();
    }
    return thrown.getClass().getSimpleName();
  }

  private static String describe(JShellException thrown) {
    if (thrown instanceof UnresolvedReferenceException unresolved) {
      return "Unresolved reference: "
          + unresolved.getSnippet().source().strip()
          + " cannot run until what it refers to is declared";
    }
    String message = thrown.getMessage();
    return exceptionName(thrown) + (message == null ? "" : ": " + message);
  }

  private static void appendThrowable(
      List<String> lines, String prefix, String description, StackTraceElement[] frames) {
    lines.add(prefix + description);
    for (StackTraceElement frame : frames) {
      if (!isKernelFrame(frame)) {
        lines.add("    at " + frameText(frame));
      }
    }
  }

  private static boolean isKernelFrame(StackTraceElement frame) {
    String name = frame.getClassName();
    for (String kernelPackage : KERNEL_PACKAGES) {
      if (name.startsWith(kernelPackage)) {
        return true;
      }
    }
    return name.startsWith("jdk.internal.reflect.")
        || name.startsWith("java.lang.reflect.Method")
        || name.startsWith("jdk.jshell.");
  }

  // JShell names a snippet frame with an empty class and a "#id" file: show "f(#4:1)" like jshell.
  private static String frameText(StackTraceElement frame) {
    String method = frame.getMethodName().isEmpty() ? "<cell>" : frame.getMethodName();
    String owner = frame.getClassName().isEmpty() ? "" : frame.getClassName() + ".";
    String file = frame.getFileName() == null ? "Unknown Source" : frame.getFileName();
    String place = frame.getLineNumber() >= 0 ? file + ":" + frame.getLineNumber() : file;
    return owner + method + "(" + place + ")";
  }
}
