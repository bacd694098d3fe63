package org.udsvstcp.bench.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import org.newsclub.net.unix.AFUNIXSocket;

/** A connection over a classic {@link Socket} (JDK TCP or junixsocket's AFUNIXSocket). */
final class ClassicConnection extends Connection {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private byte[] scratch = new byte[0];

  ClassicConnection(Transport transport, Socket socket) throws IOException {
    super(transport);
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  @Override
  public ByteBuffer allocate(int capacity) {
    return ByteBuffer.allocate(capacity);
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    int wanted = dst.remaining();
    if (wanted == 0) {
      return 0;
    }
    try {
      if (dst.hasArray()) {
        int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), wanted);
        if (n > 0) {
          dst.position(dst.position() + n);
        }
        return n;
      }
      byte[] bytes = scratch(wanted);
      int n = in.read(bytes, 0, wanted);
      if (n > 0) {
        dst.put(bytes, 0, n);
      }
      return n;
    } catch (IOException e) {
      throw translate(e, "reading");
    }
  }

  @Override
  public void write(ByteBuffer src) throws IOException {
    int length = src.remaining();
    if (length == 0) {
      return;
    }
    try {
      if (src.hasArray()) {
        out.write(src.array(), src.arrayOffset() + src.position(), length);
        src.position(src.limit());
      } else {
        byte[] bytes = scratch(length);
        src.get(bytes, 0, length);
        out.write(bytes, 0, length);
      }
    } catch (IOException e) {
      throw translate(e, "writing");
    }
  }

  private byte[] scratch(int length) {
    if (scratch.length < length) {
      scratch = new byte[length];
    }
    return scratch;
  }

  @Override
  public void shutdownOutput() throws IOException {
    if (socket instanceof AFUNIXSocket junix) {
      // On JDK 25 Socket.shutdownOutput() refuses junixsocket's sockets as "not connected" (the
      // JDK's own connected flag is never set for them); their channel shares the descriptor.
      junix.getChannel().shutdownOutput();
    } else {
      socket.shutdownOutput();
    }
  }

  @Override
  public boolean isOpen() {
    return !socket.isClosed();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
