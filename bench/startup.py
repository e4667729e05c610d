"""Start-up: `sigmoid eval 0.5` against `python -c "import typer"`, measured in the same run.

    python bench/startup.py [--runs 21]

The claim is a wall-time ratio of at most 1.25 (median of pairs). Run it against an
installed package (`pip install .`), not an editable one: the editable-install import
hook alone costs about 10 ms.
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
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--limit", type=float, default=1.25)
    parser.add_argument("args", nargs="*", default=["eval", "0.5"], help="the sigmoid command line to time")
    args = parser.parse_args()
    ours = [*sigmoid_command(), *args.args]
    baseline = [sys.executable, "-c", "import typer"]
    ok = compare(
        f"start-up of `sigmoid {' '.join(args.args)}` / `import typer`",
        args.runs,
        lambda: timed(ours),
        lambda: timed(baseline),
        limit=args.limit,
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
