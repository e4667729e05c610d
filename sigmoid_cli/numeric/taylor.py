"""Truncated Taylor series in mpmath ("jets"): derivatives of any order in O(n²) operations.

A Jet holds the Taylor coefficients c₀ … cₘ of a function at a point; arithmetic and the few
functions the family's first derivatives use (exp, sqrt, sech, powers, the normal density)
act on whole series by the classical recurrences. ``JetContext`` looks like an mpmath
context to the family's ``mp_grad`` formulas, so one formula serves both a value and all
its derivatives. Numerical differentiation (mpmath's ``diff``) needed seconds per value
at order 30 and more than a minute at order 100; this needs milliseconds.
"""

from __future__ import annotations

from typing import Any


class Jet:
    """c₀ + c₁h + … + cₘhᵐ: the Taylor coefficients of a function at a point."""

    __slots__ = ("c", "ctx")

    def __init__(self, ctx: Any, coefficients: list[Any]) -> None:
        self.ctx = ctx
        self.c = coefficients

    def _lift(self, other: Any) -> Jet:
        return other if isinstance(other, Jet) else _constant(self.ctx, other, len(self.c))

    def derivative(self, order: int) -> Any:
        """The order-th derivative at the point: order! · c_order."""
        return self.ctx.factorial(order) * self.c[order]

    def __add__(self, other: Any) -> Jet:
        o = self._lift(other)
        return Jet(self.ctx, [a + b for a, b in zip(self.c, o.c, strict=True)])

    __radd__ = __add__

    def __neg__(self) -> Jet:
        return Jet(self.ctx, [-a for a in self.c])

    def __sub__(self, other: Any) -> Jet:
        return self + (-self._lift(other))

    def __rsub__(self, other: Any) -> Jet:
        return self._lift(other) - self

    def __mul__(self, other: Any) -> Jet:
        if not isinstance(other, Jet):
            return Jet(self.ctx, [a * other for a in self.c])
        a, b = self.c, other.c
        return Jet(self.ctx, [self.ctx.fsum(a[j] * b[k - j] for j in range(k + 1)) for k in range(len(a))])

    __rmul__ = __mul__

    def __truediv__(self, other: Any) -> Jet:
        if not isinstance(other, Jet):
            return Jet(self.ctx, [a / other for a in self.c])
        a, b = self.c, other.c
        q: list[Any] = []
        for k in range(len(a)):
            q.append((a[k] - self.ctx.fsum(b[j] * q[k - j] for j in range(1, k + 1))) / b[0])
        return Jet(self.ctx, q)

    def __rtruediv__(self, other: Any) -> Jet:
        return self._lift(other) / self

    def __pow__(self, exponent: Any) -> Jet:
        """self ** r for a constant r (self's value must not be 0)."""
        a, r = self.c, self.ctx.mpf(exponent)
        b = [a[0] ** r]
        for k in range(1, len(a)):
            b.append(self.ctx.fsum(((r + 1) * j - k) * a[j] * b[k - j] for j in range(1, k + 1)) / (k * a[0]))
        return Jet(self.ctx, b)

    def __abs__(self) -> Jet:
        if self.c[0] == 0:  # |x| has no derivative at 0
            return Jet(self.ctx, [self.ctx.zero] + [self.ctx.nan] * (len(self.c) - 1))
        return self if self.c[0] > 0 else -self

    # Comparisons look at the value: the family's piecewise formulas choose a piece by it.
    def __lt__(self, other: Any) -> bool:
        return bool(self.c[0] < other)

    def __gt__(self, other: Any) -> bool:
        return bool(self.c[0] > other)


def _constant(ctx: Any, value: Any, terms: int) -> Jet:
    return Jet(ctx, [ctx.mpf(value)] + [ctx.zero] * (terms - 1))


class JetContext:
    """The part of an mpmath context that the family's derivative formulas use, on jets."""

    def __init__(self, ctx: Any, terms: int) -> None:
        self.ctx = ctx
        self.terms = terms
        self.pi = ctx.pi

    def variable(self, at: Any) -> Jet:
        """x itself, expanded at ``at``: at + h."""
        return Jet(self.ctx, [self.ctx.mpf(at), self.ctx.one] + [self.ctx.zero] * (self.terms - 2))

    def constant(self, value: Any) -> Jet:
        return _constant(self.ctx, value, self.terms)

    def antiderivative(self, jet: Jet, value: Any) -> Jet:
        """The series whose derivative is ``jet`` and whose value is ``value``."""
        return Jet(self.ctx, [value] + [c / (k + 1) for k, c in enumerate(jet.c[:-1])])

    def mpf(self, x: Any) -> Any:
        return self.ctx.mpf(x)

    def exp(self, x: Any) -> Any:
        if not isinstance(x, Jet):
            return self.ctx.exp(x)
        a = x.c
        b = [self.ctx.exp(a[0])]
        for k in range(1, len(a)):
            b.append(self.ctx.fsum(j * a[j] * b[k - j] for j in range(1, k + 1)) / k)
        return Jet(self.ctx, b)

    def sqrt(self, x: Any) -> Any:
        return x ** self.ctx.mpf(0.5) if isinstance(x, Jet) else self.ctx.sqrt(x)

    def sech(self, x: Any) -> Any:
        if not isinstance(x, Jet):
            return self.ctx.sech(x)
        return 2 / (self.exp(x) + self.exp(-x))  # mpf exponents do not overflow

    def npdf(self, x: Any) -> Any:
        if not isinstance(x, Jet):
            return self.ctx.npdf(x)
        return self.exp(-(x * x) / 2) / self.ctx.sqrt(2 * self.ctx.pi)

    # --- for expressions of the grammar (numeric/expression_jets.py) -------------------------

    def slope(self, jet: Jet) -> Jet:
        """The series of the derivative (its last coefficient is unknown: 0, never read)."""
        c = jet.c
        return Jet(self.ctx, [k * c[k] for k in range(1, len(c))] + [self.ctx.zero])

    def by_derivative(self, u: Jet, value: Any, derivative: Jet) -> Jet:
        """f(u) from f(u₀) and f'(u), where f'(u) is computed without f (log, atan, erf, …):
        the series of f'(u)·u' integrated."""
        return self.antiderivative(derivative * self.slope(u), value)

    def log(self, x: Jet) -> Jet:
        return self.by_derivative(x, self.ctx.log(x.c[0]), 1 / x)

    def expm1(self, x: Jet) -> Jet:
        """e^x − 1: the series of e^x with its value from expm1 (no cancellation at x ≈ 0)."""
        e = self.exp(x)
        return Jet(self.ctx, [self.ctx.expm1(x.c[0]), *e.c[1:]])

    def sin_cos(self, x: Jet) -> tuple[Jet, Jet]:
        """sin x and cos x together: s' = c·x', c' = −s·x'."""
        a = x.c
        s = [self.ctx.sin(a[0])]
        c = [self.ctx.cos(a[0])]
        for k in range(1, len(a)):
            s.append(self.ctx.fsum(j * a[j] * c[k - j] for j in range(1, k + 1)) / k)
            c.append(-self.ctx.fsum(j * a[j] * s[k - j] for j in range(1, k + 1)) / k)
        return Jet(self.ctx, s), Jet(self.ctx, c)
