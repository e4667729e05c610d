"""The proof printer as a library: the seeds' derivations, the rule engine, verification, limits.

Every derivation is checked here independently of verify.py: the JSON's before/after strings are
read back with sympy.parse_expr (σ defined as 1/(1+e^{-x})) and compared symbolically or, when
SymPy cannot settle it quickly, at random points with 40-digit mpmath; the result is compared
with sympy.diff of the function.
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Any

import mpmath
import pytest
import sympy
from sympy.parsing.sympy_parser import parse_expr

from sigmoid_cli.errors import DataError, ParseError, UsageError
from sigmoid_cli.grammar.parser import FUNCTIONS as GRAMMAR_FUNCTIONS
from sigmoid_cli.proofs import FAMILY, derive
from sigmoid_cli.proofs import forms as F
from sigmoid_cli.proofs.render import to_data
from sigmoid_cli.proofs.steps import Proof, Step
from sigmoid_cli.proofs.texts.en import RULES

Z = sympy.Symbol("z_")
SIGMOID = sympy.Lambda(Z, 1 / (1 + sympy.exp(-Z)))

CURATED = [
    {},
    {"log": True},
    {"complement": True},
    {"log": True, "complement": True},
    {"order": 2},
    {"order": 4},
    {"order": 3, "log": True},
    {"order": 2, "complement": True},
    {"order": 3, "log": True, "complement": True},
    {"form": "exp"},
    {"var": "z"},
    *({"fn": name} for name in FAMILY if name != "logistic"),
    {"fn": "tanh", "order": 3},
    {"fn": "gd", "order": 2},
    {"expr": "L/(1+exp(-k*(x-x0)))"},
    {"expr": "log(1+exp(x))"},
    {"expr": "x*sigmoid(x)"},
    {"expr": "(exp(x)-exp(-x))/(exp(x)+exp(-x))"},
    {"expr": "x*sigmoid(x)", "form": "exp"},
]


_DERIVED: dict[str, Proof] = {}


def _derived(**options: Any) -> Proof:
    """derive(**options), once per test process: several tests read the same proofs (which
    are immutable), and deriving one costs up to a second of SymPy."""
    key = repr(sorted(options.items()))
    if key not in _DERIVED:
        _DERIVED[key] = derive(**options)
    return _DERIVED[key]


def _read(text: str, names: list[str]) -> Any:
    table: dict[str, Any] = {name: sympy.Symbol(name, real=True) for name in names}
    table["sigmoid"] = SIGMOID
    return parse_expr(text, local_dict=table)


def _equal(left: Any, right: Any, names: list[str]) -> bool:
    """Symbolically when quick, else at random points with 40 digits."""
    difference = left.doit() - right.doit()
    if difference == 0 or sympy.expand(difference) == 0:
        return True
    symbols = sorted(difference.free_symbols, key=str)
    if not symbols:
        return abs(complex(difference.evalf(40))) < 1e-30
    function = sympy.lambdify(symbols, difference, modules="mpmath")
    generator = random.Random(7)
    checked = 0
    with mpmath.workdps(40):
        for _ in range(40):
            point = [mpmath.mpf(generator.uniform(-2.9, 2.9)) for _ in symbols]
            if any(abs(abs(p) - boundary) < 0.05 for p in point for boundary in (0, 1, 3)):
                continue  # away from the joins of the piecewise members
            try:
                value = function(*point)
            except (ZeroDivisionError, ValueError):
                continue
            if not mpmath.isfinite(value):
                continue
            if abs(value) > 1e-25:
                return False
            checked += 1
            if checked == 6:
                return True
    return checked >= 3


def _check_json(proof: Proof) -> None:
    data = to_data(proof)
    names = data["symbols"]
    assert data["verified"] is True, data["status"]
    assert set(data) >= {"problem", "result", "steps", "verified"}

    def visit(steps: list[dict[str, Any]]) -> None:
        for step in steps:
            assert set(step) >= {
                "index",
                "rule",
                "explanation",
                "before",
                "after",
                "before_latex",
                "after_latex",
                "verified",
            }
            assert step["rule"] in RULES, step["rule"]
            assert step["explanation"]
            before, after = _read(step["before"], names), _read(step["after"], names)
            assert _equal(before, after, names), (step["rule"], step["before"], step["after"])
            visit(step["substeps"])

    visit(data["steps"])
    x = sympy.Symbol(data["variable"], real=True)
    function = _read(data["function"], names)
    independent = sympy.diff(function, x, data["order"])
    assert _equal(independent, _read(data["result"], names), names), data["result"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "options", CURATED, ids=lambda o: ",".join(f"{k}={v}" for k, v in o.items()) or "default"
)
def test_json_steps_parse_and_are_equal(options: dict[str, Any]) -> None:
    _check_json(_derived(**options))


# --- seed 000: the ten forms in order ---------------------------------------------------------------


def test_default_reproduces_the_ten_forms_of_seed_000() -> None:
    proof = _derived()
    shown = [F.plain(step.after) for step in proof.steps]
    assert shown == [
        "d/dx [1/(1 + e^(-x))]",
        "d/dx [(1 + e^(-x))^(-1)]",
        "-(1 + e^(-x))^(-2)·(-e^(-x))",
        "(1 + e^(-x))^(-2)·e^(-x)",
        "e^(-x)/(1 + e^(-x))^2",
        "(1/(1 + e^(-x)))·(e^(-x)/(1 + e^(-x)))",
        "σ(x)·(e^(-x)/(1 + e^(-x)))",
        "σ(x)·(((1 + e^(-x)) - 1)/(1 + e^(-x)))",
        "σ(x)·(1 - 1/(1 + e^(-x)))",
        "σ(x)·(1 - σ(x))",
    ]
    assert [step.rule for step in proof.steps] == [
        "definition_sigma",
        "rewrite_as_power",
        "chain_rule",
        "cancel_signs",
        "negative_power_as_fraction",
        "split_fraction_product",
        "substitute_sigma",
        "add_subtract_one",
        "split_fraction",
        "substitute_sigma",
    ]
    assert all(step.verification.status == "proved" for step in proof.all_steps())
    assert proof.check.status == "proved" and proof.status == "proved"
    assert proof.steps[2].substeps, "the chain rule works out the inner derivative in sub-steps"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("options", "result"),
    [
        ({"log": True}, "1 - σ(x)"),
        ({"complement": True}, "-σ(x)·(1 - σ(x))"),
        ({"log": True, "complement": True}, "-σ(x)"),
        ({"order": 2}, "σ(x)·(1 - σ(x))·(1 - 2·σ(x))"),
        ({"order": 3}, "σ(x)·(1 - σ(x))·(1 - 6·σ(x) + 6·σ(x)^2)"),
        ({"fn": "tanh"}, "1 - tanh(x)^2"),
        ({"fn": "gd"}, "sech(x)"),
        ({"fn": "arctan"}, "1/(1 + x^2)"),
        ({"fn": "erf"}, "(2/√(π))·e^(-x^2)"),
        ({"fn": "algebraic"}, "(1 + x^2)^(-3/2)"),
        ({"fn": "normal-cdf"}, "e^(-x^2/2)/√(2·π)"),
        ({"fn": "softsign"}, "1/(1 + |x|)^2"),
        ({"fn": "hardsigmoid"}, "{ 0 if x < -3; 1/6 if -3 < x < 3; 0 if x > 3 }"),
        ({"fn": "smoothstep"}, "{ 0 if x < -1; 3·(1 - x^2)/2 if -1 ≤ x ≤ 1; 0 if x > 1 }"),
        ({"expr": "L/(1+exp(-k*(x-x0)))"}, "L·k·σ(k·(x - x0))·(1 - σ(k·(x - x0)))"),
        ({"expr": "log(1+exp(x))"}, "σ(x)"),
        ({"expr": "(exp(x)-exp(-x))/(exp(x)+exp(-x))"}, "4·σ(2·x)·(1 - σ(2·x))"),
        ({"expr": "x*sigmoid(x)"}, "σ(x)·(1 + x·(1 - σ(x)))"),
    ],
)
def test_results(options: dict[str, Any], result: str) -> None:
    proof = _derived(**options)
    assert F.plain(proof.result) == result
    assert proof.verified is True


def test_log_reuses_the_lemma_of_seed_000() -> None:
    proof = _derived(log=True)
    assert [lemma.name for lemma in proof.lemmas] == ["lemma_sigma_prime_exp"]
    assert "use_lemma" in [step.rule for step in proof.steps]
    assert proof.lemmas[0].verification.status == "proved"


@pytest.mark.slow
def test_order_20_is_a_polynomial_in_sigma_and_proved() -> None:
    proof = derive(order=20)
    assert proof.status == "proved"
    assert F.plain(proof.result).startswith("σ(x)·(1 - σ(x))·(1 - ")


# --- the rule engine ----------------------------------------------------------------------------------

# Every function of the grammar, so that one added there is exercised here too.
_FUNCTIONS = list(GRAMMAR_FUNCTIONS)
# The activations SymPy knows only by their formula (gelu_tanh(gelu(x)) written out is a tanh of a
# cubic in erf): drawn, but of x itself.
_WRITTEN_OUT = ("softplus", "silu", "gelu", "gelu_tanh", "mish")


def _random_expression(generator: random.Random, depth: int) -> str:
    """An expression from the grammar; log and sqrt get positive arguments, denominators stay away
    from 0, so that every step can be checked on the real line."""
    if depth == 0 or generator.random() < 0.2:
        return generator.choice(["x", "x", "2", "3", "x", "pi"])
    kind = generator.choice(["+", "-", "*", "/", "^", "f", "f", "neg"])
    a = _random_expression(generator, depth - 1)
    if kind == "neg":
        return f"-({a})"
    if kind == "f":
        name = generator.choice(_FUNCTIONS)
        if name in ("log", "sqrt"):
            return f"{name}(1 + ({a})^2)"
        if name == "tan":
            return f"tan(({a})/(4 + ({a})^2))"
        if name == "log1p":
            return f"log1p(({a})^2)"
        if name == "logit":
            return f"logit(1/(2 + ({a})^2))"
        if name in _WRITTEN_OUT:  # their SymPy form is their formula: nested, it outgrows 20 s
            return f"{name}(x)"
        return f"{name}({a})"
    if kind == "^":
        exponent = generator.choice(["2", "3", "(-1)", "(1/2)"])
        return f"({a})^{exponent}" if "x" in a else f"x^{generator.choice([2, 3])}"
    b = _random_expression(generator, depth - 1)
    if kind == "/":
        return f"({a})/(2 + ({b})^2)"
    return f"({a}) {kind} ({b})"


def _random_expressions(count: int) -> list[str]:
    generator = random.Random(20261123)
    found: list[str] = []
    while len(found) < count:
        text = _random_expression(generator, 3)
        if "x" in text and text not in found:
            found.append(text)
    return found


@pytest.mark.slow
@pytest.mark.parametrize("text", _random_expressions(30))
def test_random_expressions(text: str) -> None:
    proof = derive(expr=text)
    _check_json(proof)


@pytest.mark.slow
def test_engine_shows_the_rules() -> None:
    rules = {step.rule for step in derive(expr="x^2*sin(x) + exp(3*x)/x - atan(x)").all_steps()}
    assert {
        "sum_rule",
        "product_rule",
        "quotient_rule",
        "chain_rule",
        "power_rule",
        "known_derivative",
    } <= rules


def test_logarithmic_differentiation() -> None:
    proof = derive(expr="x^x")
    assert proof.steps[0].rule == "logarithmic_differentiation"
    assert F.plain(proof.result) == "x^x·(1 + log(x))"


def test_parameters_and_variable() -> None:
    proof = derive(expr="a*t^2 + sigmoid(b*t)", var="t")
    assert proof.symbols == ("a", "b", "t")
    assert proof.verified is True


# --- verification is honest ---------------------------------------------------------------------------


def _verify(step: Step) -> str:
    from sigmoid_cli.proofs.budget import Budget
    from sigmoid_cli.proofs.verify import _Context, check_equal

    return check_equal(step.before, step.after, _Context("x", ("x",), Budget())).status


def test_a_wrong_step_fails() -> None:
    x = F.Sym("x")
    wrong = Step(
        "cancel_signs", F.Neg(F.Mul((F.Func("exp", x), F.Neg(x)))), F.Mul((F.Func("exp", x), F.Neg(x)))
    )
    assert _verify(wrong) == "failed"


def test_a_right_step_that_sympy_finds_hard_is_checked_numerically_or_proved() -> None:
    x = F.Sym("x")
    step = Step(
        "simplify", F.Func("sin", F.Mul((F.TWO, x))), F.Mul((F.TWO, F.Func("sin", x), F.Func("cos", x)))
    )
    assert _verify(step) in ("proved", "checked numerically")


def test_no_verify() -> None:
    proof = derive(verify=False)
    assert proof.verified is None
    assert {step.verification.status for step in proof.all_steps()} == {"not checked"}


# --- limits and hostile input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"expr": "__import__('os').system('id')"}, ParseError),
        ({"expr": "x.__class__"}, ParseError),
        ({"expr": "foo(x)"}, ParseError),
        ({"expr": "x" + "+x" * 600_000}, ParseError),
        pytest.param({"expr": "x^x^x^x^x^x^x^x^x", "order": 5}, UsageError, marks=pytest.mark.slow),
        ({"expr": "2^2^2^2^2^2*x"}, UsageError),
        ({"expr": "1e999999*x"}, UsageError),
        ({"expr": "lambda*x"}, UsageError),
        ({"expr": "x; import os"}, ParseError),
        ({"expr": "1/0"}, DataError),
        ({"expr": "x + log(0)"}, DataError),
        ({"expr": "x/(x - x)"}, DataError),
        ({"order": 0}, UsageError),
        ({"order": 21}, UsageError),
        ({"lang": "fr"}, UsageError),
        ({"fn": "hardsigmoid", "order": 2}, UsageError),
        ({"fn": "tanh", "log": True}, UsageError),
        ({"fn": "tanh", "expr": "x"}, UsageError),
        ({"expr": "x", "log": True}, UsageError),
        ({"var": "exp"}, UsageError),
    ],
)
def test_refused(options: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        derive(**options)
    assert issubclass(error, DataError | UsageError)


def test_a_tiny_constant_exponent_is_not_mistaken_for_a_huge_one() -> None:
    # σ(-1000) is about e^-1000: the naive 1/(1 + exp(1000)) overflowed and refused the input.
    proof = derive(expr="x^sigmoid(-1000)")
    assert proof.verified is True


@pytest.mark.slow
def test_tower_alone_is_fast_and_verified() -> None:
    proof = derive(expr="x^x^x^x^x^x^x^x^x")
    assert proof.verified is True


# --- the catalog ---------------------------------------------------------------------------------------


def test_tidy_and_numbers() -> None:
    assert F.tidy(F.Mul((F.Num(Fraction(2)), F.Neg(F.Sym("x")), F.ONE))) == F.Neg(F.Mul((F.TWO, F.Sym("x"))))
    assert F.plain(F.num(Fraction(-3, 4))) == "-3/4"
