"""Named algebra (sigmoid_cli/proofs/algebra.py): the results a teacher writes, reached by named
steps that are each proved, and said in every language; tidy's cancellations; decimals shown
as the user typed them."""

from __future__ import annotations

import functools
from fractions import Fraction
from typing import Any

import pytest
from helpers import sigmoid

from sigmoid_cli.proofs import algebra, derive
from sigmoid_cli.proofs import forms as F
from sigmoid_cli.proofs.derive import parse_expression
from sigmoid_cli.proofs.forms.printing import decimal_text
from sigmoid_cli.proofs.render import render
from sigmoid_cli.proofs.texts import TEXTS

LOSS = "-y*log(sigmoid(w*x+b)) - (1-y)*log(1-sigmoid(w*x+b))"
NEW_RULES = {rule for rule, _ in algebra.RULES} | {"flip_difference"}


def _result_line(*args: str) -> str:
    run = sigmoid("derive", *args, "-f", "plain")
    assert run.code == 0, run.err
    (line,) = [line for line in run.out.splitlines() if line.startswith("Result:")]
    return line.split(" = ", 1)[1]


@functools.cache
def _proof(expr: str, var: str = "x") -> Any:
    """One verified derivation per expression for all the tests that look at it."""
    return derive(expr=expr, var=var)


def _rules(proof: Any) -> list[str]:
    return [step.rule for step in proof.all_steps()]


# --- what the user sees ------------------------------------------------------------------------------

TEACHER = [
    (["--expr", "exp(x)^2"], "2·e^(2·x)"),
    (["--expr", "log(abs(x))"], "1/x"),
    (["--expr", "x*abs(x)"], "2·|x|"),
    (["--expr", "log(cosh(x))"], "tanh(x)"),
    (["--expr", "sigmoid(x)/(1-sigmoid(x))"], "e^x"),
    (["--expr", "exp(-x^2/2)/sqrt(2*pi)"], "-x·e^(-x^2/2)/√(2·π)"),
    (["--expr", "(x^2+1)/(x-1)"], "(x^2 - 2·x - 1)/(x - 1)^2"),
    (["--expr", "-log(sigmoid(x))"], "σ(x) - 1"),
    (["--expr", "sqrt(1+x^2)"], "x/√(1 + x^2)"),
    (["--expr", "x^2*exp(x)"], "x·(x + 2)·e^x"),
    (["--expr", LOSS, "--var", "w"], "x·(σ(w·x + b) - y)"),
    (["--expr", "1/(1+exp(-k*(x-x0)))", "--var", "k"], "(x - x0)·σ(k·(x - x0))·(1 - σ(k·(x - x0)))"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("args", "expected"), TEACHER, ids=[" ".join(args) for args, _ in TEACHER])
def test_the_result_is_the_one_a_teacher_writes(args: list[str], expected: str) -> None:
    assert _result_line(*args) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("expr", "var", "rule"),
    [
        ("exp(x)^2", "x", "add_exponents"),
        ("log(abs(x))", "x", "sign_over_abs"),
        ("x*abs(x)", "x", "abs_times_sign"),
        ("x*abs(x)", "x", "like_terms"),
        ("log(cosh(x))", "x", "sinh_over_cosh"),
        ("sigmoid(x)/(1-sigmoid(x))", "x", "sigma_over_complement"),
        ("log(1+exp(x))", "x", "exp_over_one_plus_exp"),
        ("(x^2+1)/(x-1)", "x", "multiply_out"),
        ("-log(sigmoid(x))", "x", "flip_difference"),
        (LOSS, "w", "cancel_factor"),
        (LOSS, "w", "common_factor"),
    ],
)
def test_each_named_step_is_proved(expr: str, var: str, rule: str) -> None:
    proof = _proof(expr, var)
    steps = [step for step in proof.all_steps() if step.rule == rule]
    assert steps, _rules(proof)
    for step in steps:
        assert step.verification.status == "proved", (rule, F.plain(step.before), F.plain(step.after))
    assert proof.status == "proved"


@pytest.mark.slow
def test_the_loss_shows_its_cancellations_and_its_like_terms() -> None:
    """σ cancels against 1/σ and 1 − σ against 1/(1 − σ), each a named step with its factor; then
    x is taken out, the bracket multiplied out, and the y·σ terms cancel: no black box."""
    proof = _proof(LOSS, "w")
    top = [step.rule for step in proof.steps]
    assert top[-5:] == ["cancel_factor", "cancel_factor", "common_factor", "multiply_out", "like_terms"]
    assert not {"collect_terms", "simplify", "factor"} & set(top)
    cancelled = [F.plain(step.param("factor")) for step in proof.steps if step.rule == "cancel_factor"]
    assert cancelled == ["σ(w·x + b)", "1 - σ(w·x + b)"]
    like = next(step for step in proof.steps if step.rule == "like_terms")
    assert F.plain(like.param("part")) == "-y·σ(w·x + b) + y·σ(w·x + b)"
    assert F.plain(like.param("value")) == "0"
    text = render(proof, "plain")
    assert "σ(w·x + b) cancels against 1/σ(w·x + b)" in text
    assert "1 - σ(w·x + b) cancels against 1/(1 - σ(w·x + b))" in text
    assert "-y·σ(w·x + b) + y·σ(w·x + b) = 0" in text
    assert "[" + "cancel_factor" + "]" not in text and "cancel_factor" not in text  # ids are for JSON


@pytest.mark.parametrize("lang", list(TEXTS))
def test_every_named_rule_is_explained_in_every_language(lang: str) -> None:
    for rule in NEW_RULES:
        name, text = TEXTS[lang].rules[rule]
        assert name and text, (rule, lang)


# --- the rules one by one, as pure functions ---------------------------------------------------------


def _form(text: str) -> F.Form:
    return parse_expression(text, "x")


def test_a_rule_that_does_not_apply_says_so() -> None:
    assert algebra.add_exponents(_form("x*y")) is None
    assert algebra.like_terms(_form("x + y")) is None
    assert algebra.common_factor(_form("x + 1")) is None
    assert algebra.multiply_out(_form("x*(y + 1) + 2")) is None  # no like terms would meet
    assert algebra.flip_difference(_form("-(a + b)")) is None


def test_like_terms_name_what_they_combine() -> None:
    found = algebra.like_terms(_form("3*x*y - y*x + z"))
    assert found is not None
    after, params = found
    assert F.plain(after) == "2·x·y + z"
    assert dict(params)["value"] == F.tidy(_form("2*x*y"))


def test_a_common_factor_is_taken_out_of_the_whole_only() -> None:
    steps, result = algebra.algebra_steps(F.Func("tanh", _form("x + x^3")))
    assert (steps, result) == ([], F.Func("tanh", _form("x + x^3")))
    steps, result = algebra.algebra_steps(_form("x^3 + 3*x^2"))
    assert F.plain(result) == "x^2·(x + 3)" and [s.rule for s in steps] == ["common_factor"]


def test_the_final_form_turns_a_negated_difference_round() -> None:
    steps, result = algebra.algebra_steps(_form("-(1 - sigmoid(x))"), final=True)
    assert F.plain(result) == "σ(x) - 1" and [s.rule for s in steps] == ["flip_difference"]
    assert algebra.algebra_steps(_form("-(1 - sigmoid(x))"))[0] == []


# --- tidy cancels numbers at a glance ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("-exp(-x^2/2)*(2*x/2)", "-e^(-x^2/2)·x"),
        ("2*(1/(2*sqrt(1+x^2)))*x", "(1/√(1 + x^2))·x"),
        ("2/(2*s^2)", "1/s^2"),
        ("6*x/(4*y)", "3·x/(2·y)"),
        ("2*x/3", "2·x/3"),
        ("x^2 + 3", "x^2 + 3"),
        ("log(x) + 1", "1 + log(x)"),
    ],
)
def test_tidy_cancels_plain_numbers(before: str, after: str) -> None:
    assert F.plain(F.tidy(_form(before))) == after


# --- decimals ----------------------------------------------------------------------------------------


def test_decimal_text() -> None:
    assert decimal_text(Fraction(8943, 200000)) == "0.044715"
    assert decimal_text(Fraction(26829, 200000)) == "0.134145"
    assert decimal_text(Fraction(5, 2)) == "2.5"
    assert decimal_text(Fraction(1, 3)) is None and decimal_text(Fraction(4)) is None


@pytest.mark.slow
def test_decimals_the_user_typed_are_shown_as_decimals_everywhere() -> None:
    proof = derive(expr="0.5*x*(1+tanh(sqrt(2/pi)*(x+0.044715*x^3)))")
    for fmt in ("plain", "markdown", "latex"):
        text = render(proof, fmt)
        assert "0.044715" in text and "8943" not in text and "26829" not in text, fmt
        assert "0.134145" in text, fmt  # 3 · 0.044715, exact
    # JSON's SymPy-readable fields stay exact (SymPy would read 0.044715 as a float).
    assert "(8943/200000)" in render(proof, "json")
    assert proof.status == "proved"
    # Inside, the numbers stay exact rationals.
    assert any(
        isinstance(node, F.Num) and node.value == Fraction(8943, 200000) for node in F.walk(proof.result)
    )
    # And an expression without decimals keeps its fractions.
    assert "1/2" in render(derive(expr="x^2/2 + x/3", verify=False), "plain")
