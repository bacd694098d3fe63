package org.udsvstcp.kernel.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;
import org.junit.jupiter.api.Test;

class CellOutputTest {

  /** Records what one cell published, in order. */
  static final class RecordingPublisher implements CellPublisher {
    final List<ContentType<?>> published = new ArrayList<>();

    @Override
    public synchronized <T extends ContentType<T>> void publish(T content) {
      published.add(content);
    }

    synchronized List<String> texts() {
      return published.stream()
          .filter(PublishStream.class::isInstance)
          .map(c -> ((PublishStream) c).getText())
          .toList();
    }
  }

  private static PrintStream routed(ByteArrayOutputStream process) {
    return new PrintStream(
        new CellRoutingStream(CellOutput::stdout, process), false, StandardCharsets.UTF_8);
  }

  @Test
  void aThreadStartedByACellPrintsIntoThatCellAfterItEnded() throws Exception {
    ByteArrayOutputStream process = new ByteArrayOutputStream();
    PrintStream out = routed(process);
    RecordingPublisher first = new RecordingPublisher();
    RecordingPublisher second = new RecordingPublisher();
    CountDownLatch release = new CountDownLatch(1);
    Thread[] started = new Thread[1];
    new CellOutput(first)
        .runBound(
            () -> {
              started[0] =
                  new Thread(
                      () -> {
                        out.println("Server ready");
                        try {
                          release.await();
                        } catch (InterruptedException e) {
                          return;
                        }
                        out.println("*** Server is done ***");
                      });
              started[0].start();
              return null;
            });
    new CellOutput(second)
        .runBound(
            () -> {
              release.countDown();
              started[0].join();
              out.println("joined");
              return null;
            });
    assertEquals(List.of("Server ready\n", "*** Server is done ***\n"), first.texts());
    assertEquals(List.of("joined\n"), second.texts());
    assertEquals(0, process.size());
  }

  @Test
  void printfPiecesBecomeOneMessagePerLine() throws Exception {
    PrintStream out = routed(new ByteArrayOutputStream());
    RecordingPublisher cell = new RecordingPublisher();
    new CellOutput(cell)
        .runBound(
            () -> {
              out.printf("%s is %d%n", "six times seven", 42);
              out.print("partial");
              return null;
            });
    assertEquals(List.of("six times seven is 42\n", "partial"), cell.texts());
  }

  @Test
  void codeOutsideAnyCellWritesToTheProcessStream() {
    ByteArrayOutputStream process = new ByteArrayOutputStream();
    PrintStream out = routed(process);
    out.println("kernel log line");
    out.flush();
    assertEquals("kernel log line\n", process.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aDisplayPublishesEarlierTextFirst() throws Exception {
    PrintStream out = routed(new ByteArrayOutputStream());
    RecordingPublisher cell = new RecordingPublisher();
    CellOutput output = new CellOutput(cell);
    output.runBound(
        () -> {
          out.print("before ");
          output.display(new DisplayData("shown"));
          return null;
        });
    assertTrue(cell.published.get(0) instanceof PublishStream);
    assertTrue(cell.published.get(1) instanceof PublishDisplayData);
  }
}
