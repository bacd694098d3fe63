"""Where things are, for every test module (conftest.py files are not importable by name: there are several)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
KERNEL_NAME = "java"  # the kernelspec name, as IJava has it
