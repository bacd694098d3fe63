package org.udsvstcp.bench.route;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.udsvstcp.bench.BenchException;

/** Runs a short command (bpftool, ip) and returns what it printed. */
final class Commands {
  private static final long SECONDS = 30;

  private Commands() {}

  /**
   * Runs {@code command} and returns its standard output.
   *
   * @throws BenchException if it cannot run, fails or takes more than 30 s, with its error output
   */
  static String output(List<String> command) {
    Process process;
    try {
      process = new ProcessBuilder(command).start();
    } catch (IOException e) {
      throw new BenchException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    }
    CompletableFuture<String> err =
        CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    String out = read(process.getInputStream());
    boolean interrupted = false;
    try {
      if (!process.waitFor(SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new BenchException(
            String.join(" ", command) + " did not finish in " + SECONDS + " s");
      }
    } catch (InterruptedException e) {
      interrupted = true;
      process.destroyForcibly();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (interrupted) {
      throw new BenchException(String.join(" ", command) + ": interrupted");
    }
    if (process.exitValue() != 0) {
      throw new BenchException(
          String.join(" ", command)
              + " failed (exit "
              + process.exitValue()
              + "): "
              + err.join().strip());
    }
    return out;
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
