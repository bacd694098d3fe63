"""Notebook 05 measures connection setup in the quick profile and shows TIME_WAIT and its conclusion."""

import re

import notebook_outputs as nbout
from project import ROOT

NAME = "05-connection-setup.ipynb"


def test_the_plots_are_there(execute_notebook):
    nb, _ = execute_notebook(NAME)
    plots = nbout.plots(nb)
    assert len(plots) == 2  # connections per second with CI, per-connection percentiles
    assert plots[0]["data"]["text/plain"].startswith("median connections per second")


def test_the_tables_are_shown(execute_notebook):
    nb, _ = execute_notebook(NAME)
    tables = nbout.tables(nb)
    percentiles = next(t for t in tables if t.startswith("one connection in µs"))
    assert percentiles.splitlines()[1].split() == ["transport", "n", "p50_us", "p90_us", "p99_us",
                                                   "p999_us", "max_us"]
    by_port = next(t for t in tables if t.startswith("TIME_WAIT sockets by local port"))
    assert "local_port" in by_port and "Count" in by_port
    assert re.search(r"uds/tcp connect 64 B: [0-9.]+x", nbout.stdout(nb))


def test_time_wait_and_ephemeral_ports_are_read_from_the_kernel(execute_notebook):
    nb, _ = execute_notebook(NAME)
    text = nbout.stdout(nb)
    counted = re.search(r"TIME_WAIT before: (\d+), after: (\d+), so [+-]\d+; "
                        r"the run opened (\d+) TCP connections \((\d+) trials x (\d+)\)", text)
    assert counted, text
    assert int(counted.group(3)) == int(counted.group(4)) * int(counted.group(5)) > 0
    assert re.search(r"net\.ipv4\.ip_local_port_range\s+\d+ \d+", text)
    assert re.search(r"[\d,]+ ephemeral ports: .+ at most \d+ new connections per second", text)


def test_the_conclusion_is_computed_and_labelled_smoke_only(execute_notebook):
    nb, _ = execute_notebook(NAME)
    text = nbout.stdout(nb)
    assert re.search(r"UDS opened [0-9.]+x as many connections per second as TCP through NIO", text)
    assert re.search(r"The median connection took [0-9.]+ [mun]?s over UDS and [0-9.]+ [mun]?s over TCP", text)
    assert "smoke test only" in text


def test_the_runs_are_saved_with_the_environment(execute_notebook):
    execute_notebook(NAME)
    head = (ROOT / "results" / "05-connection-setup.csv").read_text().splitlines()[:12]
    assert head[0] == "# uds-vs-tcp results"
    assert any(line.startswith("# cpu:") for line in head), head
