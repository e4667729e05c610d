"""Computing a syntax tree in one kind of arithmetic (float64, mpmath or SymPy).

Each arithmetic takes its functions from the registry (functions.py): the library's own
function where it has one, else the registry's formula computed in that same arithmetic.
"""

from __future__ import annotations

import builtins
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from sigmoid_cli.errors import ParseError

from .functions import BY_NAME, FUNCTIONS, Function
from .parser import BinOp, Call, Const, Neg, Node, Num, Var, parse

Library = Literal["math", "mpmath", "sympy"]
Unary = Callable[[Any], Any]


@dataclass(frozen=True)
class Arithmetic:
    """How to compute a tree: Python's own + − * / ** on whatever ``number`` returns."""

    number: Callable[[str], Any]
    constants: Mapping[str, Any]
    functions: Mapping[str, Unary] = field(default_factory=dict)
    power: Callable[[Any, Any], Any] = operator.pow  # a place to refuse runaway exponents
    divide: Callable[[Any, Any], Any] = operator.truediv


def arithmetic(
    library: Library,
    module: Any,
    number: Callable[[str], Any],
    constants: Mapping[str, Any],
    *,
    own: Mapping[str, Unary] | None = None,
    power: Callable[[Any, Any], Any] = operator.pow,
    divide: Callable[[Any, Any], Any] = operator.truediv,
) -> Arithmetic:
    """The arithmetic of ``module`` (math, an mpmath context, sympy) with every registry function
    it can compute; ``own`` supplies better implementations than the library's (a stable σ)."""
    functions: dict[str, Unary] = {}
    result = Arithmetic(number, constants, functions, power, divide)
    for function in FUNCTIONS:
        name = getattr(function, library)
        if own and function.name in own:
            functions[function.name] = own[function.name]
        elif name is not None:
            functions[function.name] = getattr(module, name, None) or getattr(builtins, name)
        elif function.formula is not None:
            functions[function.name] = _by_formula(function, result)
    return result


def _by_formula(function: Function, arithmetic: Arithmetic) -> Unary:
    def compute_formula(u: Any) -> Any:
        return compute(formula_tree(function.name), arithmetic, {"u": u})

    return compute_formula


@cache
def formula_tree(name: str) -> Node:
    """The syntax tree of a registry function's formula, in the variable u."""
    formula = BY_NAME[name].formula
    assert formula is not None
    return parse(formula, frozenset({"u"}), allow_special=False, internal=True)


def written_out(node: Node, library: Library, bound: Mapping[str, Node] | None = None) -> Node:
    """The tree with every function that ``library`` lacks replaced by its formula (recursively:
    mish's formula calls softplus), and the formulas' u by ``bound``."""
    if isinstance(node, Var):
        return (bound or {}).get(node.name, node)
    if isinstance(node, Neg):
        return Neg(written_out(node.operand, library, bound))
    if isinstance(node, BinOp):
        return BinOp(node.op, written_out(node.left, library, bound), written_out(node.right, library, bound))
    if isinstance(node, Call):
        arg = written_out(node.arg, library, bound)
        function = BY_NAME[node.func]
        if getattr(function, library) is None and function.formula is not None:
            return written_out(formula_tree(node.func), library, {"u": arg})
        return Call(node.func, arg)
    return node


def compute(node: Node, arithmetic: Arithmetic, variables: Mapping[str, Any] | None = None) -> Any:
    """Compute a tree in ``arithmetic``; arithmetic errors propagate to the caller."""
    if isinstance(node, Num):
        return arithmetic.number(node.text)
    if isinstance(node, Const):
        return arithmetic.constants[node.name]
    if isinstance(node, Var):
        if variables is None or node.name not in variables:
            raise ParseError(f"no value for the variable {node.name!r}", node.name, 1)
        return variables[node.name]
    if isinstance(node, Neg):
        return -compute(node.operand, arithmetic, variables)
    if isinstance(node, BinOp):
        left = compute(node.left, arithmetic, variables)
        right = compute(node.right, arithmetic, variables)
        if node.op == "+":
            return left + right
        if node.op == "-":
            return left - right
        if node.op == "*":
            return left * right
        if node.op == "/":
            return arithmetic.divide(left, right)
        return arithmetic.power(left, right)
    return arithmetic.functions[node.func](compute(node.arg, arithmetic, variables))
