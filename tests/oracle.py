"""An independent, correctly rounded reference for the logistic family in float64.

It shares no code with sigmoid_cli: it works on mpmath's raw mpf tuples (mpmath.libmp:
``(sign, man, exp, bc)`` = (−1)^sign · man · 2^exp) and rounds to a double itself.

Functions (``Function.kind``):

    sigmoid         σ(x) = 1/(1+e^{−x})
    complement      1−σ(x) = σ(−x)
    log_sigmoid     log σ(x)
    log_complement  log(1−σ(x)) = log σ(−x)
    logit           log(p/(1−p)), p in [0, 1]
    grad            σ'(x) = σ(x)(1−σ(x))
    general         L·σ(k(x−x0))
    general_grad    L·k·σ'(k(x−x0))

Formulas (all well conditioned; u is exact, e = e^{−|u|} ≤ 1):

    σ(u)      = 1/(1+e) for u ≥ 0,  e/(1+e) for u < 0
    σ'(u)     = e/(1+e)²
    log σ(u)  = −log1p(e) for u ≥ 0,  u − log1p(e) for u < 0 (two negatives: no cancellation)
    logit(p)  = log1p((2p−1)/(1−p)) for p in [¼, ¾] (2p−1 and 1−p exact),
                log(p) − log1p(−p) outside (opposite signs, but |log p| ≥ 1.26·|result| at most
                cancels: the bigger term is ≥ log 4 and the smaller ≤ log(4/3))
    general   u = k·(x−x0) computed exactly (mpf with prec=0), then L·σ(u) / (L·k)·σ'(u)
    log1p(t)  = log(1+t) with 1+t exact (mpmath's log adds the bits the cancellation near 1
                needs), or t itself when |t| < 2^{−2p} (|log1p(t)−t| ≤ t²/2 < 2^{−2p}|t|)

Error radius. Every libmp primitive used at precision p (add, sub, mul, div: correctly
rounded to p bits, ≤ 2^{−p} relative; exp, log: evaluated with 14–20 guard bits in fixed
point and then rounded, ≤ 2^{1−p}; exp's truncation of a long exact argument to those guard
bits adds ≤ 2^{−p−12}) has a relative error ≤ ε = 2^{1−p}. Each formula above is at most six
such steps, each step's error amplified by a condition number ≤ 2 (1/(1+e) ≤ 1 for e/(1+e),
|1−2e/(1+e)| ≤ 1 for σ', the log1p(t) condition t/((1+t)log1p(t)) ≤ 1.82 on t ≥ −2/3, and the
1.26 cancellation bound for logit), so the total is < 16ε = 2^{5−p}. The radius used is
2^{SLACK−p} with SLACK = 12: a margin of 128. tests/test_oracle.py checks the result against
plain mpmath at 2000 bits.

Ziv's loop: round both ends of [v·(1−r), v·(1+r)] to a double; if they agree, that is the
correctly rounded result (rounding is monotone); otherwise double p (up to MAX_PRECISION).
Exact results (σ(0) = ½, σ'(0) = ¼, L/2 at x = x0, …) are rounded directly, without a radius:
they may be exact midpoints (L = 2^−1074 gives L/2 = a tie, which goes to even, i.e. 0).
All other results are transcendental (Lindemann), so never a midpoint: the loop ends.

Far tails (|u| ≥ TAIL = 8192, where e^{−|u|} < 2^{−11818}) are decided without mpmath:
σ → 1 (or L: L·(1−δ) with δ < 2^{−11818} rounds to the double L), σ and σ' and the log of
1 − tiny → ±0 (even (L·k)·σ' with |L·k| < 2^{2048} stays below 2^{−9770} ≪ 2^{−1075}), and
log σ(u) for u ≤ −TAIL is u − δ with δ < 2^{−11818}, far below half an ulp of u (≥ 2^{−41}).

Infinite inputs and the sign of zero: a result that is 0 takes the sign of the values the
function takes next to it (its one-sided limit): σ(−∞) = +0, log σ(+∞) = −0 (log σ < 0
everywhere), log(1−σ(−∞)) = −0, σ'(±∞) = +0, L·σ(∓∞·sign k) = copysign(0, L), its
derivative copysign(0, L·k). logit(½) = +0 (exact), logit(±0) = −∞, logit(1) = +∞, logit of p
outside [0, 1] or nan = nan. Tiny nonzero exact values keep their sign when they round to 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from mpmath.libmp import (
    fone,
    from_float,
    fzero,
    mpf_add,
    mpf_div,
    mpf_exp,
    mpf_le,
    mpf_log,
    mpf_mul,
    mpf_neg,
    mpf_shift,
    mpf_sub,
)

START_PRECISION = 200
MAX_PRECISION = 20_000
SLACK = 12
TAIL = 8192
_N = "n"  # libmp's round-to-nearest

SIX = ("sigmoid", "complement", "log_sigmoid", "log_complement", "logit", "grad")
KINDS = (*SIX, "general", "general_grad")

Mpf = tuple[int, int, int, int]


class HardCase(ArithmeticError):
    """Ziv's loop reached MAX_PRECISION without deciding the rounding."""


@dataclass(frozen=True)
class Function:
    """One function to round: a ``kind`` from KINDS, and k, x0, L for the general ones."""

    kind: str
    k: float = 1.0
    x0: float = 0.0
    L: float = 1.0

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r}")
        if self.kind.startswith("general") and (
            self.k == 0 or not all(map(math.isfinite, (self.k, self.x0, self.L)))
        ):
            raise ValueError("k must be nonzero and k, x0, L finite")

    @property
    def name(self) -> str:
        if not self.kind.startswith("general"):
            return self.kind
        return f"{self.kind}(k={self.k!r},x0={self.x0!r},L={self.L!r})"


# --- rounding a dyadic rational to the nearest double -------------------------------------


def round_dyadic(negative: bool, man: int, exp: int) -> float:
    """The double nearest (−1)^negative · man · 2^exp (man ≥ 0): ties to even, subnormals on
    the 2^−1074 grid, ±inf past the largest double, ±0 (with the sign) below half of 2^−1074."""
    if man < 0:
        raise ValueError("man must be ≥ 0")
    if man == 0:
        return -0.0 if negative else 0.0
    top = exp + man.bit_length() - 1  # 2^top ≤ |value| < 2^(top+1)
    quantum = max(top - 52, -1074)  # the exponent of one ulp at that magnitude
    shift = quantum - exp
    if shift > 0:
        m = man >> shift
        rest = man - (m << shift)
        half = 1 << (shift - 1)
        if rest > half or (rest == half and m & 1):
            m += 1
    else:
        m = man << -shift
    # m ≤ 2^53 now (2^53 when rounding carried into the next binade)
    # ldexp is exact: m and the result are representable
    result = math.inf if quantum + m.bit_length() > 1024 else math.ldexp(float(m), quantum)
    return -result if negative else result


def round_mpf(value: Mpf) -> float:
    """An mpmath raw mpf (sign, man, exp, bc), finite, to the nearest double (0 → +0.0)."""
    sign, man, exp, _ = value
    if not man and exp:
        raise ValueError("special mpf values (inf, nan) are not rounded here")
    return round_dyadic(bool(sign), man, exp)


def _round_interval(value: Mpf, bits: int) -> float | None:
    """The double that every point within relative distance 2^−bits of ``value`` rounds to,
    or None if the interval holds a rounding boundary."""
    sign, man, exp, bc = value
    if not man:
        raise ValueError("an approximation of 0 has no relative radius")
    extra = bits + 8 - bc
    if extra > 0:
        man <<= extra
        exp -= extra
    eps = (man >> bits) + 1  # ≥ man·2^−bits, in units of 2^exp
    low = round_dyadic(bool(sign), man - eps, exp)
    high = round_dyadic(bool(sign), man + eps, exp)
    return low if low == high else None


# --- the functions at precision p -----------------------------------------------------------


def _negative(t: Mpf) -> bool:
    return bool(t[0]) and bool(t[1])


def _mag(t: Mpf) -> int:
    """|t| < 2^mag (t nonzero finite)."""
    return t[2] + t[3]


def _log1p(t: Mpf, p: int) -> Mpf:
    if not t[1]:
        return fzero
    if _mag(t) < -2 * p:
        return t
    return mpf_log(mpf_add(fone, t, 0), p, _N)


def _e_minus_abs(u: Mpf, p: int) -> Mpf:
    """e^{−|u|}."""
    return mpf_exp(u if _negative(u) else mpf_neg(u), p, _N)


def _sigma(u: Mpf, p: int) -> Mpf:
    e = _e_minus_abs(u, p)
    d = mpf_add(fone, e, p, _N)
    return mpf_div(e if _negative(u) else fone, d, p, _N)


def _grad(u: Mpf, p: int) -> Mpf:
    e = _e_minus_abs(u, p)
    d = mpf_add(fone, e, p, _N)
    return mpf_div(e, mpf_mul(d, d, p, _N), p, _N)


def _log_sigma(u: Mpf, p: int) -> Mpf:
    e = _e_minus_abs(u, p)
    if _negative(u):
        return mpf_sub(u, _log1p(e, p), p, _N)
    return mpf_neg(_log1p(e, p))


_QUARTER = from_float(0.25)
_THREE_QUARTERS = from_float(0.75)


def _logit(q: Mpf, p: int) -> Mpf:
    """logit(q) for 0 < q < 1, q ≠ ½."""
    if mpf_le(_QUARTER, q) and mpf_le(q, _THREE_QUARTERS):
        num = mpf_sub(mpf_shift(q, 1), fone, 0)  # 2q − 1, exact
        den = mpf_sub(fone, q, 0)  # 1 − q, exact
        return _log1p(mpf_div(num, den, p, _N), p)
    return mpf_sub(mpf_log(q, p, _N), _log1p(mpf_neg(q), p), p, _N)


@cache
def _constants(f: Function) -> tuple[Mpf, Mpf, Mpf, Mpf]:
    """k, x0, L and L·k as exact mpfs."""
    k, x0, L = from_float(f.k), from_float(f.x0), from_float(f.L)
    return k, x0, L, mpf_mul(L, k, 0)


def _argument(f: Function, x: float) -> Mpf:
    """u, exactly: x, −x or k·(x − x0)."""
    if f.kind.startswith("general"):
        k, x0, _, _ = _constants(f)
        return mpf_mul(k, mpf_sub(from_float(x), x0, 0), 0)
    return from_float(-x if f.kind in ("complement", "log_complement") else x)


def _approximate(f: Function, u: Mpf, p: int) -> Mpf:
    kind = f.kind
    if kind in ("sigmoid", "complement"):
        return _sigma(u, p)
    if kind in ("log_sigmoid", "log_complement"):
        return _log_sigma(u, p)
    if kind == "grad":
        return _grad(u, p)
    if kind == "logit":
        return _logit(u, p)
    _, _, L, Lk = _constants(f)
    if kind == "general":
        return mpf_mul(L, _sigma(u, p), p, _N)
    return mpf_mul(Lk, _grad(u, p), p, _N)


# --- special values -------------------------------------------------------------------------


def _special(f: Function, x: float) -> tuple[float | None, Mpf]:
    """The result where it is known without mpmath (see the module docstring), else None;
    and u (fzero where x is not finite)."""
    kind = f.kind
    if math.isnan(x):
        return math.nan, fzero
    if kind == "logit":
        if not 0.0 <= x <= 1.0:
            return math.nan, fzero
        value = -math.inf if x == 0.0 else math.inf if x == 1.0 else 0.0 if x == 0.5 else None
        return value, from_float(x)
    general = kind.startswith("general")
    if math.isinf(x):
        sign = 1.0 if x > 0 else -1.0
        if general:
            sign *= math.copysign(1.0, f.k)
        elif kind in ("complement", "log_complement"):
            sign = -sign
        return _at_infinity(f, sign), fzero
    u = _argument(f, x)
    if not u[1]:  # u = 0: exact values
        _, _, L, Lk = _constants(f)
        exact = {
            "sigmoid": 0.5,
            "complement": 0.5,
            "grad": 0.25,
            "general": round_mpf(mpf_shift(L, -1)),
            "general_grad": round_mpf(mpf_shift(Lk, -2)),
        }
        return exact.get(kind), u  # log σ(0) = −log 2: not exact, computed as usual
    if _mag(u) > TAIL.bit_length() - 1:  # |u| ≥ 2^13 = TAIL
        return _at_infinity(f, -1.0 if _negative(u) else 1.0, u), u
    return None, u


def _at_infinity(f: Function, side: float, u: Mpf | None = None) -> float:
    """The result at u = side·∞, or (when ``u`` is given) at |u| ≥ TAIL on that side."""
    kind = f.kind
    if kind in ("sigmoid", "complement"):
        return 1.0 if side > 0 else 0.0
    if kind == "grad":
        return 0.0
    if kind in ("log_sigmoid", "log_complement"):
        if side > 0:
            return -0.0
        if u is None:
            return -math.inf
        return round_mpf(u)  # u − δ rounds to u (a double here: u = ±x)
    if kind == "general":
        return f.L if side > 0 else math.copysign(0.0, f.L)
    return math.copysign(0.0, f.L * f.k)


# --- the public entry points ----------------------------------------------------------------


def evaluate(f: Function, x: float, start: int = START_PRECISION) -> tuple[float, int]:
    """The correctly rounded f(x), and the precision in bits that decided it (0: no mpmath)."""
    special, u = _special(f, x)
    if special is not None:
        return special, 0
    p = start
    while p <= MAX_PRECISION:
        result = _round_interval(_approximate(f, u, p), p - SLACK)
        if result is not None:
            return result, p
        p *= 2
    raise HardCase(f"{f.name} at {x!r} ({x.hex()}) needs more than {MAX_PRECISION} bits")


def correctly_rounded(f: Function, x: float, start: int = START_PRECISION) -> float:
    """The double nearest to the exact f(x) (round to nearest, ties to even)."""
    return evaluate(f, x, start)[0]


def approximation(f: Function, x: float, p: int) -> Mpf | None:
    """f(x) as a raw mpf at precision p (relative error < 2^(SLACK−p)); None where the result
    is special (see ``_special``). For measuring how close to a midpoint a value lies."""
    special, u = _special(f, x)
    return None if special is not None else _approximate(f, u, p)


def same(a: float, b: float) -> bool:
    """Equal as doubles: zeros with their sign, nan equal to nan."""
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)


def ulps_apart(a: float, b: float) -> int:
    """How many doubles apart two finite or infinite doubles are (0 for a same() pair)."""
    import struct

    def ordinal(v: float) -> int:
        (n,) = struct.unpack("<q", struct.pack("<d", v))
        return n if n >= 0 else -(n & 0x7FFFFFFFFFFFFFFF)

    if math.isnan(a) or math.isnan(b):
        return 0 if same(a, b) else 1 << 62
    return abs(ordinal(a) - ordinal(b))
