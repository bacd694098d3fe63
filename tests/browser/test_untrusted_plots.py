"""An executed notebook opened untrusted draws every plot, in JupyterLab 4 and in Notebook 7.

Notebook 03 (seven figures) is executed as `make run` executes it (tools/notebooks.py execute, in the
quick profile) on the project's kernel and on JJava. Outputs made that way carry no signature, so
each server opens them untrusted, as a reader opens a notebook handed to them, and runs none of
their scripts: the text/html plots cannot draw. Plotly's JSON type is data, not script, and the
jupyterlab-plotly extension in build/venv draws it. Each page must draw every figure, with the title
its JSON gives; the test prints "N of M figures drawn" for each server and kernel. Screenshots go to
build/screenshots/{lab,notebook7}-03-untrusted-{java,jjava}.png.
"""

import html
import re
import shutil

import nbformat
import pytest

from project import KERNELS, ROOT, VENV

from jupyter_ui import SCREENSHOTS, serve

NOTEBOOK = "03-message-sizes.ipynb"
PLOTLY_JSON = "application/vnd.plotly.v1+json"
UIS = {"lab": "lab", "notebook": "notebook7"}  # server, and the screenshots' prefix


def _figures_in(nb):
    """The Plotly JSON of every plot output of an executed notebook, in order."""
    return [o["data"][PLOTLY_JSON] for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
            if PLOTLY_JSON in o.get("data", {})]


def _plot_calls(name):
    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    return sum(c.source.count("Show.plot(") for c in nb.cells if c.cell_type == "code")


def _shown_title(text):
    """A title as Plotly shows it: its HTML entities as the characters, its whitespace collapsed."""
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


@pytest.fixture(scope="module")
def opened(execute_notebook_on, tmp_path_factory):
    for need, why in (
        (ROOT / "node_modules" / "playwright-core", "playwright-core is not installed: run `npm ci` (make test does)"),
        (VENV / "bin" / "jupyter-lab", "build/venv has no JupyterLab: run `make venv` (make test does)"),
    ):
        if not need.exists():
            pytest.fail(why)
    for command in ("node", "chromium"):
        if not shutil.which(command):
            pytest.fail(f"{command} is not installed (tools/install-deps.sh installs it)")

    tmp = tmp_path_factory.mktemp("untrusted")
    root = tmp / "serve"
    (root / "notebooks").mkdir(parents=True)
    shutil.copy2(ROOT / "header.jpg", root / "header.jpg")  # the notebooks' ../header.jpg
    executed = {}
    for kernel in KERNELS:
        nb, code = execute_notebook_on(kernel, NOTEBOOK)
        assert code == 0, f"{NOTEBOOK} on {kernel} showed error output"
        executed[kernel] = nb
        # the executed copy as `make run` leaves it, served under a name that says its kernel
        nbformat.write(nb, root / "notebooks" / f"{kernel}-{NOTEBOOK}")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pages = {}
    for ui, prefix in UIS.items():
        runs = [(f"{kernel}-{NOTEBOOK}", kernel, ["--open-only", "--expect-plots", str(len(_figures_in(nb)))],
                 SCREENSHOTS / f"{prefix}-03-untrusted-{kernel}.png") for kernel, nb in executed.items()]
        pages[ui] = serve(ui, root, tmp, runs)
    return executed, pages


CASES = [(ui, kernel) for ui in UIS for kernel in KERNELS]


@pytest.mark.parametrize("kernel", KERNELS)
def test_the_executed_notebook_carries_plotlys_json_for_every_plot(opened, kernel):
    executed, _ = opened
    figures = _figures_in(executed[kernel])
    assert len(figures) == _plot_calls(NOTEBOOK) == 7
    for figure in figures:
        assert isinstance(figure, dict) and figure["data"] and figure["layout"]["title"]["text"], figure.keys()


@pytest.mark.parametrize("ui,kernel", CASES)
def test_the_notebook_opens_untrusted(opened, ui, kernel):
    report = opened[1][ui]["reports"][kernel]
    assert report["trusted"] is False
    assert report["kernel_name"], report  # the page showed its kernel: it is the notebook's own view


@pytest.mark.parametrize("ui,kernel", CASES)
def test_every_figure_is_drawn_with_its_title(opened, ui, kernel, capsys):
    executed, pages = opened
    expected = _figures_in(executed[kernel])
    report = pages[ui]["reports"][kernel]
    figures = report["figures"]
    drawn = [f for f in figures if f["kind"] == "plotly-json" and f["svgs"] >= 1 and f["plotHeight"] > 100]
    with capsys.disabled():
        print(f"\n{UIS[ui]}, {NOTEBOOK} executed on {kernel}, untrusted: {len(drawn)} of {len(expected)} figures drawn"
              f" (page {report['wall_seconds']} s)")
    assert len(figures) == len(expected), figures
    assert len(drawn) == len(expected), f"{len(drawn)} of {len(expected)} figures drawn: {figures}"
    for figure, json in zip(figures, expected):
        assert figure["traces"] == len(json["data"]), figure
        assert not figure["fallbackShown"], figure
        assert _shown_title(figure["title"]) == _shown_title(json["layout"]["title"]["text"]), figure
        axes = [_shown_title(json["layout"][axis]["title"]["text"]) for axis in ("xaxis", "yaxis")]
        assert [_shown_title(t) for t in figure["axisTitles"]] == axes, figure


@pytest.mark.parametrize("ui,kernel", CASES)
def test_nothing_beyond_the_local_server_is_asked_for(opened, ui, kernel):
    report = opened[1][ui]["reports"][kernel]
    assert report["blocked"] == []


@pytest.mark.parametrize("ui,kernel", CASES)
def test_each_page_leaves_its_screenshot(opened, ui, kernel):
    shot = SCREENSHOTS / f"{UIS[ui]}-03-untrusted-{kernel}.png"
    assert opened[1][ui]["reports"][kernel]["screenshot"] == str(shot)
    assert shot.exists() and shot.stat().st_size > 20_000, shot


@pytest.mark.parametrize("ui", UIS)
def test_the_server_its_kernels_and_the_browser_are_all_gone(opened, ui):
    assert opened[1][ui]["leftovers"] == []
