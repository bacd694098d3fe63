"""The LD_PRELOAD library that `make fidelity` uses to give C a JVM's multi-threaded processes."""

import importlib.util
import os
import subprocess
import sys

from project import ROOT

CHILD_THREADS = """
import os
pid = os.fork()
if pid == 0:
    os.write(1, str(len(os.listdir("/proc/self/task"))).encode())
    os._exit(0)
os.waitpid(pid, 0)
print("", len(os.listdir("/proc/self/task")))
"""


def load_fidelity():
    spec = importlib.util.spec_from_file_location("fidelity", ROOT / "tools" / "fidelity.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def threads_in_child_and_parent(preload=None):
    env = dict(os.environ, LD_PRELOAD=str(preload)) if preload else dict(os.environ)
    out = subprocess.run([sys.executable, "-c", CHILD_THREADS], env=env, capture_output=True,
                         text=True, check=True, timeout=30).stdout
    child, parent = out.split()
    return int(child), int(parent)


def test_forked_children_get_one_extra_thread_and_the_parent_none():
    library = load_fidelity().threaded_fork_library()
    assert library.exists()
    assert threads_in_child_and_parent() == (1, 1)
    assert threads_in_child_and_parent(library) == (2, 1)


def test_fidelity_refuses_a_repetition_count_below_one():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "fidelity.py"), "--reps", "0"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "--reps must be at least 1, not 0" in result.stderr
