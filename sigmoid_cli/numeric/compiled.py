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
    import numpy as np

    left = module().array(x, out, KINDS[kind], k, x0, big_l, complement, float32, phases)
    return np.frombuffer(left, dtype=np.int64)
