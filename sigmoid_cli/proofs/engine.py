"""The general differentiation engine: d/dx of any form, one rule at a time.

Each rule rewrites the derivative of one node (sum, constant multiple, product, quotient,
power, chain, a known derivative); the derivatives it leaves pending are worked out next,
left to right: a one-rule derivative inline, anything longer as a step whose sub-steps are
its own derivation. Every step's before and after are whole expressions, equal to each
other, so every step can be checked on its own.

Pure Python on forms: no SymPy here (simplification lives in simplify.py).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from sigmoid_cli.grammar.functions import BY_NAME
from sigmoid_cli.grammar.parser import parse

from .budget import Budget, check_size
from .forms import (
    ONE,
    TWO,
    ZERO,
    Add,
    Cases,
    Const,
    Deriv,
    Div,
    Form,
    Func,
    Integral,
    Mul,
    Neg,
    Pow,
    Sym,
    as_number,
    free_of,
    from_grammar,
    map_bottom_up,
    num,
    plain,
    replace,
    replace_first,
    size,
    symbols,
    tidy,
)
from .steps import Param, Step


def outer_derivative(name: str, u: Form) -> Form:
    """f'(u), from the function's entry in the registry (grammar/functions.py)."""
    return replace(_derivative_of(name), Sym("u"), u)  # one pass: u's own symbols stay


@cache
def _derivative_of(name: str) -> Form:
    function = BY_NAME.get(name)
    if function is None or function.derivative is None:
        raise ValueError(f"no derivative known for {name}")
    return from_grammar(parse(function.derivative, frozenset({"u"}), allow_special=False, internal=True))


def _has_corner(name: str) -> bool:
    function = BY_NAME.get(name)
    return function is not None and function.corner


def placeholder(*forms: Form) -> Sym:
    """A name for the inner function u of a chain rule that clashes with nothing shown."""
    taken: set[str] = set()
    for form in forms:
        taken |= symbols(form)
    for name in ("u", "w", "v", "t", "s"):
        if name not in taken:
            return Sym(name)
    return Sym("u_")


def _minus_one(exponent: Form) -> Form:
    value = as_number(exponent)
    return num(value - 1) if value is not None else Add((exponent, Neg(ONE)))


def _power(base: Form, exponent: Form) -> Form:
    return base if exponent == ONE else Pow(base, exponent)


def _leaf(
    rule: str, part: Form, value: Form, var: str, **params: Param
) -> tuple[str, Form, tuple[tuple[str, Param], ...]]:
    return rule, value, (("part", Deriv(part, var)), ("value", value), *params.items())


def top_rule(f: Form, var: str) -> tuple[str, Form, tuple[tuple[str, Param], ...]]:
    """One rule applied to d/dvar f: (rule id, the rewritten derivative, parameters).
    Derivatives still to be worked out stay in the result as Deriv nodes."""
    x = Sym(var)

    def d(form: Form) -> Form:
        return Deriv(form, var)

    if free_of(f, var):
        return _leaf("constant_rule", f, ZERO, var)
    if f == x:
        return _leaf("variable_rule", f, ONE, var)
    slope = _linear_coefficient(f, var)
    if slope is not None:
        return _leaf("linear_rule", f, slope, var)
    if isinstance(f, Neg):
        return "negation_rule", Neg(d(f.arg)), ()
    if isinstance(f, Add):
        terms: tuple[Form, ...] = tuple(Neg(d(t.arg)) if isinstance(t, Neg) else d(t) for t in f.terms)
        return "sum_rule", Add(terms), (("count", len(terms)),)
    if isinstance(f, Mul):
        constant = tuple(factor for factor in f.factors if free_of(factor, var))
        rest = tuple(factor for factor in f.factors if not free_of(factor, var))
        if constant:
            inner = rest[0] if len(rest) == 1 else Mul(rest)
            c = constant[0] if len(constant) == 1 else Mul(constant)
            return "constant_multiple", Mul((*constant, d(inner))), (("c", c),)
        products: tuple[Form, ...] = tuple(
            Mul(tuple(d(factor) if i == j else factor for i, factor in enumerate(rest)))
            for j in range(len(rest))
        )
        return "product_rule", Add(products), (("count", len(rest)),)
    if isinstance(f, Div):
        u, v = f.num, f.den
        if free_of(v, var):
            return "constant_divisor", Div(d(u), v), (("c", v),)
        if free_of(u, var):
            top = d(v) if u == ONE else Mul((u, d(v)))
            return "reciprocal_rule", Neg(Div(top, Pow(v, TWO))), (("c", u), ("v", v))
        top = Add((Mul((d(u), v)), Neg(Mul((u, d(v))))))
        return "quotient_rule", Div(top, Pow(v, TWO)), (("u", u), ("v", v))
    if isinstance(f, Pow):
        base, exponent = f.base, f.exp
        if base == Const("e"):
            return top_rule(Func("exp", exponent), var)
        if free_of(exponent, var):
            if base == x:
                value = tidy(Mul((exponent, Pow(x, _minus_one(exponent)))))
                return _leaf("power_rule", f, value, var, n=exponent)
            u = placeholder(f)
            return (
                "chain_rule",
                Mul((exponent, _power(base, _minus_one(exponent)), d(base))),
                (
                    ("outer", Pow(u, exponent)),
                    ("inner", base),
                    ("u", u),
                    ("outer_derivative", tidy(Mul((exponent, Pow(u, _minus_one(exponent)))))),
                ),
            )
        if free_of(base, var):
            log_base = Func("log", base)
            if exponent == x:
                return _leaf("exponential_rule", f, Mul((f, log_base)), var, a=base)
            u = placeholder(f)
            return (
                "chain_rule",
                Mul((f, log_base, d(exponent))),
                (
                    ("outer", Pow(base, u)),
                    ("inner", exponent),
                    ("u", u),
                    ("outer_derivative", Mul((Pow(base, u), log_base))),
                ),
            )
        after = Mul((f, Add((Mul((d(exponent), Func("log", base))), Div(Mul((exponent, d(base))), base)))))
        return "logarithmic_differentiation", after, (("u", base), ("v", exponent))
    if isinstance(f, Func):
        # |u| has a corner and sign(u) a jump where u = 0: their table derivatives hold only elsewhere,
        # and the explanation says so.
        corner: tuple[tuple[str, Param], ...] = (("corner", f.arg),) if _has_corner(f.name) else ()
        if f.arg == x:
            return _leaf(
                "known_derivative", f, outer_derivative(f.name, x), var, function=f.name, **dict(corner)
            )
        u = placeholder(f)
        outer = Func(f.name, u)
        return (
            "chain_rule",
            Mul((outer_derivative(f.name, f.arg), d(f.arg))),
            (
                ("outer", outer),
                ("inner", f.arg),
                ("u", u),
                ("outer_derivative", outer_derivative(f.name, u)),
                *corner,
            ),
        )
    if isinstance(f, Integral) and f.lower == ZERO and f.upper == x and free_of(f.integrand, var):
        value = _substitute_symbol(f.integrand, f.var, x)
        return _leaf("fundamental_theorem", f, value, var)
    raise ValueError(f"the engine cannot differentiate {type(f).__name__}")


def _linear_coefficient(f: Form, var: str) -> Form | None:
    """c for f = c·x, −x, x/c, −c·x/d (a straight line through 0), else None."""
    x = Sym(var)
    if f == x:
        return ONE
    if isinstance(f, Neg):
        inner = _linear_coefficient(f.arg, var)
        return None if inner is None else tidy(Neg(inner))
    if isinstance(f, Mul):
        rest = [factor for factor in f.factors if not free_of(factor, var)]
        if len(rest) != 1 or rest[0] != x:
            return None
        return tidy(Mul(tuple(factor for factor in f.factors if factor != x)))
    if isinstance(f, Div) and free_of(f.den, var):
        inner = _linear_coefficient(f.num, var)
        return None if inner is None else tidy(Div(inner, f.den))
    return None


def _substitute_symbol(form: Form, name: str, new: Form) -> Form:
    from .forms import replace

    return replace(form, Sym(name), new)


def _first_pending(form: Form, var: str) -> Deriv | None:
    from .forms import walk

    for node in walk(form):
        if isinstance(node, Deriv) and node.var == var and node.order == 1:
            return node
    return None


Known = dict[Form, Form]  # tidy(g) → d/dvar g, for the derivatives a proof has worked out so far


def differentiate(f: Form, var: str, budget: Budget, known: Known | None = None) -> tuple[list[Step], Form]:
    """Steps proving d/dvar f = result; the result is tidy.

    ``known``: when given, a derivative that took more than one rule is recorded there, and any
    later need of the same derivative (the same form) cites it in one step instead of deriving it
    again; citations.py numbers the citation once the proof is laid out. Then, too, a product put
    into a product loses its brackets as it goes in ((σ·(1 − σ))·x is written σ·(1 − σ)·x), so no
    step is left whose only work is dropping them."""
    budget.check_time()
    rule, after, params = top_rule(f, var)
    steps = [Step(rule, Deriv(f, var), after, params)]
    budget.count_step()
    current = after
    while (pending := _first_pending(current, var)) is not None:
        budget.check_time()
        # Keyed by the tidy form: e^((-x^2)/2) at one order is e^(-(x^2/2)) at the next.
        key = tidy(pending.expr)
        if known is not None and key in known:
            value = known[key]
            new = map_bottom_up(
                replace_first(current, _equal_to(pending), _constant(value)), _splice_products
            )
            budget.count_step()
            steps.append(Step("cited_derivative", current, new, (("part", pending), ("value", value))))
            current = new
            continue
        sub_steps, value = differentiate(pending.expr, var, budget, known)
        new = replace_first(current, _equal_to(pending), _constant(value))
        if known is not None:
            new = map_bottom_up(new, _splice_products)
        check_size(size(new), "the derivative")
        if len(sub_steps) == 1 and not sub_steps[0].substeps:
            only = sub_steps[0]
            steps.append(Step(only.rule, current, new, only.params))
        else:
            if known is not None:
                known[key] = value
            budget.count_step()
            steps.append(
                Step(
                    "derivative_of_part",
                    current,
                    new,
                    (("part", pending), ("value", value)),
                    substeps=tuple(sub_steps),
                )
            )
        current = new
    tidied = tidy(current)
    if tidied != current and plain(tidied) != plain(current):
        budget.count_step()
        steps.append(Step("tidy", current, tidied))
        current = tidied
    return steps, current


def _splice_products(form: Form) -> Form:
    """a·(b·c) as a·b·c: the same product, one pair of brackets fewer."""
    if not isinstance(form, Mul) or not any(isinstance(factor, Mul) for factor in form.factors):
        return form
    factors: list[Form] = []
    for factor in form.factors:
        factors += factor.factors if isinstance(factor, Mul) else (factor,)
    return Mul(tuple(factors))


def _equal_to(target: Form) -> Callable[[Form], bool]:
    def match(node: Form) -> bool:
        return node == target

    return match


def _constant(value: Form) -> Callable[[Form], Form]:
    def make(_node: Form) -> Form:
        return value

    return make


def raw_derivative(f: Form, var: str) -> Form:
    """d/dvar f by the same rules, without the steps: how big the engine's answer gets."""
    x = Sym(var)
    if free_of(f, var):
        return ZERO
    if f == x:
        return ONE
    if isinstance(f, Neg):
        return tidy(Neg(raw_derivative(f.arg, var)))
    if isinstance(f, Add):
        return tidy(Add(tuple(raw_derivative(term, var) for term in f.terms)))
    if isinstance(f, Mul):
        factors = f.factors
        return tidy(
            Add(
                tuple(
                    Mul(tuple(raw_derivative(g, var) if i == j else g for i, g in enumerate(factors)))
                    for j in range(len(factors))
                    if not free_of(factors[j], var)
                )
            )
        )
    if isinstance(f, Div):
        u, v = f.num, f.den
        top = Add((Mul((raw_derivative(u, var), v)), Neg(Mul((u, raw_derivative(v, var))))))
        return tidy(Div(top, Pow(v, TWO)))
    if isinstance(f, Pow):
        base, exponent = f.base, f.exp
        if base == Const("e"):
            return raw_derivative(Func("exp", exponent), var)
        if free_of(exponent, var):
            return tidy(Mul((exponent, Pow(base, _minus_one(exponent)), raw_derivative(base, var))))
        if free_of(base, var):
            return tidy(Mul((f, Func("log", base), raw_derivative(exponent, var))))
        inner = Add(
            (
                Mul((raw_derivative(exponent, var), Func("log", base))),
                Div(Mul((exponent, raw_derivative(base, var))), base),
            )
        )
        return tidy(Mul((f, inner)))
    if isinstance(f, Func):
        return tidy(Mul((outer_derivative(f.name, f.arg), raw_derivative(f.arg, var))))
    if isinstance(f, Cases):
        return Cases(tuple((raw_derivative(piece, var), where) for piece, where in f.pieces))
    if isinstance(f, Integral):
        return _substitute_symbol(f.integrand, f.var, x)
    raise ValueError(f"cannot differentiate {type(f).__name__}")


def estimate(f: Form, var: str, order: int) -> None:
    """Refuse, before any real work, a derivative that grows past the size limit (x^x^x^...)."""
    current = f
    for k in range(1, order + 1):
        current = _bounded_raw(current, var)
        check_size(size(current), f"the {_ordinal(k)} derivative (estimated before simplification)")


def _bounded_raw(f: Form, var: str) -> Form:
    # The raw derivative of a tree of n nodes has O(n·depth) nodes; refuse before building
    # something enormous: the size of the input bounds the work.
    from .budget import MAX_NODES

    if size(f) > MAX_NODES:
        check_size(size(f), "the expression")
    return raw_derivative(f, var)


def _ordinal(k: int) -> str:
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


__all__ = ["Known", "differentiate", "estimate", "outer_derivative", "raw_derivative", "top_rule"]
