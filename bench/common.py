"""Shared helpers for the benchmarks: run commands alternately, compare medians.

The machine is shared and noisy, so every figure is a ratio against a baseline measured
in the same run, pair by pair (A, B, A, B, ...), and the median ratio is what counts.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence


def timed(command: Sequence[str] | str, *, stdin_path: str | None = None, shell: bool = False) -> float:
    """Wall seconds of one run (output discarded); fails loudly if the command fails."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL  # noqa: SIM115
    try:
        start = time.perf_counter()
        subprocess.run(command, stdin=stdin, stdout=subprocess.DEVNULL, check=True, shell=shell)
        return time.perf_counter() - start
    finally:
        if stdin_path:
            stdin.close()  # type: ignore[union-attr]


def compare(name: str, runs: int, a: object, b: object, limit: float) -> bool:
    """Run the callables a and b alternately ``runs`` times; print medians and the ratio."""
    a_times: list[float] = []
    b_times: list[float] = []
    ratios: list[float] = []
    a()  # type: ignore[operator]  # warm-up: page cache, .pyc files
    b()  # type: ignore[operator]
    for _ in range(runs):
        ta = a()  # type: ignore[operator]
        tb = b()  # type: ignore[operator]
        a_times.append(ta)
        b_times.append(tb)
        ratios.append(ta / tb)
    ratio = statistics.median(ratios)
    verdict = "ok" if ratio <= limit else "OVER"
    print(
        f"{name}: median {statistics.median(a_times) * 1000:.1f} ms vs baseline "
        f"{statistics.median(b_times) * 1000:.1f} ms; ratio {ratio:.3f} "
        f"(min {min(ratios):.3f}, max {max(ratios):.3f}; limit {limit}) {verdict}"
    )
    return ratio <= limit


def sigmoid_command() -> list[str]:
    """The installed console script if there is one, else the module."""
    import shutil

    script = shutil.which("sigmoid")
    return [script] if script else [sys.executable, "-m", "sigmoid_cli"]


def versus(
    doc: str, command: list[str], baseline: str, runs: int, limit: float, default_args: Sequence[str] = ()
) -> None:
    """The whole of a start-up benchmark: `sigmoid COMMAND [ARGS]` against `python -c BASELINE`.

    Both run from cached bytecode: with PYTHONDONTWRITEBYTECODE set (as on the shared dev
    machine) an editable checkout's sources would be compiled on every run while the
    baseline's come from site-packages' .pyc files; so bytecode is cached under a temporary
    PYTHONPYCACHEPREFIX, outside the work tree, and warmed up before timing. Exits 1 when
    the median ratio is over the limit.
    """
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=runs)
    parser.add_argument("--limit", type=float, default=limit)
    parser.add_argument("args", nargs="*", help=f"arguments after `sigmoid {' '.join(command)}` (after --)")
    args = parser.parse_args()
    words = [*command, *(args.args or default_args)]
    ours = [*sigmoid_command(), *words]
    theirs = [sys.executable, "-c", baseline]
    with tempfile.TemporaryDirectory(prefix="sigmoid-bench-pycache-") as cache:
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = cache  # inherited by both timed commands
        ok = compare(
            f"`sigmoid {' '.join(words)}` / `python -c {baseline!r}`",
            args.runs,
            lambda: timed(ours),
            lambda: timed(theirs),
            limit=args.limit,
        )
    sys.exit(0 if ok else 1)
