"""An exact decision procedure for the logistic family: forms as rational functions of T = e^{x/L}.

With σ written out as 1/(1 + e^{−u}), every form built from numbers, e^{c·x}, σ(c·x) (c rational),
+ − · / and integer powers is a rational function of T = e^{x/L} for a suitable integer L, and
d/dx acts on it as (T/L)·d/dT. Two such forms are equal exactly when their rational functions
are: a proof of before = after that needs no simplification heuristics and is fast even for the
twentieth derivative of σ. It never uses σ' = σ(1 − σ), so it is independent of the curated proofs.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from .forms import Add, Deriv, Div, Form, Func, Mul, Neg, Num, Pow, Sym, as_number, walk

MAX_POWER = 200
_CACHE: dict[tuple[Form, str, int], Any] = {}  # the same sub-forms recur from step to step


class NotRational(Exception):
    """The form is not a rational function of e^{x/L}."""


def _coefficient(arg: Form, var: str) -> Fraction:
    """c for arg = c·var (c rational), else NotRational."""
    from .engine import _linear_coefficient

    slope = _linear_coefficient(arg, var)
    value = as_number(slope) if slope is not None else None
    if value is None:
        raise NotRational
    return value


def equal(before: Form, after: Form, var: str) -> bool | None:
    """True/False when both sides are rational functions of e^{x/L}; None when not."""
    try:
        scale = _scale((before, after), var)
        field, t = _field()
        left = _convert(before, var, scale, field, t)
        right = _convert(after, var, scale, field, t)
        return bool(left == right)
    except (NotRational, ZeroDivisionError):
        return None


def _field() -> tuple[Any, Any]:
    from sympy import QQ
    from sympy.polys.fields import field

    k, t = field("T_", QQ)
    return k, t


def _scale(forms: tuple[Form, ...], var: str) -> int:
    denominators = [1]
    for form in forms:
        for node in walk(form):
            if isinstance(node, Func) and node.name in ("exp", "sigmoid"):
                denominators.append(_coefficient(node.arg, var).denominator)
            elif (isinstance(node, Sym) and node.name != var) or (
                isinstance(node, Func | Deriv) and not _supported(node, var)
            ):
                raise NotRational
    return math.lcm(*denominators)


def _supported(node: Form, var: str) -> bool:
    if isinstance(node, Func):
        return node.name in ("exp", "sigmoid")
    assert isinstance(node, Deriv)
    return node.var == var


def _convert(form: Form, var: str, scale: int, field: Any, t: Any) -> Any:
    def power_of_t(coefficient: Fraction) -> Any:
        exponent = coefficient * scale
        assert exponent.denominator == 1
        return t ** int(exponent)

    def value(node: Form) -> Any:
        key = (node, var, scale)
        if key in _CACHE:
            return _CACHE[key]
        result = compute(node)
        if len(_CACHE) > 4096:
            _CACHE.clear()
        _CACHE[key] = result
        return result

    def compute(node: Form) -> Any:
        if isinstance(node, Num):
            return field(node.value.numerator) / node.value.denominator
        if isinstance(node, Neg):
            return -value(node.arg)
        if isinstance(node, Add):
            total = field(0)
            for term in node.terms:
                total += value(term)
            return total
        if isinstance(node, Mul):
            product = field(1)
            for factor in node.factors:
                product *= value(factor)
            return product
        if isinstance(node, Div):
            bottom = value(node.den)
            if bottom == 0:
                raise ZeroDivisionError
            return value(node.num) / bottom
        if isinstance(node, Pow):
            exponent = as_number(node.exp)
            if exponent is None or exponent.denominator != 1 or abs(exponent) > MAX_POWER:
                raise NotRational
            base = value(node.base)
            if base == 0 and exponent < 0:
                raise ZeroDivisionError
            return base ** int(exponent)
        if isinstance(node, Func):
            c = _coefficient(node.arg, var)
            if node.name == "exp":
                return power_of_t(c)
            return field(1) / (1 + power_of_t(-c))  # σ(c·x) = 1/(1 + e^{−c·x})
        if isinstance(node, Deriv):
            result = value(node.expr)
            for _ in range(node.order):
                result = result.diff(t) * t / scale  # d/dx = (T/L)·d/dT
            return result
        raise NotRational

    return value(form)
