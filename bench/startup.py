"""Start-up: `sigmoid eval 0.5` against `python -c "import typer"`, measured in the same run.

    python bench/startup.py [--runs 21] [--limit 1.25] [-- other eval arguments]

The claim (issue 3) is a wall-time ratio of at most 1.25, the median of pairs run
alternately. Measure an installed package (`pip install .`): an editable install's import
hook alone costs about 10 ms.
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import versus

if __name__ == "__main__":
    versus(__doc__ or "", ["eval"], "import typer", runs=21, limit=1.25, default_args=["0.5"])
