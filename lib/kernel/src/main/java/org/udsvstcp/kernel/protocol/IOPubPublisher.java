package org.udsvstcp.kernel.protocol;

import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.udsvstcp.kernel.output.CellPublisher;

/**
 * Publishes on the IOPub socket as a child of one request; safe from any thread, at any time, since
 * the socket serializes its sends.
 */
public final class IOPubPublisher implements CellPublisher {

  private final JupyterSocket iopub;
  private final MessageContext parent;

  /** Creates a publisher whose messages have {@code parent} as their parent request. */
  public IOPubPublisher(JupyterSocket iopub, MessageContext parent) {
    this.iopub = iopub;
    this.parent = parent;
  }

  @Override
  public <T extends ContentType<T>> void publish(T content) {
    iopub.sendMessage(new Message<>(parent, content.getType(), content));
  }
}
