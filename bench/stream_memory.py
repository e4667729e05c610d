"""Peak memory of the stream: `sigmoid eval < in > /dev/null` for 1M and 10M lines.

    python bench/stream_memory.py [--lines 1000000 10000000] [--layout one-column csv fields]

Layouts: one-column (repr of N(0, 1), one per line), csv (two computed columns x,y) and
fields (`--header -f score -i` on an id,score,label CSV with a quoted text column).

Samples the resident memory of the whole process tree (main process and workers) every
few milliseconds and prints the peak of the sum and of the largest single process. The
claim: under 150 MiB in total for 10M lines, and flat (about the same for 1M and 10M).
"""

from __future__ import annotations

import argparse
import os
import random
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


LAYOUTS = {"one-column": ("eval",), "csv": ("eval",), "fields": ("eval", "--header", "-f", "score", "-i")}


def make_layout(path: str, layout: str, lines: int) -> None:
    """The input file of a layout (one-column: the throughput bench's own input)."""
    if layout == "one-column":
        make_input(path, lines)
        return
    rng = random.Random(2027)
    with open(path, "w") as handle:
        if layout == "fields":
            handle.write("id,score,label\n")
        for start in range(0, lines, 10_000):
            if layout == "csv":
                rows = (f"{rng.gauss(0, 1)!r},{rng.gauss(0, 1)!r}" for _ in range(10_000))
            else:
                rows = (f'{start + i},{rng.gauss(0, 1)!r},"item {i}, batch {start}"' for i in range(10_000))
            handle.write("\n".join(rows) + "\n")


def peak(in_path: str, words: tuple[str, ...] = ("eval",)) -> tuple[float, float]:
    with open(in_path, "rb") as source:
        process = subprocess.Popen(
            [*sigmoid_command(), *words], stdin=source, stdout=subprocess.DEVNULL, start_new_session=True
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
    parser.add_argument("--layout", nargs="+", choices=sorted(LAYOUTS), default=["one-column", "csv"])
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        for layout in args.layout:
            for lines in args.lines:
                path = os.path.join(folder, f"{layout}{lines}.txt")
                make_layout(path, layout, lines)
                total, single = peak(path, LAYOUTS[layout])
                ok &= total < args.limit
                print(
                    f"{layout}, {lines:,} lines (sigmoid {' '.join(LAYOUTS[layout])}): peak {total:.1f} MiB"
                    f" for all processes, {single:.1f} MiB for the largest one"
                )
                os.unlink(path)
    print("ok" if ok else f"OVER {args.limit} MiB")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
