package org.udsvstcp.kernel.magics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** The {@code %load file.jsh} magic: runs the code of a file as if it were typed into the cell. */
public final class LoadMagic {

  private final Path workingDirectory;
  private final Function<String, Object> evaluator;

  /** Creates the magic that reads files relative to {@code workingDirectory}. */
  public LoadMagic(Path workingDirectory, Function<String, Object> evaluator) {
    this.workingDirectory = workingDirectory;
    this.evaluator = evaluator;
  }

  /** Runs each named file in order; returns the value of the last one's last expression. */
  public Object load(List<String> files) throws IOException {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("name the file to load, e.g. %load setup.jsh");
    }
    Object value = null;
    for (String file : files) {
      value = evaluator.apply(Files.readString(workingDirectory.resolve(file)));
    }
    return value;
  }
}
