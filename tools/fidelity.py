#!/usr/bin/python3
"""How close is the Java harness to C on this machine? A benchmark to run and quote, not a test.

Runs, interleaved in one go so that the machine's drift hits all alike, with the same placement and
TCP_NODELAY on everywhere:
  - the C reference sockref (from ../shared/tools/sockref, compiled into build/, never copied here):
    stream 64 B and 64 KiB, ping-pong 64 B, over unix and tcp;
  - Debian's sockperf: TCP ping-pong 64 B (round trip, --full-rtt);
  - this project's harness (the notebooks' jar): the same workloads, one trial per repetition;
  - sockref again for the stream rows, with tools/fidelity/threaded_fork.c preloaded so that its
    processes are multi-threaded, as a JVM always is ("C, threaded").
Prints the median of each and the Java/C ratio against the targets of issue 2 (stream within 10% of
C at 64 KiB and 30% at 64 B, ping-pong p50 within 1.3x), and the coefficient of variation of C and
Java across the repetitions: the spread that the machine gives even to C.

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
THREADED_FORK_SRC = ROOT / "tools" / "fidelity" / "threaded_fork.c"
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


def threaded_fork_library():
    """Builds the LD_PRELOAD library that makes sockref's processes multi-threaded."""
    BUILD.mkdir(parents=True, exist_ok=True)
    library = BUILD / "threaded_fork.so"
    if not library.exists() or library.stat().st_mtime < THREADED_FORK_SRC.stat().st_mtime:
        subprocess.run(["cc", "-O2", "-shared", "-fPIC", "-o", str(library), str(THREADED_FORK_SRC),
                        "-ldl", "-lpthread"], check=True)
    return library


def sockref(binary, mode, transport, size, cpus, preload=None):
    env = dict(os.environ, LD_PRELOAD=str(preload)) if preload else None
    args = [str(binary), mode, transport, "--size", str(size), "--server-cpu", cpus[0], "--client-cpu", cpus[1]]
    if mode == "stream":
        args += ["--bytes", "1G" if size >= 65536 else "64M"]
    else:
        args += ["--count", "20000", "--warmup", "2000"]
    out = subprocess.run(args, capture_output=True, text=True, check=True, timeout=120, env=env).stdout
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


def cv(values):
    """Coefficient of variation in percent (sample standard deviation over the mean)."""
    return 100 * statistics.stdev(values) / statistics.mean(values) if len(values) > 1 else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--placement", choices=sorted(CPUS), default="same-core")
    args = parser.parse_args()
    if args.reps < 1:
        parser.error(f"--reps must be at least 1, not {args.reps}")
    if not JAR.exists():
        sys.exit(f"fidelity: {JAR} is missing: run `make build`")
    binary = sockref_binary()
    threaded = threaded_fork_library()
    cpus = CPUS[args.placement]
    c, c_threaded, java, sp = {}, {}, {}, []
    for rep in range(args.reps):
        for transport in ("unix", "tcp"):
            for size in (64, 65536):
                key = ("stream", size, transport)
                c.setdefault(key, []).append(sockref(binary, "stream", transport, size, cpus))
                c_threaded.setdefault(key, []).append(sockref(binary, "stream", transport, size, cpus, threaded))
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
    print(f"{'workload':9} {'size':>6} {'transport':9} {'metric':8} {'C (sockref)':>14} {'CV':>5} {'Java':>14}"
          f" {'CV':>5} {'Java/C':>7}  {'target':14} {'C, threaded':>14} {'Java/that':>9}")
    for (workload, size), (metric, target) in TARGETS.items():
        for transport in ("unix", "tcp"):
            key = (workload, size, transport)
            cm, jm = statistics.median(c[key]), statistics.median(java[key])
            ratio = jm / cm
            ok = ratio >= target if metric == "bytes/s" else ratio <= target
            fmt = (lambda v: f"{v / 1e6:,.1f} MB/s") if metric == "bytes/s" else (lambda v: f"{v:.2f} us")
            goal = (f">= {target:.2f}" if metric == "bytes/s" else f"<= {target:.2f}") + (" ok" if ok else " MISSED")
            line = (f"{workload:9} {size:>6} {transport:9} {metric:8} {fmt(cm):>14} {cv(c[key]):4.1f}% {fmt(jm):>14}"
                    f" {cv(java[key]):4.1f}% {ratio:7.2f}  {goal:14}")
            if key in c_threaded:
                tm = statistics.median(c_threaded[key])
                line += f" {fmt(tm):>14} {jm / tm:9.2f}"
            print(line)
    if sp:
        print(f"sockperf TCP ping-pong 64 B, round trip p50: {statistics.median(sp):.2f} us (median of {len(sp)})")
    print("C, threaded: sockref with one idle extra thread in each process (tools/fidelity/threaded_fork.c),"
          " so the kernel and glibc take a multi-threaded process's paths on every call, as for any JVM.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
