"""Peak memory of the stream: `sigmoid eval < in > /dev/null` for 1M and 10M lines.

    python bench/stream_memory.py [--lines 1000000 10000000]

Samples the resident memory of the whole process tree (main process and workers) every
few milliseconds and prints the peak of the sum and of the largest single process. The
claim: under 150 MiB in total for 10M lines, and flat (about the same for 1M and 10M).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from common import sigmoid_command
from stream import make_input


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree(root: int) -> list[int]:
    """root and its descendants (workers may be reparented, so match by process group too)."""
    found = [root]
    try:
        group = os.getpgid(root)
    except OSError:
        return found
    for name in os.listdir("/proc"):
        if name.isdigit() and int(name) != root:
            try:
                if os.getpgid(int(name)) == group and int(name) != os.getpid():
                    found.append(int(name))
            except OSError:
                continue
    return found


def peak(in_path: str) -> tuple[float, float]:
    with open(in_path, "rb") as source:
        process = subprocess.Popen(
            [*sigmoid_command(), "eval"], stdin=source, stdout=subprocess.DEVNULL, start_new_session=True
        )
        total = single = 0
        while process.poll() is None:
            sizes = [_rss_kib(pid) for pid in _tree(process.pid)]
            total, single = max(total, sum(sizes)), max(single, max(sizes, default=0))
            time.sleep(0.005)
    if process.returncode != 0:
        sys.exit(f"sigmoid exited with {process.returncode}")
    return total / 1024, single / 1024


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--lines", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--limit", type=float, default=150.0)
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        for lines in args.lines:
            path = os.path.join(folder, f"in{lines}.txt")
            make_input(path, lines)
            total, single = peak(path)
            ok &= total < args.limit
            print(
                f"{lines} lines: peak {total:.1f} MiB for all processes, {single:.1f} MiB for the largest one"
            )
            os.unlink(path)
    print("ok" if ok else f"OVER {args.limit} MiB")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
