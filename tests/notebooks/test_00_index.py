"""Notebook 00 gives the series' answer before anything else: the UDS/TCP throughput ratio by message
size and three computed sentences, read from the committed reference runs (no benchmark runs), after
saying where the numbers came from."""

import re

import nbformat

import notebook_outputs as nbout
import notebooks as tool

NAME = "00-index.ipynb"


def _reference_answer():
    """What the library computes from notebooks/reference: (sources, sentences), as text."""
    sources, sentences = tool.answer("--references", tool.REFERENCES, "--text").split("\n\n", 1)
    return sources.strip(), sentences.strip()


def test_the_answer_is_the_reference_runs_figure(execute_notebook):
    nb, code = execute_notebook(NAME)
    assert code == 0
    plots = nbout.plots(nb)
    assert len(plots) == 1, "one figure: the answer"
    data = plots[0]["data"]
    assert data["text/plain"].startswith("ratio by message size (whiskers: 95% CI)")
    sweeps = sorted(d.name for d in tool.REFERENCES.iterdir() if (d / "03-message-sizes.csv").exists())
    assert sweeps, "a reference run of notebook 03's sweep is committed"
    for run in sweeps:
        assert f"name: 'reference {run}'" in data["text/html"], run
        assert f"reference {run}" in data["text/plain"], "the fallback table names the run too"
    assert 'layout.yaxis.type = "log"' in data["text/html"]


def test_the_sentences_and_their_sources_are_the_reference_runs(execute_notebook):
    nb, _ = execute_notebook(NAME)
    text = nbout.stdout(nb)
    sources, sentences = _reference_answer()
    assert sources in text and sentences in text
    assert text.index(sources) < text.index(sentences), "where the numbers come from, first"
    assert re.search(r"^Throughput \(notebook 03's sweep on [a-z0-9-]+-\d{4}-\d{2}\): UDS moved more bytes per second"
                     r" than TCP at .+\. It did", sentences, re.M), sentences
    assert re.search(r"^Round trips \(notebook 04 on [a-z0-9-]+-\d{4}-\d{2}\): A 64 B round trip, both ends pinned to"
                     r" one CPU \(same-core\), took [0-9.]+ [mun]?s over UDS", sentences, re.M), sentences
    for field in ("/03-message-sizes.csv: ", "/04-round-trips.csv: ", "  run ", "  command: "):
        assert field in sources, field
    # committed teaching runs, so nothing in the answer is labelled smoke-only, even in the quick profile
    assert "smoke" not in sentences


def test_no_benchmark_runs_in_it():
    nb = nbformat.read(tool.NOTEBOOKS / NAME, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "Answer.fromReferences(" in code
    for runs_something in ("Experiment", ".run(", "KernelProfile", "ServerRuns"):
        assert runs_something not in code, runs_something
    assert all(len(c.source.splitlines()) <= 10 for c in nb.cells if c.cell_type == "code"), "short cells"
