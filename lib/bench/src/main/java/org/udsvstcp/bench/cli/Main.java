package org.udsvstcp.bench.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code uds-vs-tcp} command line: {@code run}, {@code original}, {@code env}, {@code
 * overhead}, {@code compare}, {@code profile}, {@code model}, {@code references} and {@code
 * reference-run}.
 */
@Command(
    name = "uds-vs-tcp",
    mixinStandardHelpOptions = true,
    version = "uds-vs-tcp 0.1.0",
    description = "Unix domain sockets vs TCP on loopback: repeated, interleaved trials.",
    subcommands = {
      RunCommand.class,
      OriginalCommand.class,
      EnvCommand.class,
      OverheadCommand.class,
      CompareCommand.class,
      ProfileCommand.class,
      ModelCommand.class,
      ReferencesCommand.class,
      ReferenceCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  /** Exit status of a usage error (bad option or value). */
  public static final int USAGE = CommandLine.ExitCode.USAGE;

  @Spec CommandSpec spec;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(
        execute(
            new PrintWriter(System.out, true, StandardCharsets.UTF_8),
            new PrintWriter(System.err, true, StandardCharsets.UTF_8),
            args));
  }

  /**
   * Runs the command line with these streams and returns the exit status: 0 ok, 1 failed run, 2
   * usage error.
   */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(
        (exception, failed, parseResult) -> {
          failed.getErr().println("error: " + message(exception));
          failed.getErr().flush();
          return CommandLine.ExitCode.SOFTWARE;
        });
    commandLine.setParameterExceptionHandler(
        (exception, arguments) -> {
          CommandLine failed = exception.getCommandLine();
          PrintWriter errors = failed.getErr();
          errors.println("error: " + exception.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(exception, errors);
          errors.println(
              "Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
          errors.flush();
          return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
    int status = commandLine.execute(args);
    out.flush();
    err.flush();
    return status;
  }

  private static String message(Throwable exception) {
    return exception.getMessage() == null ? exception.toString() : exception.getMessage();
  }

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "name a command: run, original, env, overhead, compare, profile, model, references or"
            + " reference-run (see --help)");
  }
}
