package org.udsvstcp.kernel.output;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;

/**
 * One cell's stdout or stderr: publishes whole lines as stream messages as soon as they are
 * complete, and a partial line only on flush, so printf's pieces make one message, not five.
 */
final class CellStream extends OutputStream {

  private final CellPublisher publisher;
  private final PublishStream.StreamType type;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  CellStream(CellPublisher publisher, PublishStream.StreamType type) {
    this.publisher = publisher;
    this.type = type;
  }

  @Override
  public synchronized void write(int b) {
    buffer.write(b);
    if (b == '\n') {
      flush();
    }
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    int lastNewline = -1;
    for (int i = offset + length - 1; i >= offset; i--) {
      if (bytes[i] == '\n') {
        lastNewline = i;
        break;
      }
    }
    if (lastNewline < 0) {
      buffer.write(bytes, offset, length);
      return;
    }
    buffer.write(bytes, offset, lastNewline + 1 - offset);
    flush();
    buffer.write(bytes, lastNewline + 1, offset + length - lastNewline - 1);
  }

  @Override
  public synchronized void flush() {
    if (buffer.size() > 0) {
      String text = buffer.toString(StandardCharsets.UTF_8);
      buffer.reset();
      publisher.publish(new PublishStream(type, text));
    }
  }
}
