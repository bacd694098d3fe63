"""Notebook 04 measures round trips in the quick profile and shows percentiles, Nagle and placement."""

import csv
import re

import notebook_outputs as nbout
from project import ROOT

NAME = "04-latency.ipynb"


def test_three_percentile_plots_are_there(execute_notebook):
    nb, _ = execute_notebook(NAME)
    plots = [p for p in nbout.plots(nb) if p["data"]["text/plain"].startswith("latency by percentile")]
    # per transport, Nagle x writes per message, same core vs cross core
    assert len(plots) == 3
    for plot in plots:
        html = plot["data"]["text/html"]
        assert plot["data"]["text/plain"].startswith("latency by percentile")
        assert "latency (µs), log scale" in html, "a 40 ms stall must not flatten µs lines"


def test_the_percentile_table_has_every_transport_and_percentile(execute_notebook):
    nb, _ = execute_notebook(NAME)
    table = next(t for t in nbout.tables(nb) if t.startswith("64 B round trip in µs"))
    header = table.splitlines()[1].split()
    assert header == ["transport", "n", "p50_us", "p90_us", "p99_us", "p999_us", "max_us"]
    for transport in ("tcp", "uds", "uds-junix", "tcp-classic"):
        row = next(l for l in table.splitlines() if l.split()[0] == transport)
        assert int(row.split()[1]) >= 1, row
        p50, p90, p99, p999, top = (float(v.replace(",", "")) for v in row.split()[2:])
        assert 0 < p50 <= p90 <= p99 <= p999 <= top, row  # percentiles in their columns, in order


def test_nagle_placement_and_pinning_are_shown(execute_notebook):
    nb, _ = execute_notebook(NAME)
    tables = nbout.tables(nb)
    nagle = next(t for t in tables if t.startswith("64 B round trip in µs, by TCP_NODELAY and writes"))
    for series in ("tcp, TCP_NODELAY on, 1 write", "tcp, TCP_NODELAY off, 1 write",
                   "tcp, TCP_NODELAY on, 2 writes", "tcp, TCP_NODELAY off, 2 writes",
                   "uds, 1 write", "uds, 2 writes"):
        assert series in nagle, (series, nagle)
    placed = next(t for t in tables if t.startswith("placement achieved"))
    assert "same-core" in placed and "cross-core" in placed and "server cpu0, client cpu0" in placed


def test_the_conclusion_is_computed_and_labelled_smoke_only(execute_notebook):
    nb, _ = execute_notebook(NAME)
    text = nbout.stdout(nb)
    assert re.search(r"With Nagle on, the median two-write round trip took \d+x as long", text)
    assert re.search(r"Median 64 B round trip, both ends on one CPU: UDS [0-9.]+ [mun]?s, TCP [0-9.]+ [mun]?s; "
                     r"UDS made [0-9.]+x as many round trips per second", text)
    assert re.search(r"tcp median round trip: .+ on one CPU, .+ across two", text)
    assert "smoke test only" in text


def test_the_runs_are_saved_with_the_environment(execute_notebook):
    execute_notebook(NAME)
    for name in ("04-latency.csv", "04-nagle.csv", "04-cross-core.csv"):
        head = (ROOT / "results" / name).read_text().splitlines()[:12]
        assert head[0] == "# uds-vs-tcp results"
        assert any(line.startswith("# cpu:") for line in head), head
    lines = (ROOT / "results" / "04-nagle.csv").read_text().splitlines()
    rows = list(csv.DictReader(l for l in lines if not l.startswith("#")))
    writes = {row["writes"] for row in rows}
    assert writes == {"1", "2"}, "the split-write trials are recorded rows like any other"


def test_switches_and_cpu_time_per_round_trip_are_shown_by_placement(execute_notebook):
    nb, _ = execute_notebook(NAME)
    assert "costs measured per thread" in nbout.stdout(nb)
    table = next(t for t in nbout.tables(nb) if t.startswith("per round trip (medians over trials)"))
    for placement in ("same-core", "cross-core"):
        for transport in ("tcp", "uds"):
            assert re.search(rf"^\s*{placement}\s+\|?\s*{transport}\s", table, re.M) or \
                (placement in table and transport in table), (placement, transport)
    titles = [p["data"]["text/plain"].splitlines()[0] for p in nbout.plots(nb)]
    assert any("context switches per message, both ends" in t for t in titles), titles
    assert any("CPU time per message, both ends (ns)" in t for t in titles), titles
    text = nbout.stdout(nb)
    for transport in ("tcp", "uds"):
        for placement in ("same-core", "cross-core"):
            line = re.search(rf"^{transport}\s+{placement}\s+([0-9.]+) switches per round trip; ([0-9.]+) µs of CPU"
                             rf" \(both ends\) in a ([0-9.]+) µs round trip", text, re.M)
            assert line, (transport, placement)
            # Each end blocks at least about once per round trip, wherever it runs.
            assert float(line.group(1)) >= 1.5, line.group(0)
        assert re.search(rf"{transport}\s+across two CPUs: [0-9.]+x the switches, [0-9.]+x the CPU time and"
                         rf" [0-9.]+x the time per round trip of one CPU", text, re.M), transport
