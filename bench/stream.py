"""Stream throughput: `sigmoid eval < in > out` against mawk on the same file, same run.

    python bench/stream.py [--lines 2000000] [--runs 7]

Makes N normally distributed values (fixed seed), checks that every output line reads back
as exactly the float64 σ that the library computes, then times both commands alternately.
The claim is a throughput ratio of at least 2 (mawk's time / ours).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from common import compare, sigmoid_command, timed


def make_input(path: str, lines: int) -> None:
    rng = random.Random(2026)
    with open(path, "w") as handle:
        for _ in range(lines // 10_000):
            handle.write("\n".join(repr(rng.gauss(0.0, 1.0)) for _ in range(10_000)) + "\n")


def check_round_trip(in_path: str, out_path: str) -> None:
    """Every output line must be the shortest repr of the float64 σ of its input line."""
    import numpy as np

    from sigmoid_cli import sigmoid

    x = np.loadtxt(in_path)
    expected = sigmoid(x)
    with open(out_path) as handle:
        got = [line.rstrip("\n") for line in handle]
    assert len(got) == len(x), f"{len(got)} output lines for {len(x)} input lines"
    wrong = [
        i for i, (text, value) in enumerate(zip(got, expected.tolist(), strict=True)) if text != repr(value)
    ]
    assert not wrong, f"{len(wrong)} lines differ, first at line {wrong[0] + 1}"
    print(f"round trip: all {len(got)} lines are the exact float64 results")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--lines", type=int, default=2_000_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    mawk = shutil.which("mawk")
    if mawk is None:
        sys.exit("mawk is not installed (apt-get install mawk)")
    with tempfile.TemporaryDirectory() as folder:
        in_path = os.path.join(folder, "in.txt")
        out_path = os.path.join(folder, "out.txt")
        make_input(in_path, args.lines)
        ours = " ".join(sigmoid_command()) + f" eval < {in_path} > {out_path}"
        theirs = f"{mawk} '{{print 1/(1+exp(-$1))}}' < {in_path} > {out_path}.mawk"
        timed(ours, shell=True)
        check_round_trip(in_path, out_path)
        ok = compare(
            f"stream of {args.lines} lines, sigmoid eval / mawk (wall time)",
            args.runs,
            lambda: timed(ours, shell=True),
            lambda: timed(theirs, shell=True),
            limit=0.5,
        )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
