package org.udsvstcp.bench.workload;

import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sockets one end of a trial has open, so another thread can close them all to unblock that end
 * (a blocked classic socket read ignores {@code Thread.interrupt}, but not a close).
 */
public final class Scope implements Closeable {
  private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** Registers a resource to close with the scope; if the scope is already closed, closes it. */
  public <T extends Closeable> T register(T resource) throws IOException {
    open.add(resource);
    if (closed) {
      release(resource);
      throw new IOException("trial was stopped");
    }
    return resource;
  }

  /** Closes a resource and forgets it. */
  public void release(Closeable resource) throws IOException {
    try {
      resource.close();
    } finally {
      open.remove(resource);
    }
  }

  /** Returns true once {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /** Closes every registered resource; safe to call from any thread, more than once. */
  @Override
  public void close() {
    closed = true;
    for (Closeable resource : open) {
      try {
        resource.close();
      } catch (IOException | RuntimeException e) {
        // Closing to unblock: the end's own error says what went wrong.
      }
      open.remove(resource);
    }
  }
}
