"""Start-up of `sigmoid plot-ascii` against `python -c "import typer"`, measured in the same run.

    python bench/plot_startup.py [--runs 21] [--limit 1.5] [-- extra plot options]

The two commands run alternately (plot, baseline, plot, baseline, ...), each timed with
time.perf_counter around subprocess.run, output discarded; the claim is the median of
the per-pair ratios: at most 1.5. The whole plot is drawn (80×24, braille, σ sampled 313
times), so this is the time a user waits for the picture, not just for the imports.
An editable install adds about 10 ms of import hook to our side: measure an installed
package (`pip install .`) for the figure that users see.

Installed packages run from cached bytecode. When PYTHONDONTWRITEBYTECODE is set (as on
the shared dev machine) our sources would be compiled on every run while Typer's come
from site-packages' .pyc files; so both commands run with bytecode cached under a
temporary PYTHONPYCACHEPREFIX (outside the work tree), warmed up before timing.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from common import compare, sigmoid_command, timed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--limit", type=float, default=1.5)
    parser.add_argument("extra", nargs="*", help="more plot-ascii options to time")
    args = parser.parse_args()
    cache = tempfile.TemporaryDirectory(prefix="plot-startup-pycache-")
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = cache.name  # inherited by the timed commands
    plot = [*sigmoid_command(), "plot-ascii", "--width", "80", "--height", "24", *args.extra]
    baseline = [sys.executable, "-c", "import typer"]
    ok = compare(
        f"start-up of `sigmoid {' '.join(plot[len(sigmoid_command()) :])}` / `import typer`",
        args.runs,
        lambda: timed(plot),
        lambda: timed(baseline),
        limit=args.limit,
    )
    cache.cleanup()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
