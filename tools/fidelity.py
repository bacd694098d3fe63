#!/usr/bin/python3
"""How close is the Java harness to C on this machine? A benchmark to run and quote, not a test.

Runs, interleaved in one go so that the machine's drift hits all alike, with the same placement and
TCP_NODELAY on everywhere:
  - the C reference sockref (from ../shared/tools/sockref, compiled into build/, never copied here):
    stream 64 B and 64 KiB, ping-pong 64 B, over unix and tcp;
  - Debian's sockperf: TCP ping-pong 64 B (round trip, --full-rtt);
  - this project's harness (the notebooks' jar): the same workloads, one trial per repetition.
Prints the median of each and the Java/C ratio against the targets of issue 2:
stream within 10% of C at 64 KiB and 30% at 64 B, ping-pong p50 within 1.3x.

    tools/fidelity.py [--reps 5] [--placement same-core|cross-core]     (or: make fidelity)
"""

import argparse
import csv
import io
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOCKREF_SRC = ROOT.parent / "shared" / "tools" / "sockref" / "sockref.c"
BUILD = ROOT / "build" / "fidelity"
JAR = ROOT / "lib" / "notebook" / "target" / "uds-vs-tcp.jar"
CPUS = {"same-core": ("0", "0"), "cross-core": ("0", "1")}
TARGETS = {("stream", 65536): ("bytes/s", 0.90), ("stream", 64): ("bytes/s", 0.70), ("pingpong", 64): ("p50 us", 1.30)}


def sockref_binary():
    if not SOCKREF_SRC.exists():
        sys.exit(f"fidelity: the C reference is not beside the project ({SOCKREF_SRC})")
    BUILD.mkdir(parents=True, exist_ok=True)
    binary = BUILD / "sockref"
    if not binary.exists() or binary.stat().st_mtime < SOCKREF_SRC.stat().st_mtime:
        subprocess.run(["cc", "-O2", "-std=gnu11", "-o", str(binary), str(SOCKREF_SRC)], check=True)
    return binary


def sockref(binary, mode, transport, size, cpus):
    args = [str(binary), mode, transport, "--size", str(size), "--server-cpu", cpus[0], "--client-cpu", cpus[1]]
    if mode == "stream":
        args += ["--bytes", "1G" if size >= 65536 else "64M"]
    else:
        args += ["--count", "20000", "--warmup", "2000"]
    out = subprocess.run(args, capture_output=True, text=True, check=True, timeout=120).stdout
    row = next(csv.DictReader(io.StringIO(out)))
    return float(row["bytes_per_s"]) if mode == "stream" else float(row["rtt_p50_us"])


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sockperf_p50(cpus):
    if not shutil.which("sockperf"):
        return None
    port = str(free_port())
    server = subprocess.Popen(["taskset", "-c", cpus[0], "sockperf", "sr", "--tcp", "-i", "127.0.0.1", "-p", port],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(0.3)
        out = subprocess.run(["taskset", "-c", cpus[1], "sockperf", "pp", "--tcp", "-i", "127.0.0.1", "-p", port,
                              "-m", "64", "-t", "2", "--full-rtt"], capture_output=True, text=True, timeout=60).stdout
        m = re.search(r"percentile 50\.000 =\s+([0-9.]+)", out)
        return float(m.group(1)) if m else None
    finally:
        server.terminate()
        server.wait(timeout=10)


def harness(workload, sizes, placement, rep):
    out = BUILD / f"java-{workload}-{rep}.csv"
    args = ["java", "-jar", str(JAR), "run", "--workload", workload, "--transports", "tcp,uds",
            "--sizes", ",".join(map(str, sizes)), "--trials", "1", "--warmup", "1", "--placement", placement,
            "--out", str(out)]
    args += ["--duration", "1s"] if workload == "stream" else ["--round-trips", "20000"]
    subprocess.run(args, capture_output=True, text=True, check=True, timeout=300)
    lines = [l for l in out.read_text().splitlines() if not l.startswith("#")]
    results = {}
    for row in csv.DictReader(lines):
        if row["phase"] == "measured":
            key = (workload, int(row["size"]), row["transport"])
            results[key] = float(row["bytes_per_s"] if workload == "stream" else row["p50_us"])
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--placement", choices=sorted(CPUS), default="same-core")
    args = parser.parse_args()
    if not JAR.exists():
        sys.exit(f"fidelity: {JAR} is missing: run `make build`")
    binary = sockref_binary()
    cpus = CPUS[args.placement]
    c, java, sp = {}, {}, []
    for rep in range(args.reps):
        for transport in ("unix", "tcp"):
            for size in (64, 65536):
                c.setdefault(("stream", size, transport), []).append(sockref(binary, "stream", transport, size, cpus))
            c.setdefault(("pingpong", 64, transport), []).append(sockref(binary, "pingpong", transport, 64, cpus))
        p50 = sockperf_p50(cpus)
        if p50 is not None:
            sp.append(p50)
        for workload, sizes in (("stream", (64, 65536)), ("pingpong", (64,))):
            for (w, size, t), value in harness(workload, sizes, args.placement, rep).items():
                java.setdefault((w, size, "unix" if t == "uds" else "tcp"), []).append(value)
        print(f"repetition {rep + 1}/{args.reps} done", file=sys.stderr, flush=True)

    print(f"fidelity of the Java harness against C, {args.placement} (server cpu {cpus[0]}, client cpu {cpus[1]}),"
          f" TCP_NODELAY on, medians of {args.reps} interleaved repetitions")
    print(f"{'workload':9} {'size':>6} {'transport':9} {'metric':8} {'C (sockref)':>14} {'Java':>14} {'Java/C':>7}  target")
    for (workload, size), (metric, target) in TARGETS.items():
        for transport in ("unix", "tcp"):
            cm = statistics.median(c[(workload, size, transport)])
            jm = statistics.median(java[(workload, size, transport)])
            ratio = jm / cm
            ok = ratio >= target if metric == "bytes/s" else ratio <= target
            fmt = (lambda v: f"{v / 1e6:,.1f} MB/s") if metric == "bytes/s" else (lambda v: f"{v:.2f} us")
            goal = f">= {target:.2f}" if metric == "bytes/s" else f"<= {target:.2f}"
            print(f"{workload:9} {size:>6} {transport:9} {metric:8} {fmt(cm):>14} {fmt(jm):>14} {ratio:7.2f}  {goal} {'ok' if ok else 'MISSED'}")
    if sp:
        print(f"sockperf TCP ping-pong 64 B, round trip p50: {statistics.median(sp):.2f} us (median of {len(sp)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
