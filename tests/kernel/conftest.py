"""Shared setup for the kernel's Python tests: an installed kernelspec in the project's build dir.

The tests never touch the user's own Jupyter: they point JUPYTER_PATH at build/jupyter (or at
$KERNEL_JUPYTER_DIR) and, when the kernelspec there is missing, older than the kernel jar or made
for another JDK, install it there first. $KERNEL_JAVA picks the JDK the kernel runs on (default:
the `java` on PATH), e.g. KERNEL_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
JAR = ROOT / "lib" / "kernel" / "target" / "uds-vs-tcp-kernel.jar"
JUPYTER_DIR = Path(os.environ.get("KERNEL_JUPYTER_DIR", ROOT / "build" / "jupyter"))
KERNEL_JAVA = os.path.realpath(os.environ.get("KERNEL_JAVA") or shutil.which("java"))
KERNEL_JSON = JUPYTER_DIR / "kernels" / "java" / "kernel.json"
KERNEL_NAME = "java"


def _install_kernel() -> None:
    if not JAR.exists():
        raise RuntimeError(f"{JAR} is missing: build it with `mvn -pl kernel -am package` in lib/")
    if (
        KERNEL_JSON.exists()
        and KERNEL_JSON.stat().st_mtime >= JAR.stat().st_mtime
        and json.loads(KERNEL_JSON.read_text())["argv"][0] == KERNEL_JAVA
    ):
        return
    subprocess.run(
        [KERNEL_JAVA, "-jar", str(JAR), "install", "--prefix", str(JUPYTER_DIR), "--java", KERNEL_JAVA],
        check=True,
    )


_install_kernel()
os.environ["JUPYTER_PATH"] = str(JUPYTER_DIR)


@pytest.fixture(scope="module")
def kernel():
    """A running kernel (manager, client), shut down after the module's tests."""
    from jupyter_client.manager import start_new_kernel

    manager, client = start_new_kernel(kernel_name=KERNEL_NAME)
    try:
        yield manager, client
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
