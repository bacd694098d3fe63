"""A live Java kernel driven as a notebook front end drives it: for the soak and the cleanup tests.

Plain jupyter_client (KernelManager, blocking client), so it works with Debian's Jupyter and with a
virtual environment's alike. The kernelspec is found through JUPYTER_PATH (build/jupyter).
"""

import os
import signal
import time
from pathlib import Path
from queue import Empty

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_JAR = ROOT / "lib" / "notebook" / "target" / "uds-vs-tcp.jar"

# The imports notebook 02 starts with, behind a fixed-path %jars as every notebook has it.
SETUP = f"""%jars {NOTEBOOK_JAR}
import org.udsvstcp.bench.*;
import org.udsvstcp.bench.env.Environment;
import org.udsvstcp.bench.experiment.*;
import org.udsvstcp.bench.stats.*;
import org.udsvstcp.bench.transport.Transport;
import org.udsvstcp.bench.workload.*;
import org.udsvstcp.charts.*;
import org.udsvstcp.notebook.*;
import tech.tablesaw.api.*;
import java.nio.file.*;
import java.time.Duration;
"""


def installed_kernels(candidates=("java", "jjava")):
    """The names among `candidates` whose kernelspec is installed (in JUPYTER_PATH)."""
    specs = KernelSpecManager().find_kernel_specs()
    return [name for name in candidates if name in specs]


class Result:
    """One finished cell: the reply's status, its stdout and stderr, and the error if any."""

    def __init__(self, status, stdout, stderr, error):
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
        self.error = error

    def __repr__(self):
        return f"Result({self.status!r}, stdout={self.stdout[-500:]!r}, error={self.error!r})"


class KernelSession:
    """A started kernel with its blocking client; `env` is the kernel process's environment."""

    def __init__(self, kernel_name="java", env=None, startup_timeout=180):
        self.kernel_name = kernel_name
        self.env = dict(os.environ if env is None else env)
        self.manager = KernelManager(kernel_name=kernel_name)
        self.client = None
        self._start(startup_timeout)

    def _start(self, timeout):
        """Starts the manager's kernel and connects; a kernel that started but failed to answer is
        killed, never left running."""
        try:
            self.manager.start_kernel(env=self.env)
            self._connect(timeout)
        except BaseException:
            self.shutdown()
            raise

    def _connect(self, timeout):
        self.client = self.manager.client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=timeout)

    @property
    def pid(self):
        """The kernel process's pid (None before it started)."""
        provisioner = getattr(self.manager, "provisioner", None)
        if provisioner is not None and getattr(provisioner, "pid", None):
            return provisioner.pid
        kernel = getattr(self.manager, "kernel", None)
        return kernel.pid if kernel is not None else None

    def start(self, code):
        """Sends `code` for execution without waiting; returns its msg_id."""
        return self.client.execute(code, allow_stdin=False, stop_on_error=False)

    def collect(self, msg_id, timeout=600, until_idle=True):
        """Reads this cell's output until its idle status (or `timeout`); returns a Result.

        With until_idle False it returns what has arrived so far (the kernel may be gone).
        """
        deadline = time.monotonic() + timeout
        stdout, stderr, error, status = [], [], None, None
        while True:
            remaining = deadline - time.monotonic() if until_idle else 0.5
            if remaining <= 0:
                if until_idle:
                    raise TimeoutError(f"cell did not finish within {timeout} s: {''.join(stdout)[-500:]}")
                break
            try:
                message = self.client.get_iopub_msg(timeout=remaining)
            except Empty:
                if until_idle:
                    continue
                break
            if message["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "stream":
                (stdout if content["name"] == "stdout" else stderr).append(content["text"])
            elif kind == "error":
                error = f"{content['ename']}: {content['evalue']}"
            elif kind == "status" and content["execution_state"] == "idle":
                break
        if until_idle:
            while status is None:
                reply = self.client.get_shell_msg(timeout=max(1, deadline - time.monotonic()))
                if reply["parent_header"].get("msg_id") == msg_id:
                    status = reply["content"]["status"]
        return Result(status, "".join(stdout), "".join(stderr), error)

    def run(self, code, timeout=600):
        """Executes `code` and waits for it; returns its Result."""
        return self.collect(self.start(code), timeout=timeout)

    def run_ok(self, code, timeout=600):
        """Executes `code` and returns its stdout; raises if the cell failed."""
        result = self.run(code, timeout=timeout)
        if result.status != "ok":
            raise AssertionError(f"cell failed: {result.error}\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def restart(self, timeout=180):
        """Restarts as Jupyter's "Restart kernel" does: a shutdown request, SIGKILL after a wait."""
        self.client.stop_channels()
        self.manager.restart_kernel(now=False, env=self.env)
        self._connect(timeout)

    def replace_after_kill(self, timeout=180):
        """Starts a fresh kernel after this one was killed from outside."""
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)
        # A manager that shut its kernel down cannot start another: a new one, as a server makes.
        self.manager = KernelManager(kernel_name=self.kernel_name)
        self._start(timeout)

    def shutdown(self):
        """Stops the kernel, with SIGKILL if the manager could not (a test must leave none)."""
        pid = self.pid
        started = start_ticks(pid) if pid is not None else None
        if self.client is not None:
            self.client.stop_channels()
            self.client = None
        try:
            if self.manager.has_kernel:
                self.manager.shutdown_kernel(now=True)
        finally:
            # Only the same process: its pid might already belong to another.
            if pid is not None and alive(pid) and start_ticks(pid) == started:
                os.kill(pid, signal.SIGKILL)
                wait_until(lambda: not alive(pid), 10)


def descendants(pid):
    """The pids of every live process below `pid` (from /proc)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if fields[0] in ("Z", "X"):
            continue
        parents.setdefault(int(fields[1]), []).append(int(entry.name))
    found, queue = [], [pid]
    while queue:
        for child in parents.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def start_ticks(pid):
    """The start time of `pid` in clock ticks since boot, or None if it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat[stat.rindex(")") + 2:].split()[19])


def alive(pid):
    """True if `pid` runs and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2:].split()[0] not in ("Z", "X")


def wait_until(predicate, timeout, interval=0.01):
    """Polls `predicate` until it returns something true or `timeout` passes; returns its value."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)
