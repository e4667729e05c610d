"""The Python API against scipy.special, in one process: time and peak extra memory.

    python bench/api.py [--size 10000000] [--runs 5]

For σ, 1 − σ, log σ, log(1 − σ), logit and σ' (scipy: expit, expit(−x), log_expit,
log_expit(−x), logit, expit·(1 − expit)), on N(0, 5)
float64 values (logit: σ of them), the same in float32, 10 elements, and one Python float:
the best of ``--runs`` calls each (a shared machine: the best is the least disturbed), the
ratio ours/scipy (lower is better for us; issue 17's target is at most 1), and the peak of
memory allocated during one call (tracemalloc, numpy's buffers included) beside each.
scipy is needed only here (`pip install scipy`).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
from common import best, peak


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()

    from scipy import special

    import sigmoid_cli as ours

    x = np.random.default_rng(2026).normal(0, 5, options.size)
    p = special.expit(x)
    cases: list[tuple[str, Callable[[Any], Any], Callable[[Any], Any], bool]] = [
        ("sigmoid", ours.sigmoid, special.expit, False),
        ("sigmoid complement", partial(ours.sigmoid, complement=True), lambda v: special.expit(-v), False),
        ("log_sigmoid", ours.log_sigmoid, special.log_expit, False),
        (
            "log_sigmoid complement",
            partial(ours.log_sigmoid, complement=True),
            lambda v: special.log_expit(-v),
            False,
        ),
        ("logit", ours.logit, special.logit, True),
        ("sigmoid_grad", ours.sigmoid_grad, lambda v: special.expit(v) * (1 - special.expit(v)), False),
    ]
    print("| function | input | ours | scipy | ours/scipy | peak MiB ours | peak MiB scipy |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for name, mine, theirs, on_p in cases:
        base = p if on_p else x
        inputs = [
            (f"{options.size:,} float64", base),
            (f"{options.size:,} float32", base.astype(np.float32)),
            ("10 float64", base[:10].copy()),
            ("a Python float", float(base[0])),
        ]
        for label, values in inputs:
            runs = options.runs if isinstance(values, np.ndarray) and values.size > 10 else 2000
            ours_call = partial(mine, values)
            scipy_call = partial(theirs, values)
            ours_s, scipy_s = best(ours_call, runs), best(scipy_call, runs)
            ours_mb, scipy_mb = peak(ours_call), peak(scipy_call)
            shown = f"{ours_s * 1e3:.1f} ms" if ours_s > 1e-3 else f"{ours_s * 1e6:.1f} µs"
            theirs_shown = f"{scipy_s * 1e3:.1f} ms" if scipy_s > 1e-3 else f"{scipy_s * 1e6:.1f} µs"
            print(
                f"| `{name}` | {label} | {shown} | {theirs_shown} | {ours_s / scipy_s:.1f}× "
                f"| {ours_mb:.0f} | {scipy_mb:.0f} |"
            )


if __name__ == "__main__":
    main()
