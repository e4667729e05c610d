"""`sigmoid derive --softmax`: ∂pᵢ/∂zⱼ = pᵢ(δᵢⱼ − pⱼ) and p₁ = σ(z₁ − z₂), every step checked on
n = 2, 3, 4 concrete inputs (every pair i, j of the step's case), in every format and language;
a corrupted step, or a case step claimed for the wrong pairs, fails."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import cache

import pytest
from helpers import assert_one_error_line, sigmoid

from sigmoid_cli.proofs import forms as F
from sigmoid_cli.proofs import softmax as S
from sigmoid_cli.proofs.budget import Budget
from sigmoid_cli.proofs.render import render
from sigmoid_cli.proofs.steps import Proof, Step


@cache
def proofs(lang: str) -> tuple[Proof, Proof]:
    return S.derive_softmax(lang=lang)


def test_the_general_derivation_is_verified_step_by_step() -> None:
    general, two = proofs("en")
    assert general.verified is True and two.verified is True
    assert F.plain(general.problem) == "∂/∂zⱼ pᵢ"
    assert F.plain(general.result) == "pᵢ·(δᵢⱼ - pⱼ)"
    assert F.plain(two.result) == "σ(z₁ - z₂)"
    rules = [step.rule for step in general.steps]
    assert rules == [
        "softmax_definition",
        "softmax_quotient_rule",
        "softmax_sum_derivative",
        "softmax_case_equal",
        "softmax_equal_factor",
        "softmax_equal_in_p",
        "softmax_case_other",
        "softmax_other_in_p",
        "kronecker_delta",
    ]
    # Each step says what it was checked on: these n, and the pairs of its case.
    methods = [step.verification.method for step in general.steps]
    assert methods[0].startswith("n = 2, 3, 4, every i, j")
    assert methods[3].startswith("n = 2, 3, 4, every i = j")
    assert methods[6].startswith("n = 2, 3, 4, every i ≠ j")
    assert general.check.method.startswith("sympy.diff, n = 2, 3, 4, every i, j")
    # 4 + 9 + 16 pairs for a general step, 2 + 3 + 4 for an i = j one, 6 samples each.
    assert general.steps[0].verification.points == 29 * 6
    assert general.steps[3].verification.points == 9 * 6


def test_the_pairs_of_each_case() -> None:
    assert S.pairs(3, "equal") == [(1, 1), (2, 2), (3, 3)]
    assert S.pairs(2, "other") == [(1, 2), (2, 1)]
    assert len(S.pairs(4, "all")) == 16


def test_the_concrete_representation() -> None:
    form = S.concrete(F.Deriv(S.P_I, S.VAR, 1, True), 3, 1, 2)
    assert F.plain(form) == "d/dz2 [e^z1/(e^z1 + e^z2 + e^z3)]"
    assert S.concrete(S.DELTA, 3, 2, 2) == F.ONE and S.concrete(S.DELTA, 3, 1, 2) == F.ZERO


def _verified(steps: list[tuple[object, S.Scope]]) -> Proof:
    _, result = S.softmax_steps()
    plain = tuple(step for step, _ in steps)
    proof = Proof(S.KIND, S.P_I, S.VAR, 1, plain, result)  # type: ignore[arg-type]
    return S.verify_general(proof, tuple(scope for _, scope in steps), Budget())


def test_a_corrupted_step_fails() -> None:
    steps, _ = S.softmax_steps()
    wrong = F.Mul((S.P_I, F.Add((S.DELTA, S.P_J))))  # pᵢ(δᵢⱼ + pⱼ)
    steps[8] = (replace(steps[8][0], after=wrong), steps[8][1])
    proof = _verified(steps)  # type: ignore[arg-type]
    assert proof.steps[8].verification.status == "failed"
    assert proof.steps[8].verification.detail.startswith("n = 2, i = 1, j = 1: at z1 = ")
    assert proof.verified is False
    assert all(step.verification.status == "proved" for step in proof.steps[:8])


def test_a_case_step_claimed_for_every_pair_fails() -> None:
    """∂e^{zᵢ}/∂zⱼ = 0 holds for i ≠ j only: checked on i = j as well, it fails there."""
    steps, _ = S.softmax_steps()
    steps[6] = (steps[6][0], "all")
    proof = _verified(steps)  # type: ignore[arg-type]
    verdict = proof.steps[6].verification
    assert verdict.status == "failed" and ", i = 1, j = 1:" in verdict.detail


def test_a_wrong_result_fails_the_independent_differentiation() -> None:
    steps, _ = S.softmax_steps()
    proof = Proof(S.KIND, S.P_I, S.VAR, 1, tuple(s for s, _ in steps), F.Mul((S.P_I, S.P_J)))
    checked = S.verify_general(proof, tuple(scope for _, scope in steps), Budget())
    assert checked.check.status == "failed" and checked.verified is False


def test_a_corrupted_two_class_step_fails() -> None:
    steps, result = S.two_class_steps()
    steps[2] = replace(
        steps[2], after=F.Div(F.ONE, F.Add((F.ONE, F.Func("exp", F.Add((S.Z1, F.Neg(S.Z2)))))))
    )
    proof = Proof(S.TWO_CLASS, S.P1, "z₁", 0, tuple(steps), result)
    checked = S.verify_two_class(proof, Budget())
    assert checked.steps[2].verification.status == "failed"


def test_no_verify_checks_nothing() -> None:
    general, two = S.derive_softmax(verify=False)
    assert general.verified is None and two.verified is None


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "ja", "ko"])
@pytest.mark.parametrize("fmt", ["plain", "latex", "markdown", "json"])
def test_every_format_and_language(lang: str, fmt: str) -> None:
    general, two = proofs(lang)
    for proof in (general, two):
        text = render(proof, fmt, lang=lang)
        assert "failed" not in text.lower() and "✗" not in text
        if fmt == "latex":
            assert r"\partial" in text or r"\sigma" in text
        if fmt == "json":
            data = json.loads(text)
            assert data["verified"] is True and data["lang"] == lang
    english = {"plain": "Every step proved for n = 2, 3 and 4", "markdown": "Kronecker delta"}
    if lang == "en" and fmt in english:
        assert english[fmt] in render(general, fmt, lang=lang)
    if lang == "ja" and fmt == "plain":
        assert "クロネッカーのデルタ" in render(general, fmt, lang=lang)
    if lang == "ko" and fmt == "plain":
        assert "크로네커 델타" in render(general, fmt, lang=lang)


@pytest.mark.slow
def test_the_command_in_plain() -> None:
    run = sigmoid("derive", "--softmax", "-f", "plain")
    assert run.code == 0, run.err
    assert "Result: ∂/∂zⱼ pᵢ = pᵢ·(δᵢⱼ - pⱼ)" in run.out
    assert "Result: p₁ = σ(z₁ - z₂)" in run.out
    assert "That checks these n, not every n" in run.out
    assert run.out.count("✓ proved") == 9 + 4 + 2


@pytest.mark.slow
def test_the_command_in_json_is_one_object() -> None:
    run = sigmoid("derive", "--softmax", "-f", "json", "--lang", "ko")
    document = json.loads(run.out)
    assert document["verified"] is True
    general, two = document["softmax"]
    assert general["result"] == "p_i*(delta_ij - p_j)" and general["problem"] == "Derivative(p_i, z_j)"
    assert two["result"] == "sigmoid(z1 - z2)" or two["result"] == "sigmoid(z_1 - z_2)"
    assert general["lang"] == "ko"


@pytest.mark.slow
def test_the_command_in_rich() -> None:
    run = sigmoid("derive", "--softmax", "-f", "rich", "--lang", "ja", env={"COLUMNS": "100"})
    assert run.code == 0, run.err
    assert "∂zⱼ" in run.out and "クロネッカーのデルタ" in run.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--order", "2"), "it does not take --order"),
        (("--expr", "x"), "it does not take --expr"),
        (("--log", "-c"), "it does not take --log, --complement"),
        (("--fn", "tanh"), "it does not take --fn"),
        (("--var", "z"), "it does not take --var"),
        (("-f", "latex", "--standalone"), "--standalone makes one document of one derivation"),
    ],
)
def test_options_that_do_not_apply_are_refused(args: tuple[str, ...], message: str) -> None:
    run = sigmoid("derive", "--softmax", *args)
    assert_one_error_line(run, 2)
    assert message in run.err


def test_the_python_api_gives_both_proofs_for_a_notebook() -> None:
    import sigmoid_cli

    general, two = sigmoid_cli.derive_softmax(lang="ja")
    assert repr(general) == "<Proof ∂/∂zⱼ pᵢ = pᵢ·(δᵢⱼ - pⱼ): 9 steps, proved>"
    assert repr(two) == "<Proof p₁ = σ(z₁ - z₂): 4 steps, proved>"
    assert "クロネッカーのデルタ" in general._repr_markdown_()  # type: ignore[attr-defined]
    assert r"\frac{\partial}{\partial z_{j}} p_{i}" in general._repr_latex_()  # type: ignore[attr-defined]


def test_a_failed_step_makes_the_command_exit_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command itself (called here, so that the corrupted steps are the ones it derives):
    the failed step is printed, and the error that run.py makes exit 3 names it."""
    from sigmoid_cli.cli.derive import derive_command
    from sigmoid_cli.cli.options import ProofFormat
    from sigmoid_cli.errors import VerificationError
    from sigmoid_cli.proofs.forms import Add, Mul

    original = S.softmax_steps

    def corrupted() -> tuple[list[tuple[Step, S.Scope]], F.Form]:
        steps, _ = original()
        wrong = Mul((S.P_I, Add((S.DELTA, S.P_J))))
        steps[8] = (replace(steps[8][0], after=wrong), steps[8][1])
        return steps, wrong

    monkeypatch.setattr(S, "softmax_steps", corrupted)
    with pytest.raises(VerificationError) as caught:
        derive_command(softmax=True, fmt=ProofFormat.plain)
    assert caught.value.exit_code == 3
    message = str(caught.value)
    assert message.startswith("step 9 (Combine the cases with the Kronecker delta) failed verification: ")
    assert "n = 2, i = 1, j = 1" in message
    assert "9. Combine the cases with the Kronecker delta  ✗ failed" in capsys.readouterr().out
