"""The explanations say what the step does: the identity a text states is the one the step's
before and after forms use, a step is named for what it changes, and the Korean and Japanese
texts use the terms and the register of a school textbook.

A reader checks a step against its text; these tests do the same on the forms themselves.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import sympy

from sigmoid_cli.proofs import derive
from sigmoid_cli.proofs import forms as F
from sigmoid_cli.proofs.render import plain, to_data
from sigmoid_cli.proofs.steps import Proof, Step
from sigmoid_cli.proofs.texts import TEXTS

_PROOFS: dict[str, Proof] = {}


def _proof(**options: Any) -> Proof:
    """derive(**options) without verification (the texts do not depend on it), once per process."""
    key = repr(sorted(options.items()))
    if key not in _PROOFS:
        _PROOFS[key] = derive(verify=False, **options)
    return _PROOFS[key]


def _steps(proof: Proof, rule: str) -> list[Step]:
    return [step for step in proof.all_steps() if step.rule == rule]


def _form(step: Step, name: str) -> F.Form:
    value = step.param(name)
    assert not isinstance(value, (str, int)), (step.rule, name)
    return value


def _has_function(form: F.Form, *names: str) -> bool:
    return any(isinstance(node, F.Func) and node.name in names for node in F.walk(form))


def _all(steps: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for step in steps:
        yield step
        yield from _all(step["substeps"])


def _explanation(proof: Proof, rule: str, lang: str = "en") -> str:
    """The text shown under the first step of ``rule`` (from the JSON data: the human formats
    no longer show rule ids)."""

    def walk(steps: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for step in steps:
            yield step
            yield from walk(step["substeps"])

    first = next(step for step in walk(to_data(proof, lang)["steps"]) if step["rule"] == rule)
    return " ".join(str(first["explanation"]).split())


@pytest.mark.parametrize("options", [{}, {"log": True}, {"fn": "tanh"}], ids=["logistic", "log", "tanh"])
def test_split_fraction_states_the_identity_the_step_uses(options: dict[str, Any]) -> None:
    """(u − v)/u = 1 − v/u with the stated u and v turns the step's before into its after."""
    (step,) = _steps(_proof(**options), "split_fraction")
    u, v = _form(step, "whole"), _form(step, "part")
    stated_before = F.Div(F.Add((u, F.Neg(v))), u)
    stated_after = F.Add((F.ONE, F.Neg(F.Div(v, u))))
    assert F.replace(step.before, stated_before, stated_after) == step.after


def test_tanh_names_the_numerator_it_splits() -> None:
    text = _explanation(_proof(fn="tanh"), "split_fraction")
    assert "(u − v)/u = 1 − v/u" in text
    assert "u = cosh(x)^2 and v = sinh(x)^2" in text
    assert "(u − 1)/u" not in text


@pytest.mark.parametrize("expr", ["sigmoid(x)^2", "x*sigmoid(x)"])
def test_a_step_without_exponentials_does_not_claim_to_replace_them(expr: str) -> None:
    proof = _proof(expr=expr)
    assert not _steps(proof, "to_sigma_form")
    for step in _steps(proof, "simplify_in_sigma"):  # (or none: the engine may factor instead)
        assert step.before != step.after
        assert not _has_function(step.before, "exp")
        assert "exponential" not in _explanation(proof, "simplify_in_sigma")
    for step in proof.all_steps():
        assert step.rule != "to_sigma_form" or _has_function(step.before, "exp")


@pytest.mark.parametrize("expr", ["log(1+exp(x))", "exp(x)/(1+exp(x))"])
def test_writing_exponentials_through_sigma_has_exponentials_to_write(expr: str) -> None:
    proof = _proof(expr=expr)
    # In σ by the general step, or by the named e^u/(1 + e^u) = σ(u) where that is all it takes.
    (step,) = _steps(proof, "to_sigma_form") or _steps(proof, "exp_over_one_plus_exp")
    assert _has_function(step.before, "exp")
    assert not _has_function(step.after, "exp")
    assert _has_function(step.after, "sigmoid")


@pytest.mark.parametrize("options", [{}, {"log": True}], ids=["logistic", "log"])
def test_adding_and_subtracting_one_aims_at_the_sigma_that_appears_next(options: dict[str, Any]) -> None:
    """The σ the text announces, 1/(whole), is the one the next substitution replaces."""
    proof = _proof(**options)
    steps = list(proof.steps)
    index = next(i for i, step in enumerate(steps) if step.rule == "add_subtract_one")
    announced = F.Div(F.ONE, _form(steps[index], "whole"))
    substitution = next(step for step in steps[index:] if step.rule == "substitute_sigma")
    assert _form(substitution, "pattern") == announced


def test_the_log_derivation_does_not_speak_of_another_sigma_before_the_first() -> None:
    proof = _proof(log=True)
    first = next(i for i, step in enumerate(proof.steps) if step.rule == "add_subtract_one")
    assert not any(_has_function(step.after, "sigmoid") for step in proof.steps[2:first])
    text = _explanation(proof, "add_subtract_one")
    assert "another" not in text
    assert "1/(1 + e^(-x)), which is σ" in text


def _factors(form: F.Form) -> Counter[F.Form]:
    assert isinstance(form, F.Mul), form
    return Counter(form.factors)


@pytest.mark.parametrize("order", [2, 3, 4])
@pytest.mark.parametrize(
    "options", [{}, {"log": True}, {"complement": True}], ids=["logistic", "log", "complement"]
)
def test_higher_orders_name_what_the_last_step_changes(options: dict[str, Any], order: int) -> None:
    proof = _proof(order=order, **options)
    for step in _steps(proof, "reorder_factors"):
        assert _factors(step.before) == _factors(step.after)  # the same factors, in another order
    for step in _steps(proof, "factor_polynomial"):
        factor, factored = _form(step, "factor"), _form(step, "factored")
        assert factor != factored
        assert sympy.expand(F.to_sympy(factor) - F.to_sympy(factored)) == 0
        assert factor in _factors(step.before)
    text = plain(proof, "en")
    assert "Expand and factor again" not in text


def test_order_2_is_a_reordering_and_order_4_factors() -> None:
    assert _steps(_proof(order=2), "reorder_factors")
    assert not _steps(_proof(order=2), "factor_polynomial")
    (step,) = _steps(_proof(order=4), "factor_polynomial")
    assert F.plain(_form(step, "factored")) == "(1 - 2·σ(x))·(1 - 12·σ(x) + 12·σ(x)^2)"


def test_gd_writes_the_product_as_a_fraction() -> None:
    (step,) = _steps(_proof(fn="gd"), "product_as_fraction")
    assert isinstance(step.before, F.Mul) and len(step.before.factors) == 2
    reciprocal, other = step.before.factors
    assert isinstance(reciprocal, F.Div) and reciprocal.num == F.ONE
    assert step.after == F.Div(other, reciprocal.den)


def test_normal_cdf_combines_the_constants_it_states() -> None:
    (step,) = _steps(_proof(fn="normal-cdf"), "combine_constants")
    x = sympy.Symbol("x", real=True)
    stated = 1 / sympy.sqrt(2 * sympy.pi)  # the text's (2/√π)·(1/√2)·(1/2)
    for form in (step.before, step.after):
        assert sympy.simplify(F.to_sympy(form).subs(x, 0) - stated) == 0


@pytest.mark.parametrize(
    ("options", "mentions_sigma"),
    [({"expr": "exp(-x^2)"}, False), ({"fn": "tanh"}, False), ({"expr": "x*sigmoid(x)"}, True), ({}, True)],
)
@pytest.mark.parametrize("lang", list(TEXTS))
def test_the_closing_line_mentions_sigma_only_when_the_problem_has_it(
    options: dict[str, Any], mentions_sigma: bool, lang: str
) -> None:
    proof = derive(lang=lang, **options)
    assert proof.status == "proved"
    closing = plain(proof, lang).replace("\n", "")
    assert ("σ" in closing.split(TEXTS[lang].words["check"])[-1]) is mentions_sigma


def _texts(lang: str) -> list[str]:
    return [text for pair in TEXTS[lang].rules.values() for text in pair] + list(TEXTS[lang].words.values())


def test_korean_uses_the_textbook_terms() -> None:
    texts = _texts("ko")
    joined = "\n".join(texts)
    for wrong in ("분수 나누기", "곱으로 나누기", "1로 가까워"):
        assert wrong not in joined, wrong
    assert TEXTS["ko"].rules["quotient_rule"][0] == "몫의 미분법"
    assert "1에 가까워" in TEXTS["ko"].rules["softsign_at_zero"][1]


# A case particle (을/를, 이/가, 은/는, 와/과, (으)로) agrees with how the word before it is read;
# after a formula nobody knows, so the texts use the copula or 의/에 there. Letters read the same way.
_PARTICLE_AFTER = re.compile(r"\{(\w+)\}(?:을|를|은|는|과|와|가|로|으로|이[ .,])")


def test_korean_puts_no_case_particle_after_a_formula() -> None:
    for rule, (name, text) in TEXTS["ko"].rules.items():
        for match in _PARTICLE_AFTER.finditer(f"{name} {text}"):
            assert match.group(1) in ("x", "u", "y"), (rule, match.group(0))


@pytest.mark.parametrize("fmt", ["plain", "markdown", "latex", "json"])
def test_korean_writes_the_natural_log_ln_in_every_formula(fmt: str) -> None:
    from sigmoid_cli.proofs.render import render as render_text

    proof = _proof(log=True, lang="ko")

    def render(proof: Proof, fmt: str, lang: str) -> str:
        # JSON: the fields people read (ids such as the kind "log" are data, not formulas).
        if fmt != "json":
            return render_text(proof, fmt, lang=lang)
        data = to_data(proof, lang)
        return " ".join([data["result_text"], *(step["explanation"] for step in _all(data["steps"]))])

    shown = render(proof, fmt, lang="ko")
    assert "ln" in shown
    assert not re.search(r"\blog\b", shown.replace("\\log", "log")), fmt
    # The same proof in English and Japanese keeps log (their schools write it so).
    for lang in ("en", "ja"):
        other = render(proof, fmt, lang=lang)
        assert "log" in other and not re.search(r"\bln\b", other), (fmt, lang)


def test_korean_formulas_read_back_as_the_same_expression() -> None:
    """ln is the grammar's alias of log: a Korean result pasted into --expr means the same."""
    from sigmoid_cli.proofs.derive import parse_expression

    with F.notation("ko"):
        shown = F.plain(_proof(log=True, lang="ko").problem.expr)
    assert shown == "ln(σ(x))"
    assert parse_expression(shown.replace("σ", "sigmoid"), "x") == parse_expression("log(sigmoid(x))", "x")


def test_japanese_is_written_in_the_neutral_style_of_a_proof() -> None:
    for text in _texts("ja"):
        for aside in ("ですね", "でしたね", "ましょう", "気がして", "一気に", "分かりやすい"):
            assert aside not in text, (aside, text)


def test_japanese_collects_like_terms_only_where_terms_are_collected() -> None:
    for rule, (name, text) in TEXTS["ja"].rules.items():
        if "同類項" in name + text:
            assert rule in ("collect_terms", "like_terms", "multiply_out"), rule
    assert "同類項" not in TEXTS["ja"].rules["collect_terms"][0]  # its steps also tidy other things
