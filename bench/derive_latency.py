"""Latency of `sigmoid derive --format plain` against `python -c "import sympy"`, same run.

    python bench/derive_latency.py [--runs 15] [--limit 2.0] [-- other derive options]

The claim (issue 4): the default derivation, every step verified, finishes in at most twice
the wall time of importing SymPy, the library it needs anyway; the median of pairs run
alternately.
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import versus

if __name__ == "__main__":
    versus(__doc__ or "", ["derive", "--format", "plain"], "import sympy", runs=15, limit=2.0)
