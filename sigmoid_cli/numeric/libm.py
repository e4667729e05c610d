"""math's elementary functions over float64 arrays, with math's values bit for bit.

numpy's exp, log, tanh... are not the C library's (with AVX-512, numpy has its own exp and
log, and SVML's tanh and sin: about 5% of exp's values differ from math.exp in the last bit).
An --expr computed over a stream chunk must print the digits that the same VALUE gives as an
argument, which math computes; so the chunk's functions come from _libm.c, which calls the
same C functions as math. Where the extension was not built (or SIGMOID_NO_COMPILED=1 is set)
math itself is applied value by value: slower, and the same values where they are finite.

``namespace()`` is numpy with these functions in place of numpy's, for the kernels of
kernels.py and activations.py, which are written for any namespace ``xp``.
"""

from __future__ import annotations

import math
import operator
import os
from collections.abc import Callable
from functools import cache
from typing import Any

# _libm.c's UNARY, in its order; the names are math's (numpy's where they differ: kernels call
# xp.arcsin, xp.arctan, xp.arctanh).
NAMES: tuple[str, ...] = ("exp", "log", "log1p", "expm1", "sqrt", "sin", "cos", "tan", "sinh", "cosh")
NAMES += ("tanh", "asin", "atan", "atanh", "erf", "erfc")
_NUMPY_SPELLING = {"asin": "arcsin", "atan": "arctan", "atanh": "arctanh"}


@cache
def _extension() -> Any:
    if os.environ.get("SIGMOID_NO_COMPILED", "") not in ("", "0"):
        return None
    try:
        from . import _libm  # type: ignore[attr-defined]
    except ImportError:
        return None
    return _libm


def _by_value(function: Callable[..., float]) -> Callable[..., float]:
    """A math function value by value, nan where math raises: the caller recomputes every
    value whose steps were not all finite by the scalar path, which says what happened there."""

    def apply(*x: float) -> float:
        try:
            result = function(*x)
        except (ValueError, OverflowError, ZeroDivisionError):
            return math.nan
        return result if isinstance(result, float) else math.nan  # (−8) ** 0.5 is complex

    return apply


def unary(name: str) -> Callable[[Any], Any]:
    """The function ``name`` of math over an array (or a float): a new float64 array."""
    import numpy as np

    code = NAMES.index(name)
    by_value = np.frompyfunc(_by_value(getattr(math, name)), 1, 1)

    def apply(x: Any) -> Any:
        x = np.asarray(x, dtype=np.float64, order="C")  # 0-d stays 0-d (ascontiguousarray: 1-d)
        c = _extension()
        if c is None:
            with np.errstate(all="ignore"):  # inf from math's overflow is an answer here
                return np.asarray(by_value(x), dtype=np.float64)
        out = np.empty_like(x)
        c.unary(code, x, out)
        return out

    apply.__name__ = name
    return apply


def power(base: Any, exponent: Any) -> Any:
    """C's pow(base, exponent) elementwise, broadcast: what Python's ** gives on floats where
    it gives a float (it raises for 0 to a negative power and on overflow, and gives a complex
    number for a negative base to a fractional power)."""
    import numpy as np

    b, e = (np.asarray(a, dtype=np.float64, order="C") for a in np.broadcast_arrays(base, exponent))
    c = _extension()
    if c is None:
        with np.errstate(all="ignore"):
            return np.asarray(np.frompyfunc(_by_value(operator.pow), 2, 1)(b, e), dtype=np.float64)
    out = np.empty_like(b)
    c.binary(0, b, e, out)
    return out


@cache
def functions() -> dict[str, Callable[[Any], Any]]:
    """Every function of NAMES over arrays, by math's name, made once."""
    return {name: unary(name) for name in NAMES}


@cache
def namespace() -> Any:
    """numpy, with math's exp, log, tanh... (and erf, erfc, which numpy lacks)."""
    import numpy as np

    class _Namespace:
        def __getattr__(self, name: str) -> Any:
            return getattr(np, name)

    space = _Namespace()
    for name, function in functions().items():
        setattr(space, _NUMPY_SPELLING.get(name, name), function)
    return space
