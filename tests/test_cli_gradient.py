"""`derive --var w --var b`: the gradient, one verified derivation per variable; and an option
given twice where it takes one value is an error, in every command."""

from __future__ import annotations

import json

import pytest
from helpers import sigmoid


@pytest.mark.slow
def test_several_vars_print_every_partial_derivative() -> None:
    run = sigmoid("derive", "--expr", "sigmoid(w*x+b)", "--var", "w", "--var", "b", "-f", "plain")
    assert run.code == 0, run.err
    assert "Problem: d/dw σ(w·x + b)" in run.out and "Problem: d/db σ(w·x + b)" in run.out
    assert "Result: d/dw σ(w·x + b) = x·σ(w·x + b)·(1 - σ(w·x + b))" in run.out
    assert "Result: d/db σ(w·x + b) = σ(w·x + b)·(1 - σ(w·x + b))" in run.out
    assert run.out.count("Lemma: σ' = σ(1 − σ)") == 2  # cited in each, never derived again


@pytest.mark.slow
def test_the_gradient_in_json_is_one_object() -> None:
    run = sigmoid("derive", "--expr", "w*x+b", "--var", "w", "--var", "b", "-f", "json")
    document = json.loads(run.out)
    assert document["verified"] is True
    assert [part["result"] for part in document["gradient"]] == ["x", "1"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("derive", "--var", "w", "--var", "b"), "several --var need --expr"),
        (("derive", "--expr", "w*x", "--var", "w", "--var", "w"), "--var w was given twice"),
        (("eval", "--k", "1", "--k", "2", "1"), "--k was given twice; it takes one value"),
        (("eval", "--k=1", "--k", "2", "1"), "--k was given twice"),
        (("grad", "-o", "plain", "--format", "tsv", "1"), "--format was given twice"),
        (("eval", "-c", "--complement", "1"), "--complement was given twice; it is a flag"),
        (("derive", "--lang", "en", "--lang", "ja"), "--lang was given twice"),
        (("plot-ascii", "--width", "40", "--width", "50"), "--width was given twice"),
        (("eval", "--expr", "x", "--expr", "x^2", "1"), "--expr was given twice"),
    ],
)
def test_an_option_given_twice_is_an_error(args: tuple[str, ...], message: str) -> None:
    run = sigmoid(*args)
    assert run.code == 2 and run.out == "" and message in run.err and run.err.count("\n") == 1


def test_repeatable_options_stay_repeatable() -> None:
    assert sigmoid("eval", "--expr", "a*x+b", "--set", "a=2", "--set", "b=1", "1").out == "3.0\n"
    assert sigmoid("eval", "--k", "-3", "--", "-3").code == 0  # an option's value is not an option
