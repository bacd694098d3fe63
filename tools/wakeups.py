#!/usr/bin/env python3
"""Who wakes the client, and why: the kernel function behind each wake-up of a real server's client.

    tools/wakeups.py --workload pg-point --transport uds [--round-trips 4000] [--depth 1]

Runs one trial of a real-server workload (the library's command line, as `make bench` does) under
`perf record -a -g -e sched:sched_wakeup`, then counts the wake-ups the server process gave the
client (the Java client's thread, or the C tool's process) by the kernel function that made them:
the first frame of the waker's stack below the scheduler's own plumbing. Per request it prints
those counts beside the client's context switches from the trial's row (Java clients only).

What it is for: over a Unix socket, pgjdbc's thread blocks about 1.7 times per request against 1.1
over TCP. The table shows where the extra wake-ups come from: `sock_def_readable` is the reply
arriving; `unix_write_space` is the server reading the request, which frees the client's send
buffer and wakes every waiter on the client socket's queue, a reader blocked in recv too, before
any reply exists. A client that waits in poll or epoll (libpq, redis-benchmark) asks only for
input and is not woken by it.

perf must be installed (Debian: linux-perf) and allowed to trace the scheduler system-wide (root,
or kernel.perf_event_paranoid at most -1). perf's files go to a new private directory, removed at
the end. perf itself slows the trial and can change how often the client sleeps; the wake-up
sources, not the rates, are the finding.
"""

import argparse
import collections
import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JAR = ROOT / "lib" / "notebook" / "target" / "uds-vs-tcp.jar"
# The scheduler's own frames, and the generic wake-up helpers: the cause is the first frame after.
PLUMBING = {
    "ttwu_do_activate", "try_to_wake_up", "wake_up_process", "default_wake_function",
    "autoremove_wake_function", "woken_wake_function", "receiver_wake_function", "pollwake",
    "ep_autoremove_wake_function", "__wake_up_common", "__wake_up_common_lock", "__wake_up",
    "__wake_up_sync_key", "__wake_up_sync", "__wake_up_locked_key", "ep_poll_callback",
}
SERVERS = {"postgres", "redis-server"}
HEADER = re.compile(r"^(?P<waker>.*?)\s+\d+(?:/\d+)?\s+\[\d+\]\s+[\d.]+:\s+sched:sched_wakeup:\s+"
                    r"comm=(?P<target>.*?) pid=\d+")


def client_comm(workload):
    """The comm (15 characters at most) of the thread or process that waits for the replies."""
    if workload.startswith("pgbench"):
        return "pgbench"
    if workload.startswith("redis-benchmark"):
        return "redis-benchmark"
    return "uds-vs-tcp-client"[:15]  # ThreadPeer's client thread, as the kernel truncates it


def causes(script_output, client):
    """Counts the server's wake-ups of `client` by the first frame of the waker's stack past PLUMBING."""
    stacks = []
    stack = None
    for line in script_output.splitlines():
        if not line.strip():
            continue
        if not line[0].isspace():
            m = HEADER.match(line)
            stack = None
            if m and m.group("waker").strip() in SERVERS and m.group("target") == client:
                stack = []
                stacks.append(stack)
        elif stack is not None:
            parts = line.split()
            if len(parts) >= 2:
                stack.append(parts[1].split("+")[0])
    return collections.Counter(next((f for f in s if f not in PLUMBING), "(no kernel stack)")
                               for s in stacks)


def check_perf(perf):
    if perf is None:
        return "perf is not installed (Debian: apt-get install linux-perf)"
    if os.geteuid() != 0:
        try:
            level = int(Path("/proc/sys/kernel/perf_event_paranoid").read_text())
        except OSError:
            return "cannot read /proc/sys/kernel/perf_event_paranoid"
        if level > -1:
            return (f"perf_event_paranoid is {level}: tracing the scheduler system-wide needs root"
                    " or sysctl kernel.perf_event_paranoid=-1")
    events = [Path(d) / "events" / "sched" / "sched_wakeup"
              for d in ("/sys/kernel/tracing", "/sys/kernel/debug/tracing")]
    if not any(e.exists() for e in events):
        return ("the scheduler's tracepoints are not visible: tracefs is not mounted"
                " (mount -t tracefs nodev /sys/kernel/tracing)")
    return ""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workload", default="pg-point",
                        help="a real-server workload of the command line (default pg-point)")
    parser.add_argument("--transport", default="uds", choices=("tcp", "uds"))
    parser.add_argument("--round-trips", type=int, default=4000)
    parser.add_argument("--depth", type=int, default=1, help="requests per round trip (Redis)")
    parser.add_argument("--java", default=shutil.which("java") or "java")
    parser.add_argument("--jar", default=str(JAR))
    args = parser.parse_args(argv)

    perf = shutil.which("perf")
    why = check_perf(perf)
    if why:
        print(f"wakeups: {why}", file=sys.stderr)
        return 2
    if not Path(args.jar).is_file():
        print(f"wakeups: no {args.jar}: build it first (make build)", file=sys.stderr)
        return 2

    work = Path(tempfile.mkdtemp(prefix="uds-vs-tcp-wakeups-"))
    try:
        data, rows = work / "perf.data", work / "run.csv"
        command = [perf, "record", "-q", "-a", "-g", "-e", "sched:sched_wakeup", "-o", str(data), "--",
                   args.java, "-jar", args.jar, "run", "--workload", args.workload,
                   "--transports", args.transport, "--round-trips", str(args.round_trips),
                   "--depths", str(args.depth),
                   "--trials", "1", "--warmup", "0", "--out", str(rows)]
        print("$ " + " ".join(command), flush=True)
        run = subprocess.run(command, capture_output=True, text=True)
        if run.returncode != 0:
            print(f"wakeups: the trial failed (exit {run.returncode}):\n{run.stdout}{run.stderr}",
                  file=sys.stderr)
            return 1
        script = subprocess.run([perf, "script", "-i", str(data)], capture_output=True, text=True)
        if script.returncode != 0:
            print(f"wakeups: perf script failed:\n{script.stderr}", file=sys.stderr)
            return 1
        with rows.open() as f:
            row = next(r for r in csv.DictReader(line for line in f if not line.startswith("#"))
                       if r["phase"] == "measured")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    client = client_comm(args.workload)
    counts = causes(script.stdout, client)
    round_trips = int(row["reads"]) or int(row["messages"])
    total = sum(counts.values())
    print(f"{args.workload} over {args.transport}: {round_trips} round trips; the server woke "
          f"{client} {total} times ({total / round_trips:.2f} per round trip), by")
    for cause, n in counts.most_common():
        print(f"  {cause:<28} {n:7d}  {n / round_trips:.3f} per round trip")
    if row.get("client_voluntary_switches"):
        vol = float(row["client_voluntary_switches"]) / round_trips
        invol = float(row["client_involuntary_switches"]) / round_trips
        print(f"client thread: {vol:.3f} voluntary and {invol:.3f} involuntary context switches per "
              "round trip (the trial's row; perf's own cost included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
