"""Shared helpers for the benchmarks: run commands alternately, compare medians.

The machine is shared and noisy, so every figure is a ratio against a baseline measured
in the same run, pair by pair (A, B, A, B, ...), and the median ratio is what counts.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
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
