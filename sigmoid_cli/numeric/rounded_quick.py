"""The quick phase of correct rounding for arrays: σ, 1 − σ and σ' to a relative 2^−59.5 in
about half the numpy passes of rounded.py's double-double, decided by the same rounding test.

rounded.py computes every value to 2^−78, so that its rounding test settles all but about
2^−24 of inputs. That costs ~150 numpy passes per block, and in a stream the rounding was
15% of the whole run. Most values need far less: a value known to 2^−59.5 is more than that
away from every midpoint between doubles for all but ~2^−5 of inputs (the share measured by
tests/test_rounded_quick.py). So arrays go through two phases: this one, whose results are
final where its test decides; then rounded.py's accurate one for the lanes it leaves open,
gathered over the whole array (a pass costs ~1 µs whatever its length, so they are not run
block by block). Both phases decide only what their proven bound allows, so the answer is
the correctly rounded one either way; the scalar path (`sigmoid eval 0.5`) keeps rounded.py.

Error analysis (u = 2^−53; rounded.py's notation: a = |t|, n = rint(a·256/ln 2), ρ = n·ln 2/256
− a with |ρ| ≤ R = 2^−9.5, −n = 256·K + j, T = 2^(j/256) ∈ [1, 2) a dd to 2^−104):
  Domain: |t| < 700, so n < 2^18, K ≥ −1010 and every value below stays a normal double.
  Reduction: ρ = (n·C1 − a_hi) + (n·C23 − a_lo) with C23 = C2 + C3 rounded (an error below
    2^−96, times n: 2^−78). n·C1 and the difference are exact (as in rounded.py); n·C23 − a_lo,
    of size < 2^−24, is rounded twice (< 2^−76), ρ_hi = RN of the sum and ρ_lo the rest of it
    by Fast2Sum, exact up to < 2u·2^−24 = 2^−76 where the operands are out of order.
  Polynomial: e^ρ − 1 = ρ + ρ²·(1/2 + ρ/6 + ρ²/24 + ρ³/120 + ρ⁴/720) + tail, the tail
    below R⁷/7!·1.01 < 2^−78; ρ²·(…), of size < 2^−19.9, is evaluated in double with a
    relative error < 6u: < 2^−70.
  Assembly: E = T·(1 + P) = T_hi + RN(RN(T_hi·ρ_hi) + RN(RN(T_hi·P₂) + T_lo)), P₂ = P − ρ_hi, and
    T_lo·P dropped. Relative to E ≥ 0.998·T, the rounding of T_hi·ρ_hi, of the outer sum and the
    dropped T_lo·P are each < u·R·1.005 = 2^−62.5; the rest < 2^−69. So ε_E < 3·2^−62.5·1.01 +
    2^−68 < 2^−60.8.
  σ(t) = 1/(1 + e) (t ≥ 0) or e/(1 + e) (t < 0), e = 2^K·E: 1 + e carries ε_E·e/(1 + e) ≤ ε_E/2,
    the numerator e another ε_E; σ' = e/(1 + e)² carries ε_E + 2·ε_E/2. The division (below) adds
    < 2^−70 and a factor L·k (rounded.py's _times) 3u². So every result has a relative error
    < 2ε_E + 2^−69 < 2^−59.7, and the test uses QUICK_ERROR = 2^−59.5.
  Division N/D (N = N_hi + N_lo, D = D_hi + D_lo, N/D in [1/8, 2], D_hi in [1, 4]): q1 = N_hi/D_hi
    rounded to a multiple of 2^−23 (25 bits), D_hi = D_top + D_bot with D_top a multiple of 2^−23
    (26 bits) and |D_bot| ≤ 2^−24 on D_hi's grid (28 bits), so q1·D_top and q1·D_bot are exact;
    N_hi − q1·D_top is exact (Sterbenz: q1·D_top = N_hi·(1 ± 2^−20)); the remainder r, of size
    < 2^−21.9, is rounded twice (< 2^−74.8); q2 = r/D_hi adds |r|·2^−52 < 2^−73.9. So q1 + q2 is
    within 2^−73 of N/D ≥ 1/8: a relative 2^−70.
The test: with h + lo = q1 + q2 (times L·k) and 2^S the scale, the nearest double is 2^S·h when
    |lo| + QUICK_ERROR·|h| is below half the spacing of the doubles around h (a quarter of an ulp
    when h is a power of two: the doubles below it are twice as dense) and 2^S·h is normal.
"""

from __future__ import annotations

from typing import Any

from . import rounded
from .kernels import split, square_exact
from .rounded import (
    _C1,
    _C2,
    _C3,
    _INV_FACTORIAL,
    _INV_STEP,
    _LN2_HI,
    _LN2_LO,
    _Array,
    _bit_power,
    _fast_two_sum,
    _folded,
    _log_pairs,
    _look_up,
    _pairs,
    _shortcut,
    _times,
    _two_sum,
    choose,
    factor,
    logit_branches,
    signed_argument,
)

QUICK_ERROR = 2.0**-59.5
_DOMAIN = 700.0  # |t| below which every value here is a normal double
_C23 = _C2 + _C3
_ROUND_2_23 = 3.0 * 2.0**28  # (x + this) − this: x ∈ [0, 2^27] rounded to a multiple of 2^−23


def _exp_negative(xp: _Array, a_hi: Any, a_lo: Any) -> tuple[Any, Any, Any]:
    """e^(−a) = 2^K·(E_hi + E_lo)·(1 + ε), |ε| < 2^−60.8, for 0 ≤ a < 700 (dd a)."""
    n = xp.rint(a_hi * _INV_STEP)
    head = n * _C1 - a_hi  # exact
    tail = n * _C23 - a_lo
    rho = head + tail
    rho_lo = (head - rho) + tail
    inner = _INV_FACTORIAL[6]
    for coefficient in reversed(_INV_FACTORIAL[2:6]):
        inner = coefficient + rho * inner
    rest = (rho * rho) * inner + rho_lo  # P − ρ_hi
    m = xp.to_int(n)
    j = (-m) & 255
    big_k = (-m - j) >> 8  # an exact multiple of 256: the shift is the division
    t_hi, t_lo = _look_up(xp, _pairs(), j)
    low = t_hi * rho + (t_hi * rest + t_lo)
    e_hi, e_lo = _fast_two_sum(t_hi, low)
    return big_k, e_hi, e_lo


def _divide(n_hi: Any, n_lo: Any, d_hi: Any, d_lo: Any) -> tuple[Any, Any]:
    """(N_hi + N_lo)/(D_hi + D_lo) as q1 + q2 to a relative 2^−70 (module docstring)."""
    q1 = (n_hi / d_hi + _ROUND_2_23) - _ROUND_2_23
    d_top = (d_hi + _ROUND_2_23) - _ROUND_2_23
    remainder = ((n_hi - q1 * d_top) - q1 * (d_hi - d_top)) + (n_lo - q1 * d_lo)
    return q1, remainder / d_hi


def _sigma(xp: _Array, t_hi: Any, t_lo: Any, grad: bool) -> tuple[Any, Any, Any, Any]:
    """σ(t) (σ'(t) with ``grad``) = 2^S·(h + lo) to 2^−59.7, and where |t| is in the domain."""
    negative, a_hi, a_lo = _folded(xp, t_hi, t_lo)
    # Past the domain, 1/(1 + e) is 1 within e < 2^−1009: taking e at |t| = 700 is still right.
    inside = (a_hi < _DOMAIN) if grad else (a_hi < _DOMAIN) | ~negative
    a_hi = xp.np.minimum(a_hi, _DOMAIN)
    big_k, e_hi, e_lo = _exp_negative(xp, a_hi, a_lo)
    down = _bit_power(xp.np, big_k)  # −1010 ≤ K ≤ 0
    small_hi = e_hi * down
    d_hi, d_lo = _fast_two_sum(1.0, small_hi)  # e ≤ 1
    d_lo = d_lo + e_lo * down
    if grad:  # σ' = e/(1 + e)²
        s_hi, s_lo = square_exact(d_hi)
        q1, q2 = _divide(e_hi, e_lo, s_hi, s_lo + 2.0 * d_hi * d_lo)
        return inside, big_k, q1, q2
    q1, q2 = _divide(xp.where(negative, e_hi, 1.0), e_lo * negative, d_hi, d_lo)
    return inside, big_k * negative, q1, q2


def _decide(xp: _Array, scale: Any, h: Any, lo: Any, error: float = QUICK_ERROR) -> tuple[Any, Any]:
    """2^scale·RN(h + lo) and where that is the nearest double (rounded.py's _shortcut)."""
    h, lo = _fast_two_sum(h, lo)  # |h| ≥ |lo| from every caller
    return _shortcut(xp, scale, h, lo, error)


def logistic(
    xp: _Array,
    x: Any,
    k: float = 1.0,
    x0: float = 0.0,
    big_l: float = 1.0,
    complement: bool = False,
    grad: bool = False,
    slope: float = 1.0,
) -> tuple[Any, Any]:
    """rounded.logistic's value for a float64 array x of finite values (L ≠ 0), and where it is
    decided: elsewhere the result is meaningless and rounded.logistic must give it."""
    t_hi, t_lo = signed_argument(xp, x, k, x0, complement)
    inside, scale, h, lo = _sigma(xp, t_hi, t_lo, grad)
    scale, h, lo = _times(xp, scale, h, lo, big_l, factor(k, complement, grad, slope))
    result, decided = _decide(xp, scale, h, lo)
    return result, decided & inside


# --- log σ, log(1 − σ) and logit -------------------------------------------------------------------
#
# log s for a dd s = 2^m·y, y in [√½, √2), as rounded.py's _log_parts: c = 1 + i/64 the table
# point nearest y, log s = m·ln 2 + log c + log1p(g), g = (y − c)/c, |g| < 2^−6.46; n = y − c is
# exact (Sterbenz; where m = 0 from v = s − 1, which the caller passes exactly).
#   g = q1 + g_lo: q1 = n_hi/c cut to 46 bits (Veltkamp), so q1·c (7 bits) is exact, n_hi − q1·c
#     is exact (Sterbenz), and g_lo = (that + n_lo)/c is rounded twice: < 2^−98·|g| + 2^−104
#     (s and v normalised first, so |n_lo| ≤ u·|y|, or ≤ u·|v| where n = v).
#   log1p(g) = g − g²/2 + g³·(1/3 − g/4 + … − g⁷/10) + tail, the tail < |g|·g¹⁰/11 < 2^−68·|g|.
#     g² = q1² (exact, Dekker) + 2·q1·g_lo (g_lo² dropped: < 2^−90 of the result); g³ and the
#     polynomial from the rounded g, each a few u relative: < 4u·g³/3 < 2^−64.5·|g|. So
#     log1p(g) = S_hi + S_lo, S_hi and the first part of S_lo the exact TwoSum of q1 and −q1²/2,
#     to < 2^−64·|g|.
#   The sum m·ln 2 (m·LN2_HI exact) + log c (a dd to 2^−104) + log1p(g), by two TwoSums and a
#     rounded sum of the low parts (< 3u of them, below 2^−66 of the result). Where m = 0 and
#     i ≠ 0 the terms may cancel to 2^−7.6 (|log c| ≥ 2^−6.0, |log1p g| ≤ 2^−6.4): errors of
#     2^−64·|g| become < 2^−62.6 of the result. So log s is within 2^−62 of its value at the dd s.
# log σ(t) = −log1p(e) (t ≥ 0), −|t| − log1p(e) (t < 0), e = e^(−|t|) to ε_E < 2^−60.8: log1p(e)
#     moves by < ε_E·e/(1 + e), below ε_E of log1p(e); so < 2^−60.8 + 2^−62 + 2u² < 2^−60.2, and
#     the sum with −|t| (same sign) adds u². logit(p) = log(p/(1 − p)): the quotient (or, for
#     ¼ ≤ p ≤ ¾, v = (2p − 1)/(1 − p) and 1 + v) a dd to 2^−73, so < 2^−61.9.
#     QUICK_LOG_ERROR = 2^−59.5.

QUICK_LOG_ERROR = 2.0**-59.5
_LOG_POLYNOMIAL = tuple((-1.0) ** (n + 1) / n for n in range(3, 11))  # 1/3, −1/4, …, −1/10
_SPLIT_46 = 129.0  # 2^7 + 1: Veltkamp's split keeps the top 46 bits


def _log(xp: _Array, s_hi: Any, s_lo: Any, v_hi: Any, v_lo: Any) -> tuple[Any, Any]:
    """log s to a relative 2^−62 for a dd s > 0 (normal), v = s − 1 exactly where s ∈ [√½, √2)."""
    np = xp.np
    # Normalised, |lo| ≤ u·|hi|: then g_lo is below 2^−46·|g| + u·|y|, and dropping g_lo² costs
    # < 2^−90 of the result (the quotients callers pass have low parts up to 2^−25).
    s_hi, s_lo = _fast_two_sum(s_hi, s_lo)
    v_hi, v_lo = _fast_two_sum(v_hi, v_lo)
    m = xp.exponent(s_hi)
    down = s_hi * _bit_power(xp.np, -m)  # in [½, 1)
    m = m - (down < 0.7071067811865476)
    scale = _bit_power(xp.np, -m)
    y_hi, y_lo = s_hi * scale, s_lo * scale
    i = xp.to_int(xp.rint((y_hi - 1.0) * 64.0))
    c = 1.0 + i.astype(np.float64) * (1.0 / 64.0)
    inner = m == 0
    n_hi = np.where(inner, v_hi - (c - 1.0), y_hi - c)
    n_lo = np.where(inner, v_lo, y_lo)
    big = (n_hi / c) * _SPLIT_46
    q1 = big - (big - n_hi / c)
    g_lo = ((n_hi - q1 * c) + n_lo) / c
    g = q1 + g_lo
    sq_hi, sq_lo = square_exact(q1)
    poly = _LOG_POLYNOMIAL[-1]
    for coefficient in reversed(_LOG_POLYNOMIAL[:-1]):
        poly = coefficient + g * poly
    cubic = g * (g * g) * poly
    s1_hi, s1_lo = _two_sum(q1, -0.5 * sq_hi)
    s1_lo = s1_lo + (((g_lo - 0.5 * sq_lo) - q1 * g_lo) + cubic)
    table_hi, table_lo = _look_up(xp, _log_pairs(), i + 20)
    mf = m * 1.0
    a_hi, a_lo = _two_sum(mf * _LN2_HI, table_hi)
    b_hi, b_lo = _two_sum(a_hi, s1_hi)
    return b_hi, b_lo + (a_lo + (mf * _LN2_LO + table_lo) + s1_lo)


def log_logistic(
    xp: _Array, x: Any, k: float = 1.0, x0: float = 0.0, big_l: float = 1.0, complement: bool = False
) -> tuple[Any, Any]:
    """rounded.log_logistic's value for a float64 array of finite x, and where it is decided."""
    inside, h, lo = _log_sigma(xp, x, k, x0, complement)
    scale, h, lo = _times(xp, 0, h, lo, big_l)
    result, decided = _decide(xp, scale, h, lo, QUICK_LOG_ERROR)
    return result, decided & inside


def _log_sigma(xp: _Array, x: Any, k: float, x0: float, complement: bool) -> tuple[Any, Any, Any]:
    """log σ(±k(x − x0)) = h + lo to 2^−60.2, and where |t| is in the domain."""
    t_hi, t_lo = signed_argument(xp, x, k, x0, complement)  # |t| ≤ 2200: past the domain anyway
    negative, a_hi, a_lo = _folded(xp, t_hi, t_lo)
    big_k, e_hi, e_lo = _exp_negative(xp, xp.np.minimum(a_hi, _DOMAIN), a_lo)
    down = _bit_power(xp.np, big_k)
    v_hi, v_lo = e_hi * down, e_lo * down  # e, normal: K ≥ −1010
    s_hi, s_lo = _fast_two_sum(1.0, v_hi)
    l_hi, l_lo = _log(xp, s_hi, s_lo + v_lo, v_hi, v_lo)
    n_hi, n_lo = _two_sum(-a_hi, -l_hi)  # t < 0: −|t| − log1p(e)
    h = xp.where(negative, n_hi, -l_hi)
    lo = xp.where(negative, n_lo - a_lo - l_lo, -l_lo)
    return a_hi < _DOMAIN, h, lo


def _divide_relative(n_hi: Any, n_lo: Any, d_hi: Any, d_lo: Any) -> tuple[Any, Any]:
    """(N_hi + N_lo)/(D_hi + D_lo) as q1 + q2 to a relative 2^−73 whatever its size: q1 the top 26
    bits of the quotient (Veltkamp), D_hi split in two halves, so both products are exact and
    N_hi − q1·D_top is exact (Sterbenz); the remainder is rounded at 2^−25 of N."""
    q1, _ = split(n_hi / d_hi)
    d_top, d_bot = split(d_hi)
    remainder = ((n_hi - q1 * d_top) - q1 * d_bot) + (n_lo - q1 * d_lo)
    return q1, remainder / d_hi


def logit(xp: _Array, p: Any) -> tuple[Any, Any]:
    """rounded.logit's value for a float64 array of 0 < p < 1 (p ≠ ½), and where it is decided."""
    h, lo = _logit(xp, p)
    result, decided = _decide(xp, 0, h, lo, QUICK_LOG_ERROR)
    return result, decided & (p > 2.0**-1000)


def _logit(xp: _Array, p: Any) -> tuple[Any, Any]:
    """logit(p) = h + lo to 2^−61.9, each branch on its own lanes."""
    return logit_branches(xp, p, _logit_middle, _logit_tails)


def _logit_middle(xp: _Array, p: Any) -> tuple[Any, Any]:
    """log1p(v), v = (2p − 1)/(1 − p) (2p − 1 exact), for ¼ ≤ p ≤ ¾."""
    d_hi, d_lo = _two_sum(1.0, -p)
    v_hi, v_lo = _divide_relative(2.0 * p - 1.0, 0.0, d_hi, d_lo)
    s_hi, s_lo = _two_sum(1.0, v_hi)
    return _log(xp, s_hi, s_lo + v_lo, v_hi, v_lo)


def _logit_tails(xp: _Array, p: Any) -> tuple[Any, Any]:
    """log(q/(1 − q)), q = min(p, 1 − p) (exact), negated for p > ¾; q/(1 − q) < ⅓, so m < 0."""
    mirrored = p > 0.75
    q = xp.where(mirrored, 1.0 - p, p)
    q = xp.np.maximum(q, 2.0**-1000)  # smaller q: left to rounded.py (the caller's mask)
    d_hi, d_lo = _two_sum(1.0, -q)
    r_hi, r_lo = _divide_relative(q, 0.0, d_hi, d_lo)
    l_hi, l_lo = _log(xp, r_hi, r_lo, r_hi, r_lo)  # v is not used: m < 0
    return xp.where(mirrored, -l_hi, l_hi), xp.where(mirrored, -l_lo, l_lo)


def evaluate(
    kind: str,
    x: Any,
    k: float = 1.0,
    x0: float = 0.0,
    big_l: float = 1.0,
    complement: bool = False,
    float32: bool = False,
) -> Any:
    """rounded.evaluate (the same arguments, the same results), with this quick phase first for
    float64 arrays (every kind: value, grad, log, log-grad, logit)."""
    quick = _quick_kernel(kind, k, x0, big_l, complement)
    if isinstance(x, float) or quick is None or float32 or big_l == 0:
        return rounded.evaluate(kind, x, k, x0, big_l, complement, float32)
    import numpy as np

    flat = np.ascontiguousarray(x, dtype=np.float64).reshape(-1)
    accurate = rounded.kernel(kind, k, x0, big_l, complement, rounded.DOUBLE)
    ops = rounded.array_ops()
    out = np.empty_like(flat)
    open_lanes = np.empty(len(flat), dtype=bool)
    with np.errstate(all="ignore"):  # lanes a where() discards may overflow: by design
        for block in rounded.block_slices(len(flat)):
            out[block], decided = quick(ops, flat[block])
            np.logical_not(decided, out=open_lanes[block])
        # The rest in one go: a numpy pass costs about a microsecond whatever its length.
        rest = np.flatnonzero(open_lanes)
        if len(rest):
            out[rest] = rounded.blocks(accurate, ops, flat[rest])
    return out.reshape(np.shape(x))


def _quick_kernel(kind: str, k: float, x0: float, big_l: float, complement: bool) -> Any:
    """The quick phase of a kind, chosen as rounded.kernel chooses the accurate one."""
    return choose(kind, k, x0, big_l, complement, logistic, log_logistic, logit)
