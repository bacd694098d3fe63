package org.udsvstcp.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.udsvstcp.kernel.install.KernelInstaller;
import org.udsvstcp.kernel.output.CellRoutingStream;
import org.udsvstcp.kernel.protocol.CheckedConnection;
import sun.misc.Signal;

/**
 * The kernel's command line: {@code CONNECTION_FILE} runs the kernel for Jupyter, {@code install}
 * writes its kernelspec, {@code train} runs the workload that the class-data archive records.
 */
public final class KernelMain {

  private KernelMain() {}

  /** Runs the command that {@code args} names. */
  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println(
          "usage: java -jar uds-vs-tcp-kernel.jar CONNECTION_FILE\n"
              + "       java -jar uds-vs-tcp-kernel.jar install [--prefix DIR | --user]"
              + " [--java PATH] [--name NAME] [--no-cds]");
      System.exit(2);
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    switch (args[0]) {
      case "install" -> KernelInstaller.fromArgs(rest).install();
      case "train" -> StartupTraining.run();
      default -> run(Path.of(args[0]));
    }
  }

  private static void run(Path connectionFile) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    KernelConnectionProperties properties =
        KernelConnectionProperties.parse(Files.readString(connectionFile));
    JavaKernel kernel = JavaKernel.create(Path.of("").toAbsolutePath());
    CellRoutingStream.install();
    // Shell and control ignore (and log) a mis-signed or malformed message instead of dying.
    JupyterConnection connection = new CheckedConnection(properties);
    kernel.becomeHandlerForConnection(connection);
    kernel.onStartup();
    // A terminal's Ctrl-C reaches the kernel too: treat it as an interrupt, not as exit.
    Signal.handle(new Signal("INT"), signal -> kernel.interrupt());
    connection.connect();
    connection.waitUntilClose();
    System.exit(0);
  }
}
