"""A JupyterLab 4 or Notebook 7 server from build/venv for the browser tests, driven by
tools/browser/jupyter-session.mjs in headless Chromium: private directories, loopback only, and
nothing left behind."""

import json
import os
import signal
import subprocess
import time
import uuid

import pytest

from project import BUILD, ROOT, VENV

import jupyter_processes as jp

SCREENSHOTS = BUILD / "screenshots"
SESSION = ROOT / "tools" / "browser" / "jupyter-session.mjs"

# The reader's settings, but the notebook renders every cell (no windowing: the harness reads every
# cell's outputs at once, where a reader scrolls). Nothing about news: the project's own Jupyter
# settings (tools/jupyter-settings.json, in build/venv) turn that off, and the tests check they do.
SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}
NOTIFICATION_SETTINGS = "@jupyterlab/apputils-extension:notification"


def drive(server, token, ui, notebook, profile, extra, screenshot=None, timeout=300):
    """Runs jupyter-session.mjs; on a timeout asks it to stop (it closes Chromium), then ends its group."""
    cmd = ["node", str(SESSION), "--server", server, "--token", token, "--ui", ui,
           "--notebook", f"notebooks/{notebook}", "--user-data-dir", str(profile), "--timeout", str(timeout - 30),
           *extra]
    if screenshot:
        for old in (screenshot, screenshot.with_name(screenshot.stem + "-reopened.png")):
            old.unlink(missing_ok=True)  # ours, from an earlier run: a stale picture must not pass for a new one
        cmd += ["--screenshot", str(screenshot)]
    started = time.monotonic()
    node = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        out, err = node.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        node.send_signal(signal.SIGTERM)
        try:
            out, err = node.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(node.pid, signal.SIGKILL)
            out, err = node.communicate(timeout=20)
        pytest.fail(f"jupyter-session.mjs did not finish {notebook} in {ui} in {timeout} s:\n{err}")
    assert node.returncode == 0, f"jupyter-session.mjs failed on {notebook} in {ui}:\n{err}\n{out}"
    report = json.loads(out.strip().split("\n")[-1])  # its last line (text in it may hold U+2028)
    report["wall_seconds"] = round(time.monotonic() - started, 1)  # browser start to report
    return report


def serve(ui, root, tmp, runs):
    """Starts jupyter-lab or jupyter-notebook from build/venv on root, drives each (name, key, extra,
    screenshot) of runs, stops it; returns the reports by key, the notification settings the server
    gives its pages, and what the server left behind."""
    app = VENV / "bin" / ("jupyter-lab" if ui == "lab" else "jupyter-notebook")
    home = tmp / ui
    home.mkdir()
    env = jp.private_jupyter_env(home, BUILD / "jupyter")
    for path, values in SETTINGS.items():
        target = home / "config" / "lab" / "user-settings" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values))
    port = jp.free_loopback_port()
    token = uuid.uuid4().hex
    env["JUPYTER_TOKEN"] = token  # not on the command line, where ps would show it
    cmd = [str(app), "--no-browser", "--ip=127.0.0.1", f"--port={port}", "--port-retries=0",
           f"--ServerApp.root_dir={root}"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    log = home / "server.log"
    server = f"http://127.0.0.1:{port}"
    result = {"reports": {}, "home": home}
    process = jp.start(cmd, env, log, cwd=home)
    try:
        jp.wait_until_serving(f"{server}/api/status?token={token}", process, log)
        result["listening"] = jp.listening_addresses(port)
        status, body = jp.get(f"{server}/lab/api/settings/{NOTIFICATION_SETTINGS}?token={token}")
        result["notification_settings"] = json.loads(body) if status == 200 else {"status": status}
        for name, key, extra, shot in runs:
            result["reports"][key] = drive(server, token, ui, name, home / "chromium", extra, shot)
    finally:
        result["server_exit"] = jp.stop(process)
        # Anything still running on our private directories (server, kernels, Chromium) is a leak.
        result["leftovers"] = jp.reap(str(home), session=process.pid)
        result["log"] = log.read_text()
    return result
