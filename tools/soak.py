#!/usr/bin/python3
"""Soak: notebook 02's headline comparison, run again and again in one live kernel.

    tools/soak.py [--count 1000] [--trial-ms 10] [--kernel java]

Each experiment is one execute request, as a reader re-running the cell would send: the corrected
experiment of notebook 02 (tcp and uds, 64 B and 64 KiB, same core, its progress display and table)
with a quick trial length. The cell's code sits in a block, so JShell keeps no variable from one
run to the next and what is measured is the library and the kernel, not the reader's variables.

Before the first and after the last experiment (and every --every in between) it prints, from
inside the kernel after two full GCs and from /proc outside it: threads, open file descriptors,
child processes and heap in use. It exits 1 if any grew beyond the allowance (--max-* options).
Run it with Debian's /usr/bin/python3; JUPYTER_PATH must point at build/jupyter (make does).

Why the heap allowance has a fixed part and a part per experiment (measured with jmap heap dumps,
JDK 17, Serial GC): every execute request is a new JShell snippet, and JShell keeps each one for
the life of the kernel. After the warm-up the live heap grows by about 18 KiB per experiment, all
of it JShell's and javac's: the snippet's class bytes (DefaultLoaderDelegate$RemoteClassLoader
.classFiles, ~3.7 KiB), its source and wraps (JShell's SnippetMaps and OuterWrapMap, ~6 KiB), the
REPL package's symbols and a javac Scope$ScopeListenerList of WeakReferences (~44 a snippet) in
the compiler contexts JShell pools (~7 KiB), and the kernel's cell history (the cell's text, which
history requests must answer). Besides, JShell's JavacTaskPool keeps up to 5 compiler contexts
of about 5.5 MiB each and makes one only when a compile finds none free, so in the first 20-30
experiments "heap after GC" climbs by 10-20 MiB in steps and then stays. The warm-up (default 30)
lets that pool fill; --max-heap-mib (8, one more pooled context and GC noise) and
--max-heap-kib-per-experiment (48, over twice the measured per-snippet cost) then bound what the
project controls: a buffer of a MiB or more kept per experiment, as a leaked trial or display
would keep, exceeds the allowance within a few experiments. Threads, fds and children have no
per-experiment part: any of those left behind by an experiment is a leak.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kernel_session import ROOT, SETUP, KernelSession, descendants  # noqa: E402

FIGURES = """
void soakFigures() throws Exception {
    System.gc();
    System.gc();
    var threads = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount();
    var bench = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("uds-vs-tcp-")).count();
    long fds;
    try (var entries = Files.list(Path.of("/proc/self/fd"))) { fds = entries.count() - 1; }
    var children = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count();
    var heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.println("SOAK " + threads + " " + bench + " " + fds + " " + children + " " + heap);
}
"""

HEADLINE = """{{
    Experiment corrected = Experiment.builder()
        .workload(Workload.STREAM).transports(Transport.TCP, Transport.UDS).sizes(64, 65536)
        .placement(Placement.SAME_CORE).nodelay(true)
        .trials(3 * Profile.current().trials()).duration(Duration.ofMillis({trial_ms})).build();
    String progress = display(Show.progress(0, corrected.totalTrials(), "trials"));
    Results trials = corrected.run(Path.of("{csv}"),
        (i, n, row) -> updateDisplay(progress, Show.progress(i + 1, n, "trials")));
    display(Show.table(trials.table().selectColumns("order", "round", "phase", "transport", "size",
        "pinning", "seconds", "bytes", "bytes_per_s", "messages_per_s"), 16));
}}"""


def figures(session):
    """The kernel's figures: inside (after GC) and outside (/proc)."""
    out = session.run_ok("soakFigures();")
    line = next(line for line in out.splitlines() if line.startswith("SOAK "))
    threads, bench, fds, children, heap = (int(x) for x in line.split()[1:])
    pid = session.pid
    return {
        "threads": threads,
        "bench_threads": bench,
        "fds": fds,
        "children": children,
        "heap_mib": heap / (1 << 20),
        "os_threads": len(os.listdir(f"/proc/{pid}/task")),
        "os_fds": len(os.listdir(f"/proc/{pid}/fd")),
        "os_descendants": len(descendants(pid)),
    }


def show(label, done, f, seconds):
    print(
        f"{label:>5} after {done:5d} experiments ({seconds:7.1f} s): threads {f['threads']} "
        f"(uds-vs-tcp {f['bench_threads']}; OS {f['os_threads']}), fds {f['fds']} (OS {f['os_fds']}), "
        f"children {f['children']} (OS {f['os_descendants']}), heap after GC {f['heap_mib']:.1f} MiB",
        flush=True,
    )


def heap_allowance_mib(count, args):
    """The heap growth allowed over `count` experiments: a fixed part and a part per experiment."""
    return args.max_heap_mib + count * args.max_heap_kib_per_experiment / 1024


def judge(start, end, count, args):
    """What grew beyond the allowance from the `start` to the `end` figures, over `count` experiments."""
    problems = []
    if end["threads"] > start["threads"] + args.max_threads:
        problems.append(f"threads grew from {start['threads']} to {end['threads']}")
    if end["bench_threads"] or end["children"] or end["os_descendants"]:
        problems.append(f"left running: {end['bench_threads']} benchmark threads, "
                        f"{end['children']} child processes")
    if end["fds"] > start["fds"] + args.max_fds:
        problems.append(f"open fds grew from {start['fds']} to {end['fds']}")
    allowed = heap_allowance_mib(count, args)
    if end["heap_mib"] > start["heap_mib"] + allowed:
        problems.append(f"heap after GC grew from {start['heap_mib']:.1f} to {end['heap_mib']:.1f} MiB "
                        f"(allowed {allowed:.1f} MiB over {count} experiments)")
    return problems


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="experiments (default 1000)")
    parser.add_argument("--trial-ms", type=int, default=10, help="stream trial length (default 10)")
    parser.add_argument("--warmup", type=int, default=30,
                        help="experiments before the start figures (JShell's compiler pool fills)")
    parser.add_argument("--every", type=int, default=100, help="print figures every N experiments")
    parser.add_argument("--kernel", default="java")
    parser.add_argument("--csv", default=str(ROOT / "build" / "soak" / "soak.csv"))
    parser.add_argument("--max-threads", type=int, default=4, help="allowed thread growth (JIT threads come and go)")
    parser.add_argument("--max-fds", type=int, default=4, help="allowed fd growth")
    parser.add_argument("--max-heap-mib", type=float, default=8,
                        help="allowed heap growth after GC, fixed part (a pooled javac context)")
    parser.add_argument("--max-heap-kib-per-experiment", type=float, default=48,
                        help="allowed heap growth after GC per experiment (JShell keeps each snippet)")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    Path(args.csv).parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, UDS_VS_TCP_PROFILE="quick")
    session = KernelSession(args.kernel, env=env)
    try:
        session.run_ok(SETUP)
        session.run_ok(FIGURES)
        cell = HEADLINE.format(trial_ms=args.trial_ms, csv=args.csv)
        for _ in range(args.warmup):
            session.run_ok(cell)
        began = time.monotonic()
        start = figures(session)
        show("start", 0, start, 0)
        for i in range(1, args.count + 1):
            result = session.run(cell)
            if result.status != "ok":
                print(f"experiment {i} failed: {result.error}\n{result.stderr}", file=sys.stderr)
                return 1
            if i % args.every == 0 and i != args.count:
                show("", i, figures(session), time.monotonic() - began)
        end = figures(session)
        show("end", args.count, end, time.monotonic() - began)
    finally:
        session.shutdown()

    problems = judge(start, end, args.count, args)
    for problem in problems:
        print("growth: " + problem, file=sys.stderr)
    print("no growth" if not problems else f"{len(problems)} kinds of growth", flush=True)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
