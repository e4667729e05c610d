"""Correctly rounded σ, 1 − σ, σ' and L·σ(k(x − x0)): a double-double value, a rounding test,
and an exact fallback for the few values the test cannot decide (Ziv's strategy).

Every function here returns the double nearest to the exact real value at the input doubles
(ties to even), on both paths: ``xp`` is ``SCALAR`` (Python floats, for `sigmoid eval 0.5`,
which must not import numpy) or ``ARRAY`` (numpy, for streams and the API). IEEE arithmetic
on Python floats and on numpy float64 arrays is the same, so both paths compute the same
double-double; and since the result is the correctly rounded one, it cannot depend on which
path, CPU or libm computed it. ``exp``/``log`` of the platform are never used for a bit of
the answer.

Notation: u = 2⁻⁵³ (the unit roundoff); a double-double (dd) is hi + lo with |lo| ≲ u·|hi|.
The building blocks are exact (Knuth's TwoSum, Dekker's TwoProduct with Veltkamp's split), so
the only errors are the ones each comment bounds.

The fast value. e^(−a) for a = |t| ≥ 0 (t is the argument, a double or a dd):
    n = rint(a·256/ln 2), a = n·(ln 2/256) + r, |r| ≤ ln 2/512 < 2^−9.53 (+ a hair: n is
    rounded from a rounded product, so |r| ≤ ln 2/512 + 2^−40; we use R = 2^−9.5);
    e^(−a) = 2^(−K)·T_j·e^(−r), n = 256·K + j, T_j = 2^(−j/256)... computed as 2^(j'/256)
    with j' = (−n) mod 256 so that the table holds 2^(j/256) ∈ [1, 2).
  Reduction: ln 2/256 = C1 + C2 + C3 with C1, C2 of at most 32 bits, so n·C1 and n·C2 are exact
    for |n| < 2^20 (a ≤ 2200 gives |n| ≤ 813,000); a − n·C1 is exact (the operands are within a
    factor 2, or n = 0); (a − n·C1) − n·C2 is an exact TwoSum; n·C3 (|n·C3| < 2^−56) is rounded
    (error < 2^−109) and the truncation of C3 costs |n|·2^−130 < 2^−110. With a's own low part
    (a dd), |error of r| < 2^−105.
  Polynomial: e^ρ − 1 = ρ + ρ²/2 + ρ³·(1/6 + ρ/24 + ρ²/120 + ρ³/720 + ρ⁴/5040 + ρ⁵/40320)
    + tail, ρ = −r; the tail is below R⁹/9!·1.01 < 2^−103. ρ² is exact (TwoProduct) up to
    the dropped ρ_lo² < 2^−124; the cubic part P3 (|P3| < R³/6·1.001 < 2^−31.08) is evaluated in
    double: each of its ~12 roundings is relative u to a partial result no larger than the
    final one (all terms have the sign pattern of ρ's powers and shrink by > 2^9 each), so
    |error of P3| < 7u·|P3| < 2^−81.3. Dropping ρ_lo in P3 costs < 3·ρ²·|ρ_lo|/6 < 2^−82.
  Assembly: E = T·(1 + P) with T a dd to 2^−104 (built from integers, see _table), T_hi·P_hi
    exact (TwoProduct), the other products and the sum of the low parts rounded: their size is
    below 2^−30, so their roundings add < 4·2^−30·u < 2^−81.
  Together: e^(−a) = 2^(−K)·E·(1 + ε₁), |ε₁| < 2^−81.3 + 2^−82 + 2^−81 + 2^−100 < 2^−79.6.
    (T ∈ [1, 2) and e^ρ ≥ 1 − 2^−9.5 keep E ≥ 0.998, so an absolute error δ is a relative one
    below 1.002·δ.)
σ(t) = 1/(1 + e) for t ≥ 0 and e/(1 + e) for t < 0, e = e^(−|t|): 1 + e has relative error
    ε₁·e/(1 + e) ≤ ε₁/2 plus 2u² from its dd sum; a dd division adds < 4u²; so σ has relative
    error < 1.5·ε₁ + 8u² < 2^−79. σ'(t) = e/(1 + e)²: < 2ε₁ + 12u² < 2^−78.6. A dd argument t
    (k·(x − x0)) with relative error δ_t moves σ(t) by |t|·σ(−|t|)·δ_t ≤ 2200·δ_t; the exact
    TwoSum x − x0 and the dd product by k give δ_t < 3u², so < 2^−93. A factor L (or L·k,
    exact as a dd) adds < 3u². The bound used in the rounding test: ERROR = 2^−78.
The rounding test (_round). v = 2^S·(h + lo) with |v − 2^S(h + lo)| ≤ ERROR·|2^S h|. On the grid of
    doubles near v (spacing q: 2^(exponent − 52), 2^−1074 for subnormals, halved just below a
    power of two), h/q is exact and (h/q − n₀) + l/q = f is rounded once (< 2^−52 for |f| ≤ 2);
    the nearest grid point is n₀ + rint(f) unless |f − rint(f)| is within ERROR·|h|/q + 2^−51
    of ½. Those values (a share of about 2^−24 of random inputs) go to the exact fallback.
float32 (--dtype float32): the same value and bound, the test on the float32 grid (24 bits,
    subnormals from 2^−149, inf from 2^128) and the fallback rounding to float32: one rounding
    of the exact value, where rounding the correctly rounded double again would be wrong
    whenever that double is exactly a float32 midpoint.
The exact fallback (_exact): mpmath at precision p = 128, 256, …: the value v_p has relative
    error below 2^(−p+12) (a handful of correctly rounded operations, each condition number at
    most |t| ≤ 2^11 as above), both ends of [v_p(1 − 2^(−p+12)), v_p(1 + 2^(−p+12))] are rounded
    to double exactly (integer arithmetic on the dyadic numbers), and p doubles until they agree.
"""

from __future__ import annotations

import math
from functools import cache, partial
from typing import TYPE_CHECKING, Any

from .kernels import split, square_exact

if TYPE_CHECKING:  # fractions costs 8 ms to import: only the exact fallback needs it
    from fractions import Fraction

_ERROR = 2.0**-78  # the relative error bound of every fast value here (see above)
_INV_STEP = float.fromhex("0x1.71547652b82fep+8")  # 256/ln 2 (any close value: only picks n)
_C1 = float.fromhex("0x1.62e42ff000000p-9")  # ln 2/256 = C1 + C2 + C3, C1 and C2 of ≤ 32 bits
_C2 = float.fromhex("-0x1.718432a200000p-43")
_C3 = float.fromhex("0x1.3c7673007e5edp-77")
_LIMIT = LIMIT = 2200.0  # |t| beyond: σ is 1, or σ and σ' are below 2^−3170 (times |L·k| ≤ 2^2048: 0)
_INV_FACTORIAL = tuple(1.0 / math.factorial(i) for i in range(9))
_fallbacks = 0
Target = tuple[int, int, int]  # significant bits, exponent of the smallest subnormal, of overflow
DOUBLE: Target = (53, -1074, 1024)
SINGLE: Target = (24, -149, 128)  # --dtype float32


def fallbacks() -> int:
    """How many values so far in this process the rounding test sent to the exact fallback."""
    return _fallbacks


# --- the two paths' primitive operations ------------------------------------------------------


class _Scalar:
    """Python floats (and ints for exponents)."""

    @staticmethod
    def where(cond: Any, a: Any, b: Any) -> Any:
        return a if cond else b

    @staticmethod
    def rint(x: float) -> float:
        return float(round(x))

    @staticmethod
    def to_int(x: float) -> int:
        return int(x)

    @staticmethod
    def power(e: int) -> float:
        return math.ldexp(1.0, max(-1022, min(1023, e)))

    @staticmethod
    def exponent(x: float) -> int:
        return math.frexp(x)[1]

    @staticmethod
    def absolute(x: float) -> float:
        return abs(x)

    @staticmethod
    def maximum(a: Any, b: Any) -> Any:
        return max(a, b)

    @staticmethod
    def clip(x: float, low: float, high: float) -> float:
        return low if x < low else high if x > high else x

    @staticmethod
    def isfinite(x: float) -> bool:
        return math.isfinite(x)

    @staticmethod
    def copysign(a: float, b: float) -> float:
        return math.copysign(a, b)

    @staticmethod
    def invert(mask: bool) -> bool:
        return not mask

    @staticmethod
    def any(mask: bool) -> bool:
        return mask


class _Array:
    """numpy arrays of float64 (int64 for exponents)."""

    def __init__(self) -> None:
        import numpy as np

        self.np = np

    def where(self, cond: Any, a: Any, b: Any) -> Any:
        return self.np.where(cond, a, b)

    def rint(self, x: Any) -> Any:
        return self.np.rint(x)

    def to_int(self, x: Any) -> Any:
        return x.astype(self.np.int64)

    def power(self, e: Any) -> Any:
        """2^e for integers −1022 ≤ e ≤ 1023 (others are clipped to that range: callers mask
        them), from the bits (np.ldexp is ten times slower)."""
        return ((self.np.clip(e, -1022, 1023) + 1023) << 52).view(self.np.float64)

    def exponent(self, x: Any) -> Any:
        """frexp's exponent of normal doubles, from the bits."""
        return ((x.view(self.np.int64) >> 52) & 0x7FF) - 1022

    def absolute(self, x: Any) -> Any:
        return self.np.abs(x)

    def maximum(self, a: Any, b: Any) -> Any:
        return self.np.maximum(a, b)

    def clip(self, x: Any, low: float, high: float) -> Any:
        return self.np.clip(x, low, high)

    def isfinite(self, x: Any) -> Any:
        return self.np.isfinite(x)

    def copysign(self, a: Any, b: Any) -> Any:
        return self.np.copysign(a, b)

    def invert(self, mask: Any) -> Any:
        return ~mask

    def any(self, mask: Any) -> bool:
        return bool(mask.any())


SCALAR = _Scalar()


@cache
def array_ops() -> _Array:
    return _Array()


# --- exact building blocks ------------------------------------------------------------------


def _two_sum(a: Any, b: Any) -> tuple[Any, Any]:
    """a + b = s + e exactly (Knuth)."""
    s = a + b
    bb = s - a
    return s, (a - (s - bb)) + (b - bb)


def _fast_two_sum(a: Any, b: Any) -> tuple[Any, Any]:
    """a + b = s + e exactly when |a| ≥ |b| (Dekker)."""
    s = a + b
    return s, b - (s - a)


def _two_prod(a: Any, b: Any) -> tuple[Any, Any]:
    """a·b = p + e exactly (Dekker; |a|, |b| < 2^995 so the split cannot overflow)."""
    a_hi, a_lo = split(a)
    b_hi, b_lo = split(b)
    p = a * b
    return p, ((a_hi * b_hi - p) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo


def _dd_mul(a_hi: Any, a_lo: Any, b_hi: Any, b_lo: Any) -> tuple[Any, Any]:
    """(a_hi + a_lo)(b_hi + b_lo) to a relative 3u² (not renormalised)."""
    p, e = _two_prod(a_hi, b_hi)
    return p, e + (a_hi * b_lo + a_lo * b_hi)


def _dd_div(a_hi: Any, a_lo: Any, b_hi: Any, b_lo: Any) -> tuple[Any, Any]:
    """(a_hi + a_lo)/(b_hi + b_lo) to a relative 4u²."""
    q = a_hi / b_hi
    p, e = _two_prod(q, b_hi)
    remainder = ((a_hi - p) - e) + a_lo - q * b_lo
    return q, remainder / b_hi


# --- e^(−a) -------------------------------------------------------------------------------------


@cache
def _pairs() -> tuple[tuple[float, float], ...]:
    """2^(j/256) for j = 0 … 255 as (hi, lo) pairs to 2^−110, from integer square roots."""
    bits = 130
    roots = []  # 2^(1/2^i)·2^bits for i = 1 … 8, each to within 2 units of 2^−bits
    value = 2 << bits
    for _ in range(8):
        value = math.isqrt(value << bits)
        roots.append(value)
    pairs = []
    for j in range(256):
        product = 1 << bits
        for i in range(8):
            if j >> (7 - i) & 1:
                product = (product * roots[i]) >> bits
        hi = product / (1 << bits)  # int / int rounds correctly
        numerator, denominator = hi.as_integer_ratio()
        lo = (product * denominator - (numerator << bits)) / (denominator << bits)
        pairs.append((hi, lo))
    return tuple(pairs)


@cache
def _as_arrays(pairs: tuple[tuple[float, float], ...]) -> tuple[Any, Any]:
    """A table of dd pairs as two numpy arrays (hi, lo), made once per table."""
    import numpy as np

    both = np.array(pairs, dtype=np.float64)
    return both[:, 0].copy(), both[:, 1].copy()


def _look_up(xp: Any, pairs: tuple[tuple[float, float], ...], index: Any) -> tuple[Any, Any]:
    """Entry ``index`` of a dd table: a pair for a scalar index, two arrays for an array."""
    if xp is SCALAR:
        return pairs[index]
    hi, lo = _as_arrays(pairs)
    return hi[index], lo[index]


def _exp_negative(xp: Any, a_hi: Any, a_lo: Any) -> tuple[Any, Any, Any]:
    """e^(−a) = 2^K·(E_hi + E_lo)·(1 + ε₁), |ε₁| < 2^−79.6, for 0 ≤ a ≤ _LIMIT (dd a)."""
    n = xp.rint(a_hi * _INV_STEP)
    r_hi, r_lo = _two_sum(a_hi - n * _C1, -(n * _C2))
    r_lo = r_lo + (a_lo - n * _C3)
    rho_hi, rho_lo = _two_sum(-r_hi, -r_lo)  # ρ = −r, |ρ| < 2^−9.5
    m = xp.to_int(n)
    j = (-m) & 255  # the same for Python ints and int64: −n mod 256
    big_k = (-m - j) // 256  # −n = 256·K + j: e^(−a) = 2^K·2^(j/256)·e^ρ
    q_hi, q_lo = square_exact(rho_hi)
    q_lo = q_lo + 2.0 * rho_hi * rho_lo  # ρ² = q_hi + q_lo
    inner = _INV_FACTORIAL[8]
    for coefficient in reversed(_INV_FACTORIAL[3:8]):
        inner = coefficient + rho_hi * inner
    cubic = rho_hi * q_hi * inner  # ρ³·(1/3! + ρ/4! + … + ρ⁵/8!)
    # P = ρ + ρ²/2 + cubic: |ρ²/2| ≤ |ρ| keeps the Fast2Sum exact.
    p_hi, p_lo = _fast_two_sum(rho_hi, 0.5 * q_hi)
    p_lo = p_lo + (rho_lo + 0.5 * q_lo) + cubic
    t_hi, t_lo = _look_up(xp, _pairs(), j)
    # E = T·(1 + P) = T_hi + (T_hi·P_hi exactly) + (T_hi·P_lo + T_lo·(1 + P)).
    u_hi, u_lo = _two_prod(t_hi, p_hi)
    e_hi, e_lo = _fast_two_sum(t_hi, u_hi)
    e_lo = e_lo + (u_lo + t_hi * p_lo + t_lo * (1.0 + p_hi))
    e_hi, e_lo = _fast_two_sum(e_hi, e_lo)  # renormalised: _dd_div needs |lo| ≤ u·|hi|
    return big_k, e_hi, e_lo


# --- σ and σ' as scaled double-doubles ---------------------------------------------------------


_HUGE = 2.0**900
_BIG_SCALE = 2.0**200


def _argument(xp: Any, x: Any, k: float, x0: float, limit: float = _LIMIT) -> tuple[Any, Any]:
    """t = k·(x − x0) for finite x as a dd (relative error < 3u²: x − x0 is an exact TwoSum,
    the product a TwoProduct), clipped to ±limit, past which σ and σ' no longer change. (log σ
    asks for 2^900: log σ(t) is t itself there, and beyond it mpmath.)"""
    if (k, x0) == (1.0, 0.0):
        return xp.clip(x, -limit, limit), 0.0
    d_hi, d_lo = _two_sum(x, -x0)
    factor: Any = k
    wide = xp.invert(xp.isfinite(d_hi))
    if xp.any(wide):  # x − x0 overflowed: halves
        h_hi, h_lo = _two_sum(0.5 * x, -0.5 * x0)
        d_hi, d_lo = xp.where(wide, h_hi, d_hi), xp.where(wide, h_lo, d_lo)
        factor = xp.where(wide, 2.0 * k, k)
    rough = factor * d_hi
    settled = xp.invert(xp.absolute(rough) <= 2 * limit)  # or nan
    # Keep Veltkamp's split from overflowing: one of the two is huge only if the other is tiny.
    big_d = xp.absolute(d_hi) > _HUGE
    big_k = xp.absolute(factor) > _HUGE
    up = xp.where(big_k, 1.0 / _BIG_SCALE, xp.where(big_d, _BIG_SCALE, 1.0))
    d_hi, d_lo = xp.where(settled, 0.0, d_hi / up), xp.where(settled, 0.0, d_lo / up)
    t_hi, t_lo = _dd_mul(d_hi, d_lo, xp.where(settled, 0.0, factor * up), 0.0)
    t_hi, t_lo = _fast_two_sum(t_hi, t_lo)
    edge = xp.copysign(limit, rough)
    t_hi = xp.where(settled, edge, xp.clip(t_hi, -limit, limit))
    return t_hi, xp.where(settled | (xp.absolute(t_hi) >= limit), 0.0, t_lo)


def _folded(xp: Any, t_hi: Any, t_lo: Any) -> tuple[Any, Any, Any]:
    """t < 0, and |t| as a dd (a plain 0.0 low part stays a scalar: no pass over the block)."""
    negative = t_hi < 0
    a_lo = 0.0 if isinstance(t_lo, float) and t_lo == 0.0 else xp.where(negative, -t_lo, t_lo)
    return negative, xp.absolute(t_hi), a_lo


def _unscaled(xp: Any, big_k: Any, e_hi: Any, e_lo: Any) -> tuple[Any, Any]:
    """e = 2^K·E as doubles, to be added to 1: for K < −1022, e < 2^−1021 is replaced by a
    number as small, and 1 + e is then 1 within 2^−1020."""
    down = xp.power(xp.maximum(big_k, -1022))
    return e_hi * down, e_lo * down


def sigma_parts(xp: Any, t_hi: Any, t_lo: Any) -> tuple[Any, Any, Any, Any, Any, Any, Any, Any]:
    """What σ(t) and σ'(t) are made of: (t < 0, K, E as a dd with e = e^(−|t|) = 2^K·E,
    e unscaled as a dd (a tiny e replaced as _unscaled says), 1 + e as a dd)."""
    negative, a_hi, a_lo = _folded(xp, t_hi, t_lo)
    big_k, e_hi, e_lo = _exp_negative(xp, a_hi, a_lo)
    small_hi, small_lo = _unscaled(xp, big_k, e_hi, e_lo)
    d_hi, d_lo = _fast_two_sum(1.0, small_hi)
    d_hi, d_lo = _fast_two_sum(d_hi, d_lo + small_lo)
    return negative, big_k, e_hi, e_lo, small_hi, small_lo, d_hi, d_lo


def grad_from_parts(parts: tuple[Any, ...]) -> tuple[Any, Any, Any]:
    """σ'(t) = e/(1 + e)² = 2^K·(q_hi + q_lo) from sigma_parts, to a relative 2^−78."""
    _, big_k, e_hi, e_lo, _, _, d_hi, d_lo = parts
    s_hi, s_lo = square_exact(d_hi)
    s_lo = s_lo + 2.0 * d_hi * d_lo  # (1 + e)² to 3u²
    q_hi, q_lo = _dd_div(e_hi, e_lo, s_hi, s_lo)
    return big_k, q_hi, q_lo


def _sigma(xp: Any, t_hi: Any, t_lo: Any, grad: bool) -> tuple[Any, Any, Any]:
    """σ(t) (or σ'(t) with ``grad``) = 2^S·(h + lo) to a relative 2^−78 (module docstring)."""
    parts = sigma_parts(xp, t_hi, t_lo)
    if grad:
        return grad_from_parts(parts)
    negative, big_k, e_hi, e_lo, _, _, d_hi, d_lo = parts
    # σ = 1/(1 + e) for t ≥ 0, e/(1 + e) for t < 0
    q_hi, q_lo = _dd_div(xp.where(negative, e_hi, 1.0), xp.where(negative, e_lo, 0.0), d_hi, d_lo)
    return xp.where(negative, big_k, 0 * big_k), q_hi, q_lo


def _times(xp: Any, scale: Any, h: Any, lo: Any, big_l: float, k: float = 1.0) -> tuple[Any, Any, Any]:
    """2^scale·(h + lo) times the constant L·k (nonzero), still scaled: L·k is taken exactly as
    f_hi + f_lo times 2^f_exp with f_hi in [1/4, 1), so it cannot overflow or underflow."""
    if big_l == 1.0 and k == 1.0:  # a factor 1 leaves the value as it is
        return scale, h, lo
    m_l, e_l = math.frexp(big_l)
    m_k, e_k = math.frexp(k)
    f_hi, f_lo = _two_prod(m_l, m_k)
    shrink = xp.where(xp.absolute(h) > _HUGE, 200, 0)  # keeps Veltkamp's split finite
    down = xp.power(-shrink)
    h, lo = _dd_mul(h * down, lo * down, f_hi, f_lo)
    return scale + e_l + e_k + shrink, h, lo


def _rounded(
    xp: Any, scale: Any, h: Any, lo: Any, error: float = _ERROR, target: Target = DOUBLE
) -> tuple[Any, Any]:
    """_round, with _shortcut first for arrays (about 35 numpy passes instead of 60); the
    lanes it cannot decide take _round."""
    if xp is SCALAR or target != DOUBLE:
        return _round(xp, scale, h, lo, error, target)
    np = xp.np
    h, lo = _two_sum(h, lo)
    result, decided = _shortcut(xp, scale, h, lo, error)
    rest = np.flatnonzero(~decided)
    if len(rest):
        scales = scale[rest] if np.ndim(scale) else scale
        result[rest], decided[rest] = _round(xp, scales, h[rest], lo[rest], error)
    return result, decided


def _shortcut(xp: Any, scale: Any, h: Any, lo: Any, error: float) -> tuple[Any, Any]:
    """2^scale·h and where it is the double nearest 2^scale·(h + lo), for arrays with h + lo a
    TwoSum (|lo| ≤ ½ ulp of h) within error·|h| of the value: where 2^scale·h is a normal double
    and |lo| + error·|h| is below half the spacing of the doubles around h. Elsewhere the result
    is meaningless."""
    np = xp.np
    bits = h.view(np.int64)
    biased = (bits >> 52) & 0x7FF
    # Half the spacing: 2^(e − 53) for |h| in [2^e, 2^(e+1)), and half that if h is a power of
    # two (the doubles just below it are twice as dense).
    power_of_two = (bits & 0xFFFFFFFFFFFFF) == 0
    half_ulp = ((biased - 53 - power_of_two) << 52).view(np.float64)
    decided = np.abs(lo) + (error * 1.0000000000000009) * np.abs(h) < half_ulp
    # 2^scale·h is a normal double (the grid above), and 2^scale one (for _bit_power).
    top = biased + scale
    decided &= (top >= 1) & (top <= 2046) & (biased > 54) & (np.abs(scale) <= 1022)
    return h * _bit_power(np, scale), decided  # exact where decided


def _bit_power(np: Any, e: Any) -> Any:
    """2^e from the bits, for integers −1022 ≤ e ≤ 1023 (an array or a Python int); others get
    some double (_Array.power clips them first, which costs more than the rest of it)."""
    return ((np.asarray(e, dtype=np.int64) + 1023) << 52).view(np.float64)


def _round(
    xp: Any, scale: Any, h: Any, lo: Any, error: float = _ERROR, target: Target = DOUBLE
) -> tuple[Any, Any]:
    """The double (or, with SINGLE, float32) nearest 2^scale·(h + lo), and whether the rounding
    test could decide it (the value being within error·|h| of 2^scale·(h + lo): see the module
    docstring). On the target's grid: the same test, with its own spacing and limits."""
    bits, smallest, overflow = target
    h, lo = _two_sum(h, lo)  # h is a normal double, 2^−1000 < |h| < 2^1000, for every caller
    exponent = xp.exponent(h)
    top = exponent - 1 + scale  # 2^top ≤ |2^scale·h| < 2^(top + 1)
    quantum = xp.maximum(top - (bits - 1), smallest)
    # Just below a power of two the doubles are twice as dense.
    power_of_two = (
        (h.view(xp.np.int64) & 0xFFFFFFFFFFFFF) == 0 if xp is not SCALAR else abs(math.frexp(h)[0]) == 0.5
    )
    below = power_of_two & ((h < 0) != (lo < 0)) & (lo != 0) & (top - bits >= smallest)
    quantum = quantum - xp.where(below, 1, 0)
    zero = top <= smallest - 2  # |v| < 2^−1075 (2^−150): rounds to ±0
    up = xp.power(xp.where(zero, 0, scale - quantum))  # 2^(scale − quantum): between 2^−10 and 2^60
    w, w_lo = h * up, lo * up
    n0 = xp.rint(w)
    f = (w - n0) + w_lo
    n1 = xp.rint(f)
    margin = error * 1.0000000000000009 * xp.absolute(w) + 2.0**-51
    decided = (xp.absolute(f - n1) + margin < 0.5) | zero
    # (n0 + n1)·2^quantum, in two exact steps when 2^quantum is subnormal.
    low = xp.where(quantum < -1000, 200, xp.where(quantum > 900, -200, 0))
    result = xp.copysign((n0 + n1) * xp.power(xp.where(zero, 0, quantum + low)) * xp.power(-low), h)
    # Past the largest finite value: ±inf (a double rounding up to 2^1024 overflows by itself).
    huge = top >= overflow if overflow == 1024 else xp.absolute(result) >= 2.0**overflow
    result = xp.where(huge, xp.copysign(math.inf, h), result)
    return xp.where(zero, xp.copysign(0.0, h), result), decided


# --- the exact fallback -----------------------------------------------------------------------


def mp_nearest_double(value: Any) -> float:
    """The double nearest an mpmath number, rounded once (float() of an mpf rounds to 53 bits
    first, and a subnormal result then a second time: not always the nearest)."""
    sign, man, exp, _ = value._mpf_
    if not man:
        return float(value)  # 0, ±inf, nan
    return nearest_double(-man if sign else man, exp)


def nearest_double(n: int, e: int, target: Target = DOUBLE) -> float:
    """The double (or float32, with SINGLE) nearest n·2^e (ties to even; subnormals; ±inf
    past the largest), as a Python float."""
    bits, smallest, overflow = target
    if n == 0:
        return 0.0
    sign = -1.0 if n < 0 else 1.0
    n = abs(n)
    if e + n.bit_length() < smallest - 1:  # below half the smallest subnormal
        return math.copysign(0.0, sign)
    if e + n.bit_length() > overflow + 1:
        return sign * math.inf
    quantum = max(e + n.bit_length() - bits, smallest)
    if quantum <= e:
        m = n << (e - quantum)
    else:
        shift = quantum - e
        m = n >> shift
        rest = n - (m << shift)
        half = 1 << (shift - 1)
        if rest > half or (rest == half and m & 1):
            m += 1
    if m.bit_length() + quantum > overflow:
        return sign * math.inf
    return math.copysign(math.ldexp(float(m), quantum), sign)


def _ziv(evaluate: Any, target: Target = DOUBLE) -> float:
    """The correctly rounded value of ``evaluate(mpmath)`` (an mpf at the working precision p,
    with a relative error below 2^(−p+12)), by Ziv's loop: both ends of that interval are
    rounded to double exactly, and p doubles until they agree."""
    import mpmath

    global _fallbacks
    _fallbacks += 1
    precision = 128
    while True:
        with mpmath.workprec(precision):
            value = evaluate(mpmath)
        sign, man, exp, _ = value._mpf_
        man = -man if sign else man
        if man == 0:
            return 0.0
        slack = abs(man)
        low = nearest_double((man << (precision - 12)) - slack, exp - precision + 12, target)
        high = nearest_double((man << (precision - 12)) + slack, exp - precision + 12, target)
        if low == high or precision > 1 << 15:
            return low
        precision *= 2


def _mp_argument(mp: Any, x: float, k: float, x0: float, complement: bool, limit: float = _LIMIT) -> Any:
    t = mp.mpf(k) * (mp.mpf(x) - mp.mpf(x0))
    t = max(min(t, mp.mpf(limit)), mp.mpf(-limit))
    return -t if complement else t


def _exact(
    x: float,
    k: float,
    x0: float,
    big_l: float,
    complement: bool,
    grad: bool,
    slope: float = 1.0,
    target: Target = DOUBLE,
) -> float:
    """L·σ(±t) or its derivative, from mpmath (each operation correctly rounded, condition
    numbers at most |t| ≤ 2^11.2: the relative error is below 2^(−p+12)). At t = 0 the value
    is rational (L·slope/2, ±L·k/4) and may be a midpoint itself: rounded exactly instead."""
    if x == x0:
        factors = [big_l, slope, 0.5] if not grad else [big_l, -k if complement else k, 0.25]
        return _dyadic_product(factors, target)

    def evaluate(mp: Any) -> Any:
        t = _mp_argument(mp, x, k, x0, complement)
        e = mp.exp(-abs(t))
        if grad:
            return mp.mpf(big_l) * mp.mpf(k) * (-1 if complement else 1) * e / (1 + e) ** 2
        return mp.mpf(big_l) * mp.mpf(slope) * (1 if t >= 0 else e) / (1 + e)

    return _ziv(evaluate, target)


def _nearest_to(value: Fraction, target: Target) -> float:
    """nearest_double of a dyadic rational (a power of two below the line)."""
    return nearest_double(value.numerator, 1 - value.denominator.bit_length(), target)


def _dyadic_product(factors: list[float], target: Target) -> float:
    """The exact product of doubles, rounded once (ties to even)."""
    from fractions import Fraction

    product = Fraction(1)
    for factor in factors:
        product *= Fraction(factor)
    return _nearest_to(product, target)


def _exact_log(
    x: float, k: float, x0: float, big_l: float, complement: bool, target: Target = DOUBLE
) -> float:
    """L·log σ(±t) from mpmath; for t ≤ −64 first from the exact L·t: the rest, −L·log1p(e^t),
    lies between |L|·e^t/2 and |L|·e^t, too small for any working precision when |t| is large
    (and deciding alone when L·t is a midpoint)."""
    from fractions import Fraction

    t = Fraction(k) * (Fraction(x) - Fraction(x0)) * (-1 if complement else 1)
    if t <= -64 and big_l != 0:
        base = Fraction(big_l) * t  # = n·2^e exactly: no midpoint lies within 2^(e−1) of it but itself
        sign = 1 if big_l > 0 else -1
        e = 1 - base.denominator.bit_length()
        # e^t ≤ 2^(m+1) even if m is off by one; |L| < 2^top.
        m = math.floor(float(max(t, Fraction(-(10**7)))) * 1.4426950408889634)
        top = math.frexp(big_l)[1]
        if m + 2 + top < e - 1:  # the rest is below 2^(e−1): any point there rounds as the value
            inside = base - sign * Fraction(2) ** (e - 1)
            return _nearest_to(inside, target)
        # Otherwise the rest is within [B/16, B], B = |L|·2^(m+2): round both ends.
        ends = [base - sign * abs(Fraction(big_l)) * Fraction(2) ** (m + 2 - shift) for shift in (0, 4)]
        rounded = {_nearest_to(v, target) for v in ends}
        if len(rounded) == 1:
            return rounded.pop()

    def evaluate(mp: Any) -> Any:
        t = _mp_argument(mp, x, k, x0, complement, math.inf)
        value = -mp.log1p(mp.exp(-t)) if t >= 0 else t - mp.log1p(mp.exp(t))
        return mp.mpf(big_l) * value

    return _ziv(evaluate, target)


def _exact_logit(p: float, target: Target = DOUBLE) -> float:
    def evaluate(mp: Any) -> Any:
        q = mp.mpf(p)
        if 0.25 <= p <= 0.75:
            return mp.log1p((2 * q - 1) / (1 - q))
        return mp.log(q) - mp.log1p(-q)

    return _ziv(evaluate, target)


def _settle(xp: Any, result: Any, decided: Any, exact: Any, x: Any) -> Any:
    """The results, with the ones the rounding test left open taken from ``exact``."""
    if xp is SCALAR:
        return result if decided else exact(x)
    for i in xp.np.flatnonzero(~decided).tolist():
        result[i] = exact(float(x[i]))
    return result


# --- entry points ----------------------------------------------------------------------------------


def logistic(
    xp: Any,
    x: Any,
    k: float = 1.0,
    x0: float = 0.0,
    big_l: float = 1.0,
    complement: bool = False,
    grad: bool = False,
    slope: float = 1.0,
    target: Target = DOUBLE,
) -> Any:
    """slope·L·σ(±k(x − x0)) (or, with ``grad``, L·k·σ' there: the x-derivative), correctly
    rounded, for finite x (a float with ``SCALAR``, a float64 array with ``array_ops()``).
    ``slope`` ±k gives the derivative of L·log σ(±t), which is ±L·k·σ(∓t)."""
    if big_l == 0:
        return 0.0 * x  # L = 0: the value is 0 everywhere
    t_hi, t_lo = signed_argument(xp, x, k, x0, complement)
    scale, h, lo = _sigma(xp, t_hi, t_lo, grad)
    scale, h, lo = _times(xp, scale, h, lo, big_l, factor(k, complement, grad, slope))
    result, decided = _rounded(xp, scale, h, lo, _ERROR, target)
    return _settle(
        xp, result, decided, lambda value: _exact(value, k, x0, big_l, complement, grad, slope, target), x
    )


def signed_argument(xp: Any, x: Any, k: float, x0: float, complement: bool) -> tuple[Any, Any]:
    """±t = ±k(x − x0) as a dd (_argument), negated for 1 − σ."""
    t_hi, t_lo = _argument(xp, x, k, x0)
    return (-t_hi, -t_lo) if complement else (t_hi, t_lo)


def factor(k: float, complement: bool, grad: bool, slope: float) -> float:
    """The constant that multiplies σ(±t) after L: ±k for σ' (the chain rule), else ``slope``."""
    return (-k if complement else k) if grad else slope


BLOCK = 4096  # values per numpy pass: ~100 temporaries of 32 KiB stay in cache and in malloc's heap


def kernel(kind: str, k: float, x0: float, big_l: float, complement: bool, target: Target) -> Any:
    """The function of (xp, finite x) for one kind of result."""
    chosen = choose(
        kind,
        k,
        x0,
        big_l,
        complement,
        partial(logistic, target=target),
        partial(log_logistic, target=target),
        partial(logit, target=target),
    )
    if chosen is None:
        raise ValueError(kind)
    return chosen


def choose(
    kind: str, k: float, x0: float, big_l: float, complement: bool, sigma: Any, log_sigma: Any, logit_of: Any
) -> Any:
    """The function of (xp, x) for one kind, from a family's three kernels (this module's or the
    quick phase's), or None for an unknown kind."""
    if kind in ("value", "grad"):
        grad = kind == "grad"
        return lambda xp, x: sigma(xp, x, k, x0, big_l, complement, grad=grad)
    if kind == "log-grad":  # d/dx L·log σ(±t) = ±L·k·σ(∓t)
        slope = -k if complement else k
        return lambda xp, x: sigma(xp, x, k, x0, big_l, not complement, slope=slope)
    if kind == "log":
        return lambda xp, x: log_sigma(xp, x, k, x0, big_l, complement)
    if kind == "logit":
        return logit_of
    return None


def evaluate(
    kind: str,
    x: Any,
    k: float = 1.0,
    x0: float = 0.0,
    big_l: float = 1.0,
    complement: bool = False,
    float32: bool = False,
) -> Any:
    """A correctly rounded result for finite x: a float, or a float64 numpy array (computed
    block by block: about 2.5 times faster than one pass, whose temporaries would each be
    fresh pages). ``kind`` is value, grad, log, log-grad or logit (for logit 0 < x < 1, x ≠ ½).
    With ``float32`` the result is the correctly rounded float32 (held in a float64)."""
    chosen = kernel(kind, k, x0, big_l, complement, SINGLE if float32 else DOUBLE)
    if isinstance(x, float):
        return chosen(SCALAR, x)
    import numpy as np

    ops = array_ops()
    flat = np.ascontiguousarray(x, dtype=np.float64).reshape(-1)
    with np.errstate(all="ignore"):  # lanes a where() discards may overflow: by design
        return blocks(chosen, ops, flat).reshape(np.shape(x))


def blocks(kernel: Any, ops: _Array, flat: Any) -> Any:
    """``kernel`` over a flat array, block by block."""
    import numpy as np

    if len(flat) <= BLOCK:
        return kernel(ops, flat)
    out = np.empty_like(flat)
    for block in block_slices(len(flat)):
        out[block] = kernel(ops, flat[block])
    return out


def block_slices(count: int) -> list[slice]:
    """``count`` values in blocks of equal size, between about ⅔ and 1½ BLOCK: a pass costs about
    a microsecond whatever its length, so 8,400 values are two blocks of 4,200, not 4,096, 4,096
    and 208."""
    blocks = max(1, round(count / BLOCK))
    size = -(-count // blocks)
    return [slice(start, start + size) for start in range(0, count, max(size, 1))]


# --- logarithms: log σ, log(1 − σ), logit ---------------------------------------------------------
#
# log(s) for a dd s > 0 = m·ln 2 + log(c) + log1p(g): s = 2^m·y with y in [√½, √2), c = 1 + i/64
# the table point nearest y, g = (y − c)/c with |g| < 2^−6.4 (y − c is exact: Sterbenz). With
# w = g/(2 + g), |w| < 2^−7.4: log1p(g) = 2w + (2/3)w³ + w⁵·(2/5 + (2/7)w² + … + (2/13)w⁸) + tail,
# the tail below 2w·w¹⁴/15 < 2w·2^−107. 2w and (2/3)w³ are dds (relative errors ≤ 12u²); the
# w⁵ part, relative to 2w at most w⁴/5 < 2^−31.9, is double: ≤ 7u of it, < 2^−82.9 of 2w. So
# log1p(g) has a relative error < 2^−82. The table (log c and ln 2 as dds, from decimal's
# correctly rounded ln at 45 digits) is good to 2^−104, and m·ln2_hi is exact (42 bits).
# Adding the three: where m = 0 and i ≠ 0 they can cancel to at least 2^−8.1 while log c is
# 2^−6.05 and |log1p g| ≤ 2^−6.4, so the relative error is < 2^−82·2^1.7 + 2^−100 < 2^−80; with
# m ≠ 0, |log s| ≥ 0.34 and nothing cancels much. log1p(v) for v near 0 (m = 0, i = 0) is the
# series alone: g = v exactly, a relative 2^−82.
# log σ(t) = −log1p(e) for t ≥ 0 and −|t| − log1p(e) for t < 0, e = e^(−|t|) (relative error
# 2^−79.6, condition number of log1p ≤ 1): < 2^−79.6 + 2^−80 + 4u² < 2^−78.7. For e < 2^−60,
# −log1p(e) = −e·(1 − e/2) to 2^−119, kept scaled (it is subnormal for t > 708).
# logit(p): log1p((2p − 1)/(1 − p)) for ¼ ≤ p ≤ ¾ (the quotient a dd to 4u², condition ≤ 1.82);
# for p < ¼, log p − log1p(−p) (|log p| ≥ 1.38 ≥ 4.8·log1p(p): the difference keeps 2^−79);
# for p > ¾ the mirror image −logit(1 − p), 1 − p exact. Bound used: _LOG_ERROR = 2^−77.
_LOG_ERROR = 2.0**-77
_LN2_HI = float.fromhex("0x1.62e42fefa3800p-1")  # 42 bits: m·_LN2_HI is exact for |m| < 2^11
_LN2_LO = float.fromhex("0x1.ef35793c76730p-45")
_TWO_THIRDS = (float.fromhex("0x1.5555555555555p-1"), float.fromhex("0x1.5555555555555p-55"))
_SQRT_HALF = 0.7071067811865476


@cache
def _log_pairs() -> tuple[tuple[float, float], ...]:
    """log(1 + i/64) for i = −20 … 28 as dds, from decimal's correctly rounded ln."""
    import decimal
    from fractions import Fraction

    context = decimal.Context(prec=45)
    pairs = []
    for i in range(-20, 29):
        exact = Fraction(context.ln(decimal.Decimal(64 + i) / 64))
        hi = float(exact)
        pairs.append((hi, float(exact - Fraction(hi))))
    return tuple(pairs)


def _log1p_series(xp: Any, g_hi: Any, g_lo: Any) -> tuple[Any, Any]:
    """log1p(g) for |g| < 2^−6.4 (dd) to a relative 2^−82 (see above)."""
    d_hi, d_lo = _fast_two_sum(2.0, g_hi)
    w_hi, w_lo = _dd_div(g_hi, g_lo, d_hi, d_lo + g_lo)
    w2_hi, w2_lo = square_exact(w_hi)
    w2_lo = w2_lo + 2.0 * w_hi * w_lo
    w3_hi, w3_lo = _dd_mul(w2_hi, w2_lo, w_hi, w_lo)
    c_hi, c_lo = _dd_mul(w3_hi, w3_lo, *_TWO_THIRDS)
    inner = 2.0 / 13.0
    for coefficient in (2.0 / 11.0, 2.0 / 9.0, 2.0 / 7.0, 2.0 / 5.0):
        inner = coefficient + w2_hi * inner
    tail = w3_hi * w2_hi * inner
    s_hi, s_lo = _fast_two_sum(2.0 * w_hi, c_hi)
    return _fast_two_sum(s_hi, s_lo + (2.0 * w_lo + c_lo + tail))


def _log_parts(xp: Any, m: Any, y_hi: Any, y_lo: Any, v_hi: Any, v_lo: Any) -> tuple[Any, Any]:
    """log(2^m·y) for y = y_hi + y_lo in [√½, √2) (dd); where m = 0, v = y − 1 exactly (dd)."""
    i = xp.to_int(xp.rint((y_hi - 1.0) * 64.0))
    c = 1.0 + i / 64.0 if xp is SCALAR else 1.0 + i.astype(xp.np.float64) / 64.0
    # y − c exactly: from v where m = 0 (y − 1 − i/64, Sterbenz), else from y.
    direct_hi = xp.where(m == 0, v_hi - (c - 1.0), y_hi - c)
    n_hi, n_lo = _two_sum(direct_hi, xp.where(m == 0, v_lo, y_lo))
    g_hi = n_hi / c
    p, e = _two_prod(g_hi, c)
    g_lo = (((n_hi - p) - e) + n_lo) / c
    series_hi, series_lo = _log1p_series(xp, g_hi, g_lo)
    table_hi, table_lo = _look_up(xp, _log_pairs(), i + 20)
    mf = m * 1.0
    a_hi, a_lo = _two_sum(mf * _LN2_HI, table_hi)
    b_hi, b_lo = _two_sum(a_hi, series_hi)
    return _fast_two_sum(b_hi, b_lo + (a_lo + mf * _LN2_LO + table_lo + series_lo))


def _binade(xp: Any, x: Any) -> Any:
    """m with x·2^−m in [√½, √2), for a normal double x > 0."""
    exponent = xp.exponent(x)  # x = f·2^exponent, f in [½, 1)
    return exponent - xp.where(x * xp.power(-exponent) < _SQRT_HALF, 1, 0)


def _log1p_dd(xp: Any, v_hi: Any, v_lo: Any) -> tuple[Any, Any]:
    """log1p(v) for a dd v > −1 with 1 + v normal, to a relative 2^−80."""
    s_hi, s_lo = _two_sum(1.0, v_hi)
    s_hi, s_lo = _fast_two_sum(s_hi, s_lo + v_lo)
    m = _binade(xp, s_hi)
    down = xp.power(-m)
    return _log_parts(xp, m, s_hi * down, s_lo * down, v_hi, v_lo)


def _log_double(xp: Any, x: Any) -> tuple[Any, Any]:
    """log(x) for a double 0 < x (subnormals too), to a relative 2^−80 where |log x| > 0.28."""
    tiny = x < 2.0**-1000
    x = xp.where(tiny, x * 2.0**64, x)
    m = _binade(xp, x)
    y = x * xp.power(-m)
    return _log_parts(xp, m - xp.where(tiny, 64, 0), y, 0.0 * y, y - 1.0, 0.0 * y)


def log_logistic(
    xp: Any,
    x: Any,
    k: float = 1.0,
    x0: float = 0.0,
    big_l: float = 1.0,
    complement: bool = False,
    target: Target = DOUBLE,
) -> Any:
    """L·log σ(±k(x − x0)), correctly rounded, for finite x."""
    if big_l == 0:
        return 0.0 * x
    # With the default k and x0, t = x is exact however large; otherwise |t| ≥ 2^900 is clipped
    # there (and left to mpmath where log σ(t) = t matters: t < 0).
    default = (k, x0) == (1.0, 0.0)
    t_hi, t_lo = (x, 0.0) if default else _argument(xp, x, k, x0, _HUGE)
    if complement:
        t_hi, t_lo = -t_hi, -t_lo
    negative, a_hi, a_lo = _folded(xp, t_hi, t_lo)
    # e^(−|t|) past _LIMIT only moves log σ by less than 2^−2400 of |t|: computed at _LIMIT.
    near = a_hi <= _LIMIT
    big_k, e_hi, e_lo = _exp_negative(xp, xp.where(near, a_hi, _LIMIT), xp.where(near, a_lo, 0.0))
    u_hi, u_lo = _unscaled(xp, big_k, e_hi, e_lo)
    l_hi, l_lo = _log1p_dd(xp, u_hi, u_lo)
    # t ≥ 0, e < 2^−60: −e·(1 − e/2), scaled by 2^K.
    small = (big_k < -60) & xp.invert(negative)
    s_hi, s_lo = -e_hi, -(e_lo - e_hi * (0.5 * u_hi))
    n_hi, n_lo = _two_sum(-a_hi, -l_hi)
    n_lo = n_lo - a_lo - l_lo
    h = xp.where(small, s_hi, xp.where(negative, n_hi, -l_hi))
    lo = xp.where(small, s_lo, xp.where(negative, n_lo, -l_lo))
    scale = xp.where(small, big_k, 0 * big_k)
    scale, h, lo = _times(xp, scale, h, lo, big_l)
    result, decided = _rounded(xp, scale, h, lo, _LOG_ERROR, target)
    if not default:
        decided = decided & xp.invert(negative & (a_hi >= _HUGE))
    return _settle(xp, result, decided, lambda value: _exact_log(value, k, x0, big_l, complement, target), x)


def logit(xp: Any, p: Any, target: Target = DOUBLE) -> Any:
    """log(p/(1 − p)), correctly rounded, for 0 < p < 1 (not ½: that is 0)."""
    if xp is SCALAR:
        h, lo = _logit_middle(xp, p) if 0.25 <= p <= 0.75 else _logit_tails(xp, p)
    else:
        h, lo = logit_branches(xp, p, _logit_middle, _logit_tails)
    result, decided = _rounded(xp, 0, h, lo, _LOG_ERROR, target)
    return _settle(xp, result, decided, lambda value: _exact_logit(value, target), p)


def logit_branches(xp: Any, p: Any, middle: Any, tails: Any) -> tuple[Any, Any]:
    """h + lo from ``middle`` for ¼ ≤ p ≤ ¾ and ``tails`` elsewhere, each on its own lanes only
    (computing both everywhere cost twice the time)."""
    np = xp.np
    h, lo = np.empty_like(p), np.empty_like(p)
    inside = (p >= 0.25) & (p <= 0.75)
    for lanes, branch in ((np.flatnonzero(inside), middle), (np.flatnonzero(~inside), tails)):
        if len(lanes):
            h[lanes], lo[lanes] = branch(xp, p[lanes])
    return h, lo


def _logit_middle(xp: Any, p: Any) -> tuple[Any, Any]:
    """logit(p) for ¼ ≤ p ≤ ¾: log1p((2p − 1)/(1 − p)), 1 − p and 2p − 1 exact."""
    d_hi, d_lo = _two_sum(1.0, -p)
    v_hi, v_lo = _dd_div(2.0 * p - 1.0, 0.0 * p, d_hi, d_lo)
    return _log1p_dd(xp, v_hi, v_lo)


def _logit_tails(xp: Any, p: Any) -> tuple[Any, Any]:
    """logit(p) for p < ¼ or p > ¾: log q − log1p(−q) with q = min(p, 1 − p) (exact: Sterbenz),
    negated for p > ¾."""
    mirrored = p > 0.75
    q = xp.where(mirrored, 1.0 - p, p)
    a_hi, a_lo = _log_double(xp, q)
    b_hi, b_lo = _log1p_dd(xp, -q, 0.0 * q)
    t_hi, t_lo = _two_sum(a_hi, -b_hi)
    t_lo = t_lo + (a_lo - b_lo)
    return xp.where(mirrored, -t_hi, t_hi), xp.where(mirrored, -t_lo, t_lo)
