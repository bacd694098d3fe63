"""Notebook 07 runs Redis and PostgreSQL under load in the quick profile: throughput by clients per
transport, the ratio at each level, the server's CPU per request and the check it allows, the tail
at fixed offered loads, computed advice, and no server left behind."""

import csv
import glob
import re
import tempfile
from pathlib import Path

import notebook_outputs as nbout
from project import ROOT

NAME = "07-under-load.ipynb"


def test_the_plots_are_there(execute_notebook):
    nb, _ = execute_notebook(NAME)
    titles = [p["data"]["text/plain"].splitlines()[0] for p in nbout.plots(nb)]
    for title in ("Redis GET 64 B: requests per second by clients",
                  "PostgreSQL point select: requests per second by clients",
                  "ratio by clients",
                  "the server's CPU time per request by clients",
                  "p99 latency by offered load"):
        assert any(t.startswith(title) for t in titles), (title, titles)


def test_the_tables_are_there(execute_notebook):
    nb, _ = execute_notebook(NAME)
    tables = nbout.tables(nb)
    for title in ("where each transport saturates",
                  "UDS / TCP requests per second by clients (paired rounds)",
                  "throughput and the server's CPU time per request, by clients",
                  "latency at a fixed offered load"):
        assert any(t.startswith(title) for t in tables), title
    text = "\n".join(tables)
    for client in ("lettuce", "jedis-pool", "redis-benchmark", "hikaricp", "pgbench"):
        for transport in ("tcp", "uds"):
            assert re.search(rf"\b{client}\s+{transport}\s+4\s", text), (client, transport)


def test_the_check_the_comparison_and_the_advice_are_computed(execute_notebook):
    nb, _ = execute_notebook(NAME)
    text = nbout.stdout(nb)
    for client, workload in (("lettuce", "lettuce-get"), ("hikaricp", "pg-pool-point"), ("pgbench", "pgbench-select")):
        assert re.search(rf"\b{client} \({workload}, 4 clients\): the Unix socket answered [+-][0-9.]+% more requests "
                         rf"per second \(95% CI .+\); the server's CPU time per request fell from .+ to .+, a saving of "
                         rf"[+-][0-9.]+%: ", text, re.M), workload
    for request, java, tool in (("GET 64 B, 4 clients", "lettuce", "redis-benchmark"),
                                ("GET 64 B, 4 clients", "jedis-pool", "redis-benchmark"),
                                ("point select, 4 clients", "hikaricp", "pgbench")):
        assert re.search(rf"^{re.escape(request)}: {java} [0-9.]+x \(95% CI [0-9.]+-[0-9.]+\), {tool} [0-9.]+x",
                         text, re.M), (request, java)
    for client, workload in (("lettuce", "lettuce-get"), ("hikaricp", "pg-pool-point")):
        # (not anchored: the previous cell's smoke note ends without a newline)
        assert re.search(rf"\b{client} \({workload}\): .+; at saturation \(4 clients\) it buys [+-][0-9.]+% requests "
                         rf"per second, because it saves .+ of server CPU per request", text, re.M), workload
    assert "every trial kept its offered rate" in text or "could not keep" in text
    assert "smoke test only" in text


def test_the_runs_are_saved_with_clients_and_offered_load(execute_notebook):
    execute_notebook(NAME)
    for name in ("07-redis.csv", "07-postgres.csv", "07-redis-open.csv", "07-postgres-open.csv"):
        lines = (ROOT / "results" / name).read_text().splitlines()
        assert lines[0] == "# uds-vs-tcp results"
        table = list(csv.DictReader(line for line in lines if not line.startswith("#")))
        for column in ("clients", "offered_per_s", "pinning", "server_cpu_ns", "server_system_ns_per_message"):
            assert column in table[0], (name, column)
        assert all((row["offered_per_s"] == "") == ("open" not in name) for row in table), name
        assert all(float(row["server_cpu_ns"]) > 0 for row in table), name


def test_no_server_socket_or_data_directory_is_left(execute_notebook):
    execute_notebook(NAME)
    tmp = Path(tempfile.gettempdir())
    left = [p for p in glob.glob(str(tmp / "uds-vs-tcp-*" / "*"))
            if Path(p).name in ("server.log", "data", "redis.sock") or Path(p).name.startswith((".s.PGSQL.", ".uds-vs-tcp-pgbench"))]
    assert not left, left
    servers = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if str(tmp / "uds-vs-tcp-") in cmdline and ("redis-server" in cmdline or "postgres" in cmdline or "pgbench" in cmdline):
            servers.append(cmdline)
    assert not servers, servers
