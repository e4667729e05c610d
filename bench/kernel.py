"""The compiled kernel alone (_rounded.c's array()) against scipy.special, in one process.

    python bench/kernel.py [--size 1000000] [--runs 7]

ns per value, the best of ``--runs`` calls, for σ, 1 − σ, σ', log σ, log(1 − σ) and logit on
N(0, 5) float64 (logit: σ of them), writing into a preallocated output; and the share of values
the quick phase alone leaves open (to the accurate phase). scipy is needed only here.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
from common import best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    from scipy import special

    from sigmoid_cli.numeric import compiled

    c = compiled.module()
    x = np.random.default_rng(2026).normal(0, 5, options.size)
    p = special.expit(x)
    out = np.empty_like(x)
    cases = [  # name, kind, complement, input, scipy
        ("σ", 0, False, x, lambda: special.expit(x, out=out)),
        ("1 − σ", 0, True, x, lambda: special.expit(-x)),
        ("σ'", 1, False, x, lambda: special.expit(x) * (1 - special.expit(x))),
        ("log σ", 3, False, x, lambda: special.log_expit(x, out=out)),
        ("log(1 − σ)", 3, True, x, lambda: special.log_expit(-x)),
        ("logit", 4, False, p, lambda: special.logit(p, out=out)),
    ]
    n = options.size
    print("| kernel | ours ns/value | scipy ns/value | ours/scipy | quick phase leaves open |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, kind, complement, values, theirs in cases:

        def mine(values: Any = values, kind: int = kind, complement: bool = complement) -> Any:
            return c.array(values, out, kind, 1.0, 0.0, 1.0, complement, False)

        ours_s, scipy_s = best(mine, options.runs), best(theirs, options.runs)
        left = len(c.array(values, out, kind, 1.0, 0.0, 1.0, complement, False, 1)) // 8
        print(
            f"| {name} | {ours_s / n * 1e9:.1f} | {scipy_s / n * 1e9:.1f} | {ours_s / scipy_s:.2f}× "
            f"| {left / n:.1%} |"
        )


if __name__ == "__main__":
    main()
