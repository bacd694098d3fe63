"""Every notebook of the series runs top to bottom in the quick profile, and shows what it shows in
a form every viewer can read. (Each notebook's own module checks its particular content.)"""

import json
import re

import nbformat
import pytest

import notebook_outputs as nbout
import notebooks as tool
from project import KERNELS

NOTEBOOKS = [path.name for path in tool.notebook_paths()]


def _first_code_cell(name):
    nb = nbformat.read(tool.NOTEBOOKS / name, as_version=4)
    return next(c.source for c in nb.cells if c.cell_type == "code")


# the notebooks with plots load the pinned Plotly at the end of their first cell
PLOTTING = [name for name in NOTEBOOKS if _first_code_cell(name).rstrip().endswith("Show.plotly()")]


def test_the_series_is_complete():
    assert NOTEBOOKS[0] == "00-index.ipynb" and len(NOTEBOOKS) >= 7, NOTEBOOKS
    # every notebook plots but 01, the original, which had no plots (00 shows the answer's figure)
    assert PLOTTING == [n for n in NOTEBOOKS if n != "01-uds-vs-tcp.ipynb"], PLOTTING


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_runs_top_to_bottom_without_error_output(execute_notebook, name):
    _, code = execute_notebook(name)
    assert code == 0, f"{name} produced error output (see the log above)"


@pytest.mark.parametrize("name", PLOTTING)
def test_every_rich_output_has_html_and_a_plain_text_fallback(execute_notebook, name):
    nb, _ = execute_notebook(name)
    nbout.assert_every_rich_output_has_html_and_text(nb)


@pytest.mark.parametrize("name", PLOTTING)
def test_every_plot_draws_with_plotly_and_reads_without_javascript(execute_notebook, name):
    nb, _ = execute_notebook(name)
    plots = nbout.plots(nb)
    assert plots
    for plot in plots:
        assert "Plotly.newPlot" in plot["data"]["text/html"]
        assert "udsvstcp-fallback" in plot["data"]["text/html"]  # GitHub's viewer runs no JavaScript


def _same_json(a, b):
    """Whether two JSON values are the same, numbers by value (1 and 1.0 are one number)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same_json(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same_json(x, y) for x, y in zip(a, b))
    return a == b


@pytest.mark.parametrize("name", PLOTTING)
def test_every_plot_carries_plotlys_json_as_an_object_the_same_its_html_draws(execute_notebook, name):
    # JupyterLab and Notebook 7 draw application/vnd.plotly.v1+json even in an untrusted notebook;
    # the kernel must send it as an object, and it must be the figure the HTML's script draws.
    nb, _ = execute_notebook(name)
    for plot in nbout.plots(nb):
        figure = plot["data"].get("application/vnd.plotly.v1+json")
        assert isinstance(figure, dict), type(figure)
        assert figure["data"] and all(isinstance(trace, dict) for trace in figure["data"])
        drawn = re.search(r"\n  var figure = (\{.*\});\n", plot["data"]["text/html"])
        assert drawn, "the HTML's script defines the figure it draws"
        assert _same_json(json.loads(drawn.group(1)), figure)


def test_the_index_prints_the_machine_before_any_number(execute_notebook):
    nb, _ = execute_notebook("00-index.ipynb")
    text = nbout.stdout(nb)
    for field in ("cpu:", "kernel:", "jvm:", "socket buffers:", "pinning:", "profile: quick profile"):
        assert field in text, text


def _shapes(nb):
    """What a notebook shows, kernel-independently: each table's and plot's title and shape, in order
    (the numbers in them are measurements and differ from run to run; run ids and row counts, which
    a filter on measured values may change, are dropped)."""
    shown = []
    for kind, outputs in (("table", nbout.tables(nb)), ("plot", [p["data"]["text/plain"] for p in nbout.plots(nb)])):
        for text in outputs:
            lines = [re.sub(r"\(\d+ rows ×", "(N rows ×", re.sub(r"\b\d{8}T\d{6}-[0-9a-f]{4}\b", "RUN", l))
                     for l in text.splitlines()[:2]]
            shown.append((kind, lines[0] if kind == "table" else lines[:2]))
    return shown


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_kernel_shows_the_same_tables_and_plots(execute_notebook_on, name):
    reference = _shapes(execute_notebook_on(KERNELS[0], name)[0])
    for other in KERNELS[1:]:
        assert _shapes(execute_notebook_on(other, name)[0]) == reference, f"{name}: {other} differs from {KERNELS[0]}"
