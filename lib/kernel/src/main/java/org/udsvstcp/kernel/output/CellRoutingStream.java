package org.udsvstcp.kernel.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A stand-in for {@code System.out} or {@code System.err} that sends each write to the stream of
 * the writing thread's cell, and everything else (the kernel's own threads) to the process stream.
 */
public final class CellRoutingStream extends OutputStream {

  private final Function<CellOutput, OutputStream> streamOfCell;
  private final OutputStream processStream;

  /**
   * Creates a stream that routes to {@code streamOfCell} of the current cell, or to {@code
   * processStream}.
   */
  public CellRoutingStream(
      Function<CellOutput, OutputStream> streamOfCell, OutputStream processStream) {
    this.streamOfCell = streamOfCell;
    this.processStream = processStream;
  }

  /**
   * Replaces {@code System.out} and {@code System.err} with streams routed to cells and gives cell
   * code an empty {@code System.in}, so it never reads the kernel process's own input.
   */
  public static void install() {
    System.setOut(printStream(new CellRoutingStream(CellOutput::stdout, System.out)));
    System.setErr(printStream(new CellRoutingStream(CellOutput::stderr, System.err)));
    System.setIn(InputStream.nullInputStream());
  }

  // No autoflush: the cell streams publish at line ends themselves, and on an explicit flush.
  private static PrintStream printStream(OutputStream out) {
    return new PrintStream(out, false, StandardCharsets.UTF_8);
  }

  private OutputStream target() {
    return CellOutput.current().map(streamOfCell).orElse(processStream);
  }

  @Override
  public void write(int b) throws IOException {
    target().write(b);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    target().write(bytes, offset, length);
  }

  @Override
  public void flush() throws IOException {
    target().flush();
  }
}
