package org.udsvstcp.bench.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.udsvstcp.bench.BenchException;
import org.udsvstcp.bench.workload.RunInterruptedException;
import org.udsvstcp.bench.workload.ThreadPeer;

/**
 * The processes of a {@link KernelProfile}: starting perf with its log, its control FIFOs, the
 * commands it acknowledges, waiting for it, and the end of its log for an error message.
 */
final class PerfControl {
  private static final long STOP_SECONDS = 20;

  private PerfControl() {}

  static Process start(List<String> command, Path log) {
    try {
      return new ProcessBuilder(command)
          .redirectError(log.toFile())
          .redirectInput(ProcessBuilder.Redirect.PIPE)
          .start();
    } catch (IOException e) {
      throw new BenchException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    }
  }

  static void makeFifos(Path... fifos) {
    List<String> command = new ArrayList<>(List.of("mkfifo", "-m", "600"));
    for (Path fifo : fifos) {
      command.add(fifo.toString());
    }
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new BenchException("cannot run mkfifo for perf's control: " + e.getMessage(), e);
    }
    String output = read(mkfifo);
    if (waitFor(mkfifo) != 0) {
      throw new BenchException("mkfifo failed: " + output.strip());
    }
  }

  /** Sends one control command to perf record and waits for its acknowledgement. */
  static void command(
      FileChannel commands, FileChannel acks, String command, Process recording, Path log)
      throws IOException {
    commands.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
    ExecutorService reader =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, ThreadPeer.THREAD_PREFIX + "perf-ack");
              t.setDaemon(true);
              return t;
            });
    try {
      Future<Integer> answer = reader.submit(() -> acks.read(ByteBuffer.allocate(16)));
      answer.get(STOP_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunInterruptedException("interrupted while waiting for perf");
    } catch (ExecutionException | TimeoutException e) {
      throw new BenchException(
          "perf record did not acknowledge '"
              + command
              + "'"
              + (recording.isAlive() ? "" : " (it exited: " + tail(log) + ")"),
          e);
    } finally {
      reader.shutdownNow();
    }
  }

  static String read(Process process) {
    try (InputStream in = process.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BenchException("cannot read perf's output: " + e.getMessage(), e);
    }
  }

  static int waitFor(Process process) {
    try {
      if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new RunInterruptedException("interrupted while waiting for perf");
    }
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
