"""softmax, log-softmax and logsumexp of a vector: correctly rounded for the command line, and
in float64 over numpy arrays (any axis, as scipy.special has them) for the Python API.

softmax(z)ᵢ = e^(zᵢ/T) / Σⱼ e^(zⱼ/T): the logistic is its two-class case, σ(z₁ − z₂). Both ways
shift by the largest zⱼ first, so that no exponential overflows (1000, 1001, 1002 are fine).

Correct rounding (``vector``): each value is computed in mpmath at a working precision p,
with a relative error below 2^(−p+12) times what cancellation and the rounded zᵢ/T can cost
(bounded in _mp); both ends of that interval are rounded to double exactly, and p doubles
until they agree (Ziv's strategy, as rounded.py's exact fallback). An exact midpoint at one
precision is not taken for the answer: log-softmax of (−1088.35…, 752.10…) is such a tie
plus 10^−116.
"""

from __future__ import annotations

import math
from typing import Any, Literal

Kind = Literal["softmax", "log-softmax", "logsumexp"]
KINDS: tuple[Kind, ...] = ("softmax", "log-softmax", "logsumexp")
MAX_VALUES = 100_000  # one vector (a line or the arguments): refused beyond, before any work
_MAX_COLUMNS = 1024  # _rounded.c's MAX_ROW: rows of more values take ``vector`` one by one
_MAX_BITS = 1 << 16


def vector(z: list[float], kind: Kind, temperature: float = 1.0) -> list[float]:
    """The correctly rounded results for one vector (logsumexp: one value)."""
    if not z:
        return []
    if any(math.isnan(v) for v in z) or math.isnan(temperature):
        return [math.nan] * (1 if kind == "logsumexp" else len(z))
    if any(math.isinf(v) for v in z):
        return _with_infinities(z, kind, temperature)
    import mpmath

    bits = 128
    while True:
        with mpmath.workprec(bits):
            values, lost = _mp(mpmath.mp, z, kind, temperature)
        ends = [_ends(value, bits - 12 - lost_bits) for value, lost_bits in zip(values, lost, strict=True)]
        if all(low == high for low, high in ends) or bits >= _MAX_BITS:
            return [low for low, _ in ends]
        bits *= 2


# --- many vectors of one length at once (a stream's lines) ----------------------------------------


def rows(z: Any, kind: Kind, temperature: float = 1.0) -> tuple[Any, Any]:
    """The correctly rounded results for each row of the float64 array z (R × n): (results,
    open), results R × n (logsumexp: R), and the indexes of the rows left open, which must go
    to ``vector``: a value not finite, |z/T| beyond 2^20 with T ≠ 1, a result the rounding test
    cannot settle (about 2^−24 of random values), or no compiled extension (every row).

    _rounded.c's softmax_row, from rounded.py's double-double blocks: sᵢ = zᵢ/T as a dd (exact
    for T = 1; to 2^−105·|sᵢ| otherwise); dᵢ = m − sᵢ ≥ 0 for the row's largest m (TwoSum);
    eᵢ = e^(−dᵢ) = 2^Kᵢ·Eᵢ to a relative 2^−79.6 (_exp_negative); Σ = 1 + rest, the rest summed
    as a dd; softmax Eᵢ/Σ by a dd division: within 2·2^−79.6 + 2^−82 + n·2^−104 < 2^−78
    (rounded.ERROR) of its value. log-softmax −(dᵢ + l) and logsumexp m + l with l = log1p(rest)
    (_rounded.c's log1p_dd, 2^−77; 2^−74 assumed), each with its absolute error bound over
    its own size as the relative bound of the rounding test."""
    import numpy as np

    from . import compiled

    z = np.ascontiguousarray(z, dtype=np.float64)
    count, n = z.shape
    out = np.zeros(count if kind == "logsumexp" else (count, n))
    c = compiled.module()
    if c is None or not 0 < n <= _MAX_COLUMNS:
        return out, np.arange(count)
    left = c.softmax_rows(z, out, n, float(temperature), KINDS.index(kind))
    return out, np.frombuffer(left, dtype=np.int64)


def _ends(value: Any, good: float) -> tuple[float, float]:
    """The doubles nearest both ends of [v(1 − 2^−good), v(1 + 2^−good)] (ties to even,
    subnormals too: float() of an mpf truncates); equal when v rounds surely."""
    from .rounded import DOUBLE, nearest_double

    sign, man, exp, _ = value._mpf_
    if not man:
        return float(value), float(value)  # 0 (exact: one value's log-softmax), ±inf, nan
    # A bound past every float (a log-softmax of e^(−10^308) over its own size) keeps one bit:
    # the interval [v/2, 3v/2], which still rounds to one double when v is far below them all.
    shift = max(1, int(good)) if math.isfinite(good) else 1
    man = -man if sign else man
    return (
        nearest_double((man << shift) - abs(man), exp - shift, DOUBLE),
        nearest_double((man << shift) + abs(man), exp - shift, DOUBLE),
    )


def _mp(ctx: Any, z: list[float], kind: Kind, temperature: float) -> tuple[list[Any], list[float]]:
    """The results at ctx's precision, and for each the bits its relative error may lose beyond
    a few roundings: sᵢ = zᵢ/T is rounded, so sᵢ − m carries (|sᵢ| + |m|)·2^−p, which the
    exponential turns into that relative error and a difference near 0 amplifies."""
    t = ctx.mpf(temperature)
    scaled = [ctx.mpf(v) / t for v in z]
    top = max(range(len(z)), key=lambda i: scaled[i])
    m = scaled[top]
    rest = ctx.fsum(ctx.exp(s - m) for i, s in enumerate(scaled) if i != top)  # Σ = 1 + rest
    spread = [_bits(ctx, 1 + abs(s) + abs(m)) for s in scaled]
    if kind == "softmax":
        total = 1 + rest
        return [ctx.exp(s - m) / total for s in scaled], [max(spread)] * len(z)
    log_total = ctx.log1p(rest)
    if kind == "log-softmax":
        results = [(s - m) - log_total for s in scaled]
        return results, [
            b + _bits(ctx, (1 + abs(s) + abs(m)) / abs(r)) if r else float(ctx.prec)
            for b, s, r in zip(spread, scaled, results, strict=True)
        ]
    result = m + log_total
    if not result:
        return [result], [float(ctx.prec)]
    return [result], [max(spread) + _bits(ctx, (abs(m) + abs(log_total) + 1) / abs(result))]


def _bits(ctx: Any, ratio: Any) -> float:
    return max(0.0, float(ctx.log(ratio, 2)))


def _with_infinities(z: list[float], kind: Kind, temperature: float) -> list[float]:
    """±inf among the values: the limits (an inf takes all the mass; two share it; -inf none)."""
    signed = [v / temperature for v in z]
    top = max(signed)
    if top == -math.inf:  # every value -inf: no mass anywhere
        return [-math.inf] if kind == "logsumexp" else [math.nan] * len(z)
    if top == math.inf:
        winners = [i for i, v in enumerate(signed) if v == math.inf]
        if kind == "logsumexp":
            return [math.inf]
        share = 1.0 / len(winners)
        if kind == "softmax":
            return [share if i in winners else 0.0 for i in range(len(z))]
        return [math.log(share) if i in winners else -math.inf for i in range(len(z))]
    finite = [v for v in z if not math.isinf(v)]
    results = iter(vector(finite, kind, temperature))
    if kind == "logsumexp":
        return [next(results)]
    empty = 0.0 if kind == "softmax" else -math.inf
    return [empty if math.isinf(v) else next(results) for v in z]


def array(x: Any, kind: Kind, axis: int | tuple[int, ...] | None = None, temperature: float = 1.0) -> Any:
    """scipy.special's softmax, log_softmax and logsumexp in float64 (axis None: over every
    element), shifted by the largest value so that nothing overflows; within a few ulp."""
    import numpy as np

    z = np.asarray(x, dtype=np.float64) / temperature
    if z.size == 0:
        return z if kind != "logsumexp" else np.float64(-np.inf)
    top = np.max(z, axis=axis, keepdims=True)
    top = np.where(np.isfinite(top), top, 0.0)
    with np.errstate(divide="ignore", invalid="ignore", under="ignore"):
        shifted = z - top
        e = np.exp(shifted)
        total = np.sum(e, axis=axis, keepdims=True)
        if kind == "softmax":
            return e / total
        if kind == "log-softmax":
            return shifted - np.log(total)
        result = np.log(total) + top
    return np.squeeze(result, axis=axis) if axis is not None else result.reshape(())[()]
