"""Higher derivatives on arrays: time against order 1, how many values go to mpmath, worst error.

    python bench/derivatives.py [--size 1000000] [--sample 2000] [--orders 2 3 5 8]

For each order: the time of sigmoid_grad(x, order) on `size` values of N(0, 5) against order 1
in the same run (best of 5 each), the share of values the float path leaves to mpmath
(curve._sigmoid_derivative's flags), and the worst error in ulp on `sample` of them against
mpmath at 200 bits.
"""

from __future__ import annotations

import argparse
import os
import sys

import mpmath
import numpy as np

from sigmoid_cli import sigmoid_grad
from sigmoid_cli.numeric import curve as numeric
from sigmoid_cli.numeric import kernels

sys.path.insert(0, os.path.dirname(__file__))
from common import best


def _ulps(got: float, exact: mpmath.mpf) -> float:
    if exact == 0:
        return 0.0 if got == 0 else float("inf")
    spacing = np.spacing(abs(float(exact)))
    return float(abs(mpmath.mpf(got) - exact) / spacing)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--orders", type=int, nargs="+", default=[2, 3, 5, 8])
    args = parser.parse_args()
    x = np.random.default_rng(2026).normal(0.0, 5.0, args.size)
    first = best(lambda: sigmoid_grad(x, 1), 5)
    sample = x[: args.sample]
    print(f"{args.size:,} values of N(0, 5); order 1: {first * 1e3:.1f} ms (best of 5)")
    print("| order | time | / order 1 | to mpmath | worst ulp (sample) |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for order in args.orders:
        took = best(lambda order=order: sigmoid_grad(x, order), 5)
        _, unsure = numeric._sigmoid_derivative(kernels.numpy_namespace(), order, x)
        worst = 0.0
        got = sigmoid_grad(sample, order)
        with mpmath.workprec(200):
            for value, result in zip(sample.tolist(), got.tolist(), strict=True):
                exact = mpmath.diff(lambda t: 1 / (1 + mpmath.exp(-t)), value, order)
                worst = max(worst, _ulps(result, exact))
        share = float(np.mean(unsure))
        print(f"| {order} | {took * 1e3:.1f} ms | {took / first:.2f} | {share:.2e} | {worst:.2f} |")


if __name__ == "__main__":
    main()
