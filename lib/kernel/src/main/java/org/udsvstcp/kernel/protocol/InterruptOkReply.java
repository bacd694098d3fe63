package org.udsvstcp.kernel.protocol;

import org.dflib.jjava.jupyter.messages.reply.InterruptReply;

/**
 * An interrupt_reply with the {@code status} field that protocol 5.x requires and the base omits.
 */
public final class InterruptOkReply extends InterruptReply {

  @SuppressWarnings("unused") // serialized by Gson
  private final String status = "ok";
}
