"""Notebook 03 sweeps message sizes in the quick profile and shows its tables, plots and conclusion."""

import re

import notebook_outputs as nbout
from project import ROOT

NAME = "03-message-sizes.ipynb"


def test_the_plots_are_there(execute_notebook):
    nb, _ = execute_notebook(NAME)
    plots = nbout.plots(nb)
    # bytes/s, messages/s and CPU time per message vs size, ratio by size, the two cost stacks,
    # threads vs processes
    assert len(plots) == 7
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


def test_the_costs_per_message_are_plotted_stacked_and_checked(execute_notebook):
    nb, _ = execute_notebook(NAME)
    titles = [p["data"]["text/plain"].splitlines()[0] for p in nbout.plots(nb)]
    assert any("CPU time per message, both ends (ns) by message size" in t for t in titles), titles
    for unit in ("per message", "per KiB"):
        stack = next(p for p in nbout.plots(nb)
                     if p["data"]["text/plain"].startswith(f"CPU time {unit} by message size and transport"))
        # The figure as Plotly reads it: the same JSON the HTML draws and Lab's renderer shows.
        figure = stack["data"]["application/vnd.plotly.v1+json"]
        assert figure["layout"]["barmode"] == "stack", unit
        assert figure["layout"]["xaxis"]["type"] == "multicategory", unit
        names = [trace.get("name") for trace in figure["data"]]
        for part in ("server system", "server user", "client system", "client user"):
            assert part in names, (unit, part, names)
    text = nbout.stdout(nb)
    assert "costs measured per thread in" in text
    for size in ("64 B", "64 KiB"):
        # n/a where a quick trial was too short for the user/system split (10 ms ticks)
        value = r"(?:[0-9.]+ [nu]s|n/a)"
        assert re.search(rf"{size}\s+system time per message: tcp {value}, uds {value} \(tcp/uds (?:[0-9.]+x|n/a)\);"
                         rf" throughput uds/tcp [0-9.]+x", text), size
    busy = re.search(r"messages/s x CPU time per message: ([0-9.]+) to ([0-9.]+) CPU-seconds per second"
                     r" \(median ([0-9.]+) over 36 cells\)", text)
    assert busy, text
    # Both ends on one CPU: in the median cell they use about one CPU-second per second (quick
    # trials are short, and their cost interval starts a little before the receiver's clock).
    assert 0 < float(busy.group(1)) <= float(busy.group(3)) <= float(busy.group(2)), busy.group(0)
    assert 0.7 < float(busy.group(3)) < 1.3, busy.group(0)


def test_the_perf_section_profiles_both_transports_or_says_why_not(execute_notebook):
    nb, _ = execute_notebook(NAME)
    text = nbout.stdout(nb)
    if "perf section skipped: " in text:
        assert re.search(r"perf section skipped: \S.+", text)
        return
    assert "perf can sample the kernel here" in text
    for transport in ("tcp", "uds"):
        assert re.search(rf"^{transport} \(\d+ samples\): \S*perf record -e cpu-clock -c \d+ -g --kernel-callchains"
                         rf"(?: --[a-z-]+(?:=\S+)?)* (-C \d+|-t \d+,\d+) -D -1 --control fifo:",
                         text, re.M), transport
        table = next(t for t in nbout.tables(nb) if t.startswith(f"{transport}: top kernel functions, 65536 B"))
        assert "percent_of_samples" in table
    assert re.search(r"^tcp  kernel [0-9.]+% of samples: copies [0-9.]+%, tcp_/ip_ [0-9.]+%", text, re.M)


def test_this_run_is_set_beside_the_committed_reference(execute_notebook):
    nb, _ = execute_notebook(NAME)
    # the newest machine directory with a sweep (notebooks/reference/<machine>-<yyyy>-<mm>/)
    newest = max((d for d in (ROOT / "notebooks" / "reference").iterdir() if (d / "03-message-sizes.csv").exists()),
                 key=lambda d: (d.name[-7:], d.name))
    assert (newest / "03-message-sizes.csv").read_text().startswith("# uds-vs-tcp results\n")
    text = nbout.stdout(nb)
    # (the cell before ends its output without a newline, so the line starts mid-text)
    assert re.search(rf"{newest.name}/03-message-sizes.csv: \S", text), "the reference names its machine"
    assert re.search(r"^  command: make bench ARGS='run --workload stream", text, re.M) or \
        re.search(r"^  command: make reference NAME=", text, re.M), "and the command that made it"
    hosts = next(t for t in nbout.tables(nb) if t.startswith("host comparison"))
    assert "ref_cpu_ns_per_message" in hosts and "this_uds_tcp" in hosts
    for transport in ("tcp", "uds"):
        assert re.search(rf"^{transport}: CPU time per message is .+ the reference's", text, re.M), transport
        assert re.search(rf"^{transport}: throughput by size ranks alike in both runs \(Spearman -?[0-9.]+\)",
                         text, re.M), transport
    assert re.search(r"^UDS/TCP: the ratio is on the same side of 1 in both runs at \d+ of \d+ sizes", text, re.M)
