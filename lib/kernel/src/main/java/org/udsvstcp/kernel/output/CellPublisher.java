package org.udsvstcp.kernel.output;

import org.dflib.jjava.jupyter.messages.ContentType;

/** Sends messages on IOPub as children of one cell's execute request. */
public interface CellPublisher {

  /** Publishes {@code content} with the cell's request as its parent. */
  <T extends ContentType<T>> void publish(T content);
}
