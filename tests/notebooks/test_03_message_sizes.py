"""Notebook 03 sweeps message sizes in the quick profile and shows its tables, plots and conclusion."""

import re

import notebook_outputs as nbout
from project import ROOT

NAME = "03-message-sizes.ipynb"


def test_the_plots_are_there(execute_notebook):
    nb, _ = execute_notebook(NAME)
    plots = nbout.plots(nb)
    # bytes/s vs size, messages/s vs size, ratio by size, threads vs processes
    assert len(plots) == 4
    titles = [p["data"]["text/plain"].splitlines()[0] for p in plots]
    assert any("throughput (bytes/s) by message size" in t for t in titles), titles
    assert any("messages per second" in t and "by message size" in t for t in titles), titles
    assert any(t.startswith("ratio by message size") for t in titles), titles
    isolation = next(p["data"]["text/html"] for p in plots if "uds, processes" in p["data"]["text/html"])
    assert "tcp, threads" in isolation, "one series per transport and isolation, named plainly"


def test_the_sweep_covers_every_size_and_transport(execute_notebook):
    nb, _ = execute_notebook(NAME)
    summary = next(t for t in nbout.tables(nb) + [p["data"]["text/plain"] for p in nbout.plots(nb)]
                   if "bytes_per_s by transport, size (36 rows" in t)
    for transport in ("tcp", "uds", "uds-junix", "tcp-classic"):
        for size in (16, 1024, 65536, 1048576):
            assert re.search(rf"^{re.escape(transport)}\s+{size}\s", summary, re.M), (transport, size)


def test_the_tables_are_shown(execute_notebook):
    nb, _ = execute_notebook(NAME)
    tables = nbout.tables(nb)
    assert any(t.startswith("bytes per read call") for t in tables)
    assert any(t.startswith("bytes_per_s by isolation, transport, size") and "processes" in t
               and "threads" in t for t in tables)
    text = nbout.stdout(nb)
    assert re.search(r"uds/tcp stream 1 MiB: [0-9.]+x \(95% CI", text)
    assert re.search(r"uds-junix/tcp-classic stream 16 B: [0-9.]+x", text)


def test_the_conclusion_is_computed_and_labelled_smoke_only(execute_notebook):
    nb, _ = execute_notebook(NAME)
    text = nbout.stdout(nb)
    assert re.search(r"UDS \(NIO\) moved more bytes per second than TCP at .+; TCP moved more at .+", text)
    assert re.search(r"The largest advantage was [0-9.]+x at \d+ [KM]?i?B \(95% CI", text)
    assert re.search(r"processes reached [0-9.]+% of the threads' throughput", text)
    assert "smoke test only" in text


def test_the_runs_are_saved_with_the_environment(execute_notebook):
    execute_notebook(NAME)
    for name in ("03-message-sizes.csv", "03-processes.csv"):
        head = (ROOT / "results" / name).read_text().splitlines()[:12]
        assert head[0] == "# uds-vs-tcp results"
        assert any(line.startswith("# socket buffers:") for line in head), head
        buffers = next(line for line in head if line.startswith("# socket buffers:"))
        assert re.search(r"tcp SO_SNDBUF/SO_RCVBUF client \d+/\d+, server \d+/\d+", buffers), buffers
