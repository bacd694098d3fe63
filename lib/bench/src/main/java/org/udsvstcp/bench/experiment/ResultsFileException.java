package org.udsvstcp.bench.experiment;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.udsvstcp.bench.BenchException;

/** The results CSV cannot be created or appended to; the message names the file and the reason. */
public class ResultsFileException extends BenchException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String reason;

  ResultsFileException(Path file, String doing, String reason, Throwable cause) {
    this("cannot " + doing + " the results file " + file + ": " + reason, file, reason, cause);
  }

  private ResultsFileException(String message, Path file, String reason, Throwable cause) {
    super(message, cause);
    this.file = file;
    this.reason = reason;
  }

  /** A file that is there and not this library's: it is never overwritten. */
  static ResultsFileException notOurs(Path file) {
    String reason = "it is not a results file written by uds-vs-tcp";
    return new ResultsFileException(
        "refusing to overwrite " + file + ": " + reason + " (it was left untouched)",
        file,
        reason,
        null);
  }

  /** Returns the file that cannot be written. */
  public Path file() {
    return file;
  }

  /** Returns why, in the operating system's words where it gave some. */
  public String reason() {
    return reason;
  }

  /** Says why {@code error} happened to {@code file}, which the JDK's messages often leave out. */
  static String reason(Path file, IOException error) {
    Path parent = file.toAbsolutePath().getParent();
    if (error instanceof AccessDeniedException) {
      return "permission denied (its directory "
          + parent
          + " is read-only or not writable by this user)";
    }
    if (error instanceof NoSuchFileException) {
      return parent != null && Files.isDirectory(parent)
          ? "no such file or directory (" + parent + " exists but cannot hold new files)"
          : "no such file or directory";
    }
    if (error instanceof FileSystemException fs && fs.getReason() != null) {
      return lowerFirst(fs.getReason());
    }
    String message = error.getMessage();
    return message == null ? error.getClass().getSimpleName() : lowerFirst(message);
  }

  private static String lowerFirst(String text) {
    return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }
}
