"""Shared helpers for the benchmarks: run commands alternately, compare medians.

The machine is shared and noisy, so every figure is a ratio against a baseline measured
in the same run, pair by pair (A, B, A, B, ...), and the median ratio is what counts.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from typing import Any


def peak(call: Callable[[], Any]) -> float:
    """MiB allocated at the peak of one call, beyond what was allocated before it."""
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def best(call: Callable[[], Any], runs: int) -> float:
    """The least wall time of ``runs`` calls in this process (in-process timings: bench/api.py,
    bench/kernel.py, bench/derivatives.py)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times)


def timed(
    command: Sequence[str] | str,
    *,
    stdin_path: str | None = None,
    shell: bool = False,
    stdout_path: str | None = None,
    stderr_path: str | None = None,
) -> float:
    """Wall seconds of one run; fails loudly if the command fails.

    Output is discarded unless ``stdout_path`` / ``stderr_path`` name files to write it to
    (the file is opened before the clock starts).
    """
    with contextlib.ExitStack() as files:
        stdin = files.enter_context(open(stdin_path, "rb")) if stdin_path else subprocess.DEVNULL
        stdout = files.enter_context(open(stdout_path, "wb")) if stdout_path else subprocess.DEVNULL
        stderr = files.enter_context(open(stderr_path, "wb")) if stderr_path else None
        start = time.perf_counter()
        subprocess.run(command, stdin=stdin, stdout=stdout, stderr=stderr, check=True, shell=shell)
        return time.perf_counter() - start


def alternate(
    runs: int, a: Callable[[], float], b: Callable[[], float], *, warm_up: bool = True
) -> tuple[list[float], list[float]]:
    """Call a and b in turn (a, b, a, b, ...) ``runs`` times each: their times, pair by pair.

    With ``warm_up`` each is first called once, uncounted (page cache, .pyc files).
    """
    if warm_up:
        a()
        b()
    a_times: list[float] = []
    b_times: list[float] = []
    for _ in range(runs):
        a_times.append(a())
        b_times.append(b())
    return a_times, b_times


def compare(name: str, runs: int, a: object, b: object, limit: float) -> bool:
    """Run the callables a and b alternately ``runs`` times; print medians and the ratio."""
    a_times, b_times = alternate(runs, a, b)  # type: ignore[arg-type]
    ratios = [ta / tb for ta, tb in zip(a_times, b_times, strict=True)]
    ratio = statistics.median(ratios)
    verdict = "ok" if ratio <= limit else "OVER"
    print(
        f"{name}: median {statistics.median(a_times) * 1000:.1f} ms vs baseline "
        f"{statistics.median(b_times) * 1000:.1f} ms; ratio {ratio:.3f} "
        f"(min {min(ratios):.3f}, max {max(ratios):.3f}; limit {limit}) {verdict}"
    )
    return ratio <= limit


def sigmoid_command() -> list[str]:
    """The console script beside this Python (a venv's bin), else on PATH, else the module."""
    beside = os.path.join(os.path.dirname(sys.executable), "sigmoid")
    script = beside if os.access(beside, os.X_OK) else shutil.which("sigmoid")
    return [script] if script else [sys.executable, "-m", "sigmoid_cli"]


@contextlib.contextmanager
def bytecode_cache() -> Iterator[str]:
    """Cached bytecode for every command started inside, kept outside the work tree.

    With PYTHONDONTWRITEBYTECODE set (as on the shared dev machine) an editable checkout's
    sources would be compiled on every run while site-packages' come from .pyc files; so
    bytecode goes under a temporary PYTHONPYCACHEPREFIX (inherited by the commands) for as
    long as the block lasts. Warm it up (run each command once) before timing.
    """
    saved = {name: os.environ.get(name) for name in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    with tempfile.TemporaryDirectory(prefix="sigmoid-bench-pycache-") as cache:
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = cache
        try:
            yield cache
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def versus(
    doc: str, command: list[str], baseline: str, runs: int, limit: float, default_args: Sequence[str] = ()
) -> None:
    """The whole of a start-up benchmark: `sigmoid COMMAND [ARGS]` against `python -c BASELINE`.

    Both run from cached bytecode (see ``bytecode_cache``), warmed up before timing. Exits 1
    when the median ratio is over the limit.
    """
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=runs)
    parser.add_argument("--limit", type=float, default=limit)
    parser.add_argument("args", nargs="*", help=f"arguments after `sigmoid {' '.join(command)}` (after --)")
    args = parser.parse_args()
    words = [*command, *(args.args or default_args)]
    ours = [*sigmoid_command(), *words]
    theirs = [sys.executable, "-c", baseline]
    with bytecode_cache():
        ok = compare(
            f"`sigmoid {' '.join(words)}` / `python -c {baseline!r}`",
            args.runs,
            lambda: timed(ours),
            lambda: timed(theirs),
            limit=args.limit,
        )
    sys.exit(0 if ok else 1)
