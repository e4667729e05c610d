"""The sympy side: syntax trees to sympy expressions, and σ as a sympy function.

Importing this module imports sympy (about 0.6 s), so only the commands that need
exact arithmetic import it, and only when they run.
"""

from __future__ import annotations

from typing import Any

import sympy

from sigmoid_cli.errors import DataError
from sigmoid_cli.grammar.arithmetic import arithmetic, compute
from sigmoid_cli.grammar.parser import BinOp, Call, Neg, Node, Var


class sigmoid(sympy.Function):  # type: ignore[misc]  # sympy names its functions in lower case
    """σ(x) = 1/(1+e^{−x}), kept as a named function so derivations can speak of σ."""

    @classmethod
    def eval(cls, arg: sympy.Expr) -> sympy.Expr | None:
        if arg.is_zero:
            return sympy.Rational(1, 2)
        if arg is sympy.oo:
            return sympy.Integer(1)
        if arg is sympy.S.NegativeInfinity:
            return sympy.Integer(0)
        # σ(log r) = r/(1+r) for a positive rational r: 'sigmoid eval log(3) --exact' gives 3/4.
        if isinstance(arg, sympy.log) and arg.args[0].is_Rational and arg.args[0].is_positive:
            ratio = arg.args[0]
            return ratio / (1 + ratio)
        return None

    def fdiff(self, argindex: int = 1) -> sympy.Expr:
        s = sigmoid(self.args[0])
        return s * (1 - s)

    def _eval_rewrite_as_exp(self, arg: sympy.Expr, **kwargs: Any) -> sympy.Expr:
        return 1 / (1 + sympy.exp(-arg))

    def _eval_evalf(self, prec: int) -> sympy.Expr:
        return (1 / (1 + sympy.exp(-self.args[0])))._eval_evalf(prec)

    def _latex(self, printer: Any, exp: Any = None) -> str:
        inner = printer._print(self.args[0])
        base = rf"\sigma\left({inner}\right)"
        return rf"{base}^{{{exp}}}" if exp is not None else base

    def _sympystr(self, printer: Any) -> str:
        return f"sigmoid({printer._print(self.args[0])})"


_CONSTANTS: dict[str, sympy.Expr] = {
    "pi": sympy.pi,
    "e": sympy.E,
    "inf": sympy.oo,
    "nan": sympy.nan,
}
# Integer powers past this size would take memory and minutes to expand exactly.
MAX_EXACT_EXPONENT = 10_000


def _divide(left: sympy.Expr, right: sympy.Expr) -> sympy.Expr:
    if right.is_zero:
        raise DataError("division by zero")
    return left / right


def _power(base: sympy.Expr, exponent: sympy.Expr) -> sympy.Expr:
    if exponent.is_Number and abs(exponent) > MAX_EXACT_EXPONENT:
        raise DataError(f"exponent {exponent} is too large to work with exactly")
    return sympy.Pow(base, exponent)


# σ is our own function above, so that results speak of σ; the rest are SymPy's.
SYMPY = arithmetic(
    "sympy", sympy, sympy.Rational, _CONSTANTS, own={"sigmoid": sigmoid}, power=_power, divide=_divide
)


def to_sympy(node: Node, symbols: dict[str, sympy.Symbol] | None = None) -> sympy.Expr:
    """Build the sympy expression of a syntax tree; decimal literals become exact rationals."""
    names = _free_names(node)
    table = {name: (symbols or {}).get(name) or sympy.Symbol(name, real=True) for name in names}
    result: sympy.Expr = compute(node, SYMPY, table)
    return result


def _free_names(node: Node) -> set[str]:
    if isinstance(node, Var):
        return {node.name}
    if isinstance(node, Neg):
        return _free_names(node.operand)
    if isinstance(node, BinOp):
        return _free_names(node.left) | _free_names(node.right)
    if isinstance(node, Call):
        return _free_names(node.arg)
    return set()
