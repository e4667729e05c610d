"""Float64 kernels of σ and its relatives, written once for scalars and arrays.

Every kernel takes a namespace ``xp`` first: ``MATH`` (the standard library, for the
fast scalar path that must not import numpy) or the numpy module itself. Both offer the
numpy spellings used here, so the same accurate formula serves both paths.

The formulas are the stable ones (tests/test_accuracy.py measures them): exp only ever sees −|x| (no
overflow, no spurious 0), tails are computed from the small side, and logit switches
to 2·atanh(2p−1) around p = ½ where log(p/(1−p)) loses digits.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache
from typing import Any

# Veltkamp's constant 2^27 + 1: splits a double into two halves whose products are exact.
_SPLITTER = 134217729.0
_TWO_OVER_SQRT_PI = 1.1283791670955126
_INV_SQRT_2PI = 0.3989422804014327
_SQRT_HALF_HI = 0.7071067811865476
_SQRT_HALF_LO = -4.833646656726457e-17  # √½ − _SQRT_HALF_HI


def _safe(func: Callable[[float], float], edge: Callable[[float], float]) -> Callable[[float], float]:
    """Wrap a math function so a domain or range error gives numpy's answer, not an exception."""

    def wrapped(x: float) -> float:
        try:
            return func(x)
        except (ValueError, OverflowError, ZeroDivisionError):
            return edge(x)

    return wrapped


def _log_edge(x: float) -> float:
    return -math.inf if x == 0 else math.nan


def _log1p_edge(x: float) -> float:
    return -math.inf if x == -1 else math.nan


def _where(cond: Any, a: Any, b: Any) -> Any:
    return a if cond else b


def _clip(x: Any, lo: float, hi: float) -> Any:
    return lo if x < lo else hi if x > hi else x


class _MathNamespace:
    """The subset of numpy's names that the kernels use, for Python floats."""

    exp = staticmethod(_safe(math.exp, lambda x: math.inf))
    log = staticmethod(_safe(math.log, _log_edge))
    log1p = staticmethod(_safe(math.log1p, _log1p_edge))
    expm1 = staticmethod(_safe(math.expm1, lambda x: math.inf))
    sqrt = staticmethod(_safe(math.sqrt, lambda x: math.nan))
    tanh = staticmethod(math.tanh)
    tan = staticmethod(math.tan)
    sin = staticmethod(math.sin)
    arcsin = staticmethod(_safe(math.asin, lambda x: math.nan))
    arctan = staticmethod(math.atan)
    arctanh = staticmethod(
        _safe(math.atanh, lambda x: math.copysign(math.inf, x) if abs(x) == 1 else math.nan)
    )
    abs = staticmethod(abs)
    minimum = staticmethod(min)
    maximum = staticmethod(max)
    where = staticmethod(_where)
    clip = staticmethod(_clip)
    erf = staticmethod(math.erf)
    erfc = staticmethod(math.erfc)
    pi = math.pi


MATH = _MathNamespace()


@cache
def numpy_namespace() -> Any:
    """numpy, with exp, log, tanh, erf… from libm.py: the C library's, which math calls, so
    that an array gets, value by value, the bits that MATH gives a float (numpy's own SIMD
    loops differ in the last bit: the stream and the arguments would print other digits)."""
    from .libm import namespace

    return namespace()


def hypot_one(xp: Any, x: Any) -> Any:
    """√(1 + x²), nearly correctly rounded, by the same operations for floats and arrays
    (math.hypot is CPython's own and np.hypot the C library's: they differ in the last bit):
    1 + x² as an exact double-double, its square root corrected once (Newton)."""
    a = xp.abs(x)
    big = a > 2.0**500  # 1 + x² is x² in every digit: the result is |x|
    a = xp.where(big, 0.0, a)
    square, error = square_exact(a)
    h = 1.0 + square
    low = (square - (h - 1.0)) + error  # 1 + x² = h + low (Fast2Sum: 1 ≥ x² or x² ≥ 1 exactly)
    low = xp.where(square > 1.0, (1.0 - (h - square)) + error, low)
    root = xp.sqrt(h)
    r_square, r_error = square_exact(root)
    root = root + (((h - r_square) - r_error) + low) / (2.0 * root)
    return xp.where(big, xp.abs(x), root)


# --- the logistic function and its relatives -------------------------------------------


def _one_plus(e: Any) -> tuple[Any, Any]:
    """1 + e = d + d_err exactly, for 0 ≤ e ≤ 1 (Fast2Sum)."""
    d = 1.0 + e
    return d, e - (d - 1.0)


def sigmoid(xp: Any, x: Any) -> Any:
    """σ(x) = 1/(1+e^{−x}) from e = e^{−|x|}: 1/(1+e) for x ≥ 0 and e/(1+e) otherwise,
    with the rounding of 1+e corrected (first order), which keeps the result within 2 ulp."""
    e = xp.exp(-xp.abs(x))
    d, d_err = _one_plus(e)
    q = xp.where(x >= 0, 1.0, e) / d
    return q - q * (d_err / d)


def log_sigmoid(xp: Any, x: Any) -> Any:
    """log σ(x) = −log1p(e^{−x}) for x ≥ 0 and x − log1p(e^{x}) otherwise."""
    e = xp.exp(-xp.abs(x))
    return xp.where(x >= 0, -xp.log1p(e), x - xp.log1p(e))


def sigmoid_grad(xp: Any, x: Any) -> Any:
    """σ'(x) = e/(1+e)² with e = e^{−|x|}: symmetric, no 1−σ cancellation in the tails, and
    the rounding of 1+e corrected (it would count twice)."""
    e = xp.exp(-xp.abs(x))
    d, d_err = _one_plus(e)
    q = (e / d) / d
    return q - 2.0 * q * (d_err / d)


def logit(xp: Any, p: Any) -> Any:
    """log(p/(1−p)); callers check 0 ≤ p ≤ 1. 0 → −inf and 1 → inf without a warning."""
    middle = (p >= 0.25) & (p <= 0.75) if xp is not MATH else 0.25 <= p <= 0.75
    safe_mid = xp.where(middle, p, 0.5)
    near = 2.0 * xp.arctanh(2.0 * safe_mid - 1.0)
    # Outside the middle, log(p) − log1p(−p) avoids rounding p/(1−p).
    safe_tail = xp.where(middle, 0.25, xp.clip(p, 5e-324, 1.0 - 2**-53))
    far = xp.log(safe_tail) - xp.log1p(-safe_tail)
    return xp.where(middle, near, xp.where(p <= 0.0, -math.inf, xp.where(p >= 1.0, math.inf, far)))


def split(x: Any) -> tuple[Any, Any]:
    """Veltkamp: x = hi + lo with at most 26 significant bits in each, so products are exact."""
    big = x * _SPLITTER
    hi = big - (big - x)
    return hi, x - hi


def square_exact(x: Any) -> tuple[Any, Any]:
    """x² = square + error exactly (Dekker), for |x| < 1e150."""
    hi, lo = split(x)
    square = x * x
    return square, ((hi * hi - square) + 2.0 * hi * lo) + lo * lo


def exp_neg_square(xp: Any, x: Any, scale: float = 1.0) -> Any:
    """e^{−scale·x²} (scale a power of 2) with x² split exactly, so the tail keeps its digits."""
    x = xp.where(xp.abs(x) < 1e150, x, 1e150)  # the result is 0 long before; avoids overflow
    square, error = square_exact(x)
    return xp.exp(-scale * square) * (1.0 - scale * error)


def normal_cdf(xp: Any, x: Any) -> Any:
    """Φ(x) = ½·erfc(−x/√2), with −x/√2 carried in two parts so the left tail stays accurate."""
    t = -x * _SQRT_HALF_HI
    xs = xp.where(xp.abs(x) < 1e150, x, 0.0)  # the correction vanishes there; avoid overflow
    hi, lo = split(xs)
    c_hi, c_lo = split(_SQRT_HALF_HI)
    # −x·√½ = t + t_err exactly (Dekker's product), plus the constant's own rounding.
    t_err = -(((hi * c_hi - xs * _SQRT_HALF_HI) + hi * c_lo + lo * c_hi) + lo * c_lo) - xs * _SQRT_HALF_LO
    value = 0.5 * xp.erfc(t)
    # erfc(t + δ) ≈ erfc(t) − δ·(2/√π)·e^{−t²}; e^{-t²} = e^{-x²/2}.
    return value - 0.5 * t_err * _TWO_OVER_SQRT_PI * exp_neg_square(xp, x, 0.5)


def log_normal_cdf_left(xp: Any, x: Any) -> Any:
    """log Φ(x) for x ≤ −20 by the asymptotic series of Mills' ratio (Φ itself underflows)."""
    x = xp.where(x < -20.0, x, -20.0)
    z = 1.0 / (x * x)
    # Φ(x) = φ(x)/|x| · (1 − z + 3z² − 15z³ + 105z⁴ − 945z⁵ + 10395z⁶ − …)
    series = 1.0 + z * (-1.0 + z * (3.0 + z * (-15.0 + z * (105.0 + z * (-945.0 + z * 10395.0)))))
    square, error = square_exact(x)
    return (-0.5 * square - 0.5 * error) + (math.log(_INV_SQRT_2PI) - xp.log(-x)) + xp.log(series)
