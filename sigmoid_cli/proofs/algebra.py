"""Named algebra: the small rewrites a teacher shows, each as its own step.

Every rule is a pure function on one node of a form: it returns the rewritten node and the
parameters its explanation names (the cancelled factor, the like terms...), or None where it
does not apply. ``algebra_steps`` applies them, before SymPy is asked for anything, so that the
moments a reader must see (σ cancelling against 1/σ, like terms cancelling) are named steps and
not hidden in a "Collect terms" or "Simplify". verify.py checks each step like any other.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from fractions import Fraction

from .forms import (
    ONE,
    ZERO,
    Add,
    Const,
    Div,
    Form,
    Func,
    Mul,
    Neg,
    Num,
    Pow,
    Sym,
    as_number,
    children,
    num,
    plain,
    rebuild,
    size,
    symbols,
    tidy,
    walk,
)
from .forms.tidy import tidy_node
from .steps import Param, Step

Params = tuple[tuple[str, Param], ...]
Rule = Callable[[Form], tuple[Form, Params] | None]
MAX_STEPS = 12  # a guard: every rule shortens the form, but never loop on a surprise
MAX_SIZE = 400  # larger forms (high orders) are left to SymPy: matching them costs too much


# --- products and quotients as lists of factors ---------------------------------------------------


def _factors(form: Form) -> list[Form]:
    return list(form.factors) if isinstance(form, Mul) else [form]


def _split(node: Form) -> tuple[list[Form], list[Form]] | None:
    """A product or quotient as (numerator factors, denominator factors); a quotient inside a
    product counts too: a·(1/u)·b is a·1·b over u. None for any other node."""
    if isinstance(node, Div):
        return _factors(node.num), _factors(node.den)
    if not isinstance(node, Mul):
        return None
    top: list[Form] = []
    bottom: list[Form] = []
    for factor in node.factors:
        if isinstance(factor, Div):
            top.extend(_factors(factor.num))
            bottom.extend(_factors(factor.den))
        else:
            top.append(factor)
    return top, bottom


def _join(top: list[Form], bottom: list[Form]) -> Form:
    """The product over the product, each in the order a teacher writes factors (the sort is
    stable: factors of one kind keep their order)."""
    top = sorted(top, key=_kind)
    bottom = sorted(bottom, key=_kind)
    body = ONE if not top else top[0] if len(top) == 1 else Mul(tuple(top))
    if not bottom:
        return body
    return Div(body, bottom[0] if len(bottom) == 1 else Mul(tuple(bottom)))


# A pair rule: a numerator factor and a denominator factor → what replaces them (numerator
# factors, denominator factors), or None.
Pair = Callable[[Form, Form], tuple[list[Form], list[Form]] | None]


def _pair_rule(pair: Pair, params: Callable[[Form, Form], Params]) -> Rule:
    def rule(node: Form) -> tuple[Form, Params] | None:
        split = _split(node)
        if split is None:
            return None
        top, bottom = split
        for j, below in enumerate(bottom):
            for i, above in enumerate(top):
                found = pair(above, below)
                if found is None:
                    continue
                new_top, new_bottom = found
                top = [*top[:i], *new_top, *top[i + 1 :]]
                bottom = [*bottom[:j], *new_bottom, *bottom[j + 1 :]]
                return _join(top, bottom), params(above, below)
        return None

    return rule


def _cancel(above: Form, below: Form) -> tuple[list[Form], list[Form]] | None:
    return ([], []) if above == below else None


def _cancel_params(above: Form, below: Form) -> Params:
    reciprocal = Div(ONE, above)
    return (("factor", above), ("reciprocal", reciprocal), ("product", Mul((above, reciprocal))))


def _sign_over_abs(above: Form, below: Form) -> tuple[list[Form], list[Form]] | None:
    # sign(u)/|u| = 1/u for u ≠ 0 (where |u| is defined as a divisor at all)
    if isinstance(above, Func) and above.name == "sign" and below == Func("abs", above.arg):
        return [], [above.arg]
    return None


def _sinh_over_cosh(above: Form, below: Form) -> tuple[list[Form], list[Form]] | None:
    if isinstance(above, Func) and above.name == "sinh" and below == Func("cosh", above.arg):
        return [Func("tanh", above.arg)], []
    return None


def _sigma_ratio(above: Form, below: Form) -> tuple[list[Form], list[Form]] | None:
    # σ(u)/(1 − σ(u)) = e^u, since 1 − σ(u) = e^(−u)·σ(u)
    if isinstance(above, Func) and above.name == "sigmoid" and below == Add((ONE, Neg(above))):
        return [Func("exp", above.arg)], []
    return None


def _exp_ratio(above: Form, below: Form) -> tuple[list[Form], list[Form]] | None:
    # e^u/(1 + e^u) = σ(u)
    if isinstance(above, Func) and above.name == "exp" and below == Add((ONE, above)):
        return [Func("sigmoid", above.arg)], []
    return None


def _pair_params(pair: Pair) -> Callable[[Form, Form], Params]:
    def params(above: Form, below: Form) -> Params:
        found = pair(above, below)
        assert found is not None
        return (("part", Div(above, below)), ("value", tidy(_join(*found))))

    return params


# --- products: equal bases and x·sign(x) -------------------------------------------------------


def _base_and_exponent(factor: Form) -> tuple[Form, Form] | None:
    """e^a as (e, a), u^n (n a number) as (u, n), any other non-number u as (u, 1)."""
    if isinstance(factor, Func) and factor.name == "exp":
        return Const("e"), factor.arg
    if as_number(factor) is not None:
        return None
    if isinstance(factor, Pow) and as_number(factor.exp) is not None:
        return factor.base, factor.exp
    return factor, ONE


def add_exponents(node: Form) -> tuple[Form, Params] | None:
    """e^a·e^b = e^(a + b) and u^m·u^n = u^(m + n), for the first two factors of a product
    with the same base."""
    if not isinstance(node, Mul):
        return None
    factors = list(node.factors)
    for i, first in enumerate(factors):
        one = _base_and_exponent(first)
        if one is None:
            continue
        for j in range(i + 1, len(factors)):
            other = _base_and_exponent(factors[j])
            if other is None or other[0] != one[0]:
                continue
            base = one[0]
            exponent = tidy(Mul((num(2), one[1])) if one[1] == other[1] else Add((one[1], other[1])))
            merged = Func("exp", exponent) if base == Const("e") else tidy(Pow(base, exponent))
            rest = [*factors[:i], merged, *factors[i + 1 : j], *factors[j + 1 :]]
            return (rest[0] if len(rest) == 1 else Mul(tuple(rest))), (
                ("part", Mul((first, factors[j]))),
                ("value", merged),
            )
    return None


def abs_times_sign(node: Form) -> tuple[Form, Params] | None:
    """u·sign(u) = |u|."""
    if not isinstance(node, Mul):
        return None
    factors = list(node.factors)
    for j, factor in enumerate(factors):
        if not (isinstance(factor, Func) and factor.name == "sign") or factor.arg not in factors:
            continue
        i = factors.index(factor.arg)
        merged = Func("abs", factor.arg)
        rest = [merged if k == i else f for k, f in enumerate(factors) if k != j]
        params: Params = (("u", factor.arg), ("product", Mul((factor.arg, factor))), ("value", merged))
        return (rest[0] if len(rest) == 1 else Mul(tuple(rest))), params
    return None


# --- sums: monomials, like terms, multiplying out, common factors --------------------------------

Monomial = tuple[Fraction, tuple[tuple[Form, int], ...]]  # coefficient, (factor, power) in order


def _kind(factor: Form) -> int:
    return _rank(factor)[0]


def _rank(factor: Form) -> tuple[int, str]:
    """Numbers, letters and their powers, sums of letters (x - x0), σ, other functions, other
    powers, other brackets: the order a teacher writes factors in."""
    if isinstance(factor, Neg):
        return _rank(factor.arg)
    base = factor.base if isinstance(factor, Pow) else factor
    if as_number(factor) is not None or (isinstance(factor, Func | Pow) and not symbols(factor)):
        rank = 0  # numbers and constants such as √(2/π)
    elif isinstance(base, Sym | Const):
        rank = 1
    elif isinstance(base, Add) and not any(isinstance(part, Func) for part in walk(base)):
        rank = 2
    elif isinstance(factor, Func):
        rank = 3 if factor.name == "sigmoid" else 4
    elif isinstance(factor, Add):
        rank = 6
    else:
        rank = 5
    return rank, plain(factor)


def _monomial(term: Form, sums: bool = False) -> Monomial | None:
    """A term as a number times powers of factors; None where a factor is a quotient, or a sum
    unless ``sums`` (then a bracket is one factor like any other)."""
    coefficient = Fraction(1)
    powers: Counter[Form] = Counter()
    order: list[Form] = []
    pending = [term]
    while pending:
        part = pending.pop(0)
        value = as_number(part)
        if value is not None:
            coefficient *= value
            continue
        if isinstance(part, Neg):
            coefficient = -coefficient
            pending.insert(0, part.arg)
            continue
        if isinstance(part, Mul):
            pending[0:0] = list(part.factors)
            continue
        if isinstance(part, Div) or (isinstance(part, Add) and not sums):
            return None
        base: Form = part
        count = 1
        if isinstance(part, Pow):
            exponent = as_number(part.exp)
            if exponent is not None and exponent.denominator == 1 and exponent > 0:
                base, count = part.base, int(exponent)
        if base not in powers:
            order.append(base)
        powers[base] += count
    return coefficient, tuple((base, powers[base]) for base in order)


def _key(monomial: Monomial) -> tuple[tuple[Form, int], ...]:
    return tuple(sorted(monomial[1], key=lambda item: (_rank(item[0]), item[1])))


def _term(coefficient: Fraction, powers: tuple[tuple[Form, int], ...]) -> Form:
    factors: list[Form] = [base if count == 1 else Pow(base, num(count)) for base, count in powers]
    if abs(coefficient) != 1 or not factors:
        factors.insert(0, Num(abs(coefficient)))
    body = factors[0] if len(factors) == 1 else Mul(tuple(factors))
    return Neg(body) if coefficient < 0 else body


def _positive_first(terms: list[Form]) -> list[Form]:
    if terms and isinstance(terms[0], Neg):
        for index, term in enumerate(terms):
            if not isinstance(term, Neg):
                return [term, *terms[:index], *terms[index + 1 :]]
    return terms


def _letter_degree(term: Form) -> int | None:
    """The degree of a monomial in letters only (3·x^2·y: 3), None for any other term."""
    monomial = _monomial(term)
    if monomial is None or not all(isinstance(base, Sym) for base, _ in monomial[1]):
        return None
    return sum(count for _, count in monomial[1])


def _sum(terms: list[Form]) -> Form:
    """A sum of the terms; a polynomial in letters by descending degree (x^2 + 3, not 3 + x^2)."""
    if not terms:
        return ZERO
    degrees = [_letter_degree(term) for term in terms]
    if all(degree is not None for degree in degrees):
        terms = [term for _, term in sorted(zip(degrees, terms, strict=True), key=lambda p: -(p[0] or 0))]
        if len(terms) > 2:  # -2·x^2 - 2·x + 1 keeps its order (as from_sympy writes it)
            return Add(tuple(terms))
    return terms[0] if len(terms) == 1 else Add(tuple(_positive_first(terms)))


def _collect(monomials: list[Monomial]) -> tuple[list[Monomial], list[Monomial]]:
    """Like terms added up, in the order they first appear: (the result, the terms that were
    combined with another)."""
    totals: dict[tuple[tuple[Form, int], ...], Fraction] = {}
    first: dict[tuple[tuple[Form, int], ...], Monomial] = {}
    counts: Counter[tuple[tuple[Form, int], ...]] = Counter()
    for monomial in monomials:
        key = _key(monomial)
        totals[key] = totals.get(key, Fraction(0)) + monomial[0]
        first.setdefault(key, monomial)
        counts[key] += 1
    merged = [monomial for monomial in monomials if counts[_key(monomial)] > 1]
    result = [(totals[key], first[key][1]) for key in first if totals[key] != 0]
    return result, merged


def like_terms(node: Form) -> tuple[Form, Params] | None:
    """Terms that differ only in their number are added: 3·a − a = 2·a, a·b − b·a = 0."""
    if not isinstance(node, Add):
        return None
    monomials = [_monomial(term, sums=True) for term in node.terms]
    if any(m is None for m in monomials):
        return None
    known = [m for m in monomials if m is not None]
    result, merged = _collect(known)
    if not merged:
        return None
    combined, _ = _collect(merged)
    part = Add(tuple(_term(c, p) for c, p in merged))
    value = _sum([_term(c, p) for c, p in combined])
    return _sum([_term(c, p) for c, p in result]), (("part", part), ("value", value))


def _expanded(term: Form) -> list[Monomial] | None:
    """A term multiplied out into monomials; None if some factor is neither a monomial nor a
    sum of them."""
    sign = Fraction(1)
    while isinstance(term, Neg):
        sign, term = -sign, term.arg
    products: list[Monomial] = [(sign, ())]
    factors: list[Form] = []
    for factor in _factors(term):  # (a + b)^2 and ^3 as two or three brackets
        exponent = as_number(factor.exp) if isinstance(factor, Pow) else None
        if isinstance(factor, Pow) and isinstance(factor.base, Add) and exponent in (2, 3):
            factors.extend([factor.base] * int(exponent or 0))
        else:
            factors.append(factor)
    for factor in factors:
        inner = factor
        factor_sign = Fraction(1)
        while isinstance(inner, Neg):
            factor_sign, inner = -factor_sign, inner.arg
        options = [_monomial(t) for t in inner.terms] if isinstance(inner, Add) else [_monomial(inner)]
        if any(option is None for option in options):
            return None
        products = [
            _times(product, option, factor_sign) for product in products for option in options if option
        ]
    return products


def _times(left: Monomial, right: Monomial, sign: Fraction) -> Monomial:
    powers: dict[Form, int] = dict(left[1])
    for base, count in right[1]:
        powers[base] = powers.get(base, 0) + count
    ordered = sorted(powers.items(), key=lambda item: _rank(item[0]))
    return left[0] * right[0] * sign, tuple(ordered)


def multiply_out(node: Form) -> tuple[Form, Params] | None:
    """Multiply out the brackets of a sum, when that lets like terms meet (otherwise it only
    makes the sum longer)."""
    if not isinstance(node, Add):
        return None
    terms: list[Monomial] = []
    brackets = False
    for term in node.terms:
        inner = term.arg if isinstance(term, Neg) else term
        brackets = brackets or isinstance(inner, Add) or any(isinstance(f, Add) for f in _factors(inner))
        expanded = _expanded(term)
        if expanded is None:
            return None
        terms.extend(expanded)
    if any(isinstance(base, Add) for _, powers in terms for base, _ in powers):
        return None  # a bracket left over: multiplying out would not finish
    collected, merged = _collect(terms)
    if not brackets or not merged:
        return None
    if size(_sum([_term(c, p) for c, p in collected])) >= size(node):
        return None  # like terms meet, but the sum does not get shorter
    return Add(tuple(_term(c, p) for c, p in terms)), ()


def common_factor(node: Form) -> tuple[Form, Params] | None:
    """a·b + a·c = a·(b + c), for a factor (not a number; a bracket may be one) that every term
    of a sum has."""
    if not isinstance(node, Add) or len(node.terms) < 2:
        return None
    monomials = [_monomial(term, sums=True) for term in node.terms]
    known = [m for m in monomials if m is not None]
    if len(known) != len(monomials):
        return None
    shared = dict(known[0][1])
    for _, powers in known[1:]:
        own = dict(powers)
        shared = {base: min(count, own[base]) for base, count in shared.items() if base in own}
    if not shared:
        return None
    common = [(base, count) for base, count in known[0][1] if base in shared]
    common = [(base, shared[base]) for base, _ in common]
    rest: list[Form] = []
    for coefficient, powers in known:
        left = tuple((base, count - shared.get(base, 0)) for base, count in powers)
        rest.append(_term(coefficient, tuple((base, count) for base, count in left if count)))
    factor = _term(Fraction(1), tuple(common))
    inner = _sum(rest)
    return Mul((*_factors(factor), inner)), (("factor", factor),)


def flip_difference(node: Form) -> tuple[Form, Params] | None:
    """−(a − b) = b − a."""
    if isinstance(node, Neg) and isinstance(node.arg, Add) and len(node.arg.terms) == 2:
        first, second = node.arg.terms
        if isinstance(second, Neg) and not isinstance(first, Neg):
            return Add((second.arg, Neg(first))), ()
    return None


# --- applying the rules --------------------------------------------------------------------------

# In this order: cancelling and the identities first (each makes the form shorter), then the
# sums: like terms, a common factor taken out of the whole, and multiplying out last (only
# where like terms then meet).
RULES: tuple[tuple[str, Rule], ...] = (
    ("cancel_factor", _pair_rule(_cancel, _cancel_params)),
    ("sign_over_abs", _pair_rule(_sign_over_abs, _pair_params(_sign_over_abs))),
    ("abs_times_sign", abs_times_sign),
    ("sinh_over_cosh", _pair_rule(_sinh_over_cosh, _pair_params(_sinh_over_cosh))),
    ("sigma_over_complement", _pair_rule(_sigma_ratio, _pair_params(_sigma_ratio))),
    ("exp_over_one_plus_exp", _pair_rule(_exp_ratio, _pair_params(_exp_ratio))),
    ("add_exponents", add_exponents),
    ("like_terms", like_terms),
    ("common_factor", common_factor),
    ("multiply_out", multiply_out),
)


TOP_ONLY = frozenset({"common_factor"})
TWO_AT_ONCE = frozenset({"add_exponents"})  # u·u = u^2 twice in a line is one glance


def _at_top(form: Form, rule: Rule) -> tuple[Form, Params] | None:
    """The rule applied to the whole form only, or to its numerator (under a leading minus):
    a common factor is taken out of the result, not out of a function's argument."""
    if isinstance(form, Neg):
        found = _at_top(form.arg, rule)
        return None if found is None else (Neg(found[0]), found[1])
    if isinstance(form, Div):
        found = rule(form.num)
        return None if found is None else (Div(found[0], form.den), found[1])
    return rule(form)


def _rewrite(form: Form, rule: Rule, limit: int = 1) -> tuple[Form, Params] | None:
    """The rule applied at the first node (parents first, left to right) where it applies, and
    at every other node where it applies with the same parameters (σ cancelled in each term);
    with ``limit`` 2, also where it applies with one other set of parameters, named in the
    step as part2 and value2 (cos(x)·cos(x) and sin(x)·sin(x) at once)."""
    targets: list[Params] = []

    def visit(node: Form) -> Form:
        found = rule(node)
        if found is not None and (found[1] in targets or len(targets) < limit):
            if found[1] not in targets:
                targets.append(found[1])
            node = found[0]
        parts = children(node)
        if not parts:
            return node
        changed = tuple(visit(part) for part in parts)
        return node if changed == parts else rebuild(node, changed)

    rewritten = visit(form)
    if not targets:
        return None
    first, *others = targets
    more = tuple((f"{name}2", value) for name, value in others[0]) if others else ()
    return rewritten, first + more


def algebra_steps(form: Form, *, final: bool = False) -> tuple[list[Step], Form]:
    """The named rewrites that apply to ``form``, one step each, and the form they lead to;
    ``final``: the form is a result, and −(a − b) at its top is turned round to b − a."""
    steps: list[Step] = []
    current = form
    if size(form) > MAX_SIZE:
        return steps, current
    seen = {form}
    while len(steps) < MAX_STEPS:
        for rule_id, rule in RULES:
            if rule_id in TOP_ONLY:
                found = _at_top(current, rule)
            else:
                found = _rewrite(current, rule, 2 if rule_id in TWO_AT_ONCE else 1)
            if found is None:
                continue
            after = tidy(found[0])
            if after == current or after in seen:
                continue
            steps.append(Step(rule_id, current, after, found[1]))
            seen.add(after)
            current = after
            break
        else:
            break
    flipped = flip_difference(current) if final else None
    if flipped is not None:
        steps.append(Step("flip_difference", current, flipped[0]))
        current = flipped[0]
    return steps, current


def _signs(node: Add, *, numerator: bool) -> Form:
    """A sum's signs as a teacher writes them: -(x^2 + 1), not -x^2 - 1; b - a, not -a + b; and
    in a numerator -(2·x^2 + 2·x - 1)/… when most terms and the first are negative."""
    terms = node.terms
    negatives = sum(1 for term in terms if isinstance(term, Neg))
    most = numerator and isinstance(terms[0], Neg) and 2 * negatives > len(terms)
    if negatives == len(terms) or most:
        return Neg(Add(tuple(term.arg if isinstance(term, Neg) else Neg(term) for term in terms)))
    if len(terms) == 2 and isinstance(terms[0], Neg) and not isinstance(terms[1], Neg):
        return Add((terms[1], terms[0]))
    return node


def final_order(form: Form) -> Form:
    """A result with its products written as a teacher writes them: one fraction, numbers and
    letters first, brackets last (x·e^u/s^2 for e^u·(x/s^2)), and the signs of its sums pulled
    out or turned round (``_signs``). Only the order of factors and terms, where the fraction
    bar sits and where a sign stands change, so the last step that led here still holds."""

    def order(node: Form) -> Form:
        if isinstance(node, Func):
            return node  # inside a function, the user's own order stays
        parts = children(node)
        if parts:
            changed = tuple(order(part) for part in parts)
            node = node if changed == parts else rebuild(node, changed)
        if isinstance(node, Add):
            signed = _signs(node, numerator=False)
            return node if signed is node else _settle(signed)
        split = _split(node) if isinstance(node, Mul) else None
        if split is not None:
            return _settle(_join(*split))
        if isinstance(node, Div):
            if isinstance(node.num, Add):
                node = Div(_signs(node.num, numerator=True), node.den)
            top: list[Form] = _factors(node.num)
            bottom: list[Form] = _factors(node.den)
            if any(isinstance(f, Div) for f in top + bottom):
                return _settle(node)
            return _settle(_join(top, bottom))
        return node

    return order(form)


def _settle(node: Form) -> Form:
    """Tidy a node just built and the products right under it, nothing deeper: the sums
    inside keep their order (-2 + 8·tanh(x)^2 is not turned into 8·tanh(x)^2 - 2)."""
    parts = children(node)
    if parts:
        settled = tuple(tidy_node(part) if isinstance(part, Mul | Div | Neg) else part for part in parts)
        node = node if settled == parts else rebuild(node, settled)
    return tidy_node(node)


__all__ = ["RULES", "algebra_steps", "final_order"]
