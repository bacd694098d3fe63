"""Notebook 09 runs TCP with its stack skipped (sockmap) and through a veth pair beside tcp and uds in
the quick profile, or shows the committed reference run where the routes cannot be built, and computes
its conclusions from the rows it shows."""

import re

import notebook_outputs as nbout
from project import ROOT

NAME = "09-tcp-without-its-stack.ipynb"
REFERENCES = ROOT / "notebooks" / "reference"
FOUR = ("tcp-sockmap", "tcp", "tcp-veth", "uds")


def _ran_here(text):
    return "measured here; the rows are in ../results/09-stream.csv" in text


def test_the_method_and_the_routes_come_before_any_number(execute_notebook):
    nb, code = execute_notebook(NAME)
    assert code == 0
    text = nbout.stdout(nb)
    for line in ("cpu:", "kernel:", "profile: quick profile"):
        assert line in text
    assert re.search(r"^tcp-sockmap: (can be set up here|unavailable here: \S.+)$", text, re.M)
    assert re.search(r"^tcp-veth: (can be set up here|unavailable here: \S.+)$", text, re.M)
    assert "stream: tcp-sockmap vs tcp vs tcp-veth vs uds, sizes 64 B, 4 KiB, 64 KiB" in text
    assert re.search(r"the same from a shell: make bench ARGS='run --workload stream --transports"
                     r" tcp-sockmap,tcp,tcp-veth,uds --sizes 64,4k,64k .*--isolation processes", text)
    assert re.search(r"the same from a shell: make bench ARGS='run --workload pingpong .*--sizes 64 ", text)
    assert text.index("cpu:") < text.index("measured here" if _ran_here(text) else "Not measured here")


def test_the_routes_were_built_and_every_trial_proved_its_route_or_the_reference_says_why(execute_notebook):
    nb, _ = execute_notebook(NAME)
    text = nbout.stdout(nb)
    if _ran_here(text):
        assert re.search(r"^route: tcp-sockmap: cgroup /udsvstcp-sockmap-\d+-[0-9a-f]{4}, sock_ops program"
                         r" udsvstcp_ops \(id \d+\)", text, re.M)
        assert re.search(r"^route: tcp-veth: namespaces udsvstcp-\d+-[0-9a-f]{4}-server \(server, 198\.18\.0\.1/30",
                         text, re.M)
        assert re.search(r"^route command: tcp-sockmap: bpftool prog attach pinned \S+ msg_verdict", text, re.M)
        assert re.search(r"^route command: tcp-veth: ip -n udsvstcp-\S+ link add udsvstcp0 type veth", text, re.M)
    else:
        # The newest reference run that holds the file, described by its machine, run, note and command.
        assert re.search(r"tcp-sockmap is unavailable here: .+\. Not measured here: these are the rows of the"
                         r" committed reference run [a-z0-9-]+-\d{4}-\d{2}/09-stream\.csv: \S.*\n  run \d{8}T\d{6}-[0-9a-f]{4}"
                         r" .*\n  note: .+\n  command: .+", text)
    # Both in a run here and in the reference: every sockmap trial's bytes were all redirected.
    assert re.search(r"^tcp-sockmap \d+ trials, .+: the route counted 1\.00x to 1\.00x of each trial's bytes$", text, re.M)
    veth = re.search(r"^tcp-veth +\d+ trials, .+: the route counted ([0-9.]+)x to ([0-9.]+)x", text, re.M)
    assert veth and float(veth.group(1)) >= 1.0, text
    rows = next(t for t in nbout.tables(nb) if "route_bytes" in t.splitlines()[1])
    for transport in FOUR:
        assert re.search(rf"^\s*\d+\s+\w+\s+{re.escape(transport)}\s", rows, re.M), transport


def test_the_plots_and_tables_are_there(execute_notebook):
    nb, _ = execute_notebook(NAME)
    profiled = "perf section skipped: " not in nbout.stdout(nb)
    titles = [p["data"]["text/plain"].splitlines()[0] for p in nbout.plots(nb)]
    assert any("throughput (bytes/s) by message size" in t for t in titles), titles
    assert any(t.startswith("ratio by message size") for t in titles), titles
    assert any("round trip" in t for t in titles), titles
    assert any(t.startswith("CPU time per round trip by message size and transport") for t in titles), titles
    assert any("CPU time per message, both ends (ns) by message size" in t for t in titles), titles
    assert len(titles) == 6 + profiled, titles
    ratios = next(p["data"]["text/plain"] for p in nbout.plots(nb) if p["data"]["text/plain"].startswith("ratio by"))
    for pair in ("uds/tcp", "tcp-sockmap/tcp", "tcp-veth/tcp"):
        for size in (64, 4096, 65536):
            assert re.search(rf"^{re.escape(pair)}\s+{size}\s", ratios, re.M), (pair, size)
    tables = nbout.tables(nb)
    assert any(t.startswith("messages/s x CPU time per message") for t in tables)


def test_where_sockmap_closes_the_gap_is_computed_for_streams_and_round_trips(execute_notebook):
    nb, _ = execute_notebook(NAME)
    text = nbout.stdout(nb)
    verdict = r"(closed the gap.*|closed [0-9.]+% of the gap|closed none of the gap.*|slower than tcp itself|overtook uds|no gap to close.*|too few paired rounds to tell)"
    for size in ("64 B", "4 KiB", "64 KiB"):
        assert re.search(rf"^stream {size}: uds [0-9.]+x tcp; tcp-sockmap [0-9.]+x tcp \(95% CI [0-9.]+-[0-9.]+\)"
                         rf" and [0-9.]+x uds \(95% CI [0-9.]+-[0-9.]+\): {verdict}$", text, re.M), size
        assert re.search(rf"^Streams of {size}: {verdict}; per message tcp-sockmap used [0-9.]+x the CPU time of tcp",
                         text, re.M), size
    assert re.search(rf"^pingpong 64 B: uds [0-9.]+x tcp; tcp-sockmap [0-9.]+x tcp .*: {verdict}$", text, re.M)
    assert re.search(r"^Round trips: TCP without its stack took [0-9.]+ [un]s per 64 B round trip, TCP [0-9.]+ [un]s,"
                     r" the Unix socket [0-9.]+ [un]s: .+\.$", text, re.M)
    # n/a where a quick trial was too short for the user/system split (10 ms ticks)
    value = r"(?:[0-9.]+ [nu]s|n/a)"
    assert re.search(rf"^Kernel time per round trip: tcp {value}, tcp-sockmap {value}, uds {value}: skipping the stack"
                     rf" removed (?:-?[0-9.]+%|n/a) of the", text, re.M)
    assert re.search(r"^Through a veth pair: a 64 B round trip took [0-9.]+x TCP's time", text, re.M)
    assert "smoke test only" in text or not _ran_here(text)
    assert "not a verdict" in "".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_the_profile_compares_tcp_and_sockmap_or_says_why_not(execute_notebook):
    nb, _ = execute_notebook(NAME)
    text = nbout.stdout(nb)
    if "perf section skipped: " in text:
        assert re.search(r"perf section skipped: \S.+", text)
        return
    # Notebook 08's way: the CPU both ends' processes ran on (or the processes, if perf may not
    # sample a whole CPU), at a fixed period with call chains.
    for transport in ("tcp", "tcp-sockmap"):
        assert re.search(rf"^{transport} \(\d+ samples\): \S*perf record -e cpu-clock -c 194003 -g --kernel-callchains"
                         rf" .* -(C \d+|p \d+,\d+) -D -1", text, re.M)
    assert re.search(r"^    sampled: CPU \d+, where both ends' processes ran", text, re.M) or "sampled: the two ends' processes" in text
    categories = next(t for t in nbout.tables(nb) if t.startswith("time per message by category (ns, both ends)"))
    assert "tcp 64 B" in categories and "tcp-sockmap 64 B" in categories
    ns = {}
    for transport in ("tcp", "tcp-sockmap"):
        line = re.search(rf"^{re.escape(transport)} +per 64 B message: the TCP/IP path (\d+) ns; the sockmap redirect and its BPF"
                         rf" programs (\d+) ns; copying to and from user memory (\d+) ns; scheduler and wake-ups (\d+) ns;"
                         rf" the kernel in all (\d+) ns$", text, re.M)
        assert line, text
        ns[transport] = [int(v) for v in line.groups()]
    # The redirect takes TCP's path away and brings its own: the causal change, in the categories.
    assert ns["tcp-sockmap"][1] > 0, ns
    assert ns["tcp"][1] < 0.01 * ns["tcp"][4], ns
    assert ns["tcp-sockmap"][0] < ns["tcp"][0], ns
    stack = next(p for p in nbout.plots(nb) if p["data"]["text/plain"].startswith("time per message by category"))
    figure = stack["data"]["application/vnd.plotly.v1+json"]
    assert figure["layout"]["barmode"] == "stack"
    names = [trace.get("name") for trace in figure["data"]]
    assert "the sockmap redirect and its BPF programs" in names and "the TCP/IP path" in names, names
    # The redirect's own functions show up in sockmap's profile, TCP's in TCP's.
    sockmap = next(t for t in nbout.tables(nb) if t.startswith("tcp-sockmap: top kernel functions, 64 B"))
    assert re.search(r"tcp_bpf_|sk_msg|sk_psock", sockmap), sockmap


def test_the_committed_reference_runs_name_their_machine_command_and_note():
    runs = sorted(d for d in REFERENCES.iterdir() if (d / "09-stream.csv").exists())
    assert runs, "a reference run of notebook 09 is committed"
    for run in runs:
        for name, workload in (("09-stream.csv", "stream"), ("09-pingpong.csv", "pingpong")):
            head = [line for line in (run / name).read_text().splitlines() if line.startswith("#")]
            assert head[0] == "# uds-vs-tcp results"
            assert head[1].startswith("# note: ") and "notebook 09" in head[1], head[1]
            command = next(line for line in head if line.startswith("# command: "))
            assert re.search(rf"--workload[ =]{workload} --transports[ =]tcp-sockmap,tcp,tcp-veth,uds .*--isolation[ =]processes",
                             command), command
            assert any(line.startswith("# cpu:") for line in head), head
