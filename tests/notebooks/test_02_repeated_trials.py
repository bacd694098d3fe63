"""Notebook 02 runs in the quick profile and shows its tables and plots in every MIME type needed."""

import re

import notebook_outputs as nbout
from project import ROOT

NAME = "02-repeated-trials.ipynb"


def test_the_plots_are_there(execute_notebook):
    nb, _ = execute_notebook(NAME)
    # original box, per run, cold trial order, corrected box, trial order, medians with CI
    assert len(nbout.plots(nb)) == 6


def test_pinned_plotly_is_loaded_once_by_the_first_cell(execute_notebook):
    nb, _ = execute_notebook(NAME)
    first = next(c for c in nb.cells if c.cell_type == "code")
    assert "Plotly" in first.outputs[-1]["data"]["text/plain"]
    loaders = [o for o in nbout.rich_outputs(nb) if "window.Plotly.version" in o["data"]["text/html"]]
    assert len(loaders) == 1


def test_the_summary_and_ratio_tables_are_shown(execute_notebook):
    nb, _ = execute_notebook(NAME)
    tables = [o["data"]["text/plain"] for o in nbout.rich_outputs(nb) if "<table" in o["data"]["text/html"]]
    assert any(t.startswith("bytes_per_s by transport, size") and "ci_low" in t and "cv" in t for t in tables)
    assert re.search(r"uds/tcp stream 64 KiB: [0-9.]+x \(95% CI [0-9.]+-[0-9.]+, \d+ paired rounds\)", nbout.stdout(nb))


def test_the_conclusion_is_computed_and_labelled_smoke_only(execute_notebook):
    nb, _ = execute_notebook(NAME)
    text = nbout.stdout(nb)
    assert re.search(r"For 64 KiB messages UDS moved [0-9.]+x the bytes per second of TCP", text)
    assert "smoke test only" in text
    # Whether the machine drifted, computed from the trials' execution order (stats.Drift).
    assert re.search(r"(Trials that ran one after another|No sign that neighbouring trials deviated together)"
                     r".*\(lag-1 correlation -?[0-9.]+ over \d+ trials, p [<=] [0-9.]+\)", text)


def test_the_runs_are_saved_with_the_environment(execute_notebook):
    execute_notebook(NAME)
    csv = ROOT / "results" / "02-corrected.csv"
    head = csv.read_text().splitlines()[:12]
    assert head[0] == "# uds-vs-tcp results"
    assert any(line.startswith("# cpu:") for line in head), head
