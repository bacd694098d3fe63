package org.udsvstcp.kernel.protocol;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;

/**
 * A kernel_info_reply with the {@code status} field that protocol 5.x requires and the base omits.
 */
public final class KernelInfoOkReply extends KernelInfoReply {

  @SuppressWarnings("unused") // serialized by Gson
  private final String status = "ok";

  /** Creates the reply. */
  public KernelInfoOkReply(
      String protocolVersion,
      String implementation,
      String implementationVersion,
      LanguageInfo languageInfo,
      String banner,
      List<HelpLink> helpLinks) {
    super(protocolVersion, implementation, implementationVersion, languageInfo, banner, helpLinks);
  }
}
