"""Float64 kernels of the activation functions of the grammar (softplus, SiLU, GELU, mish, …),
written once for ``xp`` = kernels.MATH (Python floats) or kernels.numpy_namespace() (arrays).

Each stays within 4 ulp of the exact value at the given double over the whole range
(tests/test_activations.py measures it against mpmath at 256 bits). Three devices recur:
- exp only ever sees a non-positive argument, so nothing overflows;
- a product x·f(x) whose value is subnormal (silu, gelu and mish far left) is computed
  scaled by e^128 and scaled back by one final multiplication, so it is rounded once
  instead of losing the digits of a subnormal factor;
- a constant that scales the argument (gelu's 1/√2, gelu_tanh's √(2/π) and 0.044715) is
  carried as a double-double, and the function of hi + lo corrected to first order.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from . import kernels as K

# e^−128 = _E128_HI (+ 2^−242·…): the scale of the far-left tails (a normal double).
_E128 = float.fromhex("0x1.42eb9f39afb0bp-185")
_SHIFT = 128.0
_TWO_SQRT_2_OVER_PI = (float.fromhex("0x1.9884533d43651p+0"), float.fromhex("-0x1.cbc0d30ebfd15p-54"))
_GELU_CUBIC = (float.fromhex("0x1.6e4e26d4801f7p-5"), float.fromhex("0x1.441355475a31ap-59"))  # 0.044715
_EXPM1_EDGE = 709.782712893384  # the largest double whose e^x − 1 is finite


def _two_prod(a: Any, b: Any) -> tuple[Any, Any]:
    """a·b = p + e exactly (Dekker), for |a|, |b| < 2^995."""
    a_hi, a_lo = K.split(a)
    b_hi, b_lo = K.split(b)
    p = a * b
    return p, ((a_hi * b_hi - p) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo


def _two_sum(a: Any, b: Any) -> tuple[Any, Any]:
    s = a + b
    bb = s - a
    return s, (a - (s - bb)) + (b - bb)


def _dd_times(a_hi: Any, a_lo: Any, b: tuple[float, float]) -> tuple[Any, Any]:
    """(a_hi + a_lo)·(b_hi + b_lo) to a relative 3u²."""
    p, e = _two_prod(a_hi, b[0])
    return p, e + (a_hi * b[1] + a_lo * b[0])


def softplus(xp: Any, x: Any) -> Any:
    """log(1 + e^x) = max(x, 0) + log1p(e^{−|x|}): no overflow, and the left tail is e^x itself."""
    e = xp.exp(-xp.abs(x))
    return xp.where(x > 0, x + xp.log1p(e), xp.log1p(e))


def _times_sigmoid(xp: Any, x: Any, t_hi: Any, t_lo: Any) -> Any:
    """x·σ(t_hi + t_lo), with σ(t + δ) ≈ σ(t)·(1 + δ·σ(−t)), and the far left scaled."""
    t_hi = xp.clip(t_hi, -2000.0, 2000.0)  # beyond, σ is 0 or 1; t_hi + 128 stays exact
    tail = t_hi < -700.0  # e^t would be subnormal
    e = xp.exp(xp.where(t_hi >= 0, -t_hi, t_hi + xp.where(tail, _SHIFT, 0.0)))
    small = xp.where(tail, 0.0, e)  # e itself where 1 + e is not 1
    d = 1.0 + small
    d_err = small - (d - 1.0)
    q = xp.where(t_hi >= 0, 1.0, e) / d
    q = q - q * (d_err / d)  # σ(t_hi), scaled by e^128 in the tail
    other = xp.where(t_hi >= 0, small, 1.0) / d  # σ(−t_hi)
    x = xp.where(x < -1e300, -1e300, x)  # −inf·0 would be nan: the limit is −0
    return (x * q) * (1.0 + t_lo * other) * xp.where(tail, _E128, 1.0)


def silu(xp: Any, x: Any) -> Any:
    """x·σ(x) (SiLU, swish)."""
    return _times_sigmoid(xp, x, x, 0.0 * x)


def gelu_tanh(xp: Any, x: Any) -> Any:
    """½x(1 + tanh(√(2/π)(x + 0.044715x³))) = x·σ(2√(2/π)(x + 0.044715x³)): 1 + tanh never
    cancels, and the argument is a double-double (a relative error δ of it moves σ by |t|·δ)."""
    a = xp.clip(x, -30.0, 30.0)  # past ±30, σ of the argument is 0 or 1 in every digit
    s_hi, s_lo = K.square_exact(a)
    c_hi, c_lo = _two_prod(s_hi, a)
    c_lo = c_lo + s_lo * a  # x³
    m_hi, m_lo = _dd_times(c_hi, c_lo, _GELU_CUBIC)
    u_hi, u_lo = _two_sum(a, m_hi)
    u_lo = u_lo + m_lo
    t_hi, t_lo = _dd_times(u_hi, u_lo, _TWO_SQRT_2_OVER_PI)
    t_hi, t_lo = _two_sum(t_hi, t_lo)
    return _times_sigmoid(xp, x, t_hi, t_lo)


def gelu(xp: Any, x: Any) -> Any:
    """x·Φ(x) = x/2·(1 + erf(x/√2)): Φ with x/√2 as a double-double (kernels.normal_cdf), and
    for x < −37, where Φ nears the subnormals, −φ(x)·(1 − 1/x² + 3/x⁴ − …) scaled."""
    left = x < -37.0
    safe = xp.where(left, 0.0, x)
    middle = safe * K.normal_cdf(xp, safe)
    t = xp.where(left, xp.maximum(x, -40.0), -37.0)  # below −40 the result is −0 anyway
    z = 1.0 / (t * t)
    series: Any = 1.0  # Mills' ratio Σ (−1)^k (2k−1)!! z^k = 1 − z(1 − 3z(1 − 5z(…))); at |x| ≥ 37
    for m in range(23, 0, -2):  # its terms fall by 1/700 each
        series = 1.0 - m * z * series
    square, error = K.square_exact(t)
    phi = xp.exp(_SHIFT - 0.5 * square) * (1.0 - 0.5 * error) * K._INV_SQRT_2PI  # −x²/2 + 128 exact
    far = -(phi * series) * _E128
    return xp.where(left, xp.where(x < -40.0, -0.0, far), middle)


def mish(xp: Any, x: Any) -> Any:
    """x·tanh(softplus(x)), with tanh(log(1 + e)) written in e = e^x without cancellation:
    n/(n + 2) with n = e(e + 2) for x < 0, (1 + 2e)/(1 + 2e + 2e²) with e = e^{−x} for x ≥ 0."""
    c = xp.clip(x, -1500.0, 1500.0)
    tail = c < -700.0
    e = xp.exp(xp.where(c >= 0, -c, c + xp.where(tail, _SHIFT, 0.0)))
    small = xp.where(tail, 0.0, e)
    n = e * (small + 2.0)
    left = n / (small * (small + 2.0) + 2.0)
    top = 1.0 + 2.0 * e
    right = top / (top + 2.0 * e * e)
    x = xp.where(x < -1e300, -1e300, x)
    return (x * xp.where(c >= 0, right, left)) * xp.where(tail, _E128, 1.0)


def relu(xp: Any, x: Any) -> Any:
    """max(0, x); nan stays nan."""
    return xp.where(x > 0, x, xp.where(x <= 0, 0.0, x))


def expm1(xp: Any, x: Any) -> Any:
    """e^x − 1 (the library's), inf past the overflow edge without a warning."""
    return xp.where(x > _EXPM1_EDGE, math.inf, xp.expm1(xp.minimum(x, _EXPM1_EDGE)))


def log1p(xp: Any, x: Any) -> Any:
    """log(1 + x) (the library's); nan below −1, −inf at −1."""
    safe = xp.where(x > -1.0, x, 0.0)
    return xp.where(x > -1.0, xp.log1p(safe), xp.where(x == -1.0, -math.inf, math.nan))


def erfc(xp: Any, x: Any) -> Any:
    """1 − erf(x) (the library's: no cancellation in the right tail)."""
    return xp.erfc(x)


def sech(xp: Any, x: Any) -> Any:
    """1/cosh(x) = 2e/(1 + e²) with e = e^{−|x|}: no overflow, and the tails are 2e itself."""
    e = xp.exp(-xp.abs(x))
    return 2.0 * e / (1.0 + e * e)


def logit(xp: Any, p: Any) -> Any:
    """log(p/(1 − p)) on [0, 1], nan outside (kernels.logit, within 2 ulp)."""
    inside = (p >= 0.0) & (p <= 1.0) if xp is not K.MATH else 0.0 <= p <= 1.0
    return xp.where(inside, K.logit(xp, xp.where(inside, p, 0.5)), math.nan)


KERNELS = {
    "softplus": softplus,
    "silu": silu,
    "gelu": gelu,
    "gelu_tanh": gelu_tanh,
    "mish": mish,
    "relu": relu,
    "log1p": log1p,
    "expm1": expm1,
    "logit": logit,
    "erfc": erfc,
    "sech": sech,
}


def _scalar(name: str) -> Callable[[float], float]:
    """The kernel on a Python float; nan from a number outside the domain (logit(2),
    log1p(−2)) becomes the ValueError that math raises, so a VALUE says where it failed."""
    kernel = KERNELS[name]

    def scalar(x: float) -> float:
        result = float(kernel(K.MATH, float(x)))
        if math.isnan(result) and not math.isnan(x):
            raise ValueError(f"{name}({x!r}) is outside the domain")
        return result

    return scalar


def float_functions() -> dict[str, Callable[[float], float]]:
    """The grammar's functions that float64 takes from here rather than from math."""
    return {name: _scalar(name) for name in KERNELS if name not in ("log1p", "erfc")}


def mp_functions(ctx: Any) -> dict[str, Callable[[Any], Any]]:
    """The same functions in mpmath, by forms that keep their digits in the tails (the
    grammar's formula log(1 + e^u) would lose e^u beside 1 at any fixed precision)."""

    def softplus(u: Any) -> Any:
        return u + ctx.log1p(ctx.exp(-u)) if u > 0 else ctx.log1p(ctx.exp(u))

    def logit(p: Any) -> Any:
        if not 0 <= p <= 1:
            raise ValueError("logit is defined on [0, 1]")
        return -ctx.inf if p == 0 else ctx.inf if p == 1 else ctx.log(p) - ctx.log1p(-p)

    def erfc(z: Any) -> Any:
        """mpmath's erfc, and past z = 1e100 (where it overflows a float inside) the asymptotic
        series e^{−z²}/(z√π)·Σ (−1)^k (2k−1)!!/(2z²)^k, summed to the working precision."""
        if z < 1e100:
            return ctx.erfc(z)
        term, total, k = ctx.one, ctx.one, 0
        while abs(term) > ctx.eps:
            k += 1
            term = -term * (2 * k - 1) / (2 * z * z)
            total += term
        return ctx.exp(-z * z) / (z * ctx.sqrt(ctx.pi)) * total

    def ncdf(u: Any) -> Any:
        return erfc(-u / ctx.sqrt(2)) / 2  # no 1 + erf(u/√2) cancelling far left

    def gelu_tanh(u: Any) -> Any:
        t = 2 * ctx.sqrt(2 / ctx.pi) * (u + ctx.mpf(44715) / 10**6 * u**3)
        return u / (1 + ctx.exp(-t))  # ½u(1 + tanh(t/2)) without 1 + tanh cancelling

    return {
        "softplus": softplus,
        "silu": lambda u: u / (1 + ctx.exp(-u)),
        "gelu": lambda u: u * ncdf(u),
        "erfc": erfc,
        "Phi": ncdf,
        "gelu_tanh": gelu_tanh,
        "mish": lambda u: u * ctx.tanh(softplus(u)),
        "relu": lambda u: u if u > 0 else 0 * u,
        "logit": logit,
    }
