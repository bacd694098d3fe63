package org.udsvstcp.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.request.CompleteRequest;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.junit.jupiter.api.Test;

class WaitingRequestsTest {

  private static Message<ExecuteRequest> execute(String code) {
    ExecuteRequest request = new ExecuteRequest(code, false, true, Map.of(), false, true);
    return new Message<>(new Header<>(ExecuteRequest.MESSAGE_TYPE), request);
  }

  private static Message<CompleteRequest> complete(String code) {
    CompleteRequest request = new CompleteRequest(code, code.length());
    return new Message<>(new Header<>(CompleteRequest.MESSAGE_TYPE), request);
  }

  private static Message<KernelInfoRequest> kernelInfo() {
    return new Message<>(new Header<>(KernelInfoRequest.MESSAGE_TYPE), new KernelInfoRequest());
  }

  @Test
  void abortsOnlyTheExecuteRequestsAndHandlesTheRestInArrivalOrder() {
    Message<?> first = execute("1");
    Message<?> info = kernelInfo();
    Message<?> second = execute("2");
    Message<?> completion = complete("Sys");
    List<String> seen = new ArrayList<>();

    WaitingRequests.of(List.of(first, info, second, completion))
        .route(
            m -> seen.add("abort " + m.getHeader().getId()),
            m -> seen.add("handle " + m.getHeader().getId()));

    assertEquals(
        List.of(
            "abort " + first.getHeader().getId(),
            "handle " + info.getHeader().getId(),
            "abort " + second.getHeader().getId(),
            "handle " + completion.getHeader().getId()),
        seen);
  }
}
