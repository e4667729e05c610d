"""The general statement of a rule, such as d/dx[u·v] = d/dx[u]·v + u·d/dx[v]: mathematics,
the same in every language, put where a rule's explanation says ``{formula}``."""

from __future__ import annotations

from collections.abc import Callable

from .forms import ONE, TWO, ZERO, Add, Deriv, Div, Form, Func, Integral, Mul, Neg, Pow, Sym


def formula(rule: str, var: str) -> tuple[Form, Form] | None:
    """The general statement of ``rule`` in u, v, c, n and the variable; None if it has none."""
    x, u, v, c = Sym(var), Sym("u"), Sym("v"), Sym("c")
    d: Callable[[Form], Form] = lambda f: Deriv(f, var)  # noqa: E731
    partial: Callable[[Form], Form] = lambda f: Deriv(f, var, 1, True)  # noqa: E731
    table: dict[str, tuple[Form, Form]] = {
        "negation_rule": (d(Neg(u)), Neg(d(u))),
        "sum_rule": (d(Add((u, v))), Add((d(u), d(v)))),
        "constant_multiple": (d(Mul((c, u))), Mul((c, d(u)))),
        "constant_divisor": (d(Div(u, c)), Div(d(u), c)),
        "product_rule": (d(Mul((u, v))), Add((Mul((d(u), v)), Mul((u, d(v)))))),
        "quotient_rule": (d(Div(u, v)), Div(Add((Mul((d(u), v)), Neg(Mul((u, d(v)))))), Pow(v, TWO))),
        "softmax_quotient_rule": (
            partial(Div(u, v)),
            Div(Add((Mul((partial(u), v)), Neg(Mul((u, partial(v)))))), Pow(v, TWO)),
        ),
        "reciprocal_rule": (d(Div(c, v)), Neg(Div(Mul((c, d(v))), Pow(v, TWO)))),
        "power_rule": (d(Pow(x, Sym("n"))), Mul((Sym("n"), Pow(x, Add((Sym("n"), Neg(ONE))))))),
        "exponential_rule": (d(Pow(Sym("a"), x)), Mul((Pow(Sym("a"), x), Func("log", Sym("a"))))),
        "logarithmic_differentiation": (
            d(Pow(u, v)),
            Mul((Pow(u, v), Add((Mul((d(v), Func("log", u))), Div(Mul((v, d(u))), u))))),
        ),
        "fundamental_theorem": (d(Integral(Func("g", Sym("t")), "t", ZERO, x)), Func("g", x)),
    }
    return table.get(rule)
