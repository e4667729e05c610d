"""What a wrong step of a written derivation probably meant to do, and what the line should be.

For a wrong step before → after, the correct value of ``before`` is worked out (its pending
derivatives carried out by the engine's rules, else ``before`` itself), and a few mistakes
students make are tried as explanations, each tested numerically at the sample points:

- a sign lost: after = −correct (an inner derivative −1, of −x say, forgotten is named as such);
- a missing inner derivative: after · g' = correct for an inner function g of a chain rule;
- a wrong power: after with one exponent n changed (n ± 1, −n, …) equals the correct value;
- a wrong cancellation: after equals ``before`` with terms of a sum struck out of a quotient
  as if they were factors ((a + b)/a → b, 1/(1 + t) → 1/t).

The first that holds is the diagnosis; whether one holds or not, the correct form of the line
is given. Pure forms and numbers: an explanation is offered only where the numbers bear it out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import combinations
from typing import Literal

from . import forms as F
from .engine import raw_derivative

Kind = Literal[
    "sign_lost", "sign_lost_inner", "missing_inner", "wrong_power", "wrong_cancellation", "should_be"
]
Same = Callable[[F.Form, F.Form], bool]  # equal at the sample points

MAX_CANDIDATES = 200  # explanations tried per wrong step: the numbers cost, a hostile line is long


@dataclass(frozen=True, slots=True)
class Diagnosis:
    kind: Kind
    params: tuple[tuple[str, F.Form], ...]  # the forms the explanation names
    correct: F.Form  # what the line should be

    def param(self, name: str) -> F.Form:
        return dict(self.params)[name]


def diagnose(before: F.Form, after: F.Form, same: Same) -> Diagnosis:
    """The probable mistake of the wrong step before → after, and the correct form of after."""
    pending = any(isinstance(node, F.Deriv) for node in F.walk(before))
    correct = carry_out(before) if pending else before
    tried = 0

    def holds(left: F.Form, right: F.Form) -> bool:
        nonlocal tried
        tried += 1
        return tried <= MAX_CANDIDATES and same(left, right)

    if pending:
        for inner, slope in _inner_derivatives(before):
            if holds(F.Mul((after, slope)), correct):
                if slope == F.Neg(F.ONE):
                    return Diagnosis("sign_lost_inner", (("inner", inner),), F.tidy(F.Neg(after)))
                return Diagnosis(
                    "missing_inner", (("inner", inner), ("derivative", slope)), F.Mul((after, slope))
                )
    if holds(after, F.Neg(correct)):
        return Diagnosis("sign_lost", (), F.tidy(F.Neg(after)))
    for wrote, meant, fixed in _powers(after):
        if holds(fixed, correct):
            return Diagnosis("wrong_power", (("wrote", wrote), ("meant", meant)), fixed)
    if not pending:
        for term, quotient, struck in _cancellations(before):
            if holds(after, struck):
                right = F.replace(before, quotient, F.tidy(quotient))
                return Diagnosis("wrong_cancellation", (("term", term), ("quotient", quotient)), right)
    return Diagnosis("should_be", (), F.tidy(correct))


def carry_out(form: F.Form) -> F.Form:
    """``form`` with every pending derivative worked out by the engine's rules (tidy)."""

    def one(node: F.Form) -> F.Form:
        if not isinstance(node, F.Deriv):
            return node
        value = node.expr
        for _ in range(node.order):
            value = raw_derivative(value, node.var)
        return value

    return F.tidy(F.map_bottom_up(form, one))


def _inner_derivatives(before: F.Form) -> Iterator[tuple[F.Form, F.Form]]:
    """(g, g') for the inner functions g of the chain rules in the pending derivatives,
    outermost first."""
    seen: set[str] = set()
    for node in F.walk(before):
        if not isinstance(node, F.Deriv):
            continue
        for part in F.walk(node.expr):
            inner = _inner(part, node.var)
            if inner is None or F.free_of(inner, node.var) or inner == F.Sym(node.var):
                continue
            key = F.plain(inner)
            if key not in seen:
                seen.add(key)
                yield inner, raw_derivative(inner, node.var)


def _inner(node: F.Form, var: str) -> F.Form | None:
    if isinstance(node, F.Func):
        return node.arg
    if isinstance(node, F.Pow):
        if F.free_of(node.exp, var):
            return node.base
        if F.free_of(node.base, var):
            return node.exp
    return None


def _powers(after: F.Form) -> Iterator[tuple[F.Form, F.Form, F.Form]]:
    """(the power written, the power meant, after with it) for each numeric exponent of after
    changed by one, two, or in sign."""
    for node in F.walk(after):
        if not isinstance(node, F.Pow):
            continue
        n = F.as_number(node.exp)
        if n is None:
            continue
        for m in dict.fromkeys((n - 1, n + 1, -n, -n - 1, -n + 1, n - 2, n + 2)):
            if m not in (n, 0):
                meant = F.Pow(node.base, F.num(m)) if m != 1 else node.base
                yield node, meant, F.replace(after, node, meant)


def _cancellations(before: F.Form) -> Iterator[tuple[F.Form, F.Div, F.Form]]:
    """(a term struck out, the quotient, before with it struck out) for the quotients of
    ``before`` in which a term of a sum appears on both sides: cancelled as if a factor."""
    for node in F.walk(before):
        if not isinstance(node, F.Div):
            continue
        for top, make_top in _term_lists(node.num):
            for bottom, make_bottom in _term_lists(node.den):
                if len(top) == 1 and len(bottom) == 1:
                    continue  # a factor over a factor cancels rightly
                keys = [F.plain(t) for t in bottom]
                common = list(dict.fromkeys(F.plain(t) for t in top if F.plain(t) in keys))[:3]
                for count in range(1, len(common) + 1):
                    for struck in combinations(common, count):
                        new_top = _without(top, struck)
                        new_bottom = _without(bottom, struck)
                        quotient = make_top(new_top)
                        if new_bottom:
                            quotient = F.Div(quotient, make_bottom(new_bottom))
                        term = next(t for t in top if F.plain(t) == struck[0])
                        yield term, node, F.replace(before, node, quotient)


def _without(terms: tuple[F.Form, ...], struck: tuple[str, ...]) -> tuple[F.Form, ...]:
    left = list(terms)
    for key in struck:
        index = next(i for i, t in enumerate(left) if F.plain(t) == key)
        del left[index]
    return tuple(left)


def _term_lists(side: F.Form) -> Iterator[tuple[tuple[F.Form, ...], Callable[[tuple[F.Form, ...]], F.Form]]]:
    """The ways to see one side of a quotient as terms: the side as one term, its own terms if
    it is a sum, the terms of each sum among its factors; each with how to put it back."""

    def whole(terms: tuple[F.Form, ...]) -> F.Form:
        return terms[0] if terms else F.ONE

    yield (side,), whole
    if isinstance(side, F.Add):
        yield side.terms, _sum
    if isinstance(side, F.Mul):
        for index, factor in enumerate(side.factors):
            if isinstance(factor, F.Add):
                yield factor.terms, _in_product(side, index)


def _sum(terms: tuple[F.Form, ...]) -> F.Form:
    if not terms:
        return F.ONE  # all struck out: a/a taken as 1
    return terms[0] if len(terms) == 1 else F.Add(terms)


def _in_product(product: F.Mul, index: int) -> Callable[[tuple[F.Form, ...]], F.Form]:
    def make(terms: tuple[F.Form, ...]) -> F.Form:
        factors = list(product.factors)
        factors[index] = _sum(terms)
        return F.Mul(tuple(factors))

    return make
