#!/usr/bin/python3
"""Fails a test run that left something behind: a uds-vs-tcp directory or socket, a process, or a
kernel object of the tcp-sockmap and tcp-veth transports.

    tools/check-leftovers.py snapshot   before the tests: what already exists
    tools/check-leftovers.py check      after them: exit 1, naming each leftover

What the tests started is told from what was already running (or what another user of the machine
starts meanwhile) in two ways:

- files: entries in the temp directory named uds-vs-tcp-* (the library's private directories and
  sockets) or udsvstcp-* (the tests' scratch directories) that were not there at the snapshot;
- processes: every process whose environment carries this run's UDS_VS_TCP_TEST_RUN value (set by
  the Makefile and inherited by everything the tests start: kernels, benchmark children, servers,
  Jupyter, Chromium), except this check and its ancestors (make and its shells). Without that
  variable (the script run by hand) it falls back to new java, postgres, redis-server, chromium
  and chromedriver processes whose command line names this project's directory;
- kernel objects (when this user may see them): BPF programs and maps named udsvstcp_* (bpftool),
  anything named udsvstcp* pinned under /sys/fs/bpf, top-level cgroups named udsvstcp-* (in the
  cgroup2 hierarchy, mounted for a moment in a throwaway mount namespace if the machine has no
  cgroup2 mount), network namespaces named udsvstcp-* (ip netns list), veth links or links named
  udsvstcp* and addresses in 198.18.0.0/15 in the machine's own network namespace, and mounts that
  name udsvstcp or make /run/netns a mount point; each counts when it was not there at the snapshot.

The snapshot lives in build/leftovers-snapshot.json (--state to move it; --tmp for another temp
directory, which tests of this script use).
"""

import argparse
import ipaddress
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = "UDS_VS_TCP_TEST_RUN"
FILE_PREFIXES = ("uds-vs-tcp-", "udsvstcp-")
SERVER_NAMES = ("java", "postgres", "redis-server", "chromium", "chrome", "chromedriver", "headless_shell")
GRACE_SECONDS = 10


def temp_entries(tmp):
    found = []
    try:
        for entry in os.scandir(tmp):
            if entry.name.startswith(FILE_PREFIXES):
                found.append(entry.path)
    except OSError:
        pass
    return sorted(found)


def read_proc(pid):
    """(start ticks, argv, environ) of a live process, or None."""
    base = Path("/proc") / str(pid)
    try:
        stat = (base / "stat").read_text()
        fields = stat[stat.rindex(")") + 2:].split()
        if fields[0] in ("Z", "X"):
            return None
        argv = (base / "cmdline").read_bytes().split(b"\0")
        try:
            environ = (base / "environ").read_bytes().split(b"\0")
        except OSError:
            environ = []
        return int(fields[19]), int(fields[1]), [a.decode(errors="replace") for a in argv if a], environ
    except (OSError, ValueError, IndexError):
        return None


def ancestors():
    chain, pid = set(), os.getpid()
    while pid > 1:
        chain.add(pid)
        info = read_proc(pid)
        if info is None:
            break
        pid = info[1]
    return chain


def processes(run_id):
    """{pid: (start, command)} of the processes that count as this run's."""
    marker = f"{MARKER}={run_id}".encode() if run_id else None
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        info = read_proc(int(entry.name))
        if info is None or not info[2]:
            continue
        start, _, argv, environ = info
        if marker is not None:
            ours = marker in environ
        else:
            name = Path(argv[0]).name
            ours = name.startswith(SERVER_NAMES) and str(ROOT) in " ".join(argv)
        if ours:
            found[int(entry.name)] = (start, " ".join(argv)[:300])
    return found


PREFIX = "udsvstcp"
BENCHMARK_RANGE = ipaddress.ip_network("198.18.0.0/15")
SYSTEM_DIRS = "/usr/sbin:/sbin:/usr/bin:/bin"


def tool(name):
    return shutil.which(name) or shutil.which(name, path=SYSTEM_DIRS)


def output(command):
    """stdout of command, or None if it cannot run or fails (not root, not installed)."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def mounts():
    """(mount point, fs type, source) of this mount namespace."""
    found = []
    try:
        for line in Path("/proc/self/mountinfo").read_text().splitlines():
            fields = line.split()
            dash = fields.index("-")
            found.append((fields[4], fields[dash + 1], fields[dash + 2]))
    except (OSError, ValueError, IndexError):
        pass
    return found


def cgroups():
    """Top-level cgroup names starting with the prefix, or [] if the hierarchy cannot be seen."""
    root = next((point for point, fstype, _ in mounts() if fstype == "cgroup2"), None)
    if root:
        try:
            return sorted(e.name for e in os.scandir(root) if e.is_dir() and e.name.startswith(PREFIX))
        except OSError:
            return []
    unshare = tool("unshare")
    if not unshare or os.geteuid() != 0:
        return []
    out = output([unshare, "--mount", "--propagation", "private", "sh", "-c",
                  "mount -t cgroup2 none /mnt && ls /mnt"])
    return sorted(n for n in (out or "").split() if n.startswith(PREFIX))


def kernel_objects():
    """{kind: [name, ...]} of the kernel objects the tcp-sockmap and tcp-veth routes make."""
    found = {}
    bpftool = tool("bpftool")
    if bpftool:
        for kind in ("prog", "map"):
            out = output([bpftool, "-j", kind, "show"])
            try:
                items = json.loads(out) if out else []
            except ValueError:
                items = []
            found[f"BPF {'program' if kind == 'prog' else 'map'}"] = sorted(
                f"{item.get('name')} (id {item.get('id')})" for item in items
                if str(item.get("name", "")).startswith(PREFIX))
    pins = []
    for dirpath, dirnames, filenames in os.walk("/sys/fs/bpf"):
        pins += [os.path.join(dirpath, n) for n in dirnames + filenames if n.startswith(PREFIX)]
    found["BPF pin"] = sorted(pins)
    found["cgroup"] = cgroups()
    ip = tool("ip")
    if ip:
        out = output([ip, "netns", "list"]) or ""
        found["network namespace"] = sorted(
            line.split()[0] for line in out.splitlines() if line.startswith(PREFIX))
        try:
            links = json.loads(output([ip, "-j", "-d", "link", "show"]) or "[]")
            addresses = json.loads(output([ip, "-j", "addr", "show"]) or "[]")
        except ValueError:
            links, addresses = [], []
        found["link in the machine's namespace"] = sorted(
            link["ifname"] for link in links
            if link.get("ifname", "").startswith(PREFIX)
            or link.get("linkinfo", {}).get("info_kind") == "veth")
        found["address in the machine's namespace"] = sorted(
            f"{a['local']} on {link['ifname']}" for link in addresses for a in link.get("addr_info", [])
            if a.get("family") == "inet" and ipaddress.ip_address(a["local"]) in BENCHMARK_RANGE)
    found["mount"] = sorted(
        f"{source} on {point} ({fstype})" for point, fstype, source in mounts()
        if PREFIX in point or PREFIX in source or point == "/run/netns")
    return found


def snapshot(args):
    run_id = os.environ.get(MARKER, "")
    state = {
        "run_id": run_id,
        "tmp": args.tmp,
        "entries": temp_entries(args.tmp),
        "processes": {str(pid): value for pid, value in processes(run_id).items()},
        "kernel": kernel_objects() if args.kernel else {},
    }
    Path(args.state).parent.mkdir(parents=True, exist_ok=True)
    Path(args.state).write_text(json.dumps(state, indent=1))
    print(f"leftover check: snapshot of {len(state['entries'])} entries in {args.tmp}, "
          f"{len(state['processes'])} processes and {sum(map(len, state['kernel'].values()))} kernel objects"
          + (f" (run {run_id})" if run_id else ""))
    return 0


def leftovers(state, args):
    before_entries = set(state["entries"])
    before = {int(pid): tuple(value) for pid, value in state["processes"].items()}
    mine = ancestors()
    files = [e for e in temp_entries(args.tmp) if e not in before_entries]
    procs = [
        f"pid {pid}: {command}"
        for pid, (start, command) in sorted(processes(state["run_id"]).items())
        if pid not in mine and before.get(pid, (None,))[0] != start
    ]
    kernel = []
    if args.kernel:
        was = state.get("kernel", {})
        for kind, names in kernel_objects().items():
            kernel += [f"{kind}: {name}" for name in names if name not in was.get(kind, [])]
    return files, procs, kernel


def check(args):
    try:
        state = json.loads(Path(args.state).read_text())
    except OSError:
        print(f"leftover check: no snapshot at {args.state}; run `{sys.argv[0]} snapshot` first",
              file=sys.stderr)
        return 2
    if os.environ.get(MARKER, "") != state["run_id"]:
        print(f"leftover check: {MARKER} differs from the snapshot's; the processes of this run cannot"
              " be told apart", file=sys.stderr)
        return 2
    # What is on its way out (a kernel shutting down, a child that saw its parent die) gets a moment.
    deadline = time.monotonic() + args.grace
    while True:
        files, procs, kernel = leftovers(state, args)
        if not (files or procs or kernel) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    for path in files:
        kind = "socket" if Path(path).is_socket() else "directory" if Path(path).is_dir() else "file"
        print(f"leftover {kind}: {path}", file=sys.stderr)
    for proc in procs:
        print(f"leftover process: {proc}", file=sys.stderr)
    for thing in kernel:
        print(f"leftover {thing}", file=sys.stderr)
    if files or procs or kernel:
        print(f"leftover check: the tests left {len(files)} files, {len(procs)} processes and "
              f"{len(kernel)} kernel objects behind", file=sys.stderr)
        return 1
    print("leftover check: nothing left behind")
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["snapshot", "check"])
    parser.add_argument("--state", default=str(ROOT / "build" / "leftovers-snapshot.json"))
    parser.add_argument("--tmp", default=tempfile.gettempdir())
    parser.add_argument("--grace", type=float, default=GRACE_SECONDS,
                        help="seconds to wait for things on their way out (default 10)")
    parser.add_argument("--no-kernel", dest="kernel", action="store_false",
                        help="skip the kernel objects (BPF, cgroups, namespaces, links, mounts)")
    args = parser.parse_args(argv)
    return snapshot(args) if args.command == "snapshot" else check(args)


if __name__ == "__main__":
    sys.exit(main())
