"""The big correct-rounding run: --count inputs per function (default 1,000,000) through both
float64 paths (array_values and float_value), each result compared with the independent
oracle (tests/oracle.py), over --jobs processes.

Functions: σ, 1−σ, log σ, log(1−σ), logit, σ', and L·σ(k(x−x0)) with its derivative for
(k, x0, L) = (2.5, −1.25, 3), (−0.7, 10, 1e−300), (1e−3, 0.5, 1e300).

The input mix is tests/rounding_samples.py's, the one the tests use (seeded per chunk):
    x functions: 20% uniform u in ±40, 15% uniform u in ±740, 20% random finite bit patterns
    (the whole range, both signs), 5% subnormal x, 10% tiny u (2^−1 … 2^−80), 30% near the
    edges (u ≈ ±36.7, ±709.8, ±745.13 and where L·σ or L·k·σ' crosses 2^−1022, 2^−1074,
    2^1024); u = k·(x−x0), x = x0 + u/k for the generalised functions.
    logit: 30% uniform (0, 1), 25% near 0 (incl. subnormals), 20% near ½, 25% near 1.
plus the special inputs (±0, ±inf, nan, extreme doubles) once per function.

The oracle starts at --start bits (default 96) and Ziv's loop doubles it where the rounding is
in doubt: its radius at p bits is 2^(12−p) relative (see tests/oracle.py for why the error is
below 2^(5−p)), so at 96 bits an input is in doubt only within 2^−84 relative of a midpoint,
about one input in 2^30; 96 bits costs about two thirds of the tests' 200.

Prints the command line, then a Markdown table; exits 1 if any result is misrounded.
"""

from __future__ import annotations

import argparse
import multiprocessing
import shlex
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

from oracle import Function, evaluate  # noqa: E402
from rounding_samples import (  # noqa: E402
    FUNCTIONS,
    Miss,
    fallbacks,
    misses,
    numpy_path,
    sample,
    scalar_path,
    specials,
)

SHOW = 3  # misrounded inputs kept per function and path, to print


@dataclass
class Tally:
    inputs: int = 0
    numpy_misses: int = 0
    scalar_misses: int = 0
    fallbacks: int | None = 0
    seconds: float = 0.0
    widened: int = 0  # oracle values that needed more than the starting precision
    examples: list[tuple[str, Miss]] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.inputs += other.inputs
        self.numpy_misses += other.numpy_misses
        self.scalar_misses += other.scalar_misses
        self.fallbacks = (
            None if self.fallbacks is None or other.fallbacks is None else self.fallbacks + other.fallbacks
        )
        self.seconds += other.seconds
        self.widened += other.widened
        self.examples.extend(other.examples)


def _chunk(task: tuple[int, int, int, int, int]) -> tuple[int, Tally]:
    index, chunk, size, seed, start = task
    f = FUNCTIONS[index]
    began = time.perf_counter()
    xs = sample(f, size, f"{seed}:{chunk}")
    if chunk:
        xs = xs[len(specials(f)) :]  # the special inputs once per function
    expected = []
    widened = 0
    for x in xs:
        value, bits = evaluate(f, x, start)
        expected.append(value)
        widened += bits > start
    before = fallbacks()
    numpy_found = misses(xs, numpy_path(f, xs), expected)
    after = fallbacks()
    scalar_found = misses(xs, scalar_path(f, xs), expected)
    used = None if before is None or after is None else after - before
    examples = [("numpy", m) for m in numpy_found[:SHOW]] + [("scalar", m) for m in scalar_found[:SHOW]]
    tally = Tally(
        len(xs), len(numpy_found), len(scalar_found), used, time.perf_counter() - began, widened, examples
    )
    return index, tally


def _tasks(count: int, chunk_size: int, seed: int, start: int, chosen: list[int]) -> list[tuple[int, ...]]:
    tasks = []
    for index in chosen:
        for chunk, offset in enumerate(range(0, count, chunk_size)):
            tasks.append((index, chunk, min(chunk_size, count - offset), seed, start))
    return tasks


def _table(rows: list[tuple[Function, Tally]]) -> str:
    lines = [
        "| function | inputs | misrounded (numpy path) | misrounded (scalar path) "
        "| fallback share (numpy path) | oracle widened | seconds |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for f, t in rows:
        share = "n/a" if t.fallbacks is None else f"{t.fallbacks / t.inputs:.2e} ({t.fallbacks})"
        lines.append(
            f"| {f.name} | {t.inputs:,} | {t.numpy_misses:,} | {t.scalar_misses:,} | {share} "
            f"| {t.widened} | {t.seconds:.1f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--count", type=int, default=1_000_000, help="inputs per function (default 1,000,000)"
    )
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--seed", type=int, default=1, help="the sample's seed (default 1)")
    parser.add_argument("--start", type=int, default=96, help="the oracle's starting precision in bits")
    parser.add_argument("--chunk", type=int, default=20_000, help="inputs per task (default 20,000)")
    parser.add_argument(
        "--only",
        action="append",
        default=None,
        metavar="NAME",
        help="only functions named with NAME",
    )
    args = parser.parse_args(argv)
    print("command:", shlex.join(["python", *sys.argv]))
    chosen = [i for i, f in enumerate(FUNCTIONS) if not args.only or any(s in f.name for s in args.only)]
    tasks = _tasks(args.count, args.chunk, args.seed, args.start, chosen)
    print(
        f"settings: --count {args.count} --jobs {args.jobs} --seed {args.seed} --start {args.start} "
        f"--chunk {args.chunk}; {len(chosen)} functions, {len(tasks)} tasks",
        flush=True,
    )
    began = time.perf_counter()
    totals = {i: Tally() for i in chosen}
    if args.jobs > 1:
        with multiprocessing.Pool(args.jobs) as pool:
            for index, tally in pool.imap_unordered(_chunk, tasks):
                totals[index].add(tally)
    else:
        for task in tasks:
            index, tally = _chunk(task)
            totals[index].add(tally)
    wall = time.perf_counter() - began
    rows = [(FUNCTIONS[i], totals[i]) for i in chosen]
    print()
    print(_table(rows))
    print()
    print(f"wall time {wall:.1f} s with {args.jobs} jobs; 'seconds' is each function's worker time")
    print("(sample, oracle and both paths); 'oracle widened' counts values Ziv's loop took past --start.")
    bad = [(f, t) for f, t in rows if t.numpy_misses or t.scalar_misses]
    for f, t in bad:
        print(f"\n{f.name}: first misrounded inputs")
        for path, miss in t.examples[: 2 * SHOW]:
            print(f"  [{path}] {miss}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
