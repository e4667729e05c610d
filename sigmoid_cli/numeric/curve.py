"""What to compute (a Curve) and how: float64 kernels, derivatives of any order, mpmath.

A Curve is y = L·h(k(x − x0)) where h is a family member f, its normalised form N, its
complement N(−u) or the logarithm of either. ``float_value`` is the scalar fast path (pure
``math``), ``array_values`` the numpy path; both run the same code in kernels.py/family.py.
Derivatives of σ of order n use the Eulerian-number form
    σ⁽ⁿ⁾ = Σₖ (−1)ᵏ A(n,k) σᵏ⁺¹ (1−σ)ⁿ⁻ᵏ,
evaluated from σ(u) and σ(−u) so both tails keep their relative accuracy; where the
alternating sum cancels more than float64 can bear (large n near the centre), a running
error bound sends that value to mpmath at the precision the bound asks for.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sigmoid_cli.errors import DataError, OptionError, UsageError

from . import compiled
from . import kernels as K
from .family import MEMBERS, NAMES, Member

MAX_ORDER = 100
MAX_DIGITS = 10_000
_EPS = 2.0**-53
_TARGET_RELATIVE = 1e-14  # what a float64 derivative must be within, else mpmath decides


@dataclass(frozen=True)
class Curve:
    """y = L·h(k(x − x0)); h is member ``fn``, optionally normalised, complemented, logged."""

    fn: str = "logistic"
    k: float = 1.0
    x0: float = 0.0
    L: float = 1.0
    normalize: bool = False
    complement: bool = False
    log: bool = False
    inverse: bool = False
    order: int = 0  # derivative order; 0 is the value itself
    # Exact parameter texts (for --digits/--exact), when they came from expressions like 'pi'.
    exact_params: tuple[str, str, str] | None = field(default=None, compare=False)
    # Results rounded to float32 (--dtype float32): correctly so where rounded.py computes them.
    float32: bool = False

    def __post_init__(self) -> None:
        if self.fn not in MEMBERS:
            raise UsageError(f"unknown function {self.fn!r}; choose one of: {', '.join(NAMES)}")
        member = MEMBERS[self.fn]
        if (self.complement or self.log) and not self.unit:
            raise OptionError(
                "{} needs a function with range (0, 1); "
                f"{self.fn} has range ({_fmt(member.low)}, {_fmt(member.high)}): add {{}}",
                "log" if self.log else "complement",
                "normalize",
            )
        if not 0 <= self.order <= MAX_ORDER:
            raise OptionError(f"{{}} must be between 1 and {MAX_ORDER}, not {self.order}", "order")
        if self.inverse and (self.order or self.log):
            raise OptionError("{} cannot be combined with {} or a derivative", "inverse", "log")
        for name, number in (("k", self.k), ("x0", self.x0), ("L", self.L)):
            if not math.isfinite(number):
                raise OptionError(f"{{}} must be a finite number, not {number}", name)
        if self.k == 0:
            raise OptionError("{} must not be 0", "k")

    @property
    def member(self) -> Member:
        return MEMBERS[self.fn]

    @property
    def unit(self) -> bool:
        """Whether h has range (0, 1) with h(−u) = 1 − h(u)."""
        return self.member.unit_range or (self.normalize and self.member.odd)

    @property
    def scaled(self) -> bool:
        return (self.k, self.x0, self.L) != (1.0, 0.0, 1.0)


def _fmt(number: float) -> str:
    return "π/2" if number == math.pi / 2 else "-π/2" if number == -math.pi / 2 else f"{number:g}"


def argument(k: float, x0: float) -> str:
    """k(x − x0) as a person writes it: x, 1.702x, x−1, 2(x−1), −x, −2(x+0.5)."""
    shift = "x" if x0 == 0 else f"x−{_fmt(x0)}" if x0 > 0 else f"x+{_fmt(-x0)}"
    sign = "−" if k < 0 else ""
    magnitude = abs(k)
    if magnitude == 1:
        return f"{sign}{shift}" if x0 == 0 or not sign else f"{sign}({shift})"
    factor = _fmt(magnitude)
    if "e" in factor or "π" in factor:  # 1e-05·x, π/2·x: a product sign where juxtaposition misreads
        factor += "·"
    return f"{sign}{factor}{shift}" if x0 == 0 else f"{sign}{factor}({shift})"


def label(curve: Curve) -> str:
    """A short human name: 'σ(x)', "tanh'(x)", 'log(1−σ(x))', 'σ⁽³⁾(x)'."""
    name = {"logistic": "σ", "normal-cdf": "Φ"}.get(curve.fn, curve.fn)
    if curve.normalize and curve.member.odd:
        name = f"{name}₀₁"
    text = f"{name}({argument(curve.k, curve.x0)})"
    if curve.complement:
        text = f"1−{text}"
    if curve.log:
        text = f"log({text})"
    if curve.inverse:
        text = f"{name}⁻¹(x)"
    if curve.L != 1.0:
        text = f"{_fmt(curve.L)}·{text}"
    if curve.order == 1:
        return f"d/dx {text}"
    if curve.order > 1:
        return f"d{_superscript(curve.order)}/dx{_superscript(curve.order)} {text}"
    return text


def _superscript(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


# --- h and its value in float64 -------------------------------------------------------


def _unit(xp: Any, member: Member, u: Any) -> Any:
    """N(u) for a member with (or normalised to) range (0, 1), from its small side."""
    if member.name == "logistic":
        return K.sigmoid(xp, u)
    left = member.normalized_left or member.value
    return xp.where(u <= 0, left(xp, xp.minimum(u, 0.0)), 1.0 - left(xp, xp.minimum(-u, 0.0)))


def _log_unit(xp: Any, member: Member, u: Any) -> Any:
    if member.name == "logistic":
        return K.log_sigmoid(xp, u)
    left = member.normalized_left or member.value
    log_left = member.log_left or (lambda xp_, v: xp_.log(left(xp_, v)))
    return xp.where(u <= 0, log_left(xp, xp.minimum(u, 0.0)), xp.log1p(-left(xp, xp.minimum(-u, 0.0))))


def _argument(curve: Curve, x: Any) -> Any:
    u = x if (curve.k, curve.x0) == (1.0, 0.0) else curve.k * (x - curve.x0)
    return -u if curve.complement else u


def _rounded_logit(curve: Curve) -> bool:
    """Whether the inverse of this curve's member (set or not) is rounded.py's logit."""
    return curve.fn == "logistic" and not curve.scaled and not curve.complement


def _rounded_kind(curve: Curve) -> str | None:
    """Which correctly rounded result of rounded.py this curve is, if any: L·σ(±k(x − x0)),
    L·log σ(±k(x − x0)), their first derivatives, and logit (default k, x0, L)."""
    if curve.fn != "logistic" or curve.order > 1:
        return None
    if curve.inverse:
        return "logit" if _rounded_logit(curve) else None
    return ("log-grad" if curve.order else "log") if curve.log else ("grad" if curve.order else "value")


def _plain(xp: Any, curve: Curve, kind: str) -> Any:
    """The float formulas for the inputs rounded.py does not take (±inf, nan, and logit's 0, ½,
    1: limits and exact values)."""

    def plain(values: Any) -> Any:
        if kind == "logit":
            return _inverse(xp, curve, values, rounded_ok=False)
        if curve.order == 0:
            return _forward(xp, curve, values, rounded_ok=False)
        return _derivative(xp, curve, values, rounded_ok=False)[0]

    return plain


def _regular(xp: Any, kind: str) -> Any:
    """Where rounded.py computes a kind: finite x (for logit 0 < x < 1, x ≠ ½)."""

    def regular(values: Any) -> Any:
        if kind == "logit":
            return (values > 0) & (values < 1) & (values != 0.5)
        return xp.isfinite(values) if xp is not K.MATH else math.isfinite(values)

    return regular


def _rounded(xp: Any, curve: Curve, x: Any, kind: str) -> Any:
    """The correctly rounded result at finite x (for logit: 0 < x < 1, x ≠ ½); the others
    (±inf, nan, and logit's 0, ½, 1: limits and exact values) from the float formulas."""
    from . import rounded

    plain, regular = _plain(xp, curve, kind), _regular(xp, kind)
    args = (curve.k, curve.x0, curve.L, curve.complement, curve.float32)
    if xp is K.MATH:
        if not regular(x):
            return plain(x)
        fast = compiled.scalar(kind, float(x), *args)
        return fast if fast is not None else rounded.evaluate(kind, float(x), *args)
    import numpy as np

    if compiled.module() is not None and curve.L != 0:
        flat = np.ascontiguousarray(x, dtype=np.float64).reshape(-1)
        out = np.empty_like(flat)
        settle(kind, curve, flat, out, compiled.into(kind, flat, out, *args), plain, regular)
        return out.reshape(np.shape(x))

    from . import rounded_quick  # arrays: the quick phase first

    ok = regular(x)
    result = rounded_quick.evaluate(kind, np.where(ok, x, 0.25), *args)
    if not ok.all():
        result[~ok] = plain(x[~ok])
    return result


def compiled_float(curve: Curve, x: float) -> float | None:
    """The curve at a float by the compiled kernel where it decides (None elsewhere: no
    extension, not a correctly rounded kind, a value left open, a non-finite x): the API's
    quick way for a Python number, a few hundred nanoseconds past the call."""
    arguments = _compiled_arguments(curve)
    return None if arguments is None else arguments[0](x, *arguments[1:])


@cache
def _compiled_arguments(curve: Curve) -> tuple[Any, ...] | None:
    """The extension's scalar function and its arguments after x for this curve, or None."""
    kind = _rounded_kind(curve)
    module = compiled.module()
    if kind is None or curve.L == 0 or module is None:
        return None
    return (module.scalar, compiled.KINDS[kind], curve.k, curve.x0, curve.L, curve.complement, curve.float32)


def compiled_kernel(curve: Curve) -> tuple[Any, ...] | None:
    """The extension's function over buffers and its arguments after (x, out) for this curve:
    ``f(x, out, *rest)`` writes the results into out and returns the indexes it left open (bytes
    of int64; float_value computes those). None: no extension, or not a correctly rounded kind."""
    if curve.order == 2 and _second_compiled(curve):  # _w_form of n = 2, the same operations
        factor = curve.L * curve.k**2
        plain = (curve.k, curve.x0) == (1.0, 0.0)
        return (compiled.module().second, curve.k, curve.x0, factor, curve.complement, plain)
    arguments = _compiled_arguments(curve)
    return None if arguments is None else (compiled.module().array, *arguments[1:])


def _second_compiled(curve: Curve) -> bool:
    """Whether _rounded.c's second() gives this curve's σ'' (the logistic's, in float64)."""
    plain_member = curve.fn == "logistic" and not (curve.log or curve.normalize or curve.inverse)
    return plain_member and not curve.float32 and compiled.module() is not None


def compiled_array(curve: Curve, x: Any) -> tuple[Any, Any] | None:
    """The curve over a numpy array by the compiled kernels, float32 kept (correctly rounded to
    float32), any other dtype as float64: (results, indexes of values outside the inverse's
    domain, whose result is nan); None where they do not apply (no extension; not a correctly
    rounded kind; L = 0). One output array and no other temporaries, but for the rare values
    the kernels leave open."""
    kind = _rounded_kind(curve)
    if kind is None or curve.L == 0 or compiled.module() is None:
        return None
    import numpy as np

    single = x.dtype == np.float32
    flat = np.ascontiguousarray(x, dtype=None if single else np.float64).reshape(-1)
    out = np.empty(flat.shape, dtype=flat.dtype)
    target = curve.float32 or bool(single)
    left = compiled.into(kind, flat, out, curve.k, curve.x0, curve.L, curve.complement, target)
    bad = left[:0]
    if len(left):
        xp = K.numpy_namespace()
        if target != curve.float32:
            from dataclasses import replace

            curve = replace(curve, float32=target)
        with np.errstate(all="ignore"):
            plain = _plain(xp, curve, kind)
            if kind == "logit":
                low, high = inverse_domain(curve)
                values = flat[left]
                outside = (values < low) | (values > high)
                bad = left[outside]
                plain = _outside_nan(plain, low, high)
            settle(kind, curve, flat, out, left, plain, _regular(xp, kind))
    return out.reshape(x.shape), bad


def _outside_nan(plain: Any, low: float, high: float) -> Any:
    """``plain`` with nan for values outside [low, high] (array_values does the same)."""
    import numpy as np

    return lambda values: plain(np.where((values < low) | (values > high), np.nan, values))


def settle(kind: str, curve: Curve, x: Any, out: Any, left: Any, plain: Any, regular: Any) -> None:
    """The values the compiled kernel left open (``left``, indexes into the flat x and out): the
    regular ones from rounded.py (its exact fallback decides them), the others from ``plain``."""
    if not len(left):
        return
    import numpy as np

    from . import rounded

    values = x[left].astype(np.float64)
    ok = regular(values)
    args = (curve.k, curve.x0, curve.L, curve.complement, curve.float32)
    for index, value in zip(left[ok].tolist(), values[ok].tolist(), strict=True):
        out[index] = rounded.evaluate(kind, value, *args)
    if not ok.all():
        out[left[~ok]] = plain(values[~ok])


def _forward(xp: Any, curve: Curve, x: Any, rounded_ok: bool = True) -> Any:
    kind = _rounded_kind(curve) if rounded_ok else None
    if kind is not None:
        return _rounded(xp, curve, x, kind)
    member = curve.member
    u = _argument(curve, x)
    if curve.log:
        y = _log_unit(xp, member, u)
    elif curve.unit:
        y = _unit(xp, member, u)
    else:
        y = member.value(xp, u)
    return y if curve.L == 1.0 else curve.L * y


def _inverse(xp: Any, curve: Curve, y: Any, rounded_ok: bool = True) -> Any:
    """The member's inverse at y (callers may pass a curve without ``inverse`` set)."""
    if rounded_ok and _rounded_logit(curve):
        return _rounded(xp, curve, y, "logit")
    member = curve.member
    v = y if curve.L == 1.0 else y / curve.L
    if curve.normalize and member.odd:
        v = member.high * (2.0 * v - 1.0)
    assert member.inverse is not None
    low, high = member.low, member.high
    # The formula only sees the open range (at its ends it may divide by zero); the ends
    # map to the member's limits.
    inside = member.inverse(xp, xp.where((v <= low) | (v >= high), 0.5 * (low + high), v))
    u = xp.where(v <= low, member.ends[0], xp.where(v >= high, member.ends[1], inside))
    if curve.complement:
        u = -u
    return u if (curve.k, curve.x0) == (1.0, 0.0) else curve.x0 + u / curve.k


def inverse_domain(curve: Curve) -> tuple[float, float]:
    """The closed interval of y that --inverse accepts."""
    member = curve.member
    low, high = (0.0, 1.0) if curve.unit else (member.low, member.high)
    return (low * curve.L, high * curve.L) if curve.L > 0 else (high * curve.L, low * curve.L)


# --- derivatives in float64 -----------------------------------------------------------


@cache
def eulerian_row(n: int) -> tuple[int, ...]:
    """A(n, k) for k = 0 … n−1: the number of permutations of n with k ascents."""
    row = [1]
    for m in range(2, n + 1):
        row = [
            (k + 1) * (row[k] if k < len(row) else 0) + (m - k) * (row[k - 1] if k else 0) for k in range(m)
        ]
    return tuple(row)


def _flags(xp: Any, u: Any, flag: bool) -> Any:
    """A flag per value (a bool for a scalar)."""
    return flag if xp is K.MATH else xp.full(xp.shape(u), flag)


@cache
def w_polynomial(n: int) -> tuple[bool, tuple[int, ...]]:
    """σ⁽ⁿ⁾ in w = σ(u)σ(−u) = σ'(u) and s = 1 − 2σ(u): w·P(w) for odd n, s·w·P(w) for even n;
    (even, P's integer coefficients, constant first). From σ⁽ⁿ⁾ = w·(A(w) + s·B(w)) with
    dw/du = w·s, ds/du = −2w and s² = 1 − 4w: A ← (1 − 4w)(B + wB') − 2wB, B ← A + wA'."""
    a, b = [1], [0]
    for _ in range(1, n):
        grown_a = [(i + 1) * c for i, c in enumerate(a)]  # A + wA'
        grown_b = [(i + 1) * c for i, c in enumerate(b)]
        new_a = [0] * (len(grown_b) + 1)
        for i, c in enumerate(grown_b):
            new_a[i] += c
            new_a[i + 1] -= 4 * c
        for i, c in enumerate(b):
            new_a[i + 1] -= 2 * c
        a, b = new_a, grown_a
    even = not any(a)
    coefficients = b if even else a
    while len(coefficients) > 1 and coefficients[-1] == 0:
        coefficients = coefficients[:-1]
    return even, tuple(coefficients)


def _one_minus_two_sigma(ops: Any, t: Any, parts: tuple[Any, ...]) -> tuple[Any, Any]:
    """s = 1 − 2σ(t) = −tanh(t/2) as a double-double to a relative 2^−59 (0 ≤ |t| ≤ LIMIT), from
    the parts of σ (rounded.sigma_parts): −sign(t)·(1 − e)/(1 + e) with e = e^(−|t|) for
    |t| ≥ 2^−20 (1 − e then loses at most 20 of e's 79 bits); below, −(t/2)(1 − t²/12), whose
    next term is < 2^−86."""
    from . import rounded as R

    _, _, _, _, e_hi, e_lo, d_hi, d_lo = parts
    top_hi, top_lo = R._two_sum(1.0, -e_hi)
    q_hi, q_lo = R._dd_div(top_hi, top_lo - e_lo, d_hi, d_lo)
    a = ops.absolute(t)
    half = 0.5 * a
    small = half - half * (a * a / 12.0)
    tiny = a < 2.0**-20
    sign = ops.where(t < 0, 1.0, -1.0)
    return sign * ops.where(tiny, small, q_hi), sign * ops.where(tiny, 0.0, q_lo)


def _sigmoid_derivative(xp: Any, n: int, u: Any) -> tuple[Any, Any]:
    """σ⁽ⁿ⁾(u) for n ≥ 1, and a flag per value: True where float64 cannot vouch for it.

    σ⁽ⁿ⁾ = [s]·w·P(w) with w = σ'(u) as a double-double from rounded.py (relative 2^−78), P
    evaluated in double-double and s = 1 − 2σ(u) as one (relative 2^−59): the only
    cancellation left is P's own near its roots (error ≤ (d + 1)·2^−77·Σ|cᵢ|wⁱ), so a value is
    flagged only within about 2^−17 of a root, and the rest is rounded once, within 0.6 ulp.
    (The Eulerian sum this replaces cancelled near u = 0 for every n ≥ 2 and sent those values
    to mpmath one by one.)"""
    if n == 1:
        return K.sigmoid_grad(xp, u), _flags(xp, u, False)
    if n == 2 and xp is not K.MATH and compiled.module() is not None:
        # _rounded.c's second(): _w_form's operations for n = 2 in one pass (tests/test_compiled.py).
        import numpy as np

        flat = np.ascontiguousarray(u, dtype=np.float64).reshape(-1)
        out = np.empty_like(flat)
        compiled.second(flat, out)
        return out.reshape(np.shape(u)), np.zeros(np.shape(u), dtype=bool)
    from . import rounded as R

    if xp is K.MATH or xp.size(u) <= R.BLOCK:
        return _w_form(xp, n, u)
    # Block by block: the ~100 passes of the double-double work stay in cache.
    flat = xp.ravel(u)
    value, unsure = xp.empty_like(flat), xp.empty(flat.shape, dtype=bool)
    for block in R.block_slices(len(flat)):
        value[block], unsure[block] = _w_form(xp, n, flat[block])
    return value.reshape(xp.shape(u)), unsure.reshape(xp.shape(u))


def _w_form(xp: Any, n: int, u: Any) -> tuple[Any, Any]:
    """_sigmoid_derivative for n ≥ 2 on a scalar or one block."""
    from . import rounded as R

    scalar = xp is K.MATH
    ops = R.SCALAR if scalar else R.array_ops()
    number = ~xp.isnan(u) if not scalar else not math.isnan(u)  # ±inf is a limit: every derivative is 0
    clean = ops.where(number, u, 0.0)
    t = ops.clip(clean, -R.LIMIT, R.LIMIT)
    parts = R.sigma_parts(ops, t, 0.0)  # shared by w and, for an even n, s
    big_k, q_hi, q_lo = R.grad_from_parts(parts)  # w = 2^K·(q_hi + q_lo)
    ldexp = math.ldexp if scalar else xp.ldexp
    w_hi, w_lo = ldexp(q_hi, big_k), ldexp(q_lo, big_k)
    even, coefficients = w_polynomial(n)
    p_hi: Any = float(coefficients[-1])
    p_lo: Any = float(coefficients[-1] - int(p_hi))
    magnitude: Any = abs(p_hi)
    for c in reversed(coefficients[:-1]):
        c_hi = float(c)
        c_lo = float(c - int(c_hi))
        m_hi, m_lo = R._dd_mul(p_hi, p_lo, w_hi, w_lo)
        p_hi, e = R._two_sum(m_hi, c_hi)
        p_hi, p_lo = R._fast_two_sum(p_hi, e + m_lo + c_lo)
        magnitude = magnitude * w_hi + abs(c_hi)
    v_hi, v_lo = R._dd_mul(q_hi, q_lo, p_hi, p_lo)  # w·P(w)/2^K
    e_hi, e_lo = v_hi, v_lo  # the value over 2^K as a double-double
    if even:
        s_hi, s_lo = _one_minus_two_sigma(ops, t, parts)
        e_hi, e_lo = R._dd_mul(v_hi, v_lo, s_hi, s_lo)
        # For a tiny t, s = −t/2 would underflow first: −t·(w·P/2), one rounding.
        tiny = (-t) * (0.5 * ldexp(v_hi, big_k))
        value = ops.where(ops.absolute(t) < 2.0**-500, tiny, ldexp(e_hi + e_lo, big_k))
    else:
        value = ldexp(v_hi + v_lo, big_k)
    value = value + 0.0  # one rounding above; + 0.0: σ''(0) is 0, not −0
    bound = (len(coefficients) + 1) * 2.0**-77 * magnitude
    unsure = bound > 2.0**-60 * xp.abs(p_hi)
    if n >= 3 and not scalar:
        # Near a zero of σ⁽ⁿ⁾ the polynomial cancels past 2^−60: rather than send every such
        # value to mpmath, round the double-double once more with a rounding test on the
        # error bound itself; only what it cannot settle goes (order 8: 1.45e-4 → fewer).
        value, unsure = _tested(xp, ops, t, big_k, (e_hi, e_lo), bound, p_hi, value, unsure)
    if scalar:
        return (value if number else math.nan), (unsure and number)
    return xp.where(number, value, math.nan), unsure & number


def _tested(
    xp: Any,
    ops: Any,
    t: Any,
    big_k: Any,
    v: tuple[Any, Any],
    bound: Any,
    p: Any,
    value: Any,
    unsure: Any,
) -> tuple[Any, Any]:
    """_w_form's unsure values (its bound above 2^−60 of the polynomial) decided by
    rounded._round where the bound allows: ``v`` is the value over 2^K as a double-double
    (times 1 − 2σ for an even order), with relative error bound/|P| + 2^−75 (the products'
    and w's own), up to 2^−54. Those it decides get the correctly rounded double."""
    from . import rounded as R

    rows = xp.flatnonzero(unsure & (xp.abs(p) > 0) & (xp.abs(t) >= 2.0**-500))
    if not len(rows):
        return value, unsure
    error = bound[rows] / xp.abs(p[rows]) + 2.0**-75
    settled, decided = R._round(ops, big_k[rows], v[0][rows], v[1][rows], error)
    decided &= error < 2.0**-54
    value = value.copy()
    value[rows[decided]] = settled[decided] + 0.0
    unsure = unsure.copy()
    unsure[rows[decided]] = False
    return value, unsure


def _member_derivative(xp: Any, curve: Curve, u: Any) -> tuple[Any, Any]:
    """h⁽ⁿ⁾(u) in float64 where we have a formula; the flag marks values for mpmath."""
    n, member = curve.order, curve.member
    scale = 1.0 / (2.0 * member.high) if (curve.normalize and member.odd) else 1.0
    if curve.log:
        if member.name != "logistic":
            return u, _flags(xp, u, True)
        # (log σ)' = σ(−u), so (log σ)⁽ⁿ⁾(u) = (−1)ⁿ⁻¹ σ⁽ⁿ⁻¹⁾(−u).
        if n == 1:
            return K.sigmoid(xp, -u), _flags(xp, u, False)
        value, unsure = _sigmoid_derivative(xp, n - 1, -u)
        return (value if n % 2 == 1 else -value), unsure
    if member.name == "logistic":
        return _sigmoid_derivative(xp, n, u)
    if member.name == "tanh":  # tanh u = 2σ(2u) − 1
        value, unsure = _sigmoid_derivative(xp, n, 2.0 * u)
        return 2.0 ** (n + 1) * scale * value, unsure
    if n == 1:
        return scale * member.grad(xp, u), _flags(xp, u, False)
    return u, _flags(xp, u, True)


def _derivative(xp: Any, curve: Curve, x: Any, rounded_ok: bool = True) -> tuple[Any, Any]:
    kind = _rounded_kind(curve) if rounded_ok else None
    if kind is not None:
        return _rounded(xp, curve, x, kind), _flags(xp, x, False)
    n = curve.order
    u = _argument(curve, x)
    value, unsure = _member_derivative(xp, curve, u)
    factor = curve.L * curve.k**n * (-1.0 if curve.complement and n % 2 else 1.0)
    return (value if factor == 1.0 else factor * value), unsure


# --- multiple precision -----------------------------------------------------------------


def _mp_unit(ctx: Any, curve: Curve, u: Any) -> Any:
    """The member (normalised when asked) at mpf u, from its small side like the float path."""
    member = curve.member
    if not (curve.normalize and member.odd):
        return member.mp_value(ctx, u)
    assert member.mp_left is not None
    return member.mp_left(ctx, u) if u <= 0 else 1 - member.mp_left(ctx, -u)


def _mp_unit_grad(ctx: Any, curve: Curve, u: Any) -> Any:
    member = curve.member
    scale = 1 / (2 * _mp_high(ctx, member)) if (curve.normalize and member.odd) else 1
    return scale * member.mp_grad(ctx, u)


def _mp_high(ctx: Any, member: Member) -> Any:
    return ctx.pi / 2 if member.high == math.pi / 2 else ctx.mpf(member.high)


def _mp_h(ctx: Any, curve: Curve, params: tuple[Any, Any, Any]) -> Any:
    """h as an mpmath function of x at the context's precision (L·h(k(x−x0)))."""
    k, x0, L = params

    def log_unit(u: Any) -> Any:
        # log N(u) = log1p(−N(−u)) where N is near 1 (N(−u) = 1 − N(u) for unit members).
        return ctx.log(_mp_unit(ctx, curve, u)) if u <= 0 else ctx.log1p(-_mp_unit(ctx, curve, -u))

    def h(x: Any) -> Any:
        u = k * (x - x0)
        if curve.complement:
            u = -u
        return L * (log_unit(u) if curve.log else _mp_unit(ctx, curve, u))

    return h


def _mp_sigmoid_derivative(ctx: Any, n: int, u: Any) -> Any:
    s = 1 / (1 + ctx.exp(-u))
    c = 1 / (1 + ctx.exp(u))
    return ctx.fsum((-1) ** k * a * s ** (k + 1) * c ** (n - k) for k, a in enumerate(eulerian_row(n)))


def mp_value(ctx: Any, curve: Curve, x: Any, params: tuple[Any, Any, Any] | None = None) -> Any:
    """The curve (value, derivative or inverse) at mpf ``x`` in the context's precision."""
    if params is None:
        params = (ctx.mpf(curve.k), ctx.mpf(curve.x0), ctx.mpf(curve.L))
    k, x0, L = params
    member, n = curve.member, curve.order
    if curve.inverse:
        h = _mp_h(ctx, curve, (ctx.mpf(1), ctx.mpf(0), ctx.mpf(1)))
        v = x / L
        start = _inverse(
            K.MATH, Curve(curve.fn, normalize=curve.normalize, complement=curve.complement), float(v)
        )
        # At the range's ends the start is exact (±inf, or smoothstep's ±1): nothing to
        # refine, and a root finder would wander off into the flat part beyond them.
        if float(x) in inverse_domain(curve) or not math.isfinite(start):
            u = ctx.mpf(start)
        elif member.name == "logistic" and not curve.complement:
            # The closed form: from a start this good, a secant step divides by about 0.
            u = ctx.log(v) - ctx.log1p(-v)
        else:
            u = ctx.findroot(lambda t: h(t) - v, ctx.mpf(start))
        return x0 + u / k
    if n == 0:
        return _mp_h(ctx, curve, params)(x)
    u = k * (x - x0)
    sign = -1 if curve.complement else 1
    if member.name == "logistic" and not curve.log:
        inner = _mp_sigmoid_derivative(ctx, n, sign * u)
    elif member.name == "logistic":
        inner = (-1) ** (n - 1) * (
            1 / (1 + ctx.exp(sign * u)) if n == 1 else _mp_sigmoid_derivative(ctx, n - 1, -sign * u)
        )
    elif n > 1 and sign * u in member.kinks:
        return ctx.nan
    else:
        inner = _mp_slope_derivative(ctx, curve, sign * u, n - 1)
    return L * k**n * sign**n * inner


def _mp_slope_derivative(ctx: Any, curve: Curve, t: Any, m: int) -> Any:
    """The m-th derivative at t of the slope (the unit's analytic first derivative, or N'/N
    with --log), from Taylor series: exact arithmetic on the formulas, no numerical
    differentiation, so relative accuracy holds in the tails too."""
    from .taylor import Jet, JetContext

    unit = _mp_unit(ctx, curve, t) if curve.log else None
    if unit == 0:  # log N is −inf on a whole piece (hardsigmoid below −3): no slope there
        return ctx.nan
    if m == 0:
        grad = _mp_unit_grad(ctx, curve, t)
        return grad / unit if unit is not None else grad
    series = JetContext(ctx, m + 1)
    slope = _mp_unit_grad(series, curve, series.variable(t))
    if not isinstance(slope, Jet):  # a constant piece (hardsigmoid, smoothstep outside ±1)
        slope = series.constant(slope)
    if unit is not None:
        slope = slope / series.antiderivative(slope, unit)
    return slope.derivative(m)


def _mp_fallback(curve: Curve, x: float) -> float:
    """One float64 result from mpmath: double the precision until two agree (Ziv's loop)."""
    import mpmath

    from .rounded import mp_nearest_double

    precision = 64 + 4 * curve.order
    previous: float | None = None
    for _ in range(8):
        with mpmath.workprec(precision):
            result = mp_nearest_double(mpmath.mpf(mp_value(mpmath.mp, curve, mpmath.mpf(x))))
        if previous is not None and (result == previous or (math.isnan(result) and math.isnan(previous))):
            break  # two agree (nan: undefined at two precisions, not worth six more)
        previous, precision = result, 2 * precision
    return result


# --- the public entry points ----------------------------------------------------------------


def check_inverse_domain(curve: Curve, y: float, shown: str | None = None) -> None:
    """Refuse y outside the inverse's domain; ``shown`` is how the user wrote it."""
    low, high = inverse_domain(curve)
    if not low <= y <= high and not math.isnan(y):
        text = repr(shown if shown is not None else y)
        raise DataError(f"{text} is outside the domain [{_fmt(low)}, {_fmt(high)}] of the inverse")


def float_value(curve: Curve, x: float) -> float:
    """The curve at one float: σ(x) by default. Pure ``math``: no numpy import."""
    if curve.inverse:
        check_inverse_domain(curve, x)
        return float(_inverse(K.MATH, curve, x))
    if curve.order == 0:
        return float(_forward(K.MATH, curve, x))
    result, unsure = _derivative(K.MATH, curve, x)
    if unsure and math.isfinite(x):
        return _mp_fallback(curve, x)
    return float(result)


def array_values(curve: Curve, x: Any) -> Any:
    """The curve over a float64 numpy array; returns (results, bad) with ``bad`` marking
    values outside the inverse's domain (their result is nan)."""
    import numpy as np

    xp = K.numpy_namespace()
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(all="ignore"):
        if curve.inverse:
            low, high = inverse_domain(curve)
            bad = (x < low) | (x > high)
            result = _inverse(xp, curve, np.where(bad, np.nan, x))
            return np.asarray(result, dtype=np.float64), bad
        if curve.order == 0:
            return np.asarray(_forward(xp, curve, x), dtype=np.float64), np.zeros(x.shape, dtype=bool)
        result, unsure = _derivative(xp, curve, x)
        result = np.array(result, dtype=np.float64)
    for index in np.flatnonzero(unsure & np.isfinite(x)):
        result[index] = _mp_fallback(curve, float(x[index]))
    return result, np.zeros(x.shape, dtype=bool)
