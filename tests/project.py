"""Where things are, for every test module (conftest.py files are not importable by name: there are several)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
VENV = BUILD / "venv"  # the project's Jupyter, from requirements.txt (make venv)
KERNEL_NAME = "java"  # the kernelspec name, as IJava has it: the project's own kernel, the default
# Every kernel the notebooks are tested on (tests/conftest.py's execute_notebook runs each notebook on
# each): the project's own, and JJava from PyPI registered as `jjava` (make kernel).
KERNELS = (KERNEL_NAME, "jjava")
