package org.udsvstcp.kernel.protocol;

import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.MessageType;

/**
 * An execute_reply for a request that never ran because a cell before it failed (the base's reply
 * knows only "ok" and "error").
 */
public final class AbortedExecuteReply implements ContentType<AbortedExecuteReply> {

  @SuppressWarnings("unused") // serialized by Gson
  private final String status = "aborted";

  @Override
  public MessageType<AbortedExecuteReply> getType() {
    @SuppressWarnings("unchecked")
    MessageType<AbortedExecuteReply> type =
        (MessageType<AbortedExecuteReply>) (MessageType<?>) MessageType.EXECUTE_REPLY;
    return type;
  }
}
