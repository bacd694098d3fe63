"""A reader interrupts, restarts or kills the kernel while a benchmark cell runs.

Each test starts a kernel, runs a benchmark cell and waits, by watching /proc and the file system
(no test hook in the library), until the cell is in the phase under test:

- listening: a server waits for a client that has not come (notebook 01's server cell);
- connecting: the connect workload's client connects again and again to a listening socket;
- transferring: a stream trial moves bytes, over threads or child processes, after a first trial
  finished;
- child-starting: a child JVM for --isolation processes has been started and is not ready yet.

Then it interrupts the cell, restarts the kernel the way Jupyter's "Restart kernel" does (a shutdown
request, SIGKILL if that takes too long) or sends the kernel SIGKILL. Afterwards: no benchmark
thread (asked of the kernel's JVM by a cell, after an interrupt), no child process, no socket file
or private directory (the kernel's java.io.tmpdir is a directory of the test's own); the CSV holds
every finished row and parses; and the next kernel, or the same after an interrupt, runs a benchmark
normally. A kill leaves no chance to clean up: what it leaves must be a directory that the next
run's sweep removes, and nothing else.
"""

import csv
import os
import re
import shutil
import signal
import tempfile
import time
from pathlib import Path

import pytest

from kernel_session import SETUP, KernelSession, alive, descendants, installed_kernels, wait_until

KERNELS = installed_kernels()
PREFIX = "uds-vs-tcp-"

# Prints every finished trial, so the test knows how many rows the CSV must hold at least.
PROGRESS = '(i, n, row) -> System.out.println("finished " + (i + 1) + " of " + n)'

CELLS = {
    "listening": """try (RunningServer server = OriginalTrial.startServer(Transport.UDS, Duration.ofSeconds(1))) {
    System.out.println("listening on " + server.endpoint());
    server.await(Duration.ofMinutes(5));
}""",
    "connecting": """Experiment.builder().workload(Workload.CONNECT).transports(Transport.TCP, Transport.UDS)
    .sizes(16).count(60_000).warmup(0).trials(3).shuffle(false).placement(Placement.SCHEDULER)
    .build().run(Path.of("{csv}"), {progress});""",
    "transferring": """Experiment.builder().workload(Workload.STREAM).transports(Transport.UDS, Transport.TCP)
    .sizes(65536).duration(Duration.ofSeconds(3)).warmup(0).trials(3).shuffle(false)
    .placement(Placement.SCHEDULER).build().run(Path.of("{csv}"), {progress});""",
    "transferring-processes": """Experiment.builder().workload(Workload.STREAM).transports(Transport.UDS, Transport.TCP)
    .sizes(65536).duration(Duration.ofSeconds(3)).warmup(0).trials(3).shuffle(false)
    .isolation(Isolation.PROCESSES).placement(Placement.SCHEDULER)
    .build().run(Path.of("{csv}"), {progress});""",
    "child-starting": """Experiment.builder().workload(Workload.STREAM).transports(Transport.UDS, Transport.TCP)
    .sizes(65536).duration(Duration.ofMillis(200)).warmup(0).trials(2)
    .isolation(Isolation.PROCESSES).placement(Placement.SCHEDULER)
    .build().run(Path.of("{csv}"), {progress});""",
}

# What a benchmark leaves running in this JVM: threads by the library's prefix, child processes.
LEFT_IN_JVM = """System.out.println("threads " + Thread.getAllStackTraces().keySet().stream()
    .filter(t -> t.isAlive() && t.getName().startsWith("uds-vs-tcp-")).map(Thread::getName).sorted().toList()
    + " children " + ProcessHandle.current().children().filter(ProcessHandle::isAlive).count());"""

# A normal run after the event: the headline comparison of notebook 02, quick.
NORMAL = """Results after = Experiment.builder().workload(Workload.STREAM).transports(Transport.TCP, Transport.UDS)
    .sizes(64, 65536).duration(Duration.ofMillis(20)).warmup(0).trials(2).build().run();
System.out.println("rows " + after.table().rowCount() + " " + after.measured().rowCount());"""


def private_entries(tmp):
    return sorted(p for p in tmp.iterdir() if p.name.startswith(PREFIX))


def socket_files(tmp):
    return [p for d in private_entries(tmp) if d.is_dir() for p in d.iterdir() if p.is_socket()]


def peer_children(pid):
    """The child JVMs of the benchmark under `pid` (PeerMain processes)."""
    found = []
    for child in descendants(pid):
        try:
            if b"PeerMain" in Path(f"/proc/{child}/cmdline").read_bytes():
                found.append(child)
        except OSError:
            pass
    return found


def csv_rows(path):
    """The data rows of a results CSV, after checking that every line parses as a whole row."""
    if not path.exists():
        return []
    text = path.read_text()
    assert text == "" or text.endswith("\n"), "the CSV ends in a torn line"
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    rows = list(csv.reader(lines))
    if not rows:
        return []
    header, data = rows[0], rows[1:]
    assert header[0] == "run_id", header
    for row in data:
        assert len(row) == len(header), f"a row with {len(row)} of {len(header)} fields: {row}"
    return data


def wait_for_phase(phase, session, tmp, csv_path, timeout=120):
    """Returns once the running cell is in `phase`, as seen from outside; fails otherwise."""
    pid = session.pid

    def seen():
        if phase in ("listening", "connecting"):
            # The socket file exists only while a client still has to find it.
            ready = bool(socket_files(tmp))
            return ready and (phase == "listening" or len(csv_rows(csv_path)) >= 1)
        if phase.startswith("transferring"):
            if len(csv_rows(csv_path)) < 1:
                return False
            time.sleep(0.7)  # into the next 3 s trial, past its listen and connect
            # Mid-transfer the listener's path is gone; processes: both children are up.
            return not socket_files(tmp) and (
                phase == "transferring" or len(peer_children(pid)) == 2)
        if phase == "child-starting":
            return bool(peer_children(pid))
        raise ValueError(phase)

    assert wait_until(seen, timeout, interval=0.005), f"never saw phase {phase}"


def clean_in_jvm(session):
    return "threads [] children 0" in session.run_ok(LEFT_IN_JVM)


def finished_count(stdout):
    counts = [int(n) for n in re.findall(r"finished (\d+) of", stdout)]
    return max(counts, default=0)


@pytest.fixture
def tmp():
    # Short, because socket paths have a 107-byte limit; the kernel and its children use it as
    # java.io.tmpdir, so anything of ours left in it is the test's.
    path = Path(tempfile.mkdtemp(prefix="udsvstcp-kill-", dir="/tmp"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def start_session(kernel_name, tmp):
    env = dict(os.environ, UDS_VS_TCP_PROFILE="quick",
               JAVA_TOOL_OPTIONS=f"-Djava.io.tmpdir={tmp}")
    session = KernelSession(kernel_name, env=env)
    session.run_ok(SETUP)
    return session


@pytest.mark.parametrize("phase", list(CELLS))
@pytest.mark.parametrize("action", ["interrupt", "restart", "sigkill"])
@pytest.mark.parametrize("kernel_name", ["java", "jjava"])
def test_nothing_is_left_behind(kernel_name, action, phase, tmp, kernel_installed):
    if kernel_name not in KERNELS:
        pytest.skip(f"the {kernel_name} kernelspec is not installed in build/jupyter")
    csv_path = tmp / "results" / "run.csv"
    session = start_session(kernel_name, tmp)
    try:
        old_pid = session.pid
        msg_id = session.start(CELLS[phase].replace("{csv}", str(csv_path)).replace("{progress}", PROGRESS))
        wait_for_phase(phase, session, tmp, csv_path)
        before = descendants(old_pid)

        if action == "interrupt":
            session.manager.interrupt_kernel()
            result = session.collect(msg_id, timeout=60)
            assert result.status == "error", f"the cell was not interrupted: {result}"
            printed = finished_count(result.stdout)
            # The interrupted cell returns at once; its thread closes what it opened on its way out
            # (a child JVM still starting takes a moment to see its input close and exit).
            left = wait_until(lambda: clean_in_jvm(session), 20, interval=0.5)
            assert left, session.run_ok(LEFT_IN_JVM)
        else:
            if action == "restart":
                session.restart()
            else:
                os.kill(old_pid, signal.SIGKILL)
            printed = finished_count(session.collect(msg_id, until_idle=False).stdout)
            assert not alive(old_pid)
            # Children see their parent die and stop themselves.
            assert wait_until(lambda: not any(alive(p) for p in before), 15), "child processes left"
            if action == "sigkill":
                # A kill leaves at most the private directory of a socket that was listening,
                # owned by the dead kernel and holding only that socket: what the sweep removes.
                left = private_entries(tmp)
                for entry in left:
                    assert re.fullmatch(rf"{PREFIX}sock-{old_pid}-\d+-[0-9a-f]{{8}}", entry.name), entry
                    assert all(p.is_socket() for p in entry.iterdir()), list(entry.iterdir())
                # Mid-transfer the path was already gone; a child removes its own as it stops.
                expected = 1 if phase in ("listening", "connecting") else 0
                assert len(left) == expected, left
                session.replace_after_kill()
            session.run_ok(SETUP)

        assert not any(alive(p) for p in before), "a child process outlived the event"
        rows = csv_rows(csv_path)
        # Every trial the cell reported finished is in the file; at most one more finished
        # between its row being written and its progress line.
        assert printed <= len(rows) <= printed + 1, (printed, len(rows))

        out = session.run_ok(NORMAL)
        assert "rows 8 8" in out, out
        assert private_entries(tmp) == [], f"left behind: {private_entries(tmp)}"
        assert peer_children(session.pid) == []
    finally:
        session.shutdown()


def test_after_a_kill_the_next_kernel_runs_notebook_02_and_sweeps_the_leftover(
        tmp, kernel_installed, monkeypatch):
    """Killed while a server waited for its client: the reader's next kernel runs notebook 02 top
    to bottom, and the library's first socket directory there sweeps the dead kernel's away."""
    import nbformat
    from nbclient import NotebookClient

    from kernel_session import ROOT

    session = start_session("java", tmp)
    try:
        session.start(CELLS["listening"])
        wait_for_phase("listening", session, tmp, tmp / "none.csv")
        os.kill(session.pid, signal.SIGKILL)
        assert wait_until(lambda: not alive(session.pid), 10)
        assert len(private_entries(tmp)) == 1, private_entries(tmp)
    finally:
        session.shutdown()

    monkeypatch.setenv("JAVA_TOOL_OPTIONS", f"-Djava.io.tmpdir={tmp}")
    monkeypatch.setenv("UDS_VS_TCP_PROFILE", "quick")
    notebooks = ROOT / "notebooks"
    nb = nbformat.read(notebooks / "02-repeated-trials.ipynb", as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="java",
                   resources={"metadata": {"path": str(notebooks)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert errors == [], errors
    assert private_entries(tmp) == [], f"left behind: {private_entries(tmp)}"
