"""A reader's live session in JupyterLab 4 and in Notebook 7 (both from build/venv), in headless Chromium.

JupyterLab: notebooks 01 and 02 run through Run > Run All Cells; 02 is then saved, closed and opened
again. Notebook 7, a second server with its own data directory (so what JupyterLab saved is not
trusted there, as on another reader's machine): the saved 02 is opened as it is, then run again.
Each server serves copies of the notebooks (it autosaves what it serves, so the repository's own
files are never opened) and a blank notebook: the page errors of that blank page are Jupyter's own,
and the project's pages may show only those (TOLERATED lists each, and why). Screenshots go to
build/screenshots/. tools/browser/jupyter-session.mjs drives the pages.
"""

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import uuid

import nbformat
import pytest

from project import BUILD, ROOT, VENV

import jupyter_processes as jp

SCREENSHOTS = BUILD / "screenshots"
NB01, NB02, BLANK, FAILING = "01-uds-vs-tcp.ipynb", "02-repeated-trials.ipynb", "blank.ipynb", "failing-cell.ipynb"
SESSION = ROOT / "tools" / "browser" / "jupyter-session.mjs"

# Page errors that are not the project's, by UI, each with why. A tolerated message must also show
# on the blank notebook's page (test_each_tolerated_page_error_shows_on_a_blank_notebook_too).
TOLERATED = {
    "notebook": [
        # Notebook 7.6's own bundle (notebook_core) reads a plugin's settings schema before it has
        # loaded, on every notebook page, blank ones included; nothing the project serves is involved.
        re.compile(r"Cannot read properties of undefined \(reading 'schema'\)"),
    ],
    "lab": [],
}

# The reader's settings, but the notebook renders every cell (no windowing: the harness reads every
# cell's outputs at once, where a reader scrolls) and asks nothing about news (no network, no toast).
SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false"},
}


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _expected_plots(name):
    """How many plots notebooks/NAME draws: one per Show.plot( call in its code cells."""
    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    return sum(c.source.count("Show.plot(") for c in nb.cells if c.cell_type == "code")


def _serve_copies(serve):
    """A copy of the project's layout as the notebooks see it: notebooks/, ../lib (linked), ../header.jpg, ../results."""
    (serve / "notebooks").mkdir(parents=True)
    for name in (NB01, NB02):
        shutil.copy2(ROOT / "notebooks" / name, serve / "notebooks" / name)
    blank = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": "java", "display_name": "Java", "language": "java"}},
        cells=[nbformat.v4.new_code_cell('System.out.println("blank");')],
    )
    nbformat.write(blank, serve / "notebooks" / BLANK)
    # A notebook whose second cell fails: the harness must report it, not wait for a run that never ends.
    failing = nbformat.v4.new_notebook(
        metadata=blank.metadata,
        cells=[nbformat.v4.new_code_cell(source) for source in (
            'System.out.println("before");',
            'throw new IllegalStateException("failing on purpose");',
            'System.out.println("after");',
        )],
    )
    nbformat.write(failing, serve / "notebooks" / FAILING)
    shutil.copy2(ROOT / "header.jpg", serve / "header.jpg")
    (serve / "lib").symlink_to(ROOT / "lib", target_is_directory=True)
    (serve / "results").mkdir()


def _drive(server, token, ui, notebook, profile, extra, screenshot=None, timeout=300):
    """Runs jupyter-session.mjs; on a timeout asks it to stop (it closes Chromium), then ends its group."""
    cmd = ["node", str(SESSION), "--server", server, "--token", token, "--ui", ui,
           "--notebook", f"notebooks/{notebook}", "--user-data-dir", str(profile), "--timeout", str(timeout - 30),
           *extra]
    if screenshot:
        for old in (screenshot, screenshot.with_name(screenshot.stem + "-reopened.png")):
            old.unlink(missing_ok=True)  # ours, from an earlier run: a stale picture must not pass for a new one
        cmd += ["--screenshot", str(screenshot)]
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
    return json.loads(out.strip().splitlines()[-1])


def _serve(ui, serve, tmp, runs):
    """Starts jupyter-lab or jupyter-notebook from build/venv on serve, drives each (name, key, extra,
    screenshot) of runs, stops it; returns the reports by key and what the server left behind."""
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
           f"--ServerApp.root_dir={serve}"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    log = home / "server.log"
    server = f"http://127.0.0.1:{port}"
    result = {"reports": {}}
    process = jp.start(cmd, env, log, cwd=home)
    try:
        jp.wait_until_serving(f"{server}/api/status?token={token}", process, log)
        result["listening"] = jp.listening_addresses(port)
        for name, key, extra, shot in runs:
            result["reports"][key] = _drive(server, token, ui, name, home / "chromium", extra, shot)
    finally:
        result["server_exit"] = jp.stop(process)
        # Anything still running on our private directories (server, kernels, Chromium) is a leak.
        result["leftovers"] = jp.reap(str(home), session=process.pid)
        result["log"] = log.read_text()
    return result


@pytest.fixture(scope="module")
def live(kernel_installed, tmp_path_factory):
    for need, why in (
        (ROOT / "node_modules" / "playwright-core", "playwright-core is not installed: run `npm ci` (make test does)"),
        (ROOT / "lib" / "notebook" / "target" / "uds-vs-tcp.jar", "the notebook jar is missing: run `make build`"),
        (VENV / "bin" / "jupyter-lab", "build/venv has no JupyterLab: run `make venv` (make test does)"),
    ):
        if not need.exists():
            pytest.fail(why)
    for command in ("node", "chromium"):
        if not shutil.which(command):
            pytest.fail(f"{command} is not installed (tools/install-deps.sh installs it)")

    tmp = tmp_path_factory.mktemp("jupyter-ui")
    serve = tmp / "serve"
    _serve_copies(serve)
    before = {name: _digest(ROOT / "notebooks" / name) for name in (NB01, NB02)}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    lab = _serve("lab", serve, tmp, [
        (BLANK, "blank", ["--open-only"], None),
        (NB01, NB01, ["--focus", "*** Server is done ***"], SCREENSHOTS / "lab-01.png"),
        (NB02, NB02, ["--expect-plots", str(_expected_plots(NB02)), "--reopen"], SCREENSHOTS / "lab-02.png"),
        (FAILING, FAILING, [], None),
    ])
    notebook = _serve("notebook", serve, tmp, [
        (BLANK, "blank", ["--open-only"], None),
        (NB02, "saved", ["--open-only"], SCREENSHOTS / "notebook7-02-as-saved.png"),
        (NB02, NB02, ["--expect-plots", str(_expected_plots(NB02))], SCREENSHOTS / "notebook7-02.png"),
    ])
    after = {name: _digest(ROOT / "notebooks" / name) for name in (NB01, NB02)}
    return {"lab": lab, "notebook": notebook, "before": before, "after": after}


def _cells(report):
    return report["cells"]


def _assert_ran_cleanly(report):
    assert report["kernel_name"] == "Java"  # the project's kernel (kernelspec java)
    counts = [c["execution_count"] for c in report["cells"]]
    assert counts == list(range(1, len(counts) + 1)), counts
    assert all(not c["errors"] and not c["stderr"] for c in report["cells"]), \
        [(c["index"], c["errors"], c["stderr"]) for c in report["cells"] if c["errors"] or c["stderr"]]
    assert report["blocked"] == [], "the page asked for something beyond the local server"


def _untolerated(ui, report):
    return [e for e in report["page_errors"] if not any(p.search(e["text"]) for p in TOLERATED[ui])]


def test_both_servers_listen_on_loopback_only(live):
    assert live["lab"]["listening"] == ["127.0.0.1"]
    assert live["notebook"]["listening"] == ["127.0.0.1"]


def test_jupyterlab_runs_notebook_01_through_the_run_menu_with_the_project_kernel(live):
    _assert_ran_cleanly(live["lab"]["reports"][NB01])


def test_notebook_01_shows_the_originals_output_in_the_page(live):
    text = "\n".join(c["output"] for c in _cells(live["lab"]["reports"][NB01]))
    assert text.count("Server ready") == 2  # TCP, then the Unix socket
    received = [int(n) for n in re.findall(r"Received (\d+) messages\.", text)]
    assert len(received) == 2 and all(n > 0 for n in received), received
    assert text.count("server is alive: false") == 2


def test_the_servers_lines_appear_under_the_cell_that_started_it(live):
    cells = _cells(live["lab"]["reports"][NB01])
    starters = [c for c in cells if "new Thread(() -> server(event, kw)" in c["source"]]
    clients = [c for c in cells if "new Thread(() -> client(event, kw)" in c["source"]]
    assert len(starters) == 2 and len(clients) == 2
    for starter in starters:
        assert "Server ready" in starter["output"] and "*** Server is done ***" in starter["output"], starter["output"]
    for client in clients:
        assert "Server is done" not in client["output"], client["output"]


def test_notebook_01_shows_its_header_image(live):
    images = live["lab"]["reports"][NB01]["images"]
    assert any(i["loaded"] and "header.jpg" in i["src"] for i in images), images


def test_jupyterlab_runs_notebook_02_through_the_run_menu(live):
    _assert_ran_cleanly(live["lab"]["reports"][NB02])


@pytest.mark.parametrize("ui", ["lab", "notebook"])
def test_the_progress_bars_move_while_the_trials_run(live, ui):
    seen = live[ui]["reports"][NB02]["progress"]
    for label in ("runs", "trials"):
        counts = {tuple(map(int, m.groups())) for m in (re.search(rf"(\d+)/(\d+) \(\d+%\) {label}$", t) for t in seen) if m}
        partial = {done for done, total in counts if 0 < done < total}
        assert len(partial) >= 2, f"the {label} bar showed only {sorted(counts)} while the cells ran"
        assert any(done == total for done, total in counts), f"the {label} bar never reached its end: {sorted(counts)}"


@pytest.mark.parametrize("ui", ["lab", "notebook"])
def test_every_plot_of_notebook_02_is_drawn_with_no_network(live, ui):
    report = live[ui]["reports"][NB02]
    figures = [f for c in report["cells"] for f in c["figures"]]
    assert len(figures) == _expected_plots(NB02) == report["plots"]
    for figure in figures:
        assert figure["svgs"] >= 1 and figure["traces"] >= 1 and figure["plotHeight"] > 100, figure
        assert not figure["fallbackShown"], figure  # the table is for pages without JavaScript
    assert report["blocked"] == []


def _plot_or_table(figure):
    drawn = figure["svgs"] >= 1 and figure["traces"] >= 1 and figure["plotHeight"] > 100
    table = figure["fallbackShown"] and figure["fallbackRows"] >= 2
    return drawn or table


def test_jupyterlab_saved_closed_and_reopened_02_shows_a_plot_or_its_table_in_every_box(live):
    reopened = live["lab"]["reports"][NB02]["reopened"]
    assert len(reopened["figures"]) == _expected_plots(NB02)
    assert all(_plot_or_table(f) for f in reopened["figures"]), reopened["figures"]


def test_notebook_7_shows_the_saved_02_untrusted_with_readable_tables_in_every_box(live):
    saved = live["notebook"]["reports"]["saved"]
    assert len(saved["figures"]) == _expected_plots(NB02)
    assert not saved["trusted"], "another server's notebook should open untrusted"
    assert all(f["fallbackShown"] and f["fallbackRows"] >= 2 for f in saved["figures"]), saved["figures"]


def test_notebook_7_runs_notebook_02_through_the_run_menu(live):
    _assert_ran_cleanly(live["notebook"]["reports"][NB02])


def test_a_failing_cell_is_shown_in_the_page_and_the_run_still_ends(live):
    # Whether the cells after it run is the kernel's choice (stop_on_error); the page must show the error.
    before, failing, after = _cells(live["lab"]["reports"][FAILING])
    assert "before" in before["output"] and before["execution_count"] == 1
    # JupyterLab renders an error output with the stderr MIME type, so the harness lists it there
    assert any("failing on purpose" in e for e in failing["errors"] + failing["stderr"]), failing
    assert "after" not in after["output"]


@pytest.mark.parametrize("ui", ["lab", "notebook"])
def test_no_page_error_the_project_causes(live, ui):
    for key, report in live[ui]["reports"].items():
        assert _untolerated(ui, report) == [], f"{ui}, {key}"


@pytest.mark.parametrize("ui", ["lab", "notebook"])
def test_each_tolerated_page_error_shows_on_a_blank_notebook_too(live, ui):
    blank = [e["text"] for e in live[ui]["reports"]["blank"]["page_errors"]]
    for key, report in live[ui]["reports"].items():
        for error in report["page_errors"]:
            if not _untolerated(ui, {"page_errors": [error]}):
                assert any(p.search(error["text"]) and p.search(b) for p in TOLERATED[ui] for b in blank), (key, error)


def test_each_session_leaves_its_screenshots(live):
    for name in ("lab-01", "lab-02", "lab-02-reopened", "notebook7-02-as-saved", "notebook7-02"):
        shot = SCREENSHOTS / f"{name}.png"
        assert shot.exists() and shot.stat().st_size > 20_000, shot


def test_the_repositorys_notebooks_are_not_modified(live):
    assert live["after"] == live["before"]


@pytest.mark.parametrize("ui", ["lab", "notebook"])
def test_the_server_its_kernels_and_the_browser_are_all_gone(live, ui):
    assert live[ui]["leftovers"] == []
