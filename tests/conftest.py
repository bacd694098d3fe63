"""Shared fixtures: the project's paths, the installed kernels, and notebooks executed once per session.

Notebook tests run on every kernel in project.KERNELS (the project's `java` and JJava's `jjava`) for
free: a test that takes the `execute_notebook` fixture is collected once per kernel (test ids end in
`[java]` and `[jjava]`), and `execute_notebook(name)` returns that kernel's run of notebooks/NAME. So a
new notebook's module needs nothing more than

    def test_it_shows_a_table(execute_notebook):
        nb, code = execute_notebook("06-real-servers.ipynb")
        assert code == 0

To learn which kernel a test runs on, take the `kernel_name` fixture as well. To run a module on one
kernel only, override the parameter: `pytestmark = pytest.mark.parametrize("kernel_name", ["java"],
scope="session")` (tests/report does). From the command line, `pytest -k "not jjava"` skips JJava's
runs. To compare kernels in one test, take `execute_notebook_on` and call it with (kernel, name).
"""

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

from project import BUILD, KERNELS, ROOT, VENV  # noqa: E402

# Tests use the project's own kernelspecs, build/venv's tools (jupyter-*, node) and always the quick
# profile (smoke-sized timed sections).
os.environ["JUPYTER_PATH"] = str(BUILD / "jupyter")
os.environ["PATH"] = f"{VENV / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"
os.environ["UDS_VS_TCP_PROFILE"] = "quick"


def _kernelspec(name):
    spec = BUILD / "jupyter" / "kernels" / name / "kernel.json"
    if not spec.exists():
        pytest.fail(f"{spec} is missing: run `make kernel` (make test does)")
    return spec


@pytest.fixture(scope="session")
def kernel_installed():
    """The project's own kernelspec (build/jupyter/kernels/java/kernel.json)."""
    return _kernelspec(KERNELS[0])


@pytest.fixture(scope="session", params=KERNELS)
def kernel_name(request):
    """Each kernelspec name of project.KERNELS in turn, after checking it is installed."""
    _kernelspec(request.param)
    return request.param


_executed = {}


def _execute(kernel, name):
    """notebooks/NAME run in the quick profile on kernel, once per session: (notebook node, exit code)."""
    import nbformat

    import notebooks as tool

    key = (kernel, name)
    if key not in _executed:
        _kernelspec(kernel)
        out_dir = BUILD / "test-notebooks" / kernel
        code = tool.execute(out_dir, [name], timeout=600, kernel=kernel)
        _executed[key] = (nbformat.read(out_dir / name, as_version=4), code)
    return _executed[key]


@pytest.fixture(scope="session")
def execute_notebook(kernel_name):
    """Executes notebooks/NAME in the quick profile on kernel_name, once per session and kernel;
    returns (notebook node, exit code: 0 when no cell shows an error or stderr output)."""
    return lambda name: _execute(kernel_name, name)


@pytest.fixture(scope="session")
def execute_notebook_on():
    """execute_notebook for a test that compares kernels: execute_notebook_on(kernel, name), same cache."""
    return _execute
