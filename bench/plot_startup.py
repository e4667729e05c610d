"""Start-up of `sigmoid plot-ascii` against `python -c "import typer"`, measured in the same run.

    python bench/plot_startup.py [--runs 21] [--limit 1.5] [-- other plot-ascii options]

The claim (issue 5) is a wall-time ratio of at most 1.5, the median of pairs run
alternately. The whole plot is drawn (80×24, braille, σ sampled at every dot column), so
this is the time a user waits for the picture, not just for the imports. Measure an
installed package (`pip install .`): an editable install's import hook adds about 10 ms.
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import versus

if __name__ == "__main__":
    versus(
        __doc__ or "",
        ["plot-ascii"],
        "import typer",
        runs=21,
        limit=1.5,
        default_args=["--width", "80", "--height", "24"],
    )
