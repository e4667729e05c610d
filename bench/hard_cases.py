"""A search for hard-to-round inputs: where the exact result lies very close to a midpoint
between two adjacent doubles, so that a kernel good to a fraction of an ulp still rounds the
wrong way. Prints, per function, the 5 hardest inputs found, the distance from the exact value
to the nearest midpoint (in ulps of the result, as a power of 2), the correctly rounded
result, and whether our numpy path and scalar path both give it.

How it searches (per function, tests/rounding_samples.FUNCTIONS):

1. Structured inputs with few significant bits near the centre: x = ±m·2^−e (m odd < 64,
   e = 20 … 80), or x = x0 ± m·2^−e for the generalised functions. There σ(x) ≈ ½ + x/4 −
   x³/48: ½ + x/4 is then exactly a double or a midpoint (when x/4 is an odd multiple of half
   an ulp of ½) and the x³/48 term puts the exact value a hair below it, about 2^(−2e) ulp.
   The same holds for σ'(x) ≈ ¼ − x²/16 + x⁴/96 and for L·σ, L·k·σ' when L and k have few
   bits. (logit and log σ have no such rational centre: they get the other two searches.)
2. Where the result crosses a power of two (the ulp changes there): x solving f(x) = ±2^j
   from the closed-form inverses (logit, σ, the quadratic for σ'), at 60 digits, for every j
   in range, and the two doubles either side.
3. A random search with the sample mix of tests/rounding_samples.py (--random inputs per
   function).
Candidates are ranked by the distance relative to the result (for normal results that is
the ulp distance times 2^−52 or 2^−53; it keeps results near 2^−1075, the midpoint between 0
and the smallest subnormal, from crowding the list with distances that only the coarse
subnormal grid makes small). Each candidate's distance is measured at 160 bits (relative
error < 2^−148, tests/oracle.py), and again at twice the precision while the error radius
could reach the midpoint.
The correct result comes from the oracle's Ziv loop.
"""

from __future__ import annotations

import argparse
import heapq
import math
import multiprocessing
import shlex
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

import mpmath  # noqa: E402
from oracle import MAX_PRECISION, SLACK, Function, approximation, correctly_rounded, same  # noqa: E402
from rounding_samples import FUNCTIONS, numpy_path, sample, scalar_path  # noqa: E402

KEEP = 5


def midpoint_distance(f: Function, x: float, p: int = 160) -> tuple[float, float] | None:
    """How close the exact f(x) is to the nearest midpoint between two doubles in its binade:
    log2 of the distance in ulps, and log2 of the distance relative to |f(x)| (the two differ
    by 52 or 53 for normal results; for subnormal ones the ulp is 2^−1074 whatever the value).
    None where the result is special (0, inf, a far tail) or overflows."""
    while p <= MAX_PRECISION:
        v = approximation(f, x, p)
        if v is None or not v[1]:
            return None
        _, man, exp, bc = v
        top = exp + bc - 1
        if top > 1023:
            return None
        quantum = max(top - 52, -1074)
        shift = quantum - exp
        if shift <= 1:  # on the grid (or its half-grid) at p bits: widen to see the rest
            extra = 2 - shift + p
            man, exp, shift = man << extra, exp - extra, shift + extra
        rest = man & ((1 << shift) - 1)
        gap = abs(rest - (1 << (shift - 1)))
        radius = (man >> (p - SLACK)) + 1  # the oracle's error radius, in units of 2^exp
        if gap > 4 * radius:
            return math.log2(gap) - shift, math.log2(gap) - math.log2(man)
        p *= 2
    return -math.inf, -math.inf


def _structured(f: Function) -> list[float]:
    if f.kind in ("logit", "log_sigmoid", "log_complement"):
        return []
    xs = []
    for e in range(20, 81):
        for m in range(1, 64, 2):
            d = math.ldexp(m, -e)
            xs.extend([f.x0 + d, f.x0 - d])
    return xs


def _crossings(f: Function) -> list[float]:
    """Inputs where f crosses ±2^j, and their neighbours."""
    kind = f.kind
    found: list[mpmath.mpf] = []
    logit = lambda y: mpmath.log(y / (1 - y))  # noqa: E731
    sigma = lambda u: 1 / (1 + mpmath.exp(-u))  # noqa: E731

    def grad_roots(y: mpmath.mpf) -> list[mpmath.mpf]:
        if y >= mpmath.mpf(1) / 4:
            return []
        s = 2 * y / (1 + mpmath.sqrt(1 - 4 * y))  # the smaller root of s(1 − s) = y
        return [logit(s), -logit(s)]

    with mpmath.workdps(60):
        for j in range(-1080, 1030):
            y = mpmath.ldexp(1, j)
            if kind in ("sigmoid", "complement") and y < 1:
                found.append(logit(y) if kind == "sigmoid" else -logit(y))
            elif kind == "grad":
                found.extend(grad_roots(y))
            elif kind in ("log_sigmoid", "log_complement") and j < 12:
                u = -mpmath.log(mpmath.expm1(y))  # σ(u) = e^−y
                found.append(u if kind == "log_sigmoid" else -u)
            elif kind == "logit" and j < 10:
                found.extend([sigma(y), sigma(-y)])
            elif kind == "general" and y < abs(f.L):
                found.append(f.x0 + logit(y / abs(f.L)) / f.k)
            elif kind == "general_grad":
                found.extend(f.x0 + u / f.k for u in grad_roots(y / abs(f.L * f.k)))
    xs = []
    for value in found:
        x = float(value)
        if not math.isfinite(x):
            continue
        xs.extend([x, math.nextafter(x, math.inf), math.nextafter(x, -math.inf)])
    if kind == "logit":
        xs = [x for x in xs if 0 < x < 1]
    return xs


def _search(
    task: tuple[int, int, int],
) -> tuple[int, dict[str, int], list[tuple[float, float, float]], float]:
    index, count, seed = task
    f = FUNCTIONS[index]
    began = time.perf_counter()
    sources = {"structured": _structured(f), "crossings": _crossings(f), "random": sample(f, count, seed)}
    # (−relative distance, ulps, x): a max-heap of the KEEP smallest relative distances, which
    # is what a kernel accurate to so many bits relative to its result must resolve
    hardest: list[tuple[float, float, float]] = []
    seen: set[float] = set()
    for xs in sources.values():
        for x in xs:
            if x in seen:
                continue
            seen.add(x)
            measured = midpoint_distance(f, x)
            if measured is None:
                continue
            ulps, relative = measured
            if len(hardest) < KEEP:
                heapq.heappush(hardest, (-relative, ulps, x))
            elif relative < -hardest[0][0]:
                heapq.heapreplace(hardest, (-relative, ulps, x))
    found = sorted((-nr, ulps, x) for nr, ulps, x in hardest)
    return index, {name: len(xs) for name, xs in sources.items()}, found, time.perf_counter() - began


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--random", type=int, default=150_000, help="random inputs per function (150,000)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--seed", type=int, default=3, help="the random search's seed (default 3)")
    args = parser.parse_args(argv)
    print("command:", shlex.join(["python", *sys.argv]), flush=True)
    began = time.perf_counter()
    tasks = [(i, args.random, args.seed) for i in range(len(FUNCTIONS))]
    if args.jobs > 1:
        with multiprocessing.Pool(args.jobs) as pool:
            results = pool.map(_search, tasks)
    else:
        results = [_search(t) for t in tasks]
    wrong = 0
    for index, sizes, found, seconds in results:
        f = FUNCTIONS[index]
        tried = ", ".join(f"{n:,} {name}" for name, n in sizes.items())
        print(f"\n## {f.name}\n\n{tried} inputs, {seconds:.1f} s\n")
        print(
            "| x | x (hex) | distance to midpoint | relative | correctly rounded | numpy path | scalar path |"
        )
        print("| --- | --- | ---: | ---: | --- | --- | --- |")
        xs = [x for _, _, x in found]
        ours_numpy, ours_scalar = numpy_path(f, xs), scalar_path(f, xs)
        for (relative, ulps, x), a, b in zip(found, ours_numpy, ours_scalar, strict=True):
            right = correctly_rounded(f, x)
            marks = ["ok" if same(v, right) else f"WRONG {v!r}" for v in (a, b)]
            wrong += sum(m != "ok" for m in marks)
            cells = [repr(x), x.hex(), f"2^{ulps:.1f} ulp", f"2^{relative:.1f}", f"{right!r} ({right.hex()})"]
            print("| " + " | ".join([*cells, *marks]) + " |")
    wall = time.perf_counter() - began
    print(f"\nwall time {wall:.1f} s; {wrong} of these hardest results misrounded by our paths")
    return 0


if __name__ == "__main__":
    sys.exit(main())
