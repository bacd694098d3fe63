#!/usr/bin/python3
"""Times the kernel from start to the first cell's result, several times, and prints the median.

Usage: JUPYTER_PATH=build/jupyter /usr/bin/python3 tools/kernel/startup_bench.py [--runs N] [--kernel NAME]

Each run starts a fresh kernel with jupyter_client, executes `1+1` as soon as the client is
connected (without waiting for kernel_info first, as a notebook does not either), and stops the
clock when the execute_result arrives. The kernel is shut down before the next run.
"""

import argparse
import statistics
import sys
import time

from jupyter_client import KernelManager


def time_first_result(kernel_name: str, timeout: float) -> float:
    manager = KernelManager(kernel_name=kernel_name)
    start = time.perf_counter()
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    try:
        msg_id = client.execute("1+1")
        deadline = start + timeout
        while True:
            message = client.get_iopub_msg(timeout=max(0.01, deadline - time.perf_counter()))
            if message["parent_header"].get("msg_id") != msg_id:
                continue
            if message["msg_type"] == "execute_result":
                elapsed = time.perf_counter() - start
                if message["content"]["data"].get("text/plain") != "2":
                    raise RuntimeError(f"unexpected result {message['content']['data']}")
                return elapsed
            if message["msg_type"] == "error":
                raise RuntimeError("\n".join(message["content"]["traceback"]))
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--kernel", default="java")
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    times = []
    for run in range(1, args.runs + 1):
        seconds = time_first_result(args.kernel, args.timeout)
        times.append(seconds)
        print(f"run {run:2d}: {seconds:.3f} s", flush=True)
    print(f"median of {len(times)}: {statistics.median(times):.3f} s "
          f"(min {min(times):.3f}, max {max(times):.3f}) from kernel start to the first result")
    return 0


if __name__ == "__main__":
    sys.exit(main())
