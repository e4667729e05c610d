"""Tidying: the rewrites a reader does at a glance, done without a step."""

from __future__ import annotations

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
    as_number,
    map_bottom_up,
    num,
)

# --- tidying: what a teacher does without comment -------------------------------------------------


def tidy(form: Form) -> Form:
    """Drop 0 terms and factors of 1, multiply out plain numbers, pull signs to the front,
    cancel double signs and flatten sums of sums: the rewrites a reader does at a glance."""
    return map_bottom_up(form, _tidy_node)


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
    for term in terms:
        value = as_number(term)
        if value is None:
            others.append(term)
        else:
            constant += value
    if constant > 0:
        others.insert(0, num(constant))
    elif constant < 0 or not others:
        others.append(num(constant))
    if len(others) == 1:
        return others[0]
    return Add(tuple(others))


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
    return form


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
