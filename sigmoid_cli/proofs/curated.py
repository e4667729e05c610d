"""The curated derivations: the classic textbook proofs, step for step, and the family members.

- ``logistic``: the ten forms from 1/(1+e^{−x}) to σ(x)(1−σ(x));
- ``log``, ``complement``, ``log_complement``: dy/dσ·dσ/dx, with σ' as a lemma;
- ``higher_order``: σ^{(n)} as a polynomial in σ, one order at a time;
- ``member``: tanh, arctan, gd, erf, algebraic, normal-cdf, softsign, hardsigmoid, smoothstep.

Each function returns the steps unverified; proofs/__init__.py verifies them.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .budget import Budget
from .engine import differentiate
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
    Interval,
    Mul,
    Neg,
    Num,
    Pow,
    Sym,
    num,
    tidy,
)
from .steps import Lemma, Param, Proof, Step

Notes = tuple[tuple[str, tuple[tuple[str, Param], ...]], ...]


class Logistic:
    """The forms of the curated proofs, in the variable ``var``."""

    def __init__(self, var: str) -> None:
        self.var = var
        self.x = Sym(var)
        self.e = Func("exp", Neg(self.x))  # e^{−x}
        self.b = Add((ONE, self.e))  # 1 + e^{−x}
        self.s = Func("sigmoid", self.x)  # σ(x)
        self.c = Add((ONE, Neg(self.s)))  # 1 − σ(x)

    def d(self, form: Form) -> Deriv:
        return Deriv(form, self.var)

    def sigma_prime_exp(self) -> Lemma:
        """Steps 1–5 of the ten-step proof: σ'(x) = e^{−x}/(1+e^{−x})²."""
        return Lemma("lemma_sigma_prime_exp", self.d(self.s), Div(self.e, Pow(self.b, TWO)), "sigmoid derive")

    def sigma_prime(self) -> Lemma:
        return Lemma("lemma_sigma_prime", self.d(self.s), Mul((self.s, self.c)), "sigmoid derive")

    def complement_prime_exp(self) -> Lemma:
        """d/dx (1 − σ(x)) = −e^{−x}/(1+e^{−x})²."""
        return Lemma(
            "lemma_complement_prime_exp",
            self.d(self.c),
            Div(Neg(self.e), Pow(self.b, TWO)),
            "sigmoid derive --complement",
        )


def logistic(var: str, budget: Budget) -> tuple[list[Step], Form, tuple[Lemma, ...]]:
    """d/dx σ(x) = σ(x)(1 − σ(x)) in ten steps."""
    L = Logistic(var)
    x, e, b, s, d = L.x, L.e, L.b, L.s, L.d
    forms: list[tuple[str, Form, tuple[tuple[str, Param], ...]]] = []
    inner_steps, inner_value = differentiate(b, var, budget)
    u = Sym("u") if var != "u" else Sym("w")
    forms = [
        ("definition_sigma", d(Div(ONE, b)), ()),
        ("rewrite_as_power", d(Pow(b, num(-1))), (("u", b),)),
        (
            "chain_rule",
            Neg(Mul((Pow(b, num(-2)), Neg(e)))),
            (
                ("outer", Pow(u, num(-1))),
                ("inner", b),
                ("u", u),
                ("outer_derivative", Neg(Pow(u, num(-2)))),
                ("inner_derivative", inner_value),
            ),
        ),
        ("cancel_signs", Mul((Pow(b, num(-2)), e)), ()),
        ("negative_power_as_fraction", Div(e, Pow(b, TWO)), ()),
        ("split_fraction_product", Mul((Div(ONE, b), Div(e, b))), ()),
        ("substitute_sigma", Mul((s, Div(e, b))), (("pattern", Div(ONE, b)), ("sigma", s))),
        ("add_subtract_one", Mul((s, Div(Add((b, Neg(ONE))), b))), (("part", e), ("whole", b))),
        ("split_fraction", Mul((s, Add((ONE, Neg(Div(ONE, b)))))), (("whole", b), ("part", ONE))),
        ("substitute_sigma", Mul((s, Add((ONE, Neg(s))))), (("pattern", Div(ONE, b)), ("sigma", s))),
    ]
    steps: list[Step] = []
    current: Form = d(s)
    for rule, after, params in forms:
        substeps = tuple(inner_steps) if rule == "chain_rule" else ()
        steps.append(Step(rule, current, after, params, substeps))
        current = after
    del x
    return steps, current, ()


def log(var: str, budget: Budget) -> tuple[list[Step], Form, tuple[Lemma, ...]]:
    """d/dx log σ(x) = 1 − σ(x), by dy/dσ · dσ/dx."""
    L = Logistic(var)
    e, b, s, d = L.e, L.b, L.s, L.d
    lemma = L.sigma_prime_exp()
    forms: list[tuple[str, Form, tuple[tuple[str, Param], ...]]] = [
        ("chain_rule_through_sigma", Mul((Div(ONE, s), d(s))), _through(s)),
        ("use_lemma", Mul((Div(ONE, s), lemma.rhs)), (("lemma", lemma.rhs), ("lhs", lemma.lhs))),
        ("reciprocal_sigma", Mul((b, Div(e, Pow(b, TWO)))), (("sigma", s), ("whole", b))),
        ("cancel_common_factor", Div(e, b), (("factor", b),)),
        ("add_subtract_one", Div(Add((b, Neg(ONE))), b), (("part", e), ("whole", b))),
        ("split_fraction", Add((ONE, Neg(Div(ONE, b)))), (("whole", b), ("part", ONE))),
        ("substitute_sigma", Add((ONE, Neg(s))), (("pattern", Div(ONE, b)), ("sigma", s))),
    ]
    return _chain(d(Func("log", s)), forms), forms[-1][1], (lemma,)


def complement(var: str, budget: Budget) -> tuple[list[Step], Form, tuple[Lemma, ...]]:
    """d/dx (1 − σ(x)) = −σ(x)(1 − σ(x)), by the product rule."""
    L = Logistic(var)
    e, b, s, c, d = L.e, L.b, L.s, L.c, L.d
    lemma = L.sigma_prime_exp()
    reciprocal = Div(ONE, b)
    exp_steps, exp_value = differentiate(e, var, budget)
    with_exp = Add((Mul((exp_value, reciprocal)), Mul((e, d(reciprocal)))))
    lemma_rhs = Div(e, Pow(b, TWO))
    forms: list[tuple[str, Form, tuple[tuple[str, Param], ...]]] = [
        ("complement_as_fraction", d(Div(e, b)), (("whole", b),)),
        ("fraction_as_product", d(Mul((e, reciprocal))), ()),
        ("product_rule", Add((Mul((d(e), reciprocal)), Mul((e, d(reciprocal))))), (("count", 2),)),
        ("derivative_of_part", with_exp, (("part", d(e)), ("value", exp_value))),
        (
            "use_lemma",
            Add((Mul((exp_value, reciprocal)), Mul((e, lemma_rhs)))),
            (("lemma", lemma_rhs), ("lhs", d(reciprocal))),
        ),
        (
            "common_denominator",
            Div(Add((Neg(Mul((e, b))), Mul((e, e)))), Pow(b, TWO)),
            (("den", Pow(b, TWO)),),
        ),
        ("expand", Div(Add((Neg(e), Neg(Pow(e, TWO)), Pow(e, TWO))), Pow(b, TWO)), ()),
        ("cancel_terms", Div(Neg(e), Pow(b, TWO)), (("term", Pow(e, TWO)),)),
        ("split_fraction_product", Neg(Mul((Div(ONE, b), Div(e, b)))), ()),
        ("substitute_sigma", Neg(Mul((s, Div(e, b)))), (("pattern", Div(ONE, b)), ("sigma", s))),
        ("substitute_complement", Neg(Mul((s, c))), (("pattern", Div(e, b)), ("complement", c))),
    ]
    steps = _chain(d(c), forms)
    steps[3] = Step(steps[3].rule, steps[3].before, steps[3].after, steps[3].params, tuple(exp_steps))
    return steps, forms[-1][1], (lemma,)


def log_complement(var: str, budget: Budget) -> tuple[list[Step], Form, tuple[Lemma, ...]]:
    """d/dx log(1 − σ(x)) = −σ(x)."""
    L = Logistic(var)
    e, b, s, c, d = L.e, L.b, L.s, L.c, L.d
    lemma = L.complement_prime_exp()
    forms: list[tuple[str, Form, tuple[tuple[str, Param], ...]]] = [
        ("chain_rule_through_sigma", Mul((Div(ONE, c), d(c))), _through(c)),
        ("use_lemma", Mul((Div(ONE, c), lemma.rhs)), (("lemma", lemma.rhs), ("lhs", lemma.lhs))),
        ("reciprocal_complement", Mul((Div(b, e), lemma.rhs)), (("complement", c), ("value", Div(b, e)))),
        ("cancel_common_factor", Div(Neg(ONE), b), (("factor", Mul((e, b))),)),
        ("substitute_sigma", Neg(s), (("pattern", Div(ONE, b)), ("sigma", s))),
    ]
    return _chain(d(Func("log", c)), forms), forms[-1][1], (lemma,)


# --- the short route: through the lemma σ' = σ(1 − σ) -------------------------------------------
# (--detail brief) A reader who knows σ' = σ(1 − σ) needs no e^(−x): the chain rule, the lemma
# and one cancellation. The long routes above stay the default, because they show where σ' comes
# from in exp.


def short_log(var: str) -> tuple[list[Step], Form, tuple[Lemma, ...]]:
    """d/dx log σ(x) = σ'(x)/σ(x) = σ(x)(1 − σ(x))/σ(x) = 1 − σ(x)."""
    L = Logistic(var)
    s, c, d = L.s, L.c, L.d
    lemma = L.sigma_prime()
    forms: list[tuple[str, Form, tuple[tuple[str, Param], ...]]] = [
        ("chain_rule_through_sigma", Mul((Div(ONE, s), d(s))), _through(s)),
        ("use_lemma", Mul((Div(ONE, s), lemma.rhs)), (("lemma", lemma.rhs), ("lhs", lemma.lhs))),
        ("cancel_common_factor", c, (("factor", s),)),
    ]
    return _chain(d(Func("log", s)), forms), c, (lemma,)


def short_complement(var: str) -> tuple[list[Step], Form, tuple[Lemma, ...]]:
    """d/dx (1 − σ(x)) = 0 − σ'(x) = −σ(x)(1 − σ(x))."""
    L = Logistic(var)
    s, c, d = L.s, L.c, L.d
    lemma = L.sigma_prime()
    result = Neg(Mul((s, c)))
    forms: list[tuple[str, Form, tuple[tuple[str, Param], ...]]] = [
        ("sum_rule", Add((d(ONE), Neg(d(s)))), (("count", 2),)),
        ("constant_rule", Add((ZERO, Neg(d(s)))), (("part", d(ONE)), ("value", ZERO))),
        ("use_lemma", Add((ZERO, Neg(lemma.rhs))), (("lemma", lemma.rhs), ("lhs", lemma.lhs))),
        ("tidy", result, ()),
    ]
    return _chain(d(c), forms), result, (lemma,)


def short_log_complement(var: str) -> tuple[list[Step], Form, tuple[Lemma, ...]]:
    """d/dx log(1 − σ(x)) = (1 − σ)'/(1 − σ) = −σ(x)(1 − σ(x))/(1 − σ(x)) = −σ(x)."""
    L = Logistic(var)
    s, c, d = L.s, L.c, L.d
    lemma = Lemma("lemma_complement_prime", d(c), Neg(Mul((s, c))), "sigmoid derive --complement")
    forms: list[tuple[str, Form, tuple[tuple[str, Param], ...]]] = [
        ("chain_rule_through_sigma", Mul((Div(ONE, c), d(c))), _through(c)),
        ("use_lemma", Mul((Div(ONE, c), lemma.rhs)), (("lemma", lemma.rhs), ("lhs", lemma.lhs))),
        ("cancel_common_factor", Neg(s), (("factor", c),)),
    ]
    return _chain(d(Func("log", c)), forms), Neg(s), (lemma,)


SHORT = {"log": short_log, "complement": short_complement, "log-complement": short_log_complement}


def _through(inner: Form) -> tuple[tuple[str, Param], ...]:
    """y = log u with u = σ (or 1 − σ): the parameters of the chain rule through u."""
    u = Sym("u")
    return (("outer", Func("log", u)), ("u", u), ("inner", inner))


def _chain(start: Form, forms: list[tuple[str, Form, tuple[tuple[str, Param], ...]]]) -> list[Step]:
    steps: list[Step] = []
    current = start
    for rule, after, params in forms:
        steps.append(Step(rule, current, after, params))
        current = after
    return steps


# --- higher orders: polynomials in σ ---------------------------------------------------------------


def function_form(kind: str, var: str) -> Form:
    L = Logistic(var)
    forms: dict[str, Form] = {
        "logistic": L.s,
        "log": Func("log", L.s),
        "complement": L.c,
        "log-complement": Func("log", L.c),
    }
    return forms[kind]


def _polynomial(kind: str) -> Any:
    import sympy

    s = sympy.Symbol("s_", positive=True)
    polynomials = {
        "logistic": s * (1 - s),
        "log": 1 - s,
        "complement": -s * (1 - s),
        "log-complement": -s,
    }
    return s, polynomials[kind]


def ascending(poly: Any, s: Any, sigma: Form) -> Form:
    """A polynomial in s shown in ascending powers of σ: 1 − 6σ + 6σ²."""
    import sympy

    coefficients = list(reversed(sympy.Poly(poly, s).all_coeffs()))
    terms: list[Form] = []
    for degree, c in enumerate(coefficients):
        if c == 0:
            continue
        magnitude = Fraction(int(abs(c).p), int(abs(c).q))
        power: Form = sigma if degree == 1 else Pow(sigma, num(degree))
        if degree == 0:
            term: Form = Num(magnitude)
        elif magnitude == 1:
            term = power
        else:
            term = Mul((Num(magnitude), power))
        terms.append(Neg(term) if c < 0 else term)
    if not terms:
        return ZERO
    return terms[0] if len(terms) == 1 else Add(tuple(terms))


def higher_order(kind: str, var: str, order: int) -> tuple[list[Step], Form, tuple[Lemma, ...]]:
    """d^n/dx^n of σ (or log σ, 1 − σ, log(1 − σ)) as a polynomial in σ, order by order:
    P_{k+1}(σ) = P_k'(σ)·σ'(x) with σ' = σ(1 − σ)."""
    import sympy

    from .simplify import polynomial_in_sigma

    L = Logistic(var)
    s, poly = _polynomial(kind)
    f = function_form(kind, var)
    sigma_lemma = L.sigma_prime()
    lemmas = [sigma_lemma]
    first = polynomial_in_sigma(poly, s, L.x)
    if kind != "logistic":
        source = {"log": "sigmoid derive --log", "complement": "sigmoid derive --complement"}.get(
            kind, "sigmoid derive --log --complement"
        )
        lemmas.insert(0, Lemma("lemma_first_derivative", L.d(f), first, source))
    steps: list[Step] = []
    shown = first
    for k in range(2, order + 1):
        before: Form = Deriv(f, var, k)
        after: Form = L.d(shown)
        steps.append(Step("previous_order", before, after, (("k", k - 1), ("previous", shown))))
        expanded = ascending(sympy.expand(poly), s, L.s)
        if expanded != shown:
            steps.append(Step("expand_polynomial", after, L.d(expanded)))
            after = L.d(expanded)
        derivative = sympy.Poly(poly, s).diff(s).as_expr()
        outer = ascending(derivative, s, L.s)
        chained = Mul((outer, L.d(L.s)))
        steps.append(
            Step("chain_rule_sigma", after, chained, (("polynomial", expanded), ("outer_derivative", outer)))
        )
        substituted = Mul((outer, L.s, L.c))
        steps.append(
            Step("use_lemma", chained, substituted, (("lemma", sigma_lemma.rhs), ("lhs", sigma_lemma.lhs)))
        )
        poly = (sympy.Poly(derivative, s) * sympy.Poly(s - s**2, s)).as_expr()
        shown = polynomial_in_sigma(poly, s, L.x)
        if shown != substituted:
            steps.append(_regroup(substituted, shown, outer, L))
    return steps, shown, tuple(lemmas)


def _regroup(before: Form, after: Form, outer: Form, L: Logistic) -> Step:
    """P'(σ)·σ·(1 − σ) written as ±σ·(1 − σ)·(factors of P'): name what really changes, which is
    often only the order of the factors, or a constant P' becoming a sign."""
    rest = _cofactor(after, L)
    if rest is None:
        return Step("simplify_in_sigma", before, after)
    if rest == (outer,):
        return Step("reorder_factors", before, after)
    if not rest:  # P' = ±1: only its sign is left
        return Step("tidy", before, after)
    product: Form = rest[0] if len(rest) == 1 else Mul(rest)
    factored = Neg(product) if isinstance(after, Neg) else product
    return Step("factor_polynomial", before, after, (("factor", outer), ("factored", factored)))


def _cofactor(shown: Form, L: Logistic) -> tuple[Form, ...] | None:
    """The factors of ±σ·(1 − σ)·F… other than σ and 1 − σ (P' factored, read off the result
    instead of factoring P' a second time), or None when the result has another shape."""
    body = shown.arg if isinstance(shown, Neg) else shown
    factors = list(body.factors) if isinstance(body, Mul) else [body]
    for known in (L.s, L.c):
        if known not in factors:
            return None
        factors.remove(known)
    return tuple(factors)


# --- the family -----------------------------------------------------------------------------------


def _interval(
    var: str, lo: int | None, hi: int | None, lo_closed: bool = False, hi_closed: bool = False
) -> Interval:
    return Interval(
        var, None if lo is None else Fraction(lo), None if hi is None else Fraction(hi), lo_closed, hi_closed
    )


def member_function(name: str, var: str) -> Form:
    """The family member as a form of ``var`` (the formula of numeric/family.py)."""
    x = Sym(var)
    if name == "logistic":
        return Func("sigmoid", x)
    if name in ("tanh", "erf"):
        return Func(name, x)
    if name == "arctan":
        return Func("atan", x)
    if name == "gd":
        return Func("gd", x)
    if name == "algebraic":
        return Div(x, Func("sqrt", Add((ONE, Pow(x, TWO)))))
    if name == "softsign":
        return Div(x, Add((ONE, Func("abs", x))))
    if name == "normal-cdf":
        return Func("Phi", x)
    if name == "hardsigmoid":
        return Cases(
            (
                (ZERO, _interval(var, None, -3, hi_closed=True)),
                (Div(Add((x, Num(Fraction(3)))), Num(Fraction(6))), _interval(var, -3, 3)),
                (ONE, _interval(var, 3, None, lo_closed=True)),
            )
        )
    if name == "smoothstep":
        return Cases(
            (
                (Neg(ONE), _interval(var, None, -1, hi_closed=True)),
                (
                    Div(Add((Mul((Num(Fraction(3)), x)), Neg(Pow(x, Num(Fraction(3)))))), TWO),
                    _interval(var, -1, 1),
                ),
                (ONE, _interval(var, 1, None, lo_closed=True)),
            )
        )
    raise ValueError(name)


def written_out(name: str, var: str) -> Form:
    """The formula behind a named member (what --order > 1 differentiates)."""
    x = Sym(var)
    if name == "gd":
        return Mul((TWO, Func("atan", Func("tanh", Div(x, TWO)))))
    if name == "normal-cdf":
        return Div(Add((ONE, Func("erf", Div(x, Func("sqrt", TWO))))), TWO)
    return member_function(name, var)


def member(name: str, var: str, budget: Budget) -> tuple[list[Step], Form, tuple[Lemma, ...], Notes]:
    """The curated first derivative of a family member other than the logistic."""
    x = Sym(var)
    f = member_function(name, var)
    builders = {
        "tanh": _tanh,
        "arctan": _arctan,
        "gd": _gd,
        "erf": _erf,
        "algebraic": _algebraic,
        "normal-cdf": _normal_cdf,
        "softsign": _softsign,
    }
    if name in builders:
        steps, result = builders[name](x, var, budget)
        notes: Notes = (("softsign_at_zero", ()),) if name == "softsign" else ()
        return steps, result, (), notes
    if name in ("hardsigmoid", "smoothstep"):
        return _piecewise(name, f, var, budget)
    raise ValueError(name)


def _engine_then(
    start: Form, f: Form, var: str, budget: Budget, rule: str, params: tuple[tuple[str, Param], ...]
) -> tuple[list[Step], Form]:
    """A definition step d/dx start → d/dx f, then the engine's steps for d/dx f."""
    steps = [Step(rule, Deriv(start, var), Deriv(f, var), params)]
    more, result = differentiate(f, var, budget)
    return steps + more, result


def _tanh(x: Sym, var: str, budget: Budget) -> tuple[list[Step], Form]:
    sinh, cosh, tanh = Func("sinh", x), Func("cosh", x), Func("tanh", x)
    steps, current = _engine_then(
        tanh, Div(sinh, cosh), var, budget, "definition", (("name", tanh), ("formula", Div(sinh, cosh)))
    )
    squares = Div(Add((Pow(cosh, TWO), Neg(Pow(sinh, TWO)))), Pow(cosh, TWO))
    split = Add((ONE, Neg(Div(Pow(sinh, TWO), Pow(cosh, TWO)))))
    result = Add((ONE, Neg(Pow(tanh, TWO))))
    for rule, after, params in (
        ("write_as_squares", squares, ()),
        ("split_fraction", split, (("whole", Pow(cosh, TWO)), ("part", Pow(sinh, TWO)))),
        ("substitute_definition", result, (("pattern", Div(sinh, cosh)), ("name", tanh))),
    ):
        if after != current:
            steps.append(Step(rule, current, after, params))
            current = after
    return steps, current


def _arctan(x: Sym, var: str, budget: Budget) -> tuple[list[Step], Form]:
    atan = Func("atan", x)
    y = Sym("y") if var != "y" else Sym("w")
    via_inverse = Div(ONE, Add((ONE, Pow(Func("tan", atan), TWO))))
    result = Div(ONE, Add((ONE, Pow(x, TWO))))
    return [
        Step(
            "inverse_function_rule",
            Deriv(atan, var),
            via_inverse,
            (
                ("y", y),
                ("function", Func("tan", y)),
                ("derivative", Add((ONE, Pow(Func("tan", y), TWO)))),
                ("x", x),
            ),
        ),
        Step("inverse_cancels", via_inverse, result, (("pattern", Func("tan", atan)), ("value", x))),
    ], result


def _gd(x: Sym, var: str, budget: Budget) -> tuple[list[Step], Form]:
    half = Div(x, TWO)
    th = Func("tanh", half)
    formula = Mul((TWO, Func("atan", th)))
    steps, current = _engine_then(
        Func("gd", x), formula, var, budget, "definition", (("name", Func("gd", x)), ("formula", formula))
    )
    ch, sh = Func("cosh", half), Func("sinh", half)
    ratio = Div(Add((ONE, Neg(Pow(th, TWO)))), Add((ONE, Pow(th, TWO))))
    hyperbolic = Div(Add((Pow(ch, TWO), Neg(Pow(sh, TWO)))), Add((Pow(ch, TWO), Pow(sh, TWO))))
    identities = Div(ONE, Func("cosh", x))
    result = Func("sech", x)
    for rule, after, params in (
        ("product_as_fraction", ratio, ()),
        ("multiply_by_cosh_squared", hyperbolic, (("factor", Pow(ch, TWO)),)),
        ("hyperbolic_identities", identities, (("u", half),)),
        ("definition_sech", result, ()),
    ):
        if after != current:
            steps.append(Step(rule, current, after, params))
            current = after
    return steps, current


def _erf(x: Sym, var: str, budget: Budget) -> tuple[list[Step], Form]:
    t = Sym("t") if var != "t" else Sym("s")
    constant = Div(TWO, Func("sqrt", Const("pi")))
    integral = Integral(Func("exp", Neg(Pow(t, TWO))), t.name, ZERO, x)
    defined = Deriv(Mul((constant, integral)), var)
    pulled = Mul((constant, Deriv(integral, var)))
    result = Mul((constant, Func("exp", Neg(Pow(x, TWO)))))
    return [
        Step(
            "definition",
            Deriv(Func("erf", x), var),
            defined,
            (("name", Func("erf", x)), ("formula", Mul((constant, integral)))),
        ),
        Step("constant_multiple", defined, pulled, (("c", constant),)),
        Step(
            "fundamental_theorem",
            pulled,
            result,
            (("part", Deriv(integral, var)), ("value", Func("exp", Neg(Pow(x, TWO))))),
        ),
    ], result


def _algebraic(x: Sym, var: str, budget: Budget) -> tuple[list[Step], Form]:
    q = Add((ONE, Pow(x, TWO)))
    root = Func("sqrt", q)
    steps, current = differentiate(Div(x, root), var, budget)
    inner = Div(Add((root, Neg(Div(Pow(x, TWO), root)))), q)
    common = Div(Add((q, Neg(Pow(x, TWO)))), Mul((q, root)))
    cancelled = Div(ONE, Mul((q, root)))
    result = Pow(q, Neg(Num(Fraction(3, 2))))
    for rule, after, params in (
        ("collect_terms", inner, ()),
        ("common_denominator", common, (("den", Mul((q, root))),)),
        ("cancel_terms", cancelled, (("term", Pow(x, TWO)),)),
        ("combine_powers", result, (("base", q),)),
    ):
        if after != current:
            steps.append(Step(rule, current, after, params))
            current = after
    return steps, current


def _normal_cdf(x: Sym, var: str, budget: Budget) -> tuple[list[Step], Form]:
    formula = Div(Add((ONE, Func("erf", Div(x, Func("sqrt", TWO))))), TWO)
    steps, current = _engine_then(
        Func("Phi", x), formula, var, budget, "definition", (("name", Func("Phi", x)), ("formula", formula))
    )
    result = Div(Func("exp", Neg(Div(Pow(x, TWO), TWO))), Func("sqrt", Mul((TWO, Const("pi")))))
    if current != result:
        steps.append(Step("combine_constants", current, result, ()))
    return steps, result


def _softsign(x: Sym, var: str, budget: Budget) -> tuple[list[Step], Form]:
    absolute = Func("abs", x)
    den = Add((ONE, absolute))
    steps, current = differentiate(Div(x, den), var, budget)
    signed = Div(Add((ONE, absolute, Neg(Mul((x, Func("sign", x)))))), Pow(den, TWO))
    absolute_form = Div(Add((ONE, absolute, Neg(absolute))), Pow(den, TWO))
    result = Div(ONE, Pow(den, TWO))
    for rule, after, params in (
        ("collect_terms", signed, ()),
        ("sign_times_x", absolute_form, (("x", x),)),
        ("cancel_terms", result, (("term", absolute),)),
    ):
        if after != current:
            steps.append(Step(rule, current, after, params))
            current = after
    return steps, current


def _piecewise(
    name: str, f: Form, var: str, budget: Budget
) -> tuple[list[Step], Form, tuple[Lemma, ...], Notes]:
    assert isinstance(f, Cases)
    x = Sym(var)
    open_pieces = tuple((piece, Interval(where.var, where.lo, where.hi)) for piece, where in f.pieces)
    pending = Cases(tuple((Deriv(piece, var), where) for piece, where in open_pieces))
    steps = [Step("differentiate_pieces", Deriv(f, var), pending, (("count", len(open_pieces)),))]
    current: Form = pending
    pieces: list[tuple[Form, Interval]] = []
    substeps: list[Step] = []
    for piece, where in open_pieces:
        more, value = differentiate(piece, var, budget)
        substeps.extend(more)
        pieces.append((value, where))
    derived = Cases(tuple(pieces))
    steps.append(Step("derivative_of_each_piece", current, derived, (), tuple(substeps)))
    current = derived
    if name == "smoothstep":
        middle = tidy(pieces[1][0])
        factored = Div(Mul((Num(Fraction(3)), Add((ONE, Neg(Pow(x, TWO)))))), TWO)
        if middle != factored:
            current = Cases(
                ((pieces[0][0], pieces[0][1]), (factored, pieces[1][1]), (pieces[2][0], pieces[2][1]))
            )
            steps.append(Step("factor", derived, current, ()))
        notes: Notes = (("joins_smooth", (("points", "x = −1, x = 1"), ("value", ZERO))),)
        final = Cases(
            (
                (ZERO, _interval(var, None, -1)),
                (factored, _interval(var, -1, 1, True, True)),
                (ZERO, _interval(var, 1, None)),
            )
        )
        steps.append(Step("close_the_joins", current, final, (("points", "x = −1, x = 1"),)))
        return steps, final, (), notes
    notes = (
        ("corners", (("points", "x = −3, x = 3"), ("left", ZERO), ("right", Div(ONE, Num(Fraction(6)))))),
    )
    return steps, current, (), notes


__all__ = [
    "Proof",
    "complement",
    "function_form",
    "higher_order",
    "log",
    "log_complement",
    "logistic",
    "member",
    "member_function",
    "written_out",
]
