"""A shorter soak than the full 1000 experiments (tools/soak.py --count 1000): notebook 02's
headline cell again and again in one kernel, with no growth in threads, file descriptors, child
processes or heap after GC between the start and end figures (heap: a fixed allowance plus one per
experiment, since JShell keeps every snippet; see tools/soak.py)."""

import subprocess
import sys

import pytest

from project import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import soak  # noqa: E402

STEADY = {"threads": 20, "bench_threads": 0, "fds": 30, "children": 0, "os_descendants": 0, "heap_mib": 52.0}


@pytest.mark.parametrize("kib_per_experiment, grows", [(18, False), (0, False), (1024, True), (512, True)])
def test_the_heap_allowance_passes_jshells_per_snippet_cost_and_catches_a_kept_buffer(
        kib_per_experiment, grows):
    """18 KiB an experiment is what JShell keeps per snippet (measured); a MiB kept per experiment
    (a leaked trial's buffers, say) must fail the 30-experiment soak the test runs."""
    args = soak.parse_args([])
    end = dict(STEADY, heap_mib=STEADY["heap_mib"] + 30 * kib_per_experiment / 1024)
    problems = soak.judge(STEADY, end, 30, args)
    assert bool(problems) == grows, problems


def test_a_leaked_thread_or_fd_fails_whatever_the_heap():
    args = soak.parse_args([])
    assert soak.judge(STEADY, dict(STEADY, threads=STEADY["threads"] + 5), 30, args)
    assert soak.judge(STEADY, dict(STEADY, fds=STEADY["fds"] + 5), 30, args)
    assert soak.judge(STEADY, dict(STEADY, bench_threads=1), 30, args)


def test_repeated_experiments_in_one_kernel_leave_nothing_growing(kernel_installed, tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "soak.py"), "--count", "30", "--warmup", "30",
         "--every", "15", "--csv", str(tmp_path / "soak.csv")],
        capture_output=True, text=True, timeout=1200)
    print(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
    start = next(line for line in result.stdout.splitlines() if line.startswith("start"))
    end = next(line for line in result.stdout.splitlines() if line.lstrip().startswith("end"))
    assert "after     0 experiments" in start and "after    30 experiments" in end, result.stdout
    assert "no growth" in result.stdout
