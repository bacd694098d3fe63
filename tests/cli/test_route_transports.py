"""The command line with tcp-sockmap and tcp-veth: as root they run from the jar (the BPF object is in
it) with every trial's bytes proven to have taken their route; as another user, or with threads, they
are refused with the reason, and nothing runs."""

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from project import ROOT  # noqa: E402

JAR = ROOT / "lib" / "notebook" / "target" / "uds-vs-tcp.jar"
JAVA = shutil.which("java")
NOBODY = ("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups")


@pytest.fixture(scope="module", autouse=True)
def jar():
    if not JAR.exists():
        pytest.fail(f"{JAR} is missing: run `make build` (make test does)")


def run(args, prefix=(), timeout=600):
    return subprocess.run([*prefix, JAVA, "-jar", str(JAR), *args], capture_output=True, text=True,
                          timeout=timeout)


def available():
    lines = run(["env"]).stdout.splitlines()
    return all(any(line.startswith(f"{t}:") and line.endswith("available") and "unavailable" not in line
                   for line in lines) for t in ("tcp-sockmap", "tcp-veth"))


def test_as_root_both_run_from_the_jar_with_their_bytes_proven(tmp_path):
    if not available():
        pytest.skip("tcp-sockmap or tcp-veth is unavailable here: " + run(["env"]).stdout[-300:])
    out = tmp_path / "routes.csv"
    result = run(["run", "--transports", "tcp,tcp-sockmap,tcp-veth", "--isolation", "processes", "--sizes",
                  "4k", "--bytes", "4m", "--trials", "2", "--warmup", "0", "--out", str(out)])
    assert result.returncode == 0, result.stderr
    assert "tcp-sockmap/tcp stream 4 KiB: " in result.stdout
    assert "tcp-veth/tcp stream 4 KiB: " in result.stdout
    rows = list(csv.DictReader(line for line in out.read_text().splitlines() if not line.startswith("#")))
    assert len(rows) == 6
    for row in rows:
        assert row["isolation"] == "processes"
        if row["transport"] == "tcp":
            assert row["route_bytes"] == ""
        else:
            assert float(row["route_bytes"]) >= int(row["bytes"]) == 4 << 20, row
    header = out.read_text().splitlines()
    assert any(line.startswith("# route: tcp-sockmap: cgroup /udsvstcp-sockmap-") for line in header)
    assert any(line.startswith("# route command: tcp-veth: ip netns add udsvstcp-") for line in header)


def test_as_another_user_both_are_unavailable_with_their_reason_and_nothing_runs(tmp_path):
    prefix = ()
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv to drop privileges")
        prefix = NOBODY
        tmp_path.chmod(0o777)
    env = run(["env"], prefix=prefix)
    assert env.returncode == 0, env.stderr
    assert "tcp-sockmap:    unavailable: loading BPF programs and making a cgroup need root" in env.stdout
    assert "tcp-veth:       unavailable: network namespaces and veth links need root" in env.stdout
    out = tmp_path / "refused.csv"
    result = run(["run", "--transports", "tcp,tcp-sockmap,tcp-veth", "--isolation", "processes",
                  "--out", str(out)], prefix=prefix)
    assert result.returncode == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        "error: tcp-sockmap is unavailable here: loading BPF programs and making a cgroup need root"
        " (CAP_SYS_ADMIN); this process runs as uid " + ("65534" if prefix else str(os.geteuid())) + ", not root",
        "error: tcp-veth is unavailable here: network namespaces and veth links need root (CAP_SYS_ADMIN"
        " and CAP_NET_ADMIN); this process runs as uid " + ("65534" if prefix else str(os.geteuid())) + ", not root",
    ], result.stderr
    assert "Nothing ran" in result.stderr
    assert "Traceback" not in result.stderr and "Exception" not in result.stderr
    assert not out.exists()


def test_in_threads_they_are_a_usage_error_that_says_what_to_add():
    result = run(["run", "--transports", "tcp,tcp-sockmap"])
    assert result.returncode == 2
    assert "tcp-sockmap runs both ends as child processes inside their route" in result.stderr
    assert "--isolation processes" in result.stderr
