package org.udsvstcp.bench.experiment;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.udsvstcp.bench.env.Affinity;
import org.udsvstcp.bench.transport.Endpoint;
import org.udsvstcp.bench.transport.TransportOptions;
import org.udsvstcp.bench.workload.Scope;
import org.udsvstcp.bench.workload.Tally;
import org.udsvstcp.bench.workload.Trial;
import org.udsvstcp.bench.workload.TrialSpec;

/**
 * The main class of a child process that serves or connects for {@link Isolation#PROCESSES}: it
 * reads one command per line on standard input and answers with prefixed lines on standard output.
 * It exits when its input ends or its parent dies.
 */
public final class PeerMain {
  static final String PREFIX = "@uds-vs-tcp ";

  private static volatile Scope current;

  private PeerMain() {}

  /** Runs the command loop. */
  public static void main(String[] args) throws IOException {
    PrintStream protocol =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    // Anything else printed goes to stderr, so it cannot be mistaken for an answer.
    System.setOut(System.err);
    // A parent killed with SIGKILL cannot stop its children: they stop themselves, closing the
    // role's sockets first so that no socket file or private directory stays behind.
    ProcessHandle.current()
        .parent()
        .ifPresent(
            parent ->
                parent
                    .onExit()
                    .thenRun(
                        () -> {
                          Scope running = current;
                          if (running != null) {
                            running.close();
                          }
                          Runtime.getRuntime().halt(3);
                        }));
    protocol.println(
        PREFIX + "HELLO " + Affinity.currentThreadCpuList() + " " + ProcessHandle.current().pid());
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      String[] parts = line.split(" ");
      try (Scope scope = new Scope()) {
        current = scope;
        Tally tally =
            switch (parts[0]) {
              case "SERVE" ->
                  Trial.serve(
                      TrialSpec.decode(parts[1]),
                      TransportOptions.decode(parts[2]),
                      endpoint -> protocol.println(PREFIX + "READY " + endpoint.encode()),
                      scope);
              case "CONNECT" ->
                  Trial.connect(TrialSpec.decode(parts[1]), Endpoint.decode(parts[2]), scope);
              default -> throw new IllegalArgumentException("unknown command: " + line);
            };
        protocol.println(PREFIX + "DONE " + tally.encode());
      } catch (Exception | Error e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        protocol.println(
            PREFIX
                + "FAIL "
                + e.getClass().getSimpleName()
                + " "
                + java.net.URLEncoder.encode(message, StandardCharsets.UTF_8));
      }
    }
  }
}
