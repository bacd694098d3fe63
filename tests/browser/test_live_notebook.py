"""A reader's live session: Debian's classic Notebook server, headless Chromium, Cell > Run All.

One module-scoped session serves copies of notebooks 01 and 02 (the server autosaves what it serves, so
the repository's own files are never opened), runs both through the page with
tools/browser/live-session.mjs, then stops the browser, the server and its kernels; the tests check
what the page showed and that nothing was left running or changed.
"""

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import uuid

import pytest

from project import BUILD, ROOT

import jupyter_processes as jp

SCREENSHOTS = BUILD / "screenshots"
NOTEBOOKS = ("01-uds-vs-tcp.ipynb", "02-repeated-trials.ipynb")
FAILING = "failing-cell.ipynb"
LIVE_SESSION = ROOT / "tools" / "browser" / "live-session.mjs"


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _serve_copies(serve):
    """A copy of the project's layout as the notebooks see it: notebooks/, ../lib (linked), ../header.jpg, ../results."""
    (serve / "notebooks").mkdir(parents=True)
    for name in NOTEBOOKS:
        shutil.copy2(ROOT / "notebooks" / name, serve / "notebooks" / name)
    shutil.copy2(ROOT / "header.jpg", serve / "header.jpg")
    (serve / "lib").symlink_to(ROOT / "lib", target_is_directory=True)
    (serve / "results").mkdir()
    # A notebook saved with a kernel this server lacks (so the page asks which to use: the harness picks
    # java), whose second cell fails: the harness must report it, not wait for a run that never ends.
    import nbformat

    failing = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": "not-installed", "display_name": "Elsewhere", "language": "unknown"}},
        cells=[nbformat.v4.new_code_cell(source) for source in (
            'System.out.println("before");',
            'throw new IllegalStateException("failing on purpose");',
            'System.out.println("after");',
        )],
    )
    nbformat.write(failing, serve / "notebooks" / FAILING)


def _drive(server, token, notebook, screenshot, profile, extra, timeout=300):
    """Runs live-session.mjs; on a timeout asks it to stop (it closes Chromium), then ends its group."""
    cmd = ["node", str(LIVE_SESSION), "--server", server, "--token", token, "--notebook", notebook,
           "--screenshot", str(screenshot), "--user-data-dir", str(profile),
           "--timeout", str(timeout - 30), *extra]
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
        pytest.fail(f"live-session.mjs did not finish {notebook} in {timeout} s:\n{err}")
    assert node.returncode == 0, f"live-session.mjs failed on {notebook}:\n{err}\n{out}"
    return json.loads(out.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def live(kernel_installed, tmp_path_factory):
    for need, why in (
        (ROOT / "node_modules" / "playwright-core", "playwright-core is not installed: run `npm ci` (make test does)"),
        (ROOT / "lib" / "notebook" / "target" / "uds-vs-tcp.jar", "the notebook jar is missing: run `make build`"),
    ):
        if not need.exists():
            pytest.fail(why)
    for command in ("jupyter-notebook", "node", "chromium"):
        if not shutil.which(command):
            pytest.fail(f"{command} is not installed (tools/install-deps.sh installs it)")

    tmp = tmp_path_factory.mktemp("live-session")
    serve = tmp / "serve"
    _serve_copies(serve)
    before = {name: _digest(ROOT / "notebooks" / name) for name in NOTEBOOKS}

    port = jp.free_loopback_port()
    token = uuid.uuid4().hex
    env = jp.private_jupyter_env(tmp, BUILD / "jupyter")
    env["JUPYTER_TOKEN"] = token  # not on the command line, where ps would show it
    cmd = ["jupyter-notebook", "--no-browser", "--ip=127.0.0.1", f"--port={port}", "--port-retries=0",
           f"--notebook-dir={serve}"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    log = tmp / "server.log"
    server = f"http://127.0.0.1:{port}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    result = {"screenshots": {}, "reports": {}}
    process = jp.start(cmd, env, log, cwd=tmp)
    try:
        jp.wait_until_serving(f"{server}/api/status?token={token}", process, log)
        result["listening"] = jp.listening_addresses(port)
        for name, shot, extra in (
            (NOTEBOOKS[0], SCREENSHOTS / "live-01.png", ["--focus", "*** Server is done ***"]),
            (NOTEBOOKS[1], SCREENSHOTS / "live-02.png", ["--expect-plots", "1"]),
            (FAILING, tmp / "failing.png", []),
        ):
            if shot.exists():
                shot.unlink()  # ours, from an earlier run: a stale picture must not pass for a new one
            result["reports"][name] = _drive(server, token, f"notebooks/{name}", shot, tmp / "chromium", extra)
            result["screenshots"][name] = shot
    finally:
        result["server_exit"] = jp.stop(process)
        # Anything still running on our private directories (server, kernels, Chromium) is a leak.
        result["leftovers"] = jp.reap(str(tmp), session=process.pid)
    result["after"] = {name: _digest(ROOT / "notebooks" / name) for name in NOTEBOOKS}
    result["before"] = before
    result["log"] = log.read_text()
    return result


def _cells(live, name):
    return live["reports"][name]["cells"]


def _cell_running(cells, fragment):
    [cell] = [c for c in cells if fragment in c["source"]]
    return cell


def test_the_server_listens_on_loopback_only(live):
    assert live["listening"] == ["127.0.0.1"]


def test_notebook_01_runs_every_cell_from_the_cell_menu_with_the_project_kernel(live):
    report = live["reports"][NOTEBOOKS[0]]
    assert report["kernel_name"] == "Java"
    counts = [c["execution_count"] for c in report["cells"]]
    assert counts == list(range(1, len(counts) + 1)), counts
    assert all(not c["errors"] and not c["stderr"] for c in report["cells"]), report["cells"]
    assert report["page_errors"] == []
    assert report["blocked"] == [], "the live page asked for something beyond the local server"


def test_notebook_01_shows_the_originals_output_in_the_page(live):
    text = "\n".join(c["output"] for c in _cells(live, NOTEBOOKS[0]))
    assert text.count("Server ready") == 2  # TCP, then the Unix socket
    received = [int(n) for n in re.findall(r"Received (\d+) messages\.", text)]
    assert len(received) == 2 and all(n > 0 for n in received), received
    assert text.count("server is alive: false") == 2
    assert text.count("client is alive: false") == 2


def test_the_servers_last_line_appears_under_the_cell_that_started_it(live):
    cells = _cells(live, NOTEBOOKS[0])
    starters = [c for c in cells if "new Thread(() -> server(event, kw)" in c["source"]]
    clients = [c for c in cells if "new Thread(() -> client(event, kw)" in c["source"]]
    assert len(starters) == 2 and len(clients) == 2
    for starter in starters:
        assert "*** Server is done ***" in starter["output"], starter["output"]
    for client in clients:
        assert "Server is done" not in client["output"], client["output"]


def test_notebook_01_shows_its_header_image(live):
    images = live["reports"][NOTEBOOKS[0]]["images"]
    assert any(i["loaded"] and i["src"].endswith("header.jpg") for i in images), images


def test_notebook_02_draws_its_plotly_plots_in_the_live_page(live):
    report = live["reports"][NOTEBOOKS[1]]
    assert report["plots"] >= 1
    assert all(not c["errors"] for c in report["cells"]), [c["errors"] for c in report["cells"] if c["errors"]]
    counts = [c["execution_count"] for c in report["cells"]]
    assert counts == list(range(1, len(counts) + 1)), counts
    assert report["blocked"] == [], "the live page asked for something beyond the local server"


def test_when_the_page_asks_for_a_kernel_the_java_kernel_is_picked(live):
    assert live["reports"][FAILING]["kernel_name"] == "Java"


def test_a_failing_cell_is_reported_in_the_page_and_the_run_still_ends(live):
    # Whether the cells after it run is the kernel's choice (stop_on_error); the page must show the error.
    before, failing, _ = _cells(live, FAILING)
    assert "before" in before["output"] and before["execution_count"] == 1
    assert any("failing on purpose" in e for e in failing["errors"]), failing
    assert "after" not in failing["output"]


def test_each_session_leaves_a_screenshot(live):
    for name in NOTEBOOKS:
        shot = live["screenshots"][name]
        assert shot.stat().st_size > 20_000, shot


def test_the_repositorys_notebooks_are_not_modified(live):
    assert live["after"] == live["before"]


def test_the_server_its_kernels_and_the_browser_are_all_gone(live):
    assert live["leftovers"] == []
    assert "Shutting down 3 kernels" in live["log"], live["log"][-2000:]
