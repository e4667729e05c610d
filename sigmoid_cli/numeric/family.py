"""The sigmoid family as a registry: name → formulas, derivative, inverse, range.

Each member carries float64 kernels (``xp``-generic, see kernels.py), an mpmath formula for
--digits and for checking, and what --normalize means for it. Normalised members N(x)
have range (0, 1) and N(−x) = 1 − N(x); each is computed from its small side ``left``
(x ≤ 0), so both tails keep their relative accuracy and the complement is N(−x).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import kernels as K

Kernel = Callable[[Any, Any], Any]  # (xp, x) -> value
MpFunction = Callable[[Any, Any], Any]  # (mpmath context, x: mpf) -> mpf


def _normal_quantile(p: float) -> float:
    from statistics import NormalDist  # imported here: statistics costs 10 ms at start-up

    return NormalDist().inv_cdf(p)


def _erfinv(y: float) -> float:
    """erf⁻¹ for |y| ≤ 1: the normal quantile as a start, then Newton steps. Beyond |y| = ½
    on erfc(x) = 1 − |y| (exact there, by Sterbenz): erf(x) − y near 1 would cancel every digit
    1 − y has (erf⁻¹(1 − 2·10⁻¹³) was 10⁷ ulp off that way)."""
    if y == 0.0 or abs(y) >= 1.0:
        return y if y == 0.0 else math.copysign(math.inf, y) if abs(y) == 1.0 else math.nan
    a = abs(y)
    if a <= 0.5:
        x = _normal_quantile((1.0 + a) / 2.0) * K._SQRT_HALF_HI
        for _ in range(2):
            x -= (math.erf(x) - a) / (K._TWO_OVER_SQRT_PI * math.exp(-x * x))
        return math.copysign(x, y)
    rest = 1.0 - a  # exact
    x = -_normal_quantile(0.5 * rest) * K._SQRT_HALF_HI
    for _ in range(3):
        x += (math.erfc(x) - rest) / (K._TWO_OVER_SQRT_PI * math.exp(-x * x))
    return math.copysign(x, y)


def _probit(p: float) -> float:
    """Φ⁻¹(p). Around ½ it is √2·erf⁻¹(2p−1), where 2p−1 is exact and erf⁻¹ well conditioned."""
    if p <= 0.0 or p >= 1.0:
        return -math.inf if p == 0.0 else math.inf if p == 1.0 else math.nan
    if 0.25 <= p <= 0.75:
        return math.sqrt(2.0) * _erfinv(2.0 * p - 1.0)
    return _normal_quantile(p)


def _scalar_or_vector(func: Callable[[float], float]) -> Kernel:
    """Lift a scalar-only formula (one the stdlib has and numpy does not) to both paths."""

    def kernel(xp: Any, x: Any) -> Any:
        if xp is K.MATH:
            return func(x)
        import numpy as np

        return np.frompyfunc(func, 1, 1)(x).astype(np.float64)

    return kernel


@dataclass(frozen=True, eq=False, repr=False)
class Member:
    name: str
    formula: str  # how the README and --help write it
    value: Kernel
    grad: Kernel  # first derivative of ``value``
    inverse: Kernel  # on the closed natural range
    mp_value: MpFunction
    mp_grad: MpFunction  # analytic, so higher derivatives keep their relative accuracy
    low: float  # natural range
    high: float
    # For odd members: N(x) = (value/high + 1)/2 on x ≤ 0, computed without cancellation.
    normalized_left: Kernel | None = None
    # log of the member's (normalised) value for x ≤ 0, where the value itself may underflow.
    log_left: Kernel | None = None
    mp_left: MpFunction | None = None  # N(x) for x ≤ 0 in multiple precision
    # The inverse at ``low`` and ``high``: ±inf where the range is only approached. Given
    # here because the formulas divide by zero there (x/(1−|x|)), or land a rounding away
    # (tan(float(π/2)) = 1.6e16, 2·sin(asin(1)/3) = 0.9999999999999999).
    ends: tuple[float, float] = (-math.inf, math.inf)
    # Where the first derivative has a corner or a jump: no derivative of order 2 or more.
    kinks: tuple[float, ...] = ()

    @property
    def odd(self) -> bool:
        return self.low == -self.high

    @property
    def unit_range(self) -> bool:
        return self.low == 0.0 and self.high == 1.0


def _smoothstep(xp: Any, x: Any) -> Any:
    t = xp.clip(x, -1.0, 1.0)
    return 0.5 * t * (3.0 - t * t)


def _smoothstep_grad(xp: Any, x: Any) -> Any:
    return xp.where(xp.abs(x) < 1.0, 1.5 * ((1.0 - x) * (1.0 + x)), 0.0)


def _smoothstep_inverse(xp: Any, y: Any) -> Any:
    return 2.0 * xp.sin(xp.arcsin(y) / 3.0)


def _smoothstep_left(xp: Any, x: Any) -> Any:
    # 1 + (3x − x³)/2 = (x+1)²(2−x)/2: no cancellation near x = −1.
    t = xp.clip(x, -1.0, 1.0)
    return 0.25 * (t + 1.0) * (t + 1.0) * (2.0 - t)


def _mp_piecewise(ctx: Any, x: Any, lo: float, hi: float, inner: Callable[[Any], Any]) -> Any:
    if x <= lo:
        return ctx.mpf(-1 if lo == -1 else 0)
    if x >= hi:
        return ctx.mpf(1)
    return inner(x)


def _arctan_left(xp: Any, x: Any) -> Any:
    # atan(x)/π + ½ = atan(−1/x)/π for x < 0.
    safe = xp.where(x < 0, x, -1.0)
    return xp.where(x < 0, xp.arctan(-1.0 / safe) / xp.pi, 0.5)


def _gd_left(xp: Any, x: Any) -> Any:
    # gd(x) = 2·atan(eˣ) − π/2, so (gd/(π/2) + 1)/2 = (2/π)·atan(eˣ).
    return (2.0 / xp.pi) * xp.arctan(xp.exp(xp.where(x <= 0, x, 0.0)))


def _gd_log_left(xp: Any, x: Any) -> Any:
    # log((2/π)·atan(eˣ)): for x < −20, atan(eˣ) = eˣ(1 − e^{2x}/3 …) to within 1e-17.
    safe = xp.where(x <= 0, x, 0.0)
    return xp.where(
        safe < -20.0, safe + math.log(2.0 / math.pi), xp.log(2.0 / xp.pi * xp.arctan(xp.exp(safe)))
    )


def _at_infinity(formula: Kernel) -> Kernel:
    """``formula`` for finite x, and its limit ±1 at ±inf (where x/√(1+x²) is inf/inf)."""

    def kernel(xp: Any, x: Any) -> Any:
        return xp.where(xp.abs(x) < math.inf, formula(xp, x), xp.clip(x, -1.0, 1.0))

    return kernel


def _mp_at_infinity(formula: MpFunction) -> MpFunction:
    def function(c: Any, x: Any) -> Any:
        return formula(c, x) if not c.isinf(x) else c.sign(x)

    return function


def _algebraic_left(xp: Any, x: Any) -> Any:
    # (1 + x/h)/2 = 1/(2h(h − x)) with h = √(1+x²), for x ≤ 0.
    h = K.hypot_one(xp, x)
    return 0.5 / (h * (h - x))


def _softsign_left(xp: Any, x: Any) -> Any:
    return 0.5 / (1.0 - x)


def _hardsigmoid(xp: Any, x: Any) -> Any:
    return xp.clip((x + 3.0) / 6.0, 0.0, 1.0)  # x + 3 is exact near −3, where it matters


def _log_sigmoid_left(xp: Any, x: Any) -> Any:
    return K.log_sigmoid(xp, x)


def _tanh_left(xp: Any, x: Any) -> Any:
    return K.sigmoid(xp, 2.0 * x)  # (tanh x + 1)/2 = σ(2x)


def _tanh_log_left(xp: Any, x: Any) -> Any:
    return K.log_sigmoid(xp, 2.0 * x)


def _erf_left(xp: Any, x: Any) -> Any:
    return 0.5 * xp.erfc(-x)


def _erf_log_left(xp: Any, x: Any) -> Any:
    # ½·erfc(−x) = Φ(x√2); below −20 use the Mills-ratio series of log Φ.
    return xp.where(
        x < -14.2,
        K.log_normal_cdf_left(xp, x * math.sqrt(2.0)),
        xp.log(0.5 * xp.erfc(-xp.clip(x, -14.2, 0))),
    )


def _normal_log_left(xp: Any, x: Any) -> Any:
    return xp.where(x < -20.0, K.log_normal_cdf_left(xp, x), xp.log(K.normal_cdf(xp, xp.clip(x, -20, 0))))


def _arctan_grad(xp: Any, x: Any) -> Any:
    # 1/(1+x²), or (1/x)² where x² would overflow.
    big = xp.abs(x) > 1e150
    inverse = 1.0 / xp.where(big, x, 1.0)
    small = xp.where(big, 1.0, x)
    return xp.where(big, inverse * inverse, 1.0 / (1.0 + small * small))


def _gd_grad(xp: Any, x: Any) -> Any:
    e = xp.exp(-xp.abs(x))  # sech x = 2e/(1+e²)
    return 2.0 * e / (1.0 + e * e)


def _algebraic_grad(xp: Any, x: Any) -> Any:
    r = 1.0 / K.hypot_one(xp, x)  # (1+x²)^{-3/2} without overflowing for large x
    return r * r * r


def _mp_hard(c: Any, x: Any) -> Any:
    return _mp_piecewise(c, x, -3, 3, lambda t: (t + 3) / 6)


def _mp_smooth(c: Any, x: Any) -> Any:
    return _mp_piecewise(c, x, -1, 1, lambda t: t * (3 - t * t) / 2)


def _mp_smooth_left(c: Any, x: Any) -> Any:
    return c.mpf(0) if x <= -1 else (x + 1) ** 2 * (2 - x) / 4


MEMBERS: dict[str, Member] = {
    m.name: m
    for m in (
        Member(
            name="logistic",
            formula="1/(1+e^-x)",
            value=K.sigmoid,
            grad=K.sigmoid_grad,
            inverse=K.logit,
            mp_value=lambda c, x: 1 / (1 + c.exp(-x)),
            mp_grad=lambda c, x: c.exp(-abs(x)) / (1 + c.exp(-abs(x))) ** 2,
            low=0.0,
            high=1.0,
            log_left=_log_sigmoid_left,
        ),
        Member(
            name="tanh",
            formula="tanh(x)",
            value=lambda xp, x: xp.tanh(x),
            grad=lambda xp, x: 4.0 * K.sigmoid_grad(xp, 2.0 * x),
            inverse=lambda xp, y: xp.arctanh(y),
            mp_value=lambda c, x: c.tanh(x),
            mp_grad=lambda c, x: c.sech(x) ** 2,
            low=-1.0,
            high=1.0,
            normalized_left=_tanh_left,
            log_left=_tanh_log_left,
            mp_left=lambda c, x: 1 / (1 + c.exp(-2 * x)),
        ),
        Member(
            name="arctan",
            formula="atan(x)",
            value=lambda xp, x: xp.arctan(x),
            grad=_arctan_grad,
            inverse=lambda xp, y: xp.tan(y),
            mp_value=lambda c, x: c.atan(x),
            mp_grad=lambda c, x: 1 / (1 + x * x),
            low=-math.pi / 2,
            high=math.pi / 2,
            normalized_left=_arctan_left,
            mp_left=lambda c, x: c.atan(-1 / x) / c.pi if x < 0 else c.mpf(1) / 2,
        ),
        Member(
            name="gd",
            formula="2·atan(tanh(x/2))",
            value=lambda xp, x: 2.0 * xp.arctan(xp.tanh(0.5 * x)),
            grad=_gd_grad,
            inverse=lambda xp, y: 2.0 * xp.arctanh(xp.tan(0.5 * y)),
            mp_value=lambda c, x: 2 * c.atan(c.tanh(x / 2)),
            mp_grad=lambda c, x: c.sech(x),
            low=-math.pi / 2,
            high=math.pi / 2,
            normalized_left=_gd_left,
            log_left=_gd_log_left,
            mp_left=lambda c, x: 2 * c.atan(c.exp(x)) / c.pi,
        ),
        Member(
            name="erf",
            formula="erf(x)",
            value=lambda xp, x: xp.erf(x),
            grad=lambda xp, x: K._TWO_OVER_SQRT_PI * K.exp_neg_square(xp, x),
            inverse=_scalar_or_vector(_erfinv),
            mp_value=lambda c, x: c.erf(x),
            mp_grad=lambda c, x: 2 / c.sqrt(c.pi) * c.exp(-x * x),
            low=-1.0,
            high=1.0,
            normalized_left=_erf_left,
            log_left=_erf_log_left,
            mp_left=lambda c, x: c.erfc(-x) / 2,
        ),
        Member(
            name="algebraic",
            formula="x/√(1+x²)",
            value=_at_infinity(lambda xp, x: x / K.hypot_one(xp, x)),
            grad=_algebraic_grad,
            inverse=lambda xp, y: y / xp.sqrt((1.0 - y) * (1.0 + y)),
            mp_value=_mp_at_infinity(lambda c, x: x / c.sqrt(1 + x * x)),
            mp_grad=lambda c, x: (1 + x * x) ** (-c.mpf(3) / 2),
            low=-1.0,
            high=1.0,
            normalized_left=_algebraic_left,
            mp_left=lambda c, x: 1 / (2 * c.sqrt(1 + x * x) * (c.sqrt(1 + x * x) - x)),
        ),
        Member(
            name="softsign",
            formula="x/(1+|x|)",
            value=_at_infinity(lambda xp, x: x / (1.0 + xp.abs(x))),
            grad=lambda xp, x: 1.0 / ((1.0 + xp.abs(x)) * (1.0 + xp.abs(x))),
            inverse=lambda xp, y: y / (1.0 - xp.abs(y)),
            mp_value=_mp_at_infinity(lambda c, x: x / (1 + abs(x))),
            mp_grad=lambda c, x: 1 / (1 + abs(x)) ** 2,
            low=-1.0,
            high=1.0,
            normalized_left=_softsign_left,
            mp_left=lambda c, x: 1 / (2 * (1 - x)),
            kinks=(0.0,),
        ),
        Member(
            name="normal-cdf",
            formula="Φ(x) = (1+erf(x/√2))/2",
            value=K.normal_cdf,
            grad=lambda xp, x: K._INV_SQRT_2PI * K.exp_neg_square(xp, x, 0.5),
            inverse=_scalar_or_vector(_probit),
            mp_value=lambda c, x: c.ncdf(x),
            mp_grad=lambda c, x: c.npdf(x),
            low=0.0,
            high=1.0,
            log_left=_normal_log_left,
        ),
        Member(
            name="hardsigmoid",
            formula="clip((x+3)/6, 0, 1)",
            value=_hardsigmoid,
            grad=lambda xp, x: xp.where(xp.abs(x) < 3.0, 1.0 / 6.0, 0.0),
            inverse=lambda xp, y: 6.0 * (y - 0.5),  # y − ½ is exact near ½
            mp_value=_mp_hard,
            mp_grad=lambda c, x: c.mpf(1) / 6 if abs(x) < 3 else c.mpf(0),
            low=0.0,
            high=1.0,
            ends=(-3.0, 3.0),
            kinks=(-3.0, 3.0),
        ),
        Member(
            name="smoothstep",
            formula="(3x − x³)/2 on [−1, 1]",
            value=_smoothstep,
            grad=_smoothstep_grad,
            inverse=_smoothstep_inverse,
            mp_value=_mp_smooth,
            mp_grad=lambda c, x: 3 * (1 - x) * (1 + x) / 2 if abs(x) < 1 else c.mpf(0),
            low=-1.0,
            high=1.0,
            normalized_left=_smoothstep_left,
            mp_left=_mp_smooth_left,
            ends=(-1.0, 1.0),
            kinks=(-1.0, 1.0),
        ),
    )
}

NAMES: tuple[str, ...] = tuple(MEMBERS)
