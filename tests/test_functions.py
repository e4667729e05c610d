"""The function registry (grammar/functions.py) is the one source of each function: its three
arithmetics agree, its derivative is right, and every reader of the registry knows it."""

from __future__ import annotations

import math

import mpmath
import pytest
import sympy

from sigmoid_cli.grammar.functions import BY_NAME, FUNCTIONS, SPELLINGS, Function
from sigmoid_cli.grammar.parser import FUNCTIONS as TYPED
from sigmoid_cli.grammar.parser import parse
from sigmoid_cli.numeric.text import float_backend, mp_backend
from sigmoid_cli.proofs import forms as F
from sigmoid_cli.proofs.engine import outer_derivative
from sigmoid_cli.symbolic.sympy_bridge import SYMPY

# Points inside every function's domain (log and sqrt need u > 0, logit 0 < u < 1).
POINTS = (0.3, 0.9, 1.7)
DOMAIN_POINTS = {"logit": (0.3, 0.6, 0.9)}


def points(name: str) -> tuple[float, ...]:
    return DOMAIN_POINTS.get(name, POINTS)


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.name)
def test_mpmath_and_sympy_compute_the_same_function(function: Function) -> None:
    name = function.name
    mp_table = mp_backend(mpmath.mp).functions
    u = sympy.Symbol("u", real=True)
    expression = SYMPY.functions[name](u)
    for point in points(name):
        expected = mp_table[name](mpmath.mpf(point))
        got = sympy.N(expression.subs(u, sympy.Rational(str(point))), 30)
        assert abs(float(got) - float(expected)) <= 1e-14 * max(1.0, abs(float(expected)))


@pytest.mark.parametrize("name", TYPED)
def test_float64_agrees_with_mpmath_for_every_typed_function(name: str) -> None:
    float_table = float_backend().functions
    mp_table = mp_backend(mpmath.mp).functions
    for point in points(name):
        expected = float(mp_table[name](mpmath.mpf(point)))
        assert math.isclose(float_table[name](point), expected, rel_tol=4e-16)


@pytest.mark.parametrize("function", [f for f in FUNCTIONS if f.derivative is not None], ids=lambda f: f.name)
def test_the_registered_derivative_is_the_derivative(function: Function) -> None:
    name = function.name
    x = sympy.Symbol("x", real=True)
    u_form = F.Add((F.Mul((F.TWO, F.Sym("x"))), F.ONE))  # u = 2x + 1: the chain rule's inner part
    claimed = F.to_sympy(outer_derivative(name, u_form), {"x": x}) * 2
    actual = sympy.diff(SYMPY.functions[name](2 * x + 1), x)
    for point in (sympy.Rational(1, 7), sympy.Rational(-1, 5)):  # 2x + 1 in logit's (0, 1)
        difference = (claimed - actual).subs(x, point)
        if name in ("abs", "sign", "relu"):  # a corner at 0, and SymPy's d|u|/du is sign(u) away from it
            difference = difference.rewrite(sympy.Piecewise)
        assert abs(complex(sympy.N(difference, 30))) < 1e-25


def test_every_spelling_names_a_registered_function() -> None:
    assert set(SPELLINGS.values()) == set(BY_NAME)
    assert {"ln", "arctan", "σ", "logistic", "expit"} <= set(SPELLINGS)
    for spelling, name in SPELLINGS.items():
        if BY_NAME[name].typed:
            node = parse(f"{spelling}(1)")
            assert node.func == name  # type: ignore[union-attr]


def test_functions_only_derivations_write_are_not_user_words() -> None:
    for name in ("sec", "sign", "gd", "Phi"):
        assert not BY_NAME[name].typed
        with pytest.raises(Exception, match="unknown function"):
            parse(f"{name}(1)")
        assert parse(f"{name}(u)", frozenset({"u"}), internal=True).func == name  # type: ignore[union-attr]


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.name)
def test_every_printer_shows_every_function(function: Function) -> None:
    name = function.name
    form = F.Func(name, F.Sym("x"))
    assert F.plain(form) and F.latex(form)
    shown = sympy.sympify(F.sympy_text(form), locals={"sigmoid": SYMPY.functions["sigmoid"]})
    expected = SYMPY.functions[name](sympy.Symbol("x"))
    assert sympy.simplify(shown - expected) == 0
