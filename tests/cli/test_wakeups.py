"""tools/wakeups.py: which kernel function woke a real server's client, from perf's scheduler trace."""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from project import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import wakeups  # noqa: E402

# The shape `perf script` prints: a header line per event, then the waker's stack, indented.
SCRIPT = """\
postgres 4101 [000]  10.000001: sched:sched_wakeup: comm=uds-vs-tcp-clie pid=77 prio=120 target_cpu=000
\tffffffff813b4545 ttwu_do_activate+0x175 ([kernel.kallsyms])
\tffffffff813b4a09 try_to_wake_up+0x279 ([kernel.kallsyms])
\tffffffff813dd1a1 autoremove_wake_function+0x11 ([kernel.kallsyms])
\tffffffff813dd5a1 __wake_up_sync_key+0x41 ([kernel.kallsyms])
\tffffffff81f0a111 unix_write_space+0x81 ([kernel.kallsyms])
\tffffffff81e0a222 sock_wfree+0x52 ([kernel.kallsyms])

postgres 4101 [000]  10.000002: sched:sched_wakeup: comm=uds-vs-tcp-clie pid=77 prio=120 target_cpu=000
\tffffffff813b4a09 try_to_wake_up+0x279 ([kernel.kallsyms])
\tffffffff81e0b333 sock_def_readable+0x43 ([kernel.kallsyms])
\tffffffff81f0b444 unix_stream_sendmsg+0x2f4 ([kernel.kallsyms])

swapper 0 [001]  10.000003: sched:sched_wakeup: comm=uds-vs-tcp-clie pid=77 prio=120 target_cpu=000
\tffffffff813b4a09 try_to_wake_up+0x279 ([kernel.kallsyms])
\tffffffff81400000 hrtimer_wakeup+0x1e ([kernel.kallsyms])

postgres 4101 [000]  10.000004: sched:sched_wakeup: comm=java pid=70 prio=120 target_cpu=001
\tffffffff813b4a09 try_to_wake_up+0x279 ([kernel.kallsyms])
\tffffffff81e0b333 sock_def_readable+0x43 ([kernel.kallsyms])
"""


def test_wakeups_of_the_client_by_the_server_are_counted_by_their_cause():
    counts = wakeups.causes(SCRIPT, "uds-vs-tcp-clie")
    # The timer's wake-up (not the server's) and the wake-up of another thread are not counted.
    assert counts == {"unix_write_space": 1, "sock_def_readable": 1}
    assert wakeups.client_comm("pgbench-select") == "pgbench"
    assert wakeups.client_comm("redis-benchmark-ping") == "redis-benchmark"
    assert wakeups.client_comm("pg-point") == "uds-vs-tcp-clie"


def _perf_usable():
    return wakeups.check_perf(shutil.which("perf")) == "" and (ROOT / "lib/notebook/target/uds-vs-tcp.jar").is_file()


@pytest.mark.skipif(not _perf_usable(), reason="perf cannot trace the scheduler here, or no jar")
def test_a_c_tool_over_a_unix_socket_is_woken_by_the_reply_and_nothing_is_left():
    before = set(Path(tempfile.gettempdir()).glob("uds-vs-tcp-wakeups-*"))
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "wakeups.py"), "--workload", "pgbench-select",
         "--transport", "uds", "--round-trips", "2000"],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pgbench-select over uds: 2000 round trips; the server woke pgbench" in result.stdout
    # pgbench waits in ppoll for input only: the reply (sock_def_readable) is what wakes it.
    top = next(line for line in result.stdout.splitlines() if line.startswith("  "))
    assert top.split()[0] == "sock_def_readable", result.stdout
    assert set(Path(tempfile.gettempdir()).glob("uds-vs-tcp-wakeups-*")) == before
