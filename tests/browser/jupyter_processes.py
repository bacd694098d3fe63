"""Starting and stopping a Jupyter server for a test: loopback only, private directories, nothing left behind."""

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_loopback_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now (the server is told to take it or fail)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def private_jupyter_env(tmp, jupyter_path):
    """The environment for a server whose runtime, config and data directories live under tmp."""
    env = dict(os.environ)
    for name in ("runtime", "config", "data"):
        (tmp / name).mkdir(exist_ok=True)
    env.update(
        JUPYTER_PATH=str(jupyter_path),
        JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
        JUPYTER_CONFIG_DIR=str(tmp / "config"),
        JUPYTER_DATA_DIR=str(tmp / "data"),
        UDS_VS_TCP_PROFILE="quick",
    )
    env.pop("JUPYTER_TOKEN", None)
    return env


def processes_of(marker, session=None):
    """PIDs and command lines of this user's processes whose command line contains marker (e.g. a private
    temp directory), or that belong to session (the session a server was started in)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if entry.stat().st_uid != os.getuid():
                continue
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state, _ppid, _pgrp, sid = (entry / "stat").read_text().rsplit(") ", 1)[1].split()[:4]
        except (OSError, ValueError):
            continue  # it ended while we looked
        if state == "Z":
            continue
        if marker in cmdline or (session is not None and int(sid) == session):
            found.append((int(entry.name), cmdline.strip()))
    return found


def reap(marker, session=None, grace=10.0):
    """Ends the processes processes_of() finds (ours: they run on our private directory or in our session);
    returns what it found, so a test can fail on a leak after cleaning it up."""
    leftovers = processes_of(marker, session)
    for pid, _ in leftovers:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and any(_alive(pid) for pid, _ in leftovers):
        time.sleep(0.1)
    for pid, _ in leftovers:
        if _alive(pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    return leftovers


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return False


def start(cmd, env, log_path, cwd=None):
    """Starts cmd in a session of its own (so stop() can end its whole group), its output in log_path."""
    log = open(log_path, "wb")
    try:
        return subprocess.Popen(
            cmd, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    finally:
        log.close()


def stop(process, grace=20.0):
    """Asks the server to stop (SIGTERM: Jupyter then shuts its kernels down), and kills it if it will not.
    Whatever it leaves behind is for reap() to find and report."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=grace)
    return process.returncode


def get(url, timeout=5.0):
    """(status, body) of a GET on a loopback URL; HTTP errors are answers too."""
    assert url.startswith("http://127.0.0.1:"), url
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def wait_until_serving(url, process, log_path, timeout=90.0):
    """Polls url until the server answers 200; fails early, with its log, if the server exits."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server exited ({process.returncode}):\n{Path(log_path).read_text()}")
        try:
            status, _ = get(url, timeout=2.0)
            if status == 200:
                return
            last = status
        except OSError as e:
            last = e
        time.sleep(0.2)
    raise AssertionError(f"no answer from {url} in {timeout} s (last: {last}):\n{Path(log_path).read_text()}")


def listening_addresses(port):
    """Local addresses with a TCP socket listening on port, from /proc/net/tcp and tcp6 (as text IPs)."""
    found = []
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            address, port_hex = fields[1].split(":")
            if fields[3] != "0A" or int(port_hex, 16) != port:  # 0A: LISTEN
                continue
            found.append(_ip(address, width))
    return found


def _ip(hex_address, width):
    raw = bytes.fromhex(hex_address)
    # The kernel prints each 32-bit word in host (little-endian) order.
    words = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))
    family = socket.AF_INET if width == 8 else socket.AF_INET6
    return socket.inet_ntop(family, words)
