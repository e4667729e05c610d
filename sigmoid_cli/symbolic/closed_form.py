"""`--exact`: the curve's value, derivative or inverse as a sympy closed form.

σ is sympy's ``sigmoid`` function from sympy_bridge.py, so derivatives stay polynomials in σ
(σ' = σ(1−σ)) until the value is substituted; σ(0) = 1/2 and σ(log r) = r/(1+r) are
known to it, so `log(3)` gives 3/4.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

import sympy

from sigmoid_cli.deadline import OutOfTime, time_limit
from sigmoid_cli.errors import DataError, UsageError
from sigmoid_cli.numeric.curve import Curve
from sigmoid_cli.numeric.text import parse_value, quote, read_float

from .sympy_bridge import sigmoid, to_sympy

if TYPE_CHECKING:
    from sigmoid_cli.numeric.expression import Expression


class ExactRequest(Protocol):
    """What an exact result needs to know of the request (sigmoid_cli.jobs.Job is one)."""

    @property
    def curve(self) -> Curve: ...
    @property
    def wrt(self) -> str | None: ...
    @property
    def exact_latex(self) -> bool: ...
    @property
    def columns(self) -> tuple[str, ...]: ...
    @property
    def partial_names(self) -> tuple[str, ...]: ...
    @property
    def expression(self) -> Expression | None: ...


TIME_LIMIT = 10  # seconds for one exact result
_SIMPLIFY_LIMIT = 400  # operations; larger expressions are only cancelled, not simplified

_t = sympy.Symbol("t", real=True)


def _member(name: str, u: sympy.Expr) -> sympy.Expr:
    forms: dict[str, Callable[[], sympy.Expr]] = {
        "logistic": lambda: sigmoid(u),
        "tanh": lambda: sympy.tanh(u),
        "arctan": lambda: sympy.atan(u),
        "gd": lambda: 2 * sympy.atan(sympy.tanh(u / 2)),
        "erf": lambda: sympy.erf(u),
        "algebraic": lambda: u / sympy.sqrt(1 + u**2),
        "softsign": lambda: u / (1 + sympy.Abs(u)),
        "normal-cdf": lambda: (1 + sympy.erf(u / sympy.sqrt(2))) / 2,
        "hardsigmoid": lambda: sympy.Min(sympy.Max((u + 3) / 6, 0), 1),
        "smoothstep": lambda: sympy.Piecewise((-1, u <= -1), (1, u >= 1), ((3 * u - u**3) / 2, True)),
    }
    return forms[name]()


def _member_inverse(name: str, y: sympy.Expr) -> sympy.Expr:
    forms: dict[str, Callable[[], sympy.Expr]] = {
        "logistic": lambda: sympy.log(y / (1 - y)),
        "tanh": lambda: sympy.atanh(y),
        "arctan": lambda: sympy.tan(y),
        "gd": lambda: 2 * sympy.atanh(sympy.tan(y / 2)),
        "erf": lambda: sympy.erfinv(y),
        "algebraic": lambda: y / sympy.sqrt(1 - y**2),
        "softsign": lambda: y / (1 - sympy.Abs(y)),
        "normal-cdf": lambda: sympy.sqrt(2) * sympy.erfinv(2 * y - 1),
        "hardsigmoid": lambda: 6 * y - 3,
        "smoothstep": lambda: 2 * sympy.sin(sympy.asin(y) / 3),
    }
    return forms[name]()


def _parameters(job: ExactRequest) -> tuple[sympy.Expr, sympy.Expr, sympy.Expr]:
    curve = job.curve
    texts = curve.exact_params or (repr(curve.k), repr(curve.x0), repr(curve.L))
    k, x0, L = (to_sympy(parse_value(text)) for text in texts)
    return k, x0, L


def _limit(end: float) -> sympy.Expr:
    return sympy.oo if end == math.inf else -sympy.oo if end == -math.inf else sympy.Integer(int(end))


def _half_range(name: str) -> sympy.Expr:
    return sympy.pi / 2 if name in ("arctan", "gd") else sympy.Integer(1)


def curve_expression(
    job: ExactRequest, params: tuple[sympy.Expr, sympy.Expr, sympy.Expr] | None = None
) -> sympy.Expr:
    """y(t) = L·h(k(t − x0)) as a sympy expression of the symbol t."""
    curve = job.curve
    k, x0, L = params or _parameters(job)
    u = k * (_t - x0)
    if curve.complement:
        u = -u
    h = _member(curve.fn, u)
    if curve.normalize and curve.member.odd:
        h = (h / _half_range(curve.fn) + 1) / 2
    if curve.log:
        h = sympy.log(h)
    return L * h


def _inverse(job: ExactRequest, y: sympy.Expr) -> sympy.Expr:
    curve = job.curve
    k, x0, L = _parameters(job)
    v = y / L
    if curve.normalize and curve.member.odd:
        v = _half_range(curve.fn) * (2 * v - 1)
    low, high = _half_range(curve.fn) * (-1 if curve.member.odd else 0), _half_range(curve.fn)
    low_end, high_end = (_limit(end) for end in curve.member.ends)
    # At the range's ends the formulas give log(0), 1/0 or tan(π/2): the limits instead.
    u = low_end if v == low else high_end if v == high else _member_inverse(curve.fn, v)
    if curve.complement:
        u = -u
    return x0 + u / k


def _tidy(expr: sympy.Expr) -> sympy.Expr:
    expr = expr.rewrite(sympy.exp) if expr.has(sigmoid) else expr
    if sympy.count_ops(expr) > _SIMPLIFY_LIMIT:
        return sympy.cancel(expr)
    return sympy.simplify(expr)


def _diff(expr: sympy.Expr, n: int) -> sympy.Expr:
    """The n-th derivative in t. sympy.diff(σ(t), t, n) applies the product rule to an
    ever larger unexpanded tree (order 15 took 74 s, tanh's order 20 longer still);
    expanding after each step keeps a polynomial in σ or tanh (or e^{−t²} times one), and
    order 30 takes under a second. Other members (atan: rational functions) are left to
    sympy, for which expanding is the slow way."""
    if expr.has(sympy.atan) or not expr.has(sigmoid, sympy.tanh, sympy.erf):
        return sympy.diff(expr, _t, n)
    for _ in range(n):
        expr = sympy.expand(sympy.diff(expr, _t))
    return expr


def _undefined(value: sympy.Expr) -> bool:
    return bool(value.has(sympy.zoo, sympy.nan) or (value.is_number and value.is_extended_real is False))


def _at(expr: sympy.Expr, point: dict[sympy.Symbol, sympy.Expr]) -> sympy.Expr:
    """``expr`` at ``point``; at t = ±inf, where substituting gives log(0) or ∞/∞, its limit."""
    value = expr.subs(point)
    x = point[_t]
    if x.is_infinite and _undefined(value):
        rest = {symbol: v for symbol, v in point.items() if symbol is not _t}
        at_params = expr.subs(rest)
        value = sympy.limit(at_params.rewrite(sympy.exp) if at_params.has(sigmoid) else at_params, _t, x)
    return value


def exact_results(job: ExactRequest, text: str) -> list[sympy.Expr]:
    """The exact results for one VALUE (one, or four for --wrt all)."""
    read_float(text)  # the float64 reading first: it refuses overflow and domain errors cheaply
    x = to_sympy(parse_value(text))
    try:
        with time_limit(TIME_LIMIT):
            return _exact_results(job, x)
    except OutOfTime:
        raise UsageError(f"--exact gave up after {TIME_LIMIT:g} s: try --digits instead") from None


def _exact_results(job: ExactRequest, x: sympy.Expr) -> list[sympy.Expr]:
    curve = job.curve
    if x is sympy.nan:  # nan in, nan out, as in float64
        return [sympy.nan] * len(job.columns)
    if job.expression is not None:
        return [_tidy(_expression_at(job, job.expression, x))]
    if curve.inverse:
        return [_tidy(_inverse(job, x))]
    y = curve_expression(job)
    if job.wrt in (None, "x"):
        return [_tidy(_at(_diff(y, curve.order) if curve.order else y, {_t: x}))]
    symbols = sympy.symbols("k x0 L", real=True)
    general = curve_expression(job, symbols)
    variables = {"x": _t, "k": symbols[0], "x0": symbols[1], "L": symbols[2]}
    point = dict(zip((_t, *symbols), (x, *_parameters(job)), strict=True))
    return [_tidy(_at(sympy.diff(general, variables[name]), point)) for name in job.partial_names]


def _expression_at(job: ExactRequest, expression: Expression, x: sympy.Expr) -> sympy.Expr:
    """--expr's value (or its derivative by --wrt, of --order) at x, the bound names at their
    exact VALUEs."""
    symbols = {name: sympy.Symbol(name, real=True) for name in expression.names()}
    symbols[expression.var] = _t
    y = to_sympy(expression.tree, symbols)
    if job.wrt is not None:
        y = sympy.diff(y, symbols[job.wrt], job.curve.order)
    point = {_t: x, **{symbols[name]: to_sympy(parse_value(text)) for name, text in expression.bindings}}
    return _at(y, point)


def results(job: ExactRequest, text: str) -> list[str]:
    values = exact_results(job, text)
    if all(value is sympy.nan for value in values):
        return ["nan"] * len(values)  # the input was nan
    for value in values:
        if _undefined(value):
            raise DataError(f"{quote(text)} is outside the domain: the exact result is undefined")
    if job.exact_latex:
        return [sympy.latex(v) for v in values]
    return [_plain(v) for v in values]


def _plain(value: sympy.Expr) -> str:
    """sympy's text, with infinity spelled as everywhere else in our output."""
    if value is sympy.oo or value is sympy.S.NegativeInfinity:
        return "inf" if value is sympy.oo else "-inf"
    return str(sympy.sstr(value))
