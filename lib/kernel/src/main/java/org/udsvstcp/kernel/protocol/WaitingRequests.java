package org.udsvstcp.kernel.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.zeromq.ZMQ;

/**
 * The requests already waiting on the shell socket when a cell failed with {@code stop_on_error}:
 * as in ipykernel, the execute requests among them are answered "aborted" without running, and
 * every other request is handled as usual.
 */
public final class WaitingRequests {

  private static final System.Logger LOG = System.getLogger(WaitingRequests.class.getName());

  private final List<Message<?>> messages;

  private WaitingRequests(List<Message<?>> messages) {
    this.messages = List.copyOf(messages);
  }

  /**
   * Takes every message that has already arrived on {@code shell}, without waiting for more: what
   * the front end sends once it has seen the failure runs normally.
   */
  public static WaitingRequests takeFrom(ShellChannel shell) {
    List<Message<?>> messages = new ArrayList<>();
    // The socket's monitor is what serializes its use by the base's reads and replies.
    synchronized (shell) {
      while ((shell.getEvents() & ZMQ.Poller.POLLIN) != 0) {
        try {
          Message<?> message = shell.readMessage();
          if (message == null) {
            break; // the socket is closed
          }
          if (!CheckedShellChannel.isIgnored(message)) {
            messages.add(message);
          }
        } catch (RuntimeException e) {
          // A message that cannot be read (a bad signature) would be dropped by the shell loop too.
          LOG.log(System.Logger.Level.WARNING, "Dropped an unreadable shell message: " + e);
        }
      }
    }
    return new WaitingRequests(messages);
  }

  static WaitingRequests of(List<Message<?>> messages) {
    return new WaitingRequests(messages);
  }

  /**
   * Answers each waiting execute request "aborted" and hands every other request to its handler, in
   * the order they arrived, as the base's shell loop would have.
   */
  public void abortExecutions(JupyterConnection connection, ShellChannel shell) {
    route(
        message -> abort(connection, shell, message),
        message -> handle(connection, shell, message));
  }

  /**
   * Passes each execute request to {@code abort} and every other one to {@code handle}, in order.
   */
  void route(Consumer<Message<?>> abort, Consumer<Message<?>> handle) {
    for (Message<?> message : messages) {
      if (message.getHeader().getType() == MessageType.EXECUTE_REQUEST) {
        abort.accept(message);
      } else {
        handle.accept(message);
      }
    }
  }

  // Busy and idle frame the reply as for any request, so a front end's bookkeeping stays in step.
  private static void abort(JupyterConnection connection, ShellChannel shell, Message<?> message) {
    ShellReplyEnvironment env = connection.prepareReplyEnv(shell, message);
    env.setBusyDeferIdle();
    env.reply(new AbortedExecuteReply());
    env.resolveDeferrals();
  }

  /**
   * Hands one request to its handler as the base's shell loop does: unknown types and handler
   * failures are logged, deferred replies resolved, and a shutdown request closes the connection.
   */
  @SuppressWarnings({"unchecked", "rawtypes"}) // the base's handler table is keyed by raw type
  static void handle(JupyterConnection connection, ShellChannel shell, Message<?> message) {
    ShellHandler handler = connection.getHandler(message.getHeader().getType());
    if (handler == null) {
      LOG.log(System.Logger.Level.WARNING, "Unhandled message: " + message.getHeader().getType());
      return;
    }
    ShellReplyEnvironment env = connection.prepareReplyEnv(shell, message);
    try {
      handler.handle(env, message);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Failed to handle " + message.getHeader().getType(), e);
    } finally {
      env.resolveDeferrals();
    }
    if (env.isMarkedForShutdown()) {
      connection.close();
    }
  }
}
