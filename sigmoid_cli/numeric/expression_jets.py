"""The grammar computed on jets (taylor.py): every registry function on a truncated Taylor
series, so that `grad --expr` gets derivatives of any order by Taylor-mode automatic
differentiation, never by finite differences.

A function whose derivative does not involve itself (log, atan, erf, logit, softplus, …)
is the integral of f'(u)·u'; exp, sin and cos have their own recurrences; the rest are
written through those (tanh by expm1, σ by exp) or by the registry's formula (silu, gelu,
mish, relu, …). Constant subexpressions stay plain mpmath numbers.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from sigmoid_cli.errors import DataError
from sigmoid_cli.grammar.arithmetic import Arithmetic, compute, formula_tree
from sigmoid_cli.grammar.functions import FUNCTIONS

from .activations import mp_functions
from .taylor import Jet, JetContext

Rule = Callable[[JetContext, Jet], Jet]


def _sigmoid(j: JetContext, u: Jet) -> Jet:
    result: Jet = 1 / (1 + j.exp(-u))
    return result


def _tanh(j: JetContext, u: Jet) -> Jet:
    e = j.expm1(2 * u)  # (e^{2u} − 1)/(e^{2u} + 1): no cancellation at u ≈ 0
    return e / (e + 2)


def _sign(j: JetContext, u: Jet) -> Jet:
    if u.c[0] == 0:  # a jump: no derivative there
        return Jet(j.ctx, [j.ctx.zero] + [j.ctx.nan] * (j.terms - 1))
    return j.constant(j.ctx.sign(u.c[0]))


def _by_derivative(value: str, derivative: Callable[[JetContext, Jet], Jet]) -> Rule:
    def rule(j: JetContext, u: Jet) -> Jet:
        return j.by_derivative(u, getattr(j.ctx, value)(u.c[0]), derivative(j, u))

    return rule


def _logit(j: JetContext, u: Jet) -> Jet:
    p = u.c[0]
    if not 0 < p < 1:
        raise DataError("logit is defined on (0, 1) only")
    return j.by_derivative(u, j.ctx.log(p) - j.ctx.log1p(-p), 1 / (u * (1 - u)))


def _softplus(j: JetContext, u: Jet) -> Jet:
    a = u.c[0]
    value = a + j.ctx.log1p(j.ctx.exp(-a)) if a > 0 else j.ctx.log1p(j.ctx.exp(a))
    return j.by_derivative(u, value, _sigmoid(j, u))


def _gelu_tanh(j: JetContext, u: Jet) -> Jet:
    """u/2·(1 + tanh(g)) as u·σ(2g): 1 + tanh(g) would cancel far left, at every precision
    that cannot hold e^{2g}."""
    ctx = j.ctx
    g = ctx.sqrt(2 / ctx.pi) * (u + ctx.mpf(44715) / 1_000_000 * (u * u * u))
    result: Jet = u * _sigmoid(j, 2 * g)
    return result


def _gaussian(j: JetContext, u: Jet, scale: Any) -> Jet:
    result: Jet = scale * j.exp(-(u * u))
    return result


RULES: dict[str, Rule] = {
    "exp": lambda j, u: j.exp(u),
    "expm1": lambda j, u: j.expm1(u),
    "log": lambda j, u: j.log(u),
    "log1p": _by_derivative("log1p", lambda j, u: 1 / (1 + u)),
    "sqrt": lambda j, u: u ** j.ctx.mpf(0.5),
    "sin": lambda j, u: j.sin_cos(u)[0],
    "cos": lambda j, u: j.sin_cos(u)[1],
    "tan": lambda j, u: operator.truediv(*j.sin_cos(u)),
    "sec": lambda j, u: 1 / j.sin_cos(u)[1],
    "sinh": lambda j, u: (j.exp(u) - j.exp(-u)) / 2,
    "cosh": lambda j, u: (j.exp(u) + j.exp(-u)) / 2,
    "tanh": _tanh,
    "sech": lambda j, u: 2 / (j.exp(u) + j.exp(-u)),
    "atan": _by_derivative("atan", lambda j, u: 1 / (1 + u * u)),
    "erf": _by_derivative("erf", lambda j, u: _gaussian(j, u, 2 / j.ctx.sqrt(j.ctx.pi))),
    "erfc": lambda j, u: j.by_derivative(
        u, mp_functions(j.ctx)["erfc"](u.c[0]), _gaussian(j, u, -2 / j.ctx.sqrt(j.ctx.pi))
    ),
    "abs": lambda j, u: abs(u),
    "sign": _sign,
    "sigmoid": _sigmoid,
    "logit": _logit,
    "softplus": _softplus,
    "gelu_tanh": _gelu_tanh,
    "Phi": lambda j, u: j.by_derivative(u, mp_functions(j.ctx)["Phi"](u.c[0]), j.npdf(u)),
}


def jet_arithmetic(j: JetContext, plain: Arithmetic, power: Callable[[Any, Any], Any]) -> Arithmetic:
    """The grammar on jets of ``j``: ``plain`` (the mpmath arithmetic) for constants, the rules
    above for jets, and the registry's formula for every other function."""
    functions: dict[str, Callable[[Any], Any]] = {}
    result = Arithmetic(plain.number, plain.constants, functions, power, operator.truediv)
    for function in FUNCTIONS:
        functions[function.name] = _lifted(function.name, j, plain, result)
    return result


def _lifted(name: str, j: JetContext, plain: Arithmetic, jets: Arithmetic) -> Callable[[Any], Any]:
    rule = RULES.get(name)

    def apply(u: Any) -> Any:
        if not isinstance(u, Jet):
            return plain.functions[name](u)
        if rule is not None:
            return rule(j, u)
        return compute(formula_tree(name), jets, {"u": u})

    return apply
