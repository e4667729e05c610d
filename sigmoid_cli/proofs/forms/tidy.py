"""Tidying: the rewrites a reader does at a glance, done without a step."""

from __future__ import annotations

import math
from fractions import Fraction

from .tree import (
    ONE,
    ZERO,
    Add,
    Div,
    Form,
    Func,
    Mul,
    Neg,
    Num,
    Pow,
    Sym,
    as_number,
    map_bottom_up,
    num,
)

# --- tidying: what a teacher does without comment -------------------------------------------------


def tidy(form: Form) -> Form:
    """Drop 0 terms and factors of 1, multiply out plain numbers, pull signs to the front,
    cancel double signs and flatten sums of sums: the rewrites a reader does at a glance."""
    return map_bottom_up(form, _tidy_node)


def tidy_node(form: Form) -> Form:
    """One node tidied, its children taken as they are (they are tidy already)."""
    return _tidy_node(form)


def _tidy_node(form: Form) -> Form:
    if isinstance(form, Neg):
        inner = form.arg
        if isinstance(inner, Neg):
            return inner.arg
        return ZERO if inner == ZERO else form
    if isinstance(form, Add):
        return _tidy_sum(form)
    if isinstance(form, Mul):
        return _tidy_product(form)
    if isinstance(form, Div):
        return _tidy_quotient(form)
    if isinstance(form, Pow):
        return _tidy_power(form)
    if isinstance(form, Func) and form.name == "exp" and form.arg == ZERO:
        return ONE
    return form


def _tidy_sum(form: Add) -> Form:
    terms: list[Form] = []
    for term in form.terms:
        if isinstance(term, Add):
            terms.extend(term.terms)
        elif isinstance(term, Neg) and isinstance(term.arg, Add):
            terms.extend(_tidy_node(Neg(t)) for t in term.arg.terms)
        elif term != ZERO:
            terms.append(term)
    constant = Fraction(0)
    others: list[Form] = []
    place: int | None = None
    for term in terms:
        value = as_number(term)
        if value is None:
            others.append(term)
        else:
            constant += value
            place = len(others) if place is None else place
    if place is not None and all(_letters(term) for term in others):
        # A polynomial in letters keeps its number where it is: x^2 + 3, x - 1.
        if constant != 0 or not others:
            others.insert(place, num(constant))
    elif constant > 0:
        others.insert(0, num(constant))
    elif constant < 0 or not others:
        others.append(num(constant))
    if len(others) == 1:
        return others[0]
    return Add(tuple(others))


def _letters(term: Form) -> bool:
    """A monomial in letters: 3·x^2·y, -x."""
    if isinstance(term, Neg):
        return _letters(term.arg)
    if isinstance(term, Mul):
        return all(_letters(factor) or as_number(factor) is not None for factor in term.factors)
    if isinstance(term, Pow):
        exponent = as_number(term.exp)
        return isinstance(term.base, Sym) and exponent is not None and exponent.denominator == 1
    return isinstance(term, Sym)


def _tidy_product(form: Mul) -> Form:
    coefficient = Fraction(1)
    factors: list[Form] = []
    pending = list(form.factors)
    while pending:
        factor = pending.pop(0)
        if isinstance(factor, Neg):
            coefficient = -coefficient
            factor = factor.arg
        if isinstance(factor, Mul):
            pending[0:0] = list(factor.factors)
            continue
        value = as_number(factor)
        if value is not None:
            coefficient *= value
            continue
        factors.append(factor)
    if coefficient == 0:
        return ZERO
    if not factors:
        return num(coefficient)
    coefficient, factors = _into_quotient(coefficient, factors)
    if abs(coefficient) != 1:
        factors.insert(0, Num(abs(coefficient)))
    body = factors[0] if len(factors) == 1 else Mul(tuple(factors))
    return Neg(body) if coefficient < 0 else body


def _tidy_quotient(form: Div) -> Form:
    top, bottom = form.num, form.den
    if top == ZERO:
        return ZERO
    if bottom == ONE:
        return top
    a, b = as_number(top), as_number(bottom)
    if a is not None and b is not None and b != 0:
        return num(a / b)
    if isinstance(top, Neg):
        return Neg(_tidy_node(Div(top.arg, bottom)))
    if isinstance(bottom, Neg):
        return Neg(_tidy_node(Div(top, bottom.arg)))
    # Numbers above and below cancel at a glance: 2·x/2 = x, 2/(2·s^2) = 1/s^2.
    a, rest_top = _coefficient(top)
    b, rest_bottom = _coefficient(bottom)
    ratio = a / b
    if a != 1 and b != 1 and not (a == ratio.numerator and b == ratio.denominator):
        return _tidy_node(Div(_scaled(ratio.numerator, rest_top), _scaled(ratio.denominator, rest_bottom)))
    return form


def _coefficient(form: Form) -> tuple[Fraction, list[Form]]:
    """A tidy product as its leading number and the other factors (1 and [form] if none)."""
    value = as_number(form)
    if value is not None and value > 0:
        return value, []
    if isinstance(form, Mul):
        lead = as_number(form.factors[0])
        if lead is not None and lead > 0:
            return lead, list(form.factors[1:])
    return Fraction(1), [form]


def _scaled(value: int, factors: list[Form]) -> Form:
    parts = ([] if value == 1 and factors else [num(value)]) + factors
    return parts[0] if len(parts) == 1 else Mul(tuple(parts))


def _tidy_power(form: Pow) -> Form:
    exponent = as_number(form.exp)
    if exponent == 1:
        return form.base
    if exponent == 0:
        return ONE
    base = as_number(form.base)
    if base is not None and exponent is not None and exponent.denominator == 1 and abs(exponent) <= 64:
        if base == 0 and exponent < 0:
            return form
        return num(base ** int(exponent))
    return form


def _into_quotient(coefficient: Fraction, factors: list[Form]) -> tuple[Fraction, list[Form]]:
    """A number that cancels against the number of a quotient among the factors is cancelled:
    2·(1/(2·√u)) = 1/√u."""
    for index, factor in enumerate(factors):
        if not isinstance(factor, Div):
            continue
        b, rest = _coefficient(factor.den)
        if b == 1 or b.denominator != 1 or coefficient.denominator != 1:
            continue
        common = math.gcd(abs(coefficient.numerator), b.numerator)
        if common == 1:
            continue
        quotient = _tidy_node(Div(factor.num, _scaled(b.numerator // common, rest)))
        return coefficient / common, [*factors[:index], quotient, *factors[index + 1 :]]
    return coefficient, factors
