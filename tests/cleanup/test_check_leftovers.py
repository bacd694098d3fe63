"""The final leftover check of `make test` (tools/check-leftovers.py) finds what a run left behind,
and only that: not what existed before it, nor processes of other runs."""

import os
import subprocess
import sys
import uuid

import pytest

from project import ROOT

SCRIPT = ROOT / "tools" / "check-leftovers.py"


def checker(tmp_path, run_id, command):
    env = dict(os.environ, UDS_VS_TCP_TEST_RUN=run_id)
    return subprocess.run(
        [sys.executable, str(SCRIPT), command, "--tmp", str(tmp_path / "tmp"),
         "--state", str(tmp_path / "state.json"), "--grace", "0"],
        capture_output=True, text=True, env=env, timeout=60)


def test_reports_new_directories_and_marked_processes_and_nothing_else(tmp_path):
    run_id = uuid.uuid4().hex
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    (tmp / "uds-vs-tcp-sock-1-1-00000000").mkdir()  # there before the run: not its leftover
    (tmp / "unrelated").mkdir()
    assert checker(tmp_path, run_id, "snapshot").returncode == 0

    left_dir = tmp / "uds-vs-tcp-sock-2-2-11111111"
    left_dir.mkdir()
    (tmp / "udsvstcp-test-x").mkdir()
    (tmp / "someone-else").mkdir()
    ours = subprocess.Popen(["sleep", "60"], env=dict(os.environ, UDS_VS_TCP_TEST_RUN=run_id))
    other_run = subprocess.Popen(["sleep", "60"], env=dict(os.environ, UDS_VS_TCP_TEST_RUN="other"))
    try:
        result = checker(tmp_path, run_id, "check")
        assert result.returncode == 1, result.stderr
        assert f"leftover directory: {left_dir}" in result.stderr
        assert f"leftover directory: {tmp / 'udsvstcp-test-x'}" in result.stderr
        assert f"leftover process: pid {ours.pid}: sleep 60" in result.stderr
        assert str(other_run.pid) not in result.stderr
        assert "00000000" not in result.stderr and "someone-else" not in result.stderr
    finally:
        ours.kill()
        ours.wait()
        other_run.kill()
        other_run.wait()

    left_dir.rmdir()
    (tmp / "udsvstcp-test-x").rmdir()
    result = checker(tmp_path, run_id, "check")
    assert result.returncode == 0, result.stderr
    assert "nothing left behind" in result.stdout


def test_refuses_to_check_without_a_snapshot(tmp_path):
    result = checker(tmp_path, "x", "check")
    assert result.returncode == 2
    assert "no snapshot" in result.stderr


def _root_with(*tools):
    import shutil
    missing = [t for t in tools if not (shutil.which(t) or shutil.which(t, path="/usr/sbin:/sbin"))]
    if os.geteuid() != 0 or missing:
        pytest.skip(f"needs root and {', '.join(tools)} (missing: {', '.join(missing) or 'root'})")


def test_reports_a_network_namespace_and_a_cgroup_of_ours_left_behind(tmp_path):
    """The kernel objects of tcp-veth and tcp-sockmap: a namespace and a cgroup made after the
    snapshot are named; those of other names, and the ones gone again, are not."""
    _root_with("ip", "unshare")
    run_id = uuid.uuid4().hex
    (tmp_path / "tmp").mkdir()
    netns_was_mounted = subprocess.run(["mountpoint", "-q", "/run/netns"]).returncode == 0
    assert checker(tmp_path, run_id, "snapshot").returncode == 0
    name = f"udsvstcp-test-{run_id[:8]}"
    other = f"someone-else-{run_id[:8]}"
    cgroup = ["unshare", "--mount", "--propagation", "private", "sh", "-c"]
    subprocess.run(["ip", "netns", "add", name], check=True)
    subprocess.run(["ip", "netns", "add", other], check=True)
    subprocess.run(cgroup + [f"mount -t cgroup2 none /mnt && mkdir /mnt/{name}"], check=True)
    try:
        result = checker(tmp_path, run_id, "check")
        assert result.returncode == 1, result.stderr
        assert f"leftover network namespace: {name}" in result.stderr
        assert f"leftover cgroup: {name}" in result.stderr
        assert other not in result.stderr
    finally:
        subprocess.run(["ip", "netns", "del", name], check=True)
        subprocess.run(["ip", "netns", "del", other], check=True)
        subprocess.run(cgroup + [f"mount -t cgroup2 none /mnt && rmdir /mnt/{name}"], check=True)
        if not netns_was_mounted and not os.listdir("/run/netns"):
            subprocess.run(["umount", "/run/netns"], check=True)
    result = checker(tmp_path, run_id, "check")
    assert result.returncode == 0, result.stderr
