"""Shared fixtures: the project's paths, the installed kernel, and notebooks executed once per session."""

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

from project import BUILD, ROOT  # noqa: E402

# Tests use the project's own kernelspec and always the quick profile (smoke-sized timed sections).
os.environ["JUPYTER_PATH"] = str(BUILD / "jupyter")
os.environ["UDS_VS_TCP_PROFILE"] = "quick"


@pytest.fixture(scope="session")
def kernel_installed():
    spec = BUILD / "jupyter" / "kernels" / "java" / "kernel.json"
    if not spec.exists():
        pytest.fail(f"{spec} is missing: run `make kernel` (make test does)")
    return spec


_executed = {}


@pytest.fixture(scope="session")
def execute_notebook(kernel_installed):
    """Executes notebooks/NAME in the quick profile once per session; returns (notebook node, seconds)."""
    import notebooks as tool

    out_dir = BUILD / "test-notebooks"

    def run(name):
        if name not in _executed:
            code = tool.execute(out_dir, [name], timeout=600)
            import nbformat

            nb = nbformat.read(out_dir / name, as_version=4)
            _executed[name] = (nb, code)
        return _executed[name]

    return run
