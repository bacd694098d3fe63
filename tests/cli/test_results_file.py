"""The command line with a results file it cannot write: a clear error naming the file and the
reason, before any trial where the file can be tried first, and never a claim that rows are kept in
the file that failed."""

import csv
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from project import ROOT  # noqa: E402

JAR = ROOT / "lib" / "notebook" / "target" / "uds-vs-tcp.jar"
JAVA = shutil.which("java")
TINY = ["run", "--sizes", "64", "--bytes", "64k", "--trials", "1", "--warmup", "0",
        "--placement", "scheduler"]


@pytest.fixture(scope="module", autouse=True)
def jar():
    if not JAR.exists():
        pytest.fail(f"{JAR} is missing: run `make build` (make test does)")


def run(args, prefix=(), shell_limit=None, timeout=300):
    command = [*prefix, JAVA, "-jar", str(JAR), *args]
    if shell_limit is not None:
        # ulimit -f: a file-size limit stands in for a disk that fills up during the run.
        command = ["bash", "-c", f'ulimit -f {shell_limit}; exec "$@"', "bash", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


def error_line(result):
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert lines, f"no error line in:\n{result.stderr}"
    return lines[-1]


def assert_refused_before_any_trial(result, path, reason):
    assert result.returncode == 1, result.stderr
    line = error_line(result)
    assert str(path) in line and reason in line, line
    assert line.endswith("no trial ran"), line
    assert "kept" not in line, line
    assert "trial 1/" not in result.stderr, "a trial ran:\n" + result.stderr


def test_a_path_in_proc_names_the_file_and_the_reason():
    path = Path("/proc/nope.csv")
    assert_refused_before_any_trial(
        run([*TINY, "--out", str(path)]), path, "/proc exists but cannot hold new files")


def test_a_full_device_fails_with_no_space_left():
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this machine")
    assert_refused_before_any_trial(
        run([*TINY, "--out", "/dev/full"]), "/dev/full", "no space left on device")


def test_a_directory_is_refused_and_left_alone(tmp_path):
    target = tmp_path / "results.csv"
    (target / "inside").mkdir(parents=True)
    assert_refused_before_any_trial(run([*TINY, "--out", str(target)]), target, "it is a directory")
    assert (target / "inside").is_dir()


def test_a_read_only_directory_fails_with_permission_denied(tmp_path):
    read_only = tmp_path / "read-only"
    read_only.mkdir()
    prefix = ()
    if os.geteuid() == 0:
        # Root writes into any directory: run as nobody, for whom the mode bits count.
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv to drop privileges")
        prefix = ("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups")
        tmp_path.chmod(0o755)
    read_only.chmod(0o555)
    try:
        target = read_only / "run.csv"
        assert_refused_before_any_trial(
            run([*TINY, "--out", str(target)], prefix=prefix), target, "permission denied")
        assert not target.exists()
    finally:
        read_only.chmod(0o755)


def test_a_disk_that_fills_mid_run_keeps_whole_rows_and_says_where(tmp_path):
    # Learn how large the header and a row are here, then allow room for a few rows only.
    probe = tmp_path / "probe.csv"
    assert run([*TINY, "--out", str(probe)]).returncode == 0
    lines = probe.read_text().splitlines(keepends=True)
    header_bytes = sum(len(line.encode()) for line in lines[:-2])
    row_bytes = max(len(line.encode()) for line in lines[-2:])
    limit_kib = (header_bytes + 4 * row_bytes) // 1024 + 1

    target = tmp_path / "run.csv"
    result = run(["run", "--sizes", "64,1k,64k", "--bytes", "16k", "--trials", "40", "--warmup",
                  "0", "--placement", "scheduler", "--out", str(target)], shell_limit=limit_kib)
    assert result.returncode == 1, result.stderr
    line = error_line(result)
    match = re.search(r"run stopped after (\d+) of 240 trials: cannot append to the results file "
                      + re.escape(str(target)) + r": (.+?); the (\d+) finished rows are kept in the "
                      r"results table; " + re.escape(str(target)) + r" holds only the first (\d+) "
                      r"rows?$", line)
    assert match, line
    finished, reason, kept, in_file = match.groups()
    assert reason == "file too large", reason
    assert finished == kept and int(in_file) == int(finished) - 1

    # The file still parses: signature, comments, header, then whole rows only.
    text = target.read_text()
    assert text.endswith("\n")
    data = [line for line in text.splitlines() if not line.startswith("#")]
    rows = list(csv.reader(data))
    assert len(rows) == int(in_file) + 1  # the header row and the rows written
    assert all(len(row) == len(rows[0]) for row in rows), "a torn row"
