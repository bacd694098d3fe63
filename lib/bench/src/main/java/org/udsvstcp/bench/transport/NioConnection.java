package org.udsvstcp.bench.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** A connection over a blocking NIO {@link SocketChannel} (TCP or Unix). */
final class NioConnection extends Connection {
  private final SocketChannel channel;

  NioConnection(Transport transport, SocketChannel channel) {
    super(transport);
    this.channel = channel;
  }

  @Override
  public ByteBuffer allocate(int capacity) {
    return ByteBuffer.allocateDirect(capacity);
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    try {
      return channel.read(dst);
    } catch (IOException e) {
      throw translate(e, "reading");
    }
  }

  @Override
  public void write(ByteBuffer src) throws IOException {
    try {
      while (src.hasRemaining()) {
        channel.write(src);
      }
    } catch (IOException e) {
      throw translate(e, "writing");
    }
  }

  @Override
  public void shutdownOutput() throws IOException {
    channel.shutdownOutput();
  }

  @Override
  public boolean isOpen() {
    return channel.isOpen();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
