"""The compiled kernels (_rounded.c, built by setup.py at install time) where they exist.

They compute rounded_quick.py's quick values (2^−59.5) and its rounding test, then rounded.py's
accurate double-double values (2^−78) and its test for the values the first leaves open, value
by value over a buffer, and leave the values neither test can decide to rounded.py's exact
fallback (and non-finite inputs to the caller's formulas). Where the extension was not built (no compiler at
install time) or SIGMOID_NO_COMPILED=1 is set, ``module()`` is None and callers use the numpy
path (rounded_quick.py, then rounded.py): the same correctly rounded results either way.
Neither this module nor the extension imports numpy: the scalar path may use them.
"""

from __future__ import annotations

import os
from functools import cache
from typing import Any

KINDS = {"value": 0, "grad": 1, "log-grad": 2, "log": 3, "logit": 4}  # _rounded.c's params_of


@cache
def module() -> Any:
    """The extension with rounded.py's tables handed over, or None."""
    if os.environ.get("SIGMOID_NO_COMPILED", "") not in ("", "0"):
        return None
    try:
        from . import _rounded_c  # type: ignore[attr-defined]
    except ImportError:
        return None
    from array import array

    from . import rounded

    def doubles(values: Any) -> bytes:
        return array("d", values).tobytes()

    _rounded_c.set_tables(
        doubles(rounded._INV_FACTORIAL),
        doubles(v for pair in rounded._pairs() for v in pair),
        doubles(v for pair in rounded._log_pairs() for v in pair),
    )
    return _rounded_c


def scalar(kind: str, x: float, k: float, x0: float, big_l: float, complement: bool, float32: bool) -> Any:
    """The correctly rounded result at a regular x (rounded.evaluate's arguments), or None where
    the compiled rounding test leaves it open, L is 0 or there is no extension."""
    c = module()
    if c is None or big_l == 0:
        return None
    return c.scalar(x, KINDS[kind], k, x0, big_l, complement, float32)


def into(
    kind: str,
    x: Any,
    out: Any,
    k: float,
    x0: float,
    big_l: float,
    complement: bool,
    float32: bool,
    phases: int = 3,
) -> Any:
    """Write the correctly rounded results for the flat contiguous float64/float32 array x into
    ``out`` (the same length; float32 results are exact in either), and return the indexes left
    open (an int64 numpy array): undecided by the rounding test, non-finite, or (logit) outside
    0 < p < 1 or ½. The extension must exist and L must not be 0. ``phases``: 3 both phases (the
    quick one, then the accurate one for what it leaves open), 1 the quick one alone, 2 the
    accurate one alone (for tests)."""

    arguments = (KINDS[kind], k, x0, big_l, complement, float32, phases)
    return sliced(module().array, x, out, arguments)


def second(x: Any, out: Any) -> None:
    """σ'' of the flat contiguous float64 array x into ``out`` (_rounded.c's second)."""
    sliced(module().second, x, out, (1.0, 0.0, 1.0, False, True))


def sliced(function: Any, x: Any, out: Any, arguments: tuple[Any, ...]) -> Any:
    """``function(x, out, *arguments)`` of the extension, which returns the int64 bytes of
    indexes left open: a large array cut into one slice per core, each in its own thread (the
    extension releases the GIL), the indexes counted from the array's start."""
    import numpy as np

    parts = _threads(len(x))
    if parts == 1:
        return np.frombuffer(function(x, out, *arguments), dtype=np.int64)
    bounds = [len(x) * i // parts for i in range(parts + 1)]
    from concurrent.futures import ThreadPoolExecutor

    def part(i: int) -> Any:
        start, stop = bounds[i], bounds[i + 1]
        left = np.frombuffer(function(x[start:stop], out[start:stop], *arguments), dtype=np.int64)
        return left + start

    with ThreadPoolExecutor(parts) as pool:
        return np.concatenate(list(pool.map(part, range(parts))))


_THREAD_MINIMUM = 1 << 18  # values a thread: below, starting one costs more than it saves


def _threads(count: int) -> int:
    """How many threads compute ``count`` values: one per core, each with at least 2^18
    values; SIGMOID_THREADS sets the most (1: none of its own)."""
    most = os.environ.get("SIGMOID_THREADS", "")
    limit = int(most) if most.isdigit() and int(most) > 0 else len(os.sched_getaffinity(0))
    return max(1, min(limit, count // _THREAD_MINIMUM))
