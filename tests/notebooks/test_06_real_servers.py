"""Notebook 06 runs PostgreSQL and Redis in the quick profile: Java clients beside the servers' C tools,
the transport/work split, computed conclusions, and no server left behind."""

import glob
import os
import re
import tempfile
from pathlib import Path

import notebook_outputs as nbout
from project import ROOT

NAME = "06-real-servers.ipynb"


def test_the_plots_are_there(execute_notebook):
    nb, _ = execute_notebook(NAME)
    titles = [p["data"]["text/plain"].splitlines()[0] for p in nbout.plots(nb)]
    assert any(t.startswith("ratio by requests per round trip") for t in titles), titles
    assert any(t.startswith("ratio by message size") for t in titles), titles


def test_java_clients_are_set_beside_their_c_tools(execute_notebook):
    nb, _ = execute_notebook(NAME)
    text = nbout.stdout(nb)
    ratio = r"[0-9.]+x \(95% CI [0-9.]+-[0-9.]+\)"
    for request, java, tool in (("PING", "jedis", "redis-benchmark"),
                                ("PING, 16 per round trip", "jedis", "redis-benchmark"),
                                ("GET 64 B", "jedis", "redis-benchmark"),
                                ("GET 64 B, 16 per round trip", "jedis", "redis-benchmark"),
                                ("point select", "pgjdbc", "pgbench")):
        assert re.search(rf"^{re.escape(request)}: {java} {ratio}, {tool} {ratio}; Java's ratio is ", text, re.M), request
    assert re.search(r"Redis documentation: UDS around 1\.50x TCP\. This machine, PING one at a time: "
                     r"redis-benchmark [0-9.]+x, Jedis [0-9.]+x", text)
    tables = nbout.tables(nb)
    assert any(t.startswith("Java client vs C tool: UDS / TCP requests per second") for t in tables)


def test_how_often_each_java_client_blocked_is_counted(execute_notebook):
    nb, _ = execute_notebook(NAME)
    text = nbout.stdout(nb)
    assert any(t.startswith("Java client's context switches per round trip") for t in nbout.tables(nb))
    for client, workload in (("jedis", "redis-ping"), ("jedis", "redis-get"), ("pgjdbc", "pg-point")):
        assert re.search(rf"\b{client} \({workload}\): its thread blocked [0-9.]+ times per round trip over uds, "
                         rf"[0-9.]+ over tcp$", text, re.M), workload
    assert re.search(r"^jedis \(redis-ping, depth 16\): its thread blocked", text, re.M)  # one per line


def test_every_workload_ran_over_both_families(execute_notebook):
    nb, _ = execute_notebook(NAME)
    ratios = "\n".join(t for t in nbout.tables(nb) + [p["data"]["text/plain"] for p in nbout.plots(nb)]
                       if "UDS / TCP requests per second (paired rounds)" in t)
    # (redis-benchmark's GET is in the Java-vs-tool table, checked above)
    for workload in ("redis-ping", "redis-benchmark-ping", "redis-get", "redis-set",
                     "pg-point", "pgbench-select", "pg-select1", "pg-batch", "pg-connect"):
        assert re.search(rf"^{workload}\s", ratios, re.M), workload
    for depth in (1, 16, 128):
        assert re.search(rf"^redis-ping\s+jedis\s+0\s+{depth}\s", ratios, re.M), depth
    for size in (16, 1024, 16384, 65536):
        assert re.search(rf"^redis-get\s+jedis\s+{size}\s+1\s", ratios, re.M), size


def test_each_round_trip_is_split_and_the_conclusions_are_computed(execute_notebook):
    nb, _ = execute_notebook(NAME)
    text = nbout.stdout(nb)
    assert any(t.startswith("each round trip split into transport and server work") for t in nbout.tables(nb))
    assert re.search(r"^PING, 128 per round trip \(jedis\): a TCP round trip took .+, of which the transport "
                     r"was about .+ \([0-9.]+%\); UDS could then reach [0-9.]+x, it measured [0-9.]+x", text, re.M)
    assert re.search(r"a Unix socket saves about .+ per round trip", text)
    assert re.search(r"a request taking 1\.00 ms over TCP would gain about [0-9.]+%", text)
    assert re.search(r"^SELECT 1\s+pgjdbc\s+[0-9.]+x \(95% CI .+\): (faster over UDS|slower over UDS|too close to call)",
                     text, re.M)
    assert "smoke test only" in text


def test_the_runs_are_saved_with_the_environment(execute_notebook):
    execute_notebook(NAME)
    for name in ("06-redis.csv", "06-redis-pipelines.csv", "06-redis-values.csv", "06-bare.csv",
                 "06-postgres.csv", "06-pg-connect.csv"):
        lines = (ROOT / "results" / name).read_text().splitlines()
        assert lines[0] == "# uds-vs-tcp results"
        assert any(line.startswith("# experiment: ") for line in lines[:4]), name
        header = next(line for line in lines if not line.startswith("#"))
        assert ",depth," in header and ",pinning," in header


def test_no_server_socket_or_data_directory_is_left(execute_notebook):
    execute_notebook(NAME)  # the kernel has shut down: every server must have gone with it
    tmp = Path(tempfile.gettempdir())
    left = [p for p in glob.glob(str(tmp / "uds-vs-tcp-*" / "*"))
            if Path(p).name in ("server.log", "data", "redis.sock") or Path(p).name.startswith(".s.PGSQL.")]
    assert not left, left
    servers = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if str(tmp / "uds-vs-tcp-") in cmdline and ("redis-server" in cmdline or "postgres" in cmdline):
            servers.append(cmdline)
    assert not servers, servers
