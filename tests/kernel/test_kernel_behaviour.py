"""How the Java kernel behaves for a notebook: interrupts, output of threads, errors, display.

Each test drives the installed kernel through jupyter_client, as a notebook front end does.
"""

import time
from queue import Empty

import pytest

TIMEOUT = 30


class Cell:
    """One executed cell: its reply and every IOPub message seen until the kernel went idle."""

    def __init__(self, client, code, **options):
        self.client = client
        self.msg_id = client.execute(code, **options)
        self.messages = []
        self.reply = None

    def wait_for_output(self, text, timeout=TIMEOUT):
        """Reads IOPub until this cell printed `text` (the cell keeps running)."""
        deadline = time.monotonic() + timeout
        while True:
            message = self._next(deadline)
            if message["msg_type"] == "stream" and text in message["content"]["text"]:
                return

    def finish(self, timeout=TIMEOUT):
        """Reads IOPub until this cell's idle status and returns the shell reply."""
        deadline = time.monotonic() + timeout
        while True:
            message = self._next(deadline)
            if (
                message["msg_type"] == "status"
                and message["content"]["execution_state"] == "idle"
                and message["parent_header"].get("msg_id") == self.msg_id
            ):
                break
        while self.reply is None:
            reply = self.client.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
            if reply["parent_header"].get("msg_id") == self.msg_id:
                self.reply = reply
        return self.reply

    def _next(self, deadline):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"cell {self.msg_id} did not finish")
        message = self.client.get_iopub_msg(timeout=remaining)
        self.messages.append(message)
        return message

    def own(self, msg_type):
        """Returns this cell's messages of `msg_type` (those whose parent is this cell)."""
        return [
            m
            for m in self.messages
            if m["msg_type"] == msg_type and m["parent_header"].get("msg_id") == self.msg_id
        ]

    def stdout(self):
        return "".join(m["content"]["text"] for m in self.own("stream"))


def run(client, code):
    cell = Cell(client, code)
    cell.finish()
    return cell


def drain(client):
    while True:
        try:
            client.get_iopub_msg(timeout=0.2)
        except Empty:
            return


def test_interrupt_stops_a_cell_blocked_in_a_socket_read(kernel):
    manager, client = kernel
    drain(client)
    setup = run(
        client,
        "var loopback = InetAddress.getLoopbackAddress();\n"
        "var server = new ServerSocket(0, 1, loopback);\n"
        "var peer = new Socket(loopback, server.getLocalPort());\n"
        "var accepted = server.accept();",
    )
    assert setup.reply["content"]["status"] == "ok", setup.own("error")
    blocked = Cell(client, 'System.out.println("reading");\naccepted.getInputStream().read()')
    blocked.wait_for_output("reading")
    started = time.monotonic()
    manager.interrupt_kernel()
    reply = blocked.finish()
    elapsed = time.monotonic() - started
    print(f"socket read interrupted after {elapsed:.3f} s")
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "Interrupted"
    assert run(client, "1 + 1").own("execute_result")[0]["content"]["data"]["text/plain"] == "2"
    run(client, "peer.close(); accepted.close(); server.close();")


def test_interrupt_stops_a_loop_that_checks_for_interruption(kernel):
    manager, client = kernel
    drain(client)
    spinning = Cell(
        client,
        'System.out.println("spinning");\n'
        "long turns = 0;\n"
        "while (!Thread.currentThread().isInterrupted()) { turns++; }",
    )
    spinning.wait_for_output("spinning")
    manager.interrupt_kernel()
    reply = spinning.finish()
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "Interrupted"
    assert run(client, '"next"').own("execute_result")[0]["content"]["data"]["text/plain"] == "next"


def test_a_thread_prints_into_the_cell_that_started_it_even_after_that_cell_ended(kernel):
    _, client = kernel
    drain(client)
    starter = run(
        client,
        "var release = new CountDownLatch(1);\n"
        "var serverThread = new Thread(() -> {\n"
        '    System.out.println("Server ready");\n'
        "    try { release.await(); } catch (InterruptedException e) { return; }\n"
        '    System.out.println("*** Server is done ***");\n'
        "});\n"
        "serverThread.start();",
    )
    later = Cell(client, 'release.countDown();\nserverThread.join();\nSystem.out.println("joined");')
    later.finish()
    everything = starter.messages + later.messages
    done = [
        m
        for m in everything
        if m["msg_type"] == "stream" and "*** Server is done ***" in m["content"]["text"]
    ]
    assert done, "the thread's last line was not published at all"
    assert all(m["parent_header"]["msg_id"] == starter.msg_id for m in done)
    assert "Server is done" not in later.stdout()
    assert "joined" in later.stdout()


def test_a_compile_error_shows_the_offending_span_and_the_message(kernel):
    _, client = kernel
    drain(client)
    cell = run(client, 'int fine = 1;\nint wrong = "text";')
    [error] = cell.own("error")
    content = error["content"]
    assert content["ename"] == "CompilationException"
    assert "incompatible types" in content["evalue"]
    traceback = "\n".join(content["traceback"])
    assert 'line 2 | int wrong = "text";' in traceback
    source_line = next(line for line in content["traceback"] if "int wrong" in line)
    carets = content["traceback"][content["traceback"].index(source_line) + 1]
    assert source_line[carets.index("^") :].startswith('"text"')
    assert carets.strip() == "^" * len('"text"')


def test_a_runtime_exception_shows_the_exception_and_only_the_user_frames(kernel):
    _, client = kernel
    drain(client)
    run(client, 'void fail() { throw new IllegalStateException("boom"); }')
    cell = run(client, "fail()")
    [error] = cell.own("error")
    content = error["content"]
    assert content["ename"] == "java.lang.IllegalStateException"
    assert content["evalue"] == "boom"
    assert content["traceback"][0] == "java.lang.IllegalStateException: boom"
    assert any("at fail(" in line for line in content["traceback"])
    for line in content["traceback"]:
        assert "org.udsvstcp.kernel" not in line
        assert "org.dflib" not in line
        assert "reflect" not in line


PROXY_RENDERABLE = """
import org.dflib.jjava.jupyter.kernel.display.*;
import java.lang.reflect.InvocationHandler;
DisplayDataRenderable chart(String html) {
    InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
        case "render" -> {
            ((RenderContext) args[0]).getOutputContainer().putHTML(html);
            yield null;
        }
        case "toString" -> "chart";
        case "hashCode" -> System.identityHashCode(proxy);
        case "equals" -> proxy == args[0];
        default -> InvocationHandler.invokeDefault(proxy, method, args);
    };
    return (DisplayDataRenderable) java.lang.reflect.Proxy.newProxyInstance(
        DisplayDataRenderable.class.getClassLoader(), new Class<?>[] {DisplayDataRenderable.class}, handler);
}
"""


def test_a_proxy_renderable_renders_through_display_update_and_as_a_result(kernel):
    _, client = kernel
    drain(client)
    defined = run(client, PROXY_RENDERABLE)
    assert defined.reply["content"]["status"] == "ok", defined.own("error")
    cell = run(client, 'String id = display(chart("<p>one</p>"));\nupdateDisplay(id, chart("<p>two</p>"));\nchart("<p>three</p>")')
    assert cell.reply["content"]["status"] == "ok", cell.own("error")
    [shown] = cell.own("display_data")
    [updated] = cell.own("update_display_data")
    [result] = cell.own("execute_result")
    assert shown["content"]["data"]["text/html"] == "<p>one</p>"
    assert updated["content"]["data"]["text/html"] == "<p>two</p>"
    assert updated["content"]["transient"]["display_id"] == shown["content"]["transient"]["display_id"]
    assert result["content"]["data"]["text/html"] == "<p>three</p>"
    assert result["content"]["data"]["text/plain"] == "chart"


JSON_RENDERABLE = """
DisplayDataRenderable figure() {
    var trace = new java.util.LinkedHashMap<String, Object>();
    trace.put("type", "scatter");
    trace.put("y", java.util.Arrays.asList(1, 2.5, null));
    var json = new java.util.LinkedHashMap<String, Object>();
    json.put("data", java.util.List.of(trace));
    json.put("layout", java.util.Map.of("title", java.util.Map.of("text", "a plot")));
    InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
        case "render" -> {
            var out = ((RenderContext) args[0]).getOutputContainer();
            out.putData("text/plain", "a plot");
            out.putData("application/vnd.plotly.v1+json", json);
            yield null;
        }
        case "toString" -> "a plot";
        case "hashCode" -> System.identityHashCode(proxy);
        case "equals" -> proxy == args[0];
        default -> InvocationHandler.invokeDefault(proxy, method, args);
    };
    return (DisplayDataRenderable) java.lang.reflect.Proxy.newProxyInstance(
        DisplayDataRenderable.class.getClassLoader(), new Class<?>[] {DisplayDataRenderable.class}, handler);
}
"""


def test_a_json_mime_type_given_as_maps_and_lists_is_sent_as_a_json_object(kernel):
    # The charts library hands Plotly's JSON to putData as plain maps and lists; the front end's
    # renderer needs an object, not a string holding JSON.
    _, client = kernel
    drain(client)
    defined = run(client, PROXY_RENDERABLE + JSON_RENDERABLE)
    assert defined.reply["content"]["status"] == "ok", defined.own("error")
    cell = run(client, "display(figure());")
    assert cell.reply["content"]["status"] == "ok", cell.own("error")
    [shown] = cell.own("display_data")
    assert shown["content"]["data"]["application/vnd.plotly.v1+json"] == {
        "data": [{"type": "scatter", "y": [1, 2.5, None]}],
        "layout": {"title": {"text": "a plot"}},
    }
    assert shown["content"]["data"]["text/plain"] == "a plot"


QUEUED_CELLS = [
    'throw new IllegalStateException("first cell fails");',
    'System.out.println("second cell ran");',
    'System.out.println("third cell ran");',
]


def test_a_failing_cell_aborts_the_cells_already_queued_behind_it_but_not_later_ones(kernel):
    _, client = kernel
    drain(client)
    # Sent back to back without waiting, as "Run All" does.
    cells = [Cell(client, code) for code in QUEUED_CELLS]
    replies = [cell.finish() for cell in cells]
    assert [r["content"]["status"] for r in replies] == ["error", "aborted", "aborted"]
    assert replies[0]["content"]["evalue"] == "first cell fails"
    for cell in cells[1:]:
        assert cell.stdout() == ""
        assert cell.own("execute_input") == []
        states = [m["content"]["execution_state"] for m in cell.own("status")]
        assert states == ["busy", "idle"]
    after = run(client, 'System.out.println("later cell ran");')
    assert after.reply["content"]["status"] == "ok"
    assert after.stdout() == "later cell ran\n"


def test_without_stop_on_error_the_cells_queued_behind_a_failing_one_run(kernel):
    _, client = kernel
    drain(client)
    cells = [Cell(client, code, stop_on_error=False) for code in QUEUED_CELLS]
    replies = [cell.finish() for cell in cells]
    assert [r["content"]["status"] for r in replies] == ["error", "ok", "ok"]
    assert [cell.stdout() for cell in cells[1:]] == ["second cell ran\n", "third cell ran\n"]


def test_other_requests_queued_behind_a_failing_cell_are_still_answered(kernel):
    _, client = kernel
    drain(client)
    failing = Cell(client, QUEUED_CELLS[0])
    info_id = client.kernel_info()
    queued = Cell(client, QUEUED_CELLS[1])
    assert failing.finish()["content"]["status"] == "error"
    info = client.get_shell_msg(timeout=TIMEOUT)
    assert info["parent_header"]["msg_id"] == info_id
    assert info["content"]["status"] == "ok"
    assert queued.finish()["content"]["status"] == "aborted"
    assert queued.stdout() == ""
