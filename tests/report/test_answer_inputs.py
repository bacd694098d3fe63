"""The landing page's answer takes a results file as this run's only when it was last written while
the executed notebook that writes it ran (nbclient's cell timings): another run's file is named, not
used."""

import os
import time

import nbformat

import notebooks as tool


def _executed(path, start, end):
    """An executed notebook whose one cell ran from start to end (epoch seconds), as nbclient records it."""
    stamp = lambda t: time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + ".000000Z"  # noqa: E731
    cell = nbformat.v4.new_code_cell("x")
    cell.metadata["execution"] = {"iopub.execute_input": stamp(start), "shell.execute_reply": stamp(end)}
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), path)


def test_a_results_file_is_this_runs_only_when_written_while_its_notebook_ran(tmp_path):
    runs, results = tmp_path / "run", tmp_path / "results"
    runs.mkdir()
    results.mkdir()
    now = time.time()
    _executed(runs / "03-message-sizes.ipynb", now - 100, now - 10)
    _executed(runs / "04-latency.ipynb", now - 100, now - 10)
    (results / "03-message-sizes.csv").write_text("# uds-vs-tcp results\n")
    os.utime(results / "03-message-sizes.csv", (now - 50, now - 50))  # during notebook 03's run: this run's
    (results / "04-latency.csv").write_text("# uds-vs-tcp results\n")  # now: written after notebook 04 ran
    args, notes = tool.answer_inputs(runs, results)
    assert args == ["--stream", results / "03-message-sizes.csv"], args
    assert len(notes) == 1 and "results/04-latency.csv was written at" in notes[0] \
        and "not while 04-latency.ipynb of this run ran" in notes[0], notes
    (results / "04-latency.csv").unlink()
    args, notes = tool.answer_inputs(runs, results)
    assert notes == ["results/04-latency.csv is missing, although 04-latency.ipynb ran."], notes
