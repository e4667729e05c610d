"""Latency of `sigmoid derive --format plain` against `python -c "import sympy"`, same run.

    python bench/derive_latency.py [--runs 15] [--limit 2.0] [-- EXTRA DERIVE ARGS]

The claim (issue 4): the default derivation, every step verified, finishes in at most twice
the wall time of importing SymPy, the library it needs anyway. The two commands run
alternately (A, B, A, B, ...); the median of the pairwise ratios is what counts. Exit status
1 when the ratio is over the limit.
"""

from __future__ import annotations

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import compare, sigmoid_command, timed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--limit", type=float, default=2.0)
    parser.add_argument("args", nargs="*", default=[], help="more `sigmoid derive` options (after --)")
    args = parser.parse_args()
    ours = [*sigmoid_command(), "derive", "--format", "plain", *args.args]
    baseline = [sys.executable, "-c", "import sympy"]
    ok = compare(
        f"`sigmoid derive --format plain {' '.join(args.args)}`".replace(" `", "`") + " / `import sympy`",
        args.runs,
        lambda: timed(ours),
        lambda: timed(baseline),
        limit=args.limit,
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
