"""Forms to and from other representations: SymPy expressions and mpmath values."""

from __future__ import annotations

import re
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from sigmoid_cli.errors import UsageError
from sigmoid_cli.grammar.functions import FUNCTIONS

from .tree import (
    ONE,
    Add,
    Const,
    Deriv,
    Div,
    Form,
    Func,
    Integral,
    Mul,
    Neg,
    Num,
    Pow,
    Sym,
    num,
)

# --- to SymPy and to mpmath ----------------------------------------------------------------------


def to_sympy(form: Form, table: Mapping[str, Any] | None = None) -> Any:
    """The SymPy expression of a form (evaluated; derivatives and integrals stay unevaluated).
    Symbols are real; ``table`` may supply them."""
    import sympy

    from sigmoid_cli.symbolic.sympy_bridge import SYMPY

    symbols_table: dict[str, Any] = dict(table or {})

    def symbol(name: str) -> Any:
        if name not in symbols_table:
            symbols_table[name] = sympy.Symbol(name, real=True)
        return symbols_table[name]

    functions = SYMPY.functions  # every function of the registry, as SymPy knows it

    def convert(node: Form) -> Any:
        if isinstance(node, Num):
            return sympy.Rational(node.value.numerator, node.value.denominator)
        if isinstance(node, Const):
            return sympy.pi if node.name == "pi" else sympy.E
        if isinstance(node, Sym):
            return symbol(node.name)
        if isinstance(node, Neg):
            return -convert(node.arg)
        if isinstance(node, Add):
            return sympy.Add(*[convert(term) for term in node.terms])
        if isinstance(node, Mul):
            return sympy.Mul(*[convert(factor) for factor in node.factors])
        if isinstance(node, Div):
            return convert(node.num) / convert(node.den)
        if isinstance(node, Pow):
            return sympy.Pow(convert(node.base), convert(node.exp))
        if isinstance(node, Func):
            return functions[node.name](convert(node.arg))
        if isinstance(node, Deriv):
            return sympy.Derivative(convert(node.expr), (symbol(node.var), node.order))
        if isinstance(node, Integral):
            return sympy.Integral(
                convert(node.integrand), (symbol(node.var), convert(node.lower), convert(node.upper))
            )
        pieces = []
        for piece, where in node.pieces:
            var = symbol(where.var)
            condition: Any = sympy.true
            if where.lo is not None:
                lo = sympy.Rational(where.lo.numerator, where.lo.denominator)
                condition = condition & (var >= lo if where.lo_closed else var > lo)
            if where.hi is not None:
                hi = sympy.Rational(where.hi.numerator, where.hi.denominator)
                condition = condition & (var <= hi if where.hi_closed else var < hi)
            pieces.append((convert(piece), condition))
        return sympy.Piecewise(*pieces)

    return convert(form)


# Numbers beyond e^_HUGE are not sample values but runaway towers (x^x^x^...): the point is skipped.
_HUGE = 10_000
_GROWING = frozenset(f.name for f in FUNCTIONS if f.grows)


def numeric_value(form: Form, values: Mapping[str, Any]) -> Any:
    """The value of a form in mpmath at the current working precision (complex allowed).
    Derivatives are numeric (mpmath.diff), integrals by quadrature: independent of SymPy.
    Raises ZeroDivisionError, ValueError or OverflowError where the form is undefined."""
    import mpmath

    from sigmoid_cli.numeric.text import mp_backend

    mp = mpmath.mp
    table = mp_backend(mp).functions

    def value(node: Form, env: Mapping[str, Any]) -> Any:
        if isinstance(node, Num):
            return mp.mpf(node.value.numerator) / node.value.denominator
        if isinstance(node, Const):
            return +mp.pi if node.name == "pi" else +mp.e
        if isinstance(node, Sym):
            return env[node.name]
        if isinstance(node, Neg):
            return -value(node.arg, env)
        if isinstance(node, Add):
            total = mp.mpf(0)
            for term in node.terms:
                total += value(term, env)
            return total
        if isinstance(node, Mul):
            product = mp.mpf(1)
            for factor in node.factors:
                product *= value(factor, env)
            return product
        if isinstance(node, Div):
            bottom = value(node.den, env)
            if bottom == 0:
                raise ZeroDivisionError
            return value(node.num, env) / bottom
        if isinstance(node, Pow):
            base, exponent = value(node.base, env), value(node.exp, env)
            if base == 0 and mp.re(exponent) <= 0:
                raise ZeroDivisionError
            if base != 0 and abs(exponent) * abs(mp.log(abs(base))) > _HUGE:
                raise OverflowError("a power too large to evaluate")
            return mp.power(base, exponent)
        if isinstance(node, Func):
            argument = value(node.arg, env)
            if node.name == "log" and argument == 0:
                raise ZeroDivisionError
            if node.name in _GROWING and abs(argument) > _HUGE:
                raise OverflowError("an exponential too large to evaluate")
            return table[node.name](argument)
        if isinstance(node, Deriv):
            inner, var = node.expr, node.var
            return mp.diff(lambda v: value(inner, {**env, var: v}), env[var], node.order)
        if isinstance(node, Integral):
            integrand, var = node.integrand, node.var
            return mp.quad(
                lambda v: value(integrand, {**env, var: v}), [value(node.lower, env), value(node.upper, env)]
            )
        for piece, where in node.pieces:
            if where.contains(float(mp.re(env[where.var]))):
                return value(piece, env)
        raise ValueError("outside every piece")

    return value(form, values)


# --- from SymPy ---------------------------------------------------------------------------------

# SymPy's class names of the registry's functions (√ and e^ are powers to SymPy: see below).
_BY_SYMPY_NAME = {f.sympy: f.name for f in FUNCTIONS if f.sympy}


class Unshowable(ValueError):
    """A SymPy expression with a part that forms cannot show."""


def from_sympy(expr: Any) -> Form:
    """A form that shows ``expr`` the way a person writes it: a − b, a/b, √a, e^{−x}."""
    import sympy

    if expr.is_Integer or expr.is_Rational:
        return num(Fraction(int(expr.p), int(expr.q)))
    if expr is sympy.pi:
        return Const("pi")
    if expr is sympy.E:
        return Const("e")
    if expr.is_Symbol:
        return Sym(expr.name)
    if expr.is_Add:
        terms = sorted(expr.as_ordered_terms(), key=lambda term: not term.is_Number)  # 1 + x^2
        shown = [_signed(term) for term in terms]
        for index, form in enumerate(shown):  # start with a positive term: 1 - σ, not -σ + 1
            if not isinstance(form, Neg):
                shown.insert(0, shown.pop(index))
                break
        return Add(tuple(shown))
    if expr.is_Mul:
        coefficient, rest = expr.as_coeff_Mul()
        if coefficient.is_negative:
            return Neg(from_sympy(-expr))
        top: list[Any] = []
        bottom: list[Any] = []
        if coefficient != 1:
            if coefficient.is_Rational:
                if coefficient.p != 1:
                    top.append(sympy.Integer(coefficient.p))
                if coefficient.q != 1:
                    bottom.append(sympy.Integer(coefficient.q))
            else:
                top.append(coefficient)
        for factor in sympy.Mul.make_args(rest):
            if factor.is_Pow and factor.exp.is_Rational and factor.exp.is_negative:
                bottom.append(sympy.Pow(factor.base, -factor.exp))
            else:
                top.append(factor)
        numerator = _product(top)
        if not bottom:
            return numerator
        return Div(numerator, _product(bottom))
    if expr.is_Pow:
        base, exponent = expr.args
        if exponent.is_Rational and exponent.is_negative:
            return Div(ONE, from_sympy(sympy.Pow(base, -exponent)))
        if exponent == sympy.Rational(1, 2):
            return Func("sqrt", from_sympy(base))
        if base is sympy.E:
            return Func("exp", from_sympy(exponent))
        return Pow(from_sympy(base), from_sympy(exponent))
    if isinstance(expr, sympy.exp):
        return Func("exp", from_sympy(expr.args[0]))
    if isinstance(expr, sympy.Derivative):
        (var, order), *_ = expr.variable_count
        return Deriv(from_sympy(expr.expr), var.name, int(order))
    name = type(expr).__name__
    if name in _BY_SYMPY_NAME and len(expr.args) == 1:
        return Func(_BY_SYMPY_NAME[name], from_sympy(expr.args[0]))
    raise Unshowable(f"cannot show {name}")


def _signed(term: Any) -> Form:
    coefficient, _ = term.as_coeff_Mul()
    if coefficient.is_negative:
        return Neg(from_sympy(-term))
    return from_sympy(term)


def _factor_key(factor: Any) -> tuple[int, str]:
    if factor.is_Number:
        rank = 0
    elif factor.is_Symbol:
        rank = 1
    elif factor.is_Function and type(factor).__name__ == "sigmoid":
        rank = 2
    elif factor.is_Add or (factor.is_Pow and factor.base.is_Add):
        rank = 4
    else:
        rank = 3
    return rank, str(factor)


def _product(factors: list[Any]) -> Form:
    if not factors:
        return ONE
    ordered = sorted(factors, key=_factor_key)
    forms = [from_sympy(factor) for factor in ordered]
    return forms[0] if len(forms) == 1 else Mul(tuple(forms))


# --- from the grammar ------------------------------------------------------------------------------

_NUMBER = re.compile(r"(\d*)\.?(\d*)(?:[eE]([+-]?\d+))?")
MAX_LITERAL_EXPONENT = 100


def from_grammar(node: object) -> Form:
    """The form of a syntax tree of the grammar (sigmoid_cli/grammar), as the user wrote it."""
    from sigmoid_cli.grammar import parser as grammar

    if isinstance(node, grammar.Num):
        match = _NUMBER.fullmatch(node.text)
        if match is None or len(node.text) > 60:
            raise UsageError(f"the number {node.text[:20]!r} is too long")
        if match.group(3) is not None and abs(int(match.group(3))) > MAX_LITERAL_EXPONENT:
            raise UsageError(
                f"the number {node.text!r} is too large (exponents up to ±{MAX_LITERAL_EXPONENT})"
            )
        return Num(Fraction(node.text))
    if isinstance(node, grammar.Const):
        return Const(node.name)
    if isinstance(node, grammar.Var):
        return Sym(node.name)
    if isinstance(node, grammar.Neg):
        return Neg(from_grammar(node.operand))
    if isinstance(node, grammar.Call):
        return Func(node.func, from_grammar(node.arg))
    assert isinstance(node, grammar.BinOp)
    left, right = from_grammar(node.left), from_grammar(node.right)
    if node.op in "+-":
        terms: list[Form] = list(left.terms) if isinstance(left, Add) else [left]
        terms.append(right if node.op == "+" else Neg(right))
        return Add(tuple(terms))
    if node.op == "*":
        factors: list[Form] = list(left.factors) if isinstance(left, Mul) else [left]
        factors.append(right)
        return Mul(tuple(factors))
    if node.op == "/":
        return Div(left, right)
    return Pow(left, right)
