"""A shorter soak than the full 1000 experiments (tools/soak.py --count 1000): notebook 02's
headline cell again and again in one kernel, with no growth in threads, file descriptors, child
processes or heap after GC between the start and end figures."""

import subprocess
import sys

from project import ROOT


def test_repeated_experiments_in_one_kernel_leave_nothing_growing(kernel_installed, tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "soak.py"), "--count", "40", "--warmup", "10",
         "--every", "20", "--csv", str(tmp_path / "soak.csv")],
        capture_output=True, text=True, timeout=1200)
    print(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
    start = next(line for line in result.stdout.splitlines() if line.startswith("start"))
    end = next(line for line in result.stdout.splitlines() if line.lstrip().startswith("end"))
    assert "after     0 experiments" in start and "after    40 experiments" in end, result.stdout
    assert "no growth" in result.stdout
