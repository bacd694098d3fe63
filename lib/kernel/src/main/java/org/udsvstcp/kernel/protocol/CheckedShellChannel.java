package org.udsvstcp.kernel.protocol;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.Loop;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.KernelTimestamp;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.adapters.HeaderAdapter;
import org.dflib.jjava.jupyter.messages.adapters.HistoryRequestAdapter;
import org.dflib.jjava.jupyter.messages.adapters.KernelTimestampAdapter;
import org.dflib.jjava.jupyter.messages.adapters.MessageTypeAdapter;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.zeromq.ZMQ;

/**
 * A shell or control channel that ignores, and logs, a message it cannot trust or read: a wrong
 * HMAC signature, too few frames, text that is not UTF-8 or JSON. The base channel's read throws
 * for such a message, out of its polling loop, which ends and leaves the kernel deaf; its loop
 * calls that read non-virtually, so this channel runs its own loop (the base's {@link Loop}, the
 * same dispatch) around a read that takes every frame of a message before checking it, so that one
 * bad message can never swallow the next.
 */
public final class CheckedShellChannel extends ShellChannel {
  private static final System.Logger LOG = System.getLogger(CheckedShellChannel.class.getName());
  private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
  private static final Type METADATA = new TypeToken<Map<String, Object>>() {}.getType();

  // The adapters the base registers for what a kernel receives, reused as they are.
  private static final Gson GSON =
      new GsonBuilder()
          .registerTypeAdapter(KernelTimestamp.class, KernelTimestampAdapter.INSTANCE)
          .registerTypeAdapter(Header.class, HeaderAdapter.INSTANCE)
          .registerTypeAdapter(MessageType.class, MessageTypeAdapter.INSTANCE)
          .registerTypeAdapter(HistoryRequest.class, HistoryRequestAdapter.INSTANCE)
          .create();

  private static final long POLL_MS = 50;

  private final String name;
  private final boolean isControl;
  private final JupyterConnection connection;
  private volatile Loop loop;

  /** Creates the shell channel, or the control channel if {@code isControl}. */
  public CheckedShellChannel(
      ZMQ.Context context, HMACGenerator hmac, boolean isControl, JupyterConnection connection) {
    super(context, hmac, isControl, connection);
    this.name = isControl ? "control" : "shell";
    this.isControl = isControl;
    this.connection = connection;
  }

  /** Binds the channel's port and starts its loop, which handles one message at a time. */
  @Override
  public synchronized void bind(KernelConnectionProperties properties) {
    if (loop != null) {
      throw new IllegalStateException("the " + name + " channel is already bound");
    }
    int port = isControl ? properties.getControlPort() : properties.getShellPort();
    bind(formatAddress(properties.getTransport(), properties.getIp(), port));
    ZMQ.Poller poller = ctx.poller(1);
    poller.register(this, ZMQ.Poller.POLLIN);
    // Waiting in poll rather than sleeping between polls answers a request as soon as it arrives.
    Loop started = new Loop("checked-" + name, 0, () -> pollOnce(poller));
    loop = started;
    started.start();
  }

  private void pollOnce(ZMQ.Poller poller) {
    if (poller.poll(POLL_MS) <= 0) {
      return;
    }
    Message<?> message = readMessage();
    if (message != null && !isIgnored(message)) {
      WaitingRequests.handle(connection, this, message);
    }
  }

  @Override
  public void close() {
    Loop running = loop;
    if (running != null) {
      running.shutdown();
    }
    super.close();
  }

  @Override
  public void waitUntilClose() {
    Loop running = loop;
    if (running != null) {
      try {
        running.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Returns true for the placeholder that stands for an ignored message. */
  public static boolean isIgnored(Message<?> message) {
    return message.getHeader().getType() == MessageType.UNKNOWN
        && message.getIdentities().isEmpty();
  }

  /**
   * Reads the next message; one that fails its signature or does not parse is logged and returned
   * as a placeholder of type {@code unknown} with no sender, which is never answered.
   */
  @Override
  public synchronized Message<?> readMessage() {
    if (closed) {
      return null;
    }
    List<byte[]> frames = new ArrayList<>();
    do {
      frames.add(recv());
    } while (hasReceiveMore());
    try {
      return parse(frames);
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Ignored a message on the " + name + " channel: " + e.getMessage());
      return new Message<>(
          List.of(), new Header<>(MessageType.UNKNOWN), null, Map.of(), null, List.of());
    }
  }

  private Message<?> parse(List<byte[]> frames) {
    int delimiter = -1;
    for (int i = 0; i < frames.size() && delimiter < 0; i++) {
      if (Arrays.equals(frames.get(i), DELIMITER)) {
        delimiter = i;
      }
    }
    if (delimiter < 0) {
      throw new IllegalArgumentException("no <IDS|MSG> delimiter in " + frames.size() + " frames");
    }
    if (frames.size() < delimiter + 6) {
      throw new IllegalArgumentException(
          (frames.size() - delimiter - 1)
              + " frames after the delimiter, fewer than the 5 a message has");
    }
    byte[] signature = frames.get(delimiter + 1);
    byte[] header = frames.get(delimiter + 2);
    byte[] parent = frames.get(delimiter + 3);
    byte[] metadata = frames.get(delimiter + 4);
    byte[] content = frames.get(delimiter + 5);
    String expected = hmacGenerator.calculateSignature(header, parent, metadata, content);
    if (expected != null
        && !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature)) {
      throw new SecurityException("invalid signature (not signed with this kernel's key)");
    }
    Header<?> parsedHeader = GSON.fromJson(object(header, "header"), Header.class);
    if (parsedHeader == null || parsedHeader.getType() == null) {
      throw new IllegalArgumentException("the header has no msg_type");
    }
    JsonElement parentJson = object(parent, "parent header");
    Header<?> parsedParent =
        parentJson.getAsJsonObject().isEmpty() ? null : GSON.fromJson(parentJson, Header.class);
    Map<String, Object> parsedMetadata = GSON.fromJson(object(metadata, "metadata"), METADATA);
    Object parsedContent =
        GSON.fromJson(object(content, "content"), parsedHeader.getType().getContentType());
    return newMessage(
        frames.subList(0, delimiter),
        parsedHeader,
        parsedParent,
        parsedMetadata,
        parsedContent,
        frames.subList(delimiter + 6, frames.size()));
  }

  @SuppressWarnings({"unchecked", "rawtypes"}) // the header's type decides the content's class
  private static Message<?> newMessage(
      List<byte[]> identities,
      Header<?> header,
      Header<?> parent,
      Map<String, Object> metadata,
      Object content,
      List<byte[]> blobs) {
    return new Message(
        List.copyOf(identities), header, parent, metadata, content, List.copyOf(blobs));
  }

  private static JsonElement object(byte[] frame, String what) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(frame))
              .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("the " + what + " is not UTF-8");
    }
    JsonElement element;
    try {
      element = JsonParser.parseString(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the " + what + " is not JSON: " + e.getMessage());
    }
    if (!element.isJsonObject()) {
      throw new IllegalArgumentException("the " + what + " is not a JSON object");
    }
    return element;
  }
}
