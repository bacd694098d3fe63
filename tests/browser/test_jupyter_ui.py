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
import re
import shutil

import nbformat
import pytest

from project import ROOT, VENV

from jupyter_ui import SCREENSHOTS, serve as _serve

NB01, NB02, BLANK, FAILING = "01-uds-vs-tcp.ipynb", "02-repeated-trials.ipynb", "blank.ipynb", "failing-cell.ipynb"

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
        (NB02, "saved", ["--open-only", "--expect-plots", str(_expected_plots(NB02))],
         SCREENSHOTS / "notebook7-02-as-saved.png"),
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


def _drawn(figure):
    return figure["svgs"] >= 1 and figure["traces"] >= 1 and figure["plotHeight"] > 100


def _plot_or_table(figure):
    table = figure["fallbackShown"] and figure["fallbackRows"] >= 2
    return _drawn(figure) or figure["image"] or table


def test_jupyterlab_saved_closed_and_reopened_02_shows_a_plot_or_its_table_in_every_box(live):
    reopened = live["lab"]["reports"][NB02]["reopened"]
    assert len(reopened["figures"]) == _expected_plots(NB02)
    assert all(_plot_or_table(f) for f in reopened["figures"]), reopened["figures"]


def test_notebook_7_draws_every_plot_of_the_saved_02_untrusted(live):
    # Plotly's JSON type is data, not script: the jupyterlab-plotly extension draws it (or shows the
    # picture of it that JupyterLab saved with the output) in an untrusted notebook too.
    saved = live["notebook"]["reports"]["saved"]
    assert not saved["trusted"], "another server's notebook should open untrusted"
    assert len(saved["figures"]) == _expected_plots(NB02)
    for figure in saved["figures"]:
        assert figure["kind"] == "plotly-json", figure
        assert _drawn(figure) or figure["image"], figure


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
def test_every_plot_shows_through_the_plotly_json_type(live, ui):
    # build/venv has the jupyterlab-plotly extension: it takes Plotly's JSON over the HTML.
    figures = [f for c in live[ui]["reports"][NB02]["cells"] for f in c["figures"]]
    assert figures and {f["kind"] for f in figures} == {"plotly-json"}, figures


@pytest.mark.parametrize("ui", ["lab", "notebook"])
def test_the_projects_own_settings_turn_the_jupyter_news_off(live, ui):
    # The servers' user settings (a private, empty config dir) say nothing about news: the value comes
    # from build/venv's overrides (tools/jupyter-settings.json, installed by `make kernel`).
    assert not list((live[ui]["home"] / "config").rglob("*notification*")), "the test must not set it itself"
    # an override is the schema's default as the server gives it to the page; the user set nothing
    served = live[ui]["notification_settings"]
    defaults = {name: p.get("default") for name, p in served["schema"]["properties"].items()}
    assert defaults["fetchNews"] == "false" and defaults["checkForUpdates"] is False, defaults
    assert served["settings"] == {}, served["settings"]


@pytest.mark.parametrize("ui", ["lab", "notebook"])
def test_no_page_asks_about_jupyter_news(live, ui):
    for key, report in live[ui]["reports"].items():
        assert not [n for n in report["notifications"] if re.search(r"\bnews\b", n, re.I)], (key, report["notifications"])


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
