"""Bad messages on the shell and control channels: a request with a wrong HMAC signature is
ignored and logged, malformed JSON does not kill the kernel, and the next valid request is answered.

Sent with pyzmq over a socket of its own, signed (or mis-signed) with jupyter_client's Session.
"""

import hashlib
import hmac
import json
import time
import uuid

import pytest
import zmq
from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

from project import KERNEL_NAME


@pytest.fixture(scope="module")
def started(tmp_path_factory):
    """A kernel whose stderr goes to a file, with a client and a raw DEALER socket per channel."""
    log = tmp_path_factory.mktemp("bad-messages") / "kernel.log"
    with log.open("w") as stderr:
        manager = KernelManager(kernel_name=KERNEL_NAME)
        manager.start_kernel(stderr=stderr)
    context = zmq.Context()
    raw = {}
    client = manager.client()
    try:
        client.start_channels()
        client.wait_for_ready(timeout=120)
        info = manager.get_connection_info()
        for channel in ("shell", "control"):
            socket = context.socket(zmq.DEALER)
            socket.linger = 0
            socket.connect(f"{info['transport']}://{info['ip']}:{info[channel + '_port']}")
            raw[channel] = socket
        yield manager, client, raw, log
    finally:
        for socket in raw.values():
            socket.close()
        context.term()
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def signed_frames(key, parts):
    """The wire frames of a message whose parts are raw bytes, signed with key (b"" for none)."""
    signature = b""
    if key:
        mac = hmac.new(key, digestmod=hashlib.sha256)
        for part in parts:
            mac.update(part)
        signature = mac.hexdigest().encode()
    return [b"<IDS|MSG>", signature, *parts]


def header(msg_type):
    return json.dumps({"msg_id": uuid.uuid4().hex, "username": "test", "session": uuid.uuid4().hex,
                       "date": "2026-01-01T00:00:00Z", "msg_type": msg_type,
                       "version": "5.3"}).encode()


def assert_still_answers(client, raw, channel, key):
    """A valid request right after the bad one gets its reply."""
    session = Session(key=key, signature_scheme="hmac-sha256")
    request = session.msg("kernel_info_request", {})
    session.send(raw[channel], request)
    if not raw[channel].poll(20_000):
        pytest.fail(f"no reply on {channel} to a valid request after a bad message")
    _, frames = session.feed_identities(raw[channel].recv_multipart())
    reply = session.deserialize(frames)
    assert reply["msg_type"] == "kernel_info_reply"
    assert reply["parent_header"]["msg_id"] == request["header"]["msg_id"]
    # And the ordinary client still works on the shell channel.
    result = client.execute_interactive("1 + 1", timeout=60)
    assert result["content"]["status"] == "ok"


def wait_for_log(log, text, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        content = log.read_text(errors="replace")
        if text in content:
            return content
        time.sleep(0.1)
    pytest.fail(f"the kernel logged no {text!r}; its log:\n{log.read_text(errors='replace')}")


@pytest.mark.parametrize("channel", ["shell", "control"])
def test_a_wrong_signature_is_ignored_and_logged(started, channel):
    manager, client, raw, log = started
    key = manager.session.key
    wrong = Session(key=b"not-the-key", signature_scheme="hmac-sha256")
    # A request the kernel would obey if it did not check: shutdown.
    wrong.send(raw[channel], wrong.msg("shutdown_request", {"restart": False}))
    assert not raw[channel].poll(2_000), "the kernel answered a request with a wrong signature"
    wait_for_log(log, "invalid signature")
    assert manager.is_alive()
    assert_still_answers(client, raw, channel, key)


@pytest.mark.parametrize("channel", ["shell", "control"])
@pytest.mark.parametrize(
    "parts",
    [
        pytest.param([b"{not json", b"{}", b"{}", b"{}"], id="header-not-json"),
        pytest.param([header("kernel_info_request"), b"{}", b"{}", b"[1, 2"], id="content-not-json"),
        pytest.param([b"[]", b"{}", b"{}", b"{}"], id="header-not-an-object"),
        pytest.param([b"\xff\xfe", b"{}", b"{}", b"{}"], id="not-utf8"),
    ],
)
def test_malformed_json_does_not_kill_the_kernel(started, channel, parts):
    manager, client, raw, log = started
    key = manager.session.key
    raw[channel].send_multipart(signed_frames(key, parts))
    assert not raw[channel].poll(1_000), "the kernel answered a malformed message"
    assert manager.is_alive()
    assert_still_answers(client, raw, channel, key)


def test_a_message_with_too_few_frames_does_not_kill_the_kernel(started):
    manager, client, raw, log = started
    raw["shell"].send_multipart([b"<IDS|MSG>", b"sig", b"{}"])
    assert not raw["shell"].poll(1_000)
    assert manager.is_alive()
    assert_still_answers(client, raw, "shell", manager.session.key)
