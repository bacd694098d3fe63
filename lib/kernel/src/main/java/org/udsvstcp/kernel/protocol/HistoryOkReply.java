package org.udsvstcp.kernel.protocol;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.MessageType;

/**
 * A history_reply as protocol 5.x has it: a {@code status}, and each entry as a {@code [session,
 * line, input]} or {@code [session, line, [input, output]]} tuple (the base's reply has neither).
 */
public final class HistoryOkReply implements ContentType<HistoryOkReply> {

  @SuppressWarnings("unused") // serialized by Gson
  private final String status = "ok";

  @SuppressWarnings("unused") // serialized by Gson
  private final List<List<Object>> history;

  /** Creates the reply listing {@code entries}. */
  public HistoryOkReply(List<HistoryEntry> entries) {
    this.history = entries.stream().map(HistoryOkReply::tuple).toList();
  }

  private static List<Object> tuple(HistoryEntry entry) {
    Object cell =
        entry.hasOutput() ? List.of(entry.getInput(), entry.getOutput()) : entry.getInput();
    return List.of(entry.getSession(), entry.getCellNumber(), cell);
  }

  @Override
  public MessageType<HistoryOkReply> getType() {
    @SuppressWarnings("unchecked")
    MessageType<HistoryOkReply> type =
        (MessageType<HistoryOkReply>) (MessageType<?>) MessageType.HISTORY_REPLY;
    return type;
  }
}
