package org.udsvstcp.kernel.output;

import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;
import org.dflib.jjava.jupyter.messages.publish.PublishUpdateDisplayData;

/**
 * Where the output of one cell goes: its stdout, stderr and displays, published with that cell's
 * request as parent.
 *
 * <p>The cell that is running binds its output to the thread that runs its code; threads that code
 * starts inherit the binding, so whatever they print later still lands under the cell that started
 * them, never under whichever cell happens to run next.
 */
public final class CellOutput {

  private static final InheritableThreadLocal<CellOutput> CURRENT = new InheritableThreadLocal<>();

  private final CellPublisher publisher;
  private final CellStream stdout;
  private final CellStream stderr;

  /** Creates the output of one cell that publishes through {@code publisher}. */
  public CellOutput(CellPublisher publisher) {
    this.publisher = publisher;
    this.stdout = new CellStream(publisher, PublishStream.StreamType.OUT);
    this.stderr = new CellStream(publisher, PublishStream.StreamType.ERR);
  }

  /** Returns the output of the cell whose code (or one of whose threads) runs on this thread. */
  public static Optional<CellOutput> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /**
   * Returns a task that runs {@code task} with this thread's current cell output bound, so a pooled
   * thread and every thread it starts write to the cell that submitted the task.
   */
  public static <T> Callable<T> propagate(Callable<T> task) {
    CellOutput output = CURRENT.get();
    return () -> {
      CellOutput previous = CURRENT.get();
      CURRENT.set(output);
      try {
        return task.call();
      } finally {
        CURRENT.set(previous);
      }
    };
  }

  /** Runs {@code task} on this thread with this cell output bound, flushing it afterwards. */
  public <T> T runBound(Callable<T> task) throws Exception {
    CellOutput previous = CURRENT.get();
    CURRENT.set(this);
    try {
      return task.call();
    } finally {
      CURRENT.set(previous);
      flush();
    }
  }

  /** Returns the stream that collects what the cell prints to {@code System.out}. */
  public OutputStream stdout() {
    return stdout;
  }

  /** Returns the stream that collects what the cell prints to {@code System.err}. */
  public OutputStream stderr() {
    return stderr;
  }

  /** Publishes {@code data} as a new display under this cell. */
  public void display(DisplayData data) {
    flush();
    publisher.publish(new PublishDisplayData(data));
  }

  /** Replaces the display whose id {@code data} carries, wherever it is shown. */
  public void updateDisplay(DisplayData data) {
    if (!data.hasDisplayId()) {
      throw new IllegalArgumentException("an update needs the display id of the display to update");
    }
    flush();
    publisher.publish(new PublishUpdateDisplayData(data));
  }

  /** Publishes whatever the cell printed and has not been published yet. */
  public void flush() {
    stdout.flush();
    stderr.flush();
  }
}
