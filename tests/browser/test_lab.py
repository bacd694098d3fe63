"""`make lab` (tools/lab.sh): JupyterLab 4 from build/venv with the project's kernel, on 127.0.0.1 only,
announcing its URL and token."""

import json
import re
import select
import shutil
import subprocess
import time
import uuid

import pytest

from project import BUILD, ROOT, VENV

import jupyter_processes as jp

LAB = ROOT / "tools" / "lab.sh"


def _first_url(process, timeout=30.0):
    """The URL tools/lab.sh prints before it hands over to Jupyter (read from its stdout, which is a pipe)."""
    deadline = time.monotonic() + timeout
    seen = b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.5)
        if ready:
            chunk = process.stdout.read1(4096) if hasattr(process.stdout, "read1") else process.stdout.read(1)
            if not chunk:
                break
            seen += chunk
            match = re.search(rb"(http://\S+)\n", seen)
            if match:
                return match.group(1).decode(), seen.decode()
    raise AssertionError(f"tools/lab.sh printed no URL in {timeout} s: {seen!r}")


@pytest.fixture(scope="module")
def lab(kernel_installed, tmp_path_factory):
    if not (VENV / "bin" / "jupyter-lab").exists():
        pytest.fail("build/venv has no JupyterLab: run `make venv` (make test does)")
    tmp = tmp_path_factory.mktemp("lab")
    port = jp.free_loopback_port()
    token = uuid.uuid4().hex
    env = jp.private_jupyter_env(tmp, BUILD / "jupyter")
    env.update(PORT=str(port), JUPYTER_TOKEN=token)
    log = tmp / "server.log"
    with open(log, "wb") as server_log:
        process = subprocess.Popen([str(LAB)], env=env, cwd=tmp, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=server_log, start_new_session=True)
    result = {"port": port, "token": token}
    try:
        result["url"], result["banner"] = _first_url(process)
        jp.wait_until_serving(f"http://127.0.0.1:{port}/api/status?token={token}", process, log)
        result["listening"] = jp.listening_addresses(port)
        result["specs"] = jp.get(f"http://127.0.0.1:{port}/api/kernelspecs?token={token}")
        result["without_token"] = jp.get(f"http://127.0.0.1:{port}/api/kernelspecs")
        result["index"] = jp.get(result["url"])
    finally:
        process.stdout.close()
        result["exit"] = jp.stop(process)
        result["leftovers"] = jp.reap(str(tmp), session=process.pid)
    return result


def test_the_makefile_lab_target_runs_this_script():
    recipe = re.search(r"^lab:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), re.M)
    assert recipe and "tools/lab.sh" in recipe.group(1)


def test_it_is_jupyterlab_4(lab):
    assert re.search(r"starting JupyterLab 4\.\d+\.\d+ ", lab["banner"]), lab["banner"]
    status, body = lab["index"]
    assert status == 200 and b'"appVersion": "4.' in body or b'"appVersion":"4.' in body, body[:2000]


def test_it_prints_a_loopback_url_with_its_token_that_opens_the_index(lab):
    assert lab["url"].startswith(f"http://127.0.0.1:{lab['port']}/")
    assert lab["url"].endswith(f"00-index.ipynb?token={lab['token']}")
    status, body = lab["index"]
    assert status == 200 and b"00-index" in body


def test_it_listens_on_127_0_0_1_only(lab):
    assert lab["listening"] == ["127.0.0.1"]


def test_it_offers_the_projects_java_kernel_and_only_with_the_token(lab):
    status, body = lab["specs"]
    assert status == 200
    specs = json.loads(body)["kernelspecs"]
    assert "java" in specs
    assert any("uds-vs-tcp-kernel.jar" in arg for arg in specs["java"]["spec"]["argv"])
    assert lab["without_token"][0] == 403


def test_stopping_it_leaves_no_process_behind(lab):
    assert lab["leftovers"] == []
