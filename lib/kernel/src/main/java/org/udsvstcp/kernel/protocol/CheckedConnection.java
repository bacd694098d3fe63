package org.udsvstcp.kernel.protocol;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.zeromq.ZMQ;

/**
 * The base's connection with {@link CheckedShellChannel}s in place of its shell and control
 * channels, so that a request with a wrong signature or malformed JSON is ignored and logged, and
 * the kernel goes on answering. The base's own two channels are created but never bound.
 */
public final class CheckedConnection extends JupyterConnection {
  private final KernelConnectionProperties properties;
  private final ZMQ.Context context = ZMQ.context(1);
  private final CheckedShellChannel checkedShell;
  private final CheckedShellChannel checkedControl;
  private boolean connected;

  /** Creates the connection that {@code properties} (the connection file) describes. */
  public CheckedConnection(KernelConnectionProperties properties)
      throws NoSuchAlgorithmException, InvalidKeyException {
    super(properties);
    this.properties = properties;
    HMACGenerator hmac = properties.createHMACGenerator();
    checkedShell = new CheckedShellChannel(context, hmac, false, this);
    checkedControl = new CheckedShellChannel(context, hmac, true, this);
  }

  /** Binds every channel and publishes the "starting" status, as the base does. */
  @Override
  public synchronized void connect() {
    if (connected) {
      return;
    }
    heartbeat.bind(properties);
    checkedShell.bind(properties);
    checkedControl.bind(properties);
    stdin.bind(properties);
    iopub.bind(properties);
    getIOPub().sendMessage(new Message<>(null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
    connected = true;
  }

  @Override
  public void close() {
    checkedShell.close();
    checkedControl.close();
    super.close();
    context.close();
  }

  @Override
  public void waitUntilClose() {
    checkedShell.waitUntilClose();
    checkedControl.waitUntilClose();
    super.waitUntilClose();
  }
}
