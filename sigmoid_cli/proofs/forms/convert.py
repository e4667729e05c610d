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


def to_sympy(
    form: Form, table: Mapping[str, Any] | None = None, *, sums: dict[Any, tuple[Any, ...]] | None = None
) -> Any:
    """The SymPy expression of a form (evaluated; derivatives and integrals stay unevaluated).
    Symbols are real; ``table`` may supply them. ``sums``, when given, collects every sum of the
    form (its SymPy value → the values of its terms, in the form's order): see ``Style``."""
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
            terms = tuple(convert(term) for term in node.terms)
            value = sympy.Add(*terms)
            if sums is not None and value.is_Add and value not in sums:
                sums[value] = terms
            return value
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


class Style:
    """The sums a reader has already seen, so that SymPy's answer shows them the same way.

    SymPy keeps its own order of terms (``b + w*x`` for the ``w*x + b`` the user wrote), and in a
    product it may write a difference either way round (``(x - x0)·…`` or ``-(x0 - x)·…``):
    which one can even change with the hash seed, because its polynomial code orders x and x0
    by a key on which they tie. A style remembers every sum of some forms: those of ``forms``
    (the user's expression) keep their order of terms and their way round, those of ``also``
    (the line before: 1 - tanh(x)^2, not tanh(x)^2 - 1) their way round only. ``from_sympy``
    writes such a sum so, and any other one by its terms alone (``orient``), never by the way
    SymPy happened to write it.
    """

    def __init__(self, *forms: Form, also: tuple[Form, ...] = ()) -> None:
        self._sums: dict[Any, tuple[Any, ...]] = {}
        self._seen: dict[Any, tuple[Any, ...]] = {}
        for form in forms:
            self._learn(form, self._sums)
        self._seen.update(self._sums)
        for form in also:
            self._learn(form, self._seen)

    @staticmethod
    def _learn(form: Form, sums: dict[Any, tuple[Any, ...]]) -> None:
        import contextlib

        with contextlib.suppress(KeyError, TypeError, ValueError):  # a part SymPy cannot take
            to_sympy(form, sums=sums)

    def seen(self, expr: Any) -> bool:
        """Whether the reader has seen the sum ``expr`` this way round."""
        return expr in self._seen

    def order(self, expr: Any) -> tuple[Any, ...] | None:
        """The terms of the sum ``expr`` in the order the reader saw them, or None."""
        seen = self._sums.get(expr)
        if seen is None:
            return None
        remaining = list(expr.args)
        for term in seen:
            if term not in remaining:
                return None
            remaining.remove(term)
        return None if remaining else seen


def _negative(term: Any) -> bool:
    return bool(term.as_coeff_Mul()[0].is_negative)


def negate_sum(expr: Any) -> Any:
    """−expr for a sum, as a sum (every term's sign turned): x0 - x for x - x0."""
    import sympy

    return sympy.Add(*[-term for term in expr.args])


def surplus(expr: Any) -> int:
    """Positive terms less negative ones. Turning a factor round to take a product's leading
    minus costs surplus − 1 minus signs: a saving at 0 (a − b), none at 1 (2·x − a − y)."""
    negative = sum(1 for term in expr.args if _negative(term))
    return len(expr.args) - 2 * negative


def _magnitude_key(term: Any) -> tuple[bool, Any]:
    import sympy

    magnitude = -term if _negative(term) else term
    return not magnitude.is_Number, sympy.default_sort_key(magnitude)


def orient(expr: Any, style: Style | None = None) -> tuple[Any, bool, bool]:
    """A sum whose sign can be moved (a factor of a product, the base of an even power), the
    way round to show it: (the sum or its negative, whether it was negated, whether the reader
    has seen it so). A sum seen before keeps that orientation; any other has more positive than
    negative terms, and on a tie its first term (numbers first, then SymPy's fixed order of
    expressions, signs aside) positive: x - x0 and 1 - σ, whichever SymPy gave."""
    negated = negate_sum(expr)
    if style is not None:
        if style.seen(expr):
            return expr, False, True
        if style.seen(negated):
            return negated, True, True
    signs = [_negative(term) for term in expr.args]
    negatives = sum(signs)
    positives = len(signs) - negatives
    if positives != negatives:
        return (expr, False, False) if positives > negatives else (negated, True, False)
    lead = min(range(len(signs)), key=lambda index: _magnitude_key(expr.args[index]))
    return (negated, True, False) if signs[lead] else (expr, False, False)


def from_sympy(expr: Any, style: Style | None = None) -> Form:
    """A form that shows ``expr`` the way a person writes it: a − b, a/b, √a, e^{−x}; sums the
    reader has seen (``style``) as they were, and the same form for the same value on every run."""
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
        seen = style.order(expr) if style is not None else None
        if seen is not None:
            return Add(tuple(_signed(term, style) for term in seen))
        # SymPy's order (a·x + b); with a number, the number first and then by ascending degree:
        # 1 + e^(-x), 1 + x + x^2, 1 + x - x·σ(x).
        # A polynomial in letters goes by descending degree, as a teacher writes it: x^2 - 2·x - 1.
        terms = expr.as_ordered_terms()
        polynomial = _polynomial(expr)
        if polynomial:
            terms = sorted(terms, key=lambda term: -_degree(term))
        elif any(term.is_Number for term in terms):
            terms = sorted(terms, key=_degree)
        shown = [_signed(term, style) for term in terms]
        # Start with a positive term: 1 - σ, y - x, x - 1; but -2 + 8·t^2 - 6·t^4 and
        # -x^2 + 2·x + 1 keep their order.
        if isinstance(shown[0], Neg) and (len(shown) == 2 or not (terms[0].is_Number or polynomial)):
            for index, form in enumerate(shown):
                if not isinstance(form, Neg):
                    shown.insert(0, shown.pop(index))
                    break
        return Add(tuple(shown))
    if expr.is_Mul:
        return _from_product(expr, style)
    if expr.is_Pow:
        base, exponent = expr.args
        if exponent.is_Rational and exponent.is_negative:
            return Div(ONE, from_sympy(sympy.Pow(base, -exponent), style))
        if exponent == sympy.Rational(1, 2):
            return Func("sqrt", from_sympy(base, style))
        if base is sympy.E:
            return Func("exp", from_sympy(exponent, style))
        if base.is_Add and exponent.is_Integer and exponent % 2 == 0:
            base = orient(base, style)[0]  # (x0 - x)^2 = (x - x0)^2
        return Pow(from_sympy(base, style), from_sympy(exponent, style))
    if isinstance(expr, sympy.exp):
        return Func("exp", from_sympy(expr.args[0], style))
    if isinstance(expr, sympy.Derivative):
        (var, order), *_ = expr.variable_count
        return Deriv(from_sympy(expr.expr, style), var.name, int(order))
    name = type(expr).__name__
    if name in _BY_SYMPY_NAME and len(expr.args) == 1:
        return Func(_BY_SYMPY_NAME[name], from_sympy(expr.args[0], style))
    raise Unshowable(f"cannot show {name}")


def _polynomial(expr: Any) -> bool:
    """Whether a sum is a polynomial in its letters with a constant term (x^2 + 2·x + 1)."""
    if not any(term.is_Number for term in expr.args):
        return False
    return bool(expr.is_polynomial(*expr.free_symbols)) and not expr.has(_function_atoms())


def _function_atoms() -> Any:
    import sympy

    return sympy.Function


def _degree(term: Any) -> float:
    """The degree of a term in everything that is not a number: x·σ(x) 2, x^2 2, √x 1/2, 1/x 0;
    a number -1, before everything."""
    if term.is_Number:
        return -1.0
    degree = 0.0
    for factor in term.as_coeff_Mul()[1].as_ordered_factors():
        if factor.is_Number:
            continue
        exponent = factor.exp if factor.is_Pow else None
        degree += max(float(exponent), 0.0) if exponent is not None and exponent.is_Rational else 1.0
    return degree


def _from_product(expr: Any, style: Style | None) -> Form:
    """c·a·b/(d·e): factors sorted, each difference turned round as ``orient`` says, and a
    leading minus taken into a difference that can take it: x·(σ - y), not -x·(y - σ)."""
    import sympy

    coefficient, rest = expr.as_coeff_Mul()
    negative = bool(coefficient.is_negative)
    if negative:
        coefficient = -coefficient
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
    # Sums to an odd power that the reader has not seen either way round and that would show no
    # more minus signs turned: one of them may take a leading minus, -x·(y - σ) → x·(σ - y).
    free: list[tuple[int, bool, tuple[int, str], list[Any], int]] = []
    for factor in sympy.Mul.make_args(rest):
        if factor.is_Pow and factor.exp.is_Rational and factor.exp.is_negative:
            target, base, exponent = bottom, factor.base, -factor.exp
        elif factor.is_Pow:
            target, base, exponent = top, factor.base, factor.exp
        else:
            target, base, exponent = top, factor, sympy.Integer(1)
        if base.is_Add and exponent.is_Integer:
            base, negated, seen = orient(base, style)
            odd = exponent % 2 == 1
            if negated and odd:
                negative = not negative
            if odd and not seen and surplus(base) <= 1:
                free.append((surplus(base), target is bottom, _factor_key(base), target, len(target)))
        target.append(base if exponent == 1 else sympy.Pow(base, exponent))
    if negative and free:
        *_, target, index = min(free, key=lambda place: place[:3])
        factor = target[index]
        if factor.is_Pow:
            target[index] = sympy.Pow(negate_sum(factor.base), factor.exp)
        else:
            target[index] = negate_sum(factor)
        negative = False
    body = _product(top, style)
    if bottom:
        body = Div(body, _product(bottom, style))
    return Neg(body) if negative else body


def _signed(term: Any, style: Style | None) -> Form:
    if _negative(term):
        return Neg(from_sympy(-term, style))
    return from_sympy(term, style)


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


def _product(factors: list[Any], style: Style | None) -> Form:
    if not factors:
        return ONE
    ordered = sorted(factors, key=_factor_key)
    forms = [from_sympy(factor, style) for factor in ordered]
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
        return Num(Fraction(node.text), decimal=not node.text.isdigit())
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
