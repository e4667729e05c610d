"""`sigmoid derive` end to end: `python -m sigmoid_cli derive ...` as a subprocess runs it
(helpers.sigmoid, in this process) for outputs, exit codes and hostile input; run.main for the
exit status of a failed step; a real subprocess for what importing the command costs."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import assert_one_error_line, sigmoid

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
HOSTILE_SECONDS = 20.0  # refused before any real work (under 1 s idle); this catches runaway work, not speed


def test_default_is_plain_when_piped_and_matches_the_snapshot() -> None:
    run = sigmoid("derive")
    assert (run.code, run.err) == (0, "")
    assert run.out == (SNAPSHOTS / "derive_default.txt").read_text(encoding="utf-8")
    assert run.out.count("✓ proved") >= 10


def test_json_output() -> None:
    run = sigmoid("derive", "--log", "--complement", "--format", "json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["result"] == "-sigmoid(x)" and data["verified"] is True
    assert [step["rule"] for step in data["steps"]][:2] == ["chain_rule_through_sigma", "use_lemma"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--log"], "= 1 - σ(x)"),
        (["-c"], "= -σ(x)·(1 - σ(x))"),
        (["--order", "2"], "= σ(x)·(1 - σ(x))·(1 - 2·σ(x))"),
        (["--fn", "gd"], "= sech(x)"),
        (["--expr", "x*sigmoid(x)"], "= σ(x)·(1 + x·(1 - σ(x)))"),
        (["--expr", "log(1+exp(t))", "--var", "t"], "d/dt log(1 + e^t) = σ(t)"),
        (["--form", "exp"], "= e^(-x)/(1 + e^(-x))^2"),
    ],
)
def test_results_through_the_cli(args: list[str], expected: str) -> None:
    run = sigmoid("derive", "--format", "plain", *args)
    assert run.code == 0, run.err
    result = next(line for line in run.lines if line.startswith("Result: "))
    assert result.endswith(expected), result


def test_latex_standalone_and_markdown() -> None:
    latex = sigmoid("derive", "--format", "latex", "--standalone")
    assert latex.code == 0 and r"\documentclass{article}" in latex.out and r"\begin{align*}" in latex.out
    markdown = sigmoid("derive", "--format", "markdown", "--lang", "ja")
    assert markdown.code == 0 and "$$" in markdown.out and "合成関数の微分" in markdown.out


def test_rich_respects_no_color() -> None:
    run = sigmoid("derive", "--format", "rich")
    assert run.code == 0 and "\x1b[" not in run.out and "✓ proved" in run.out


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--expr", "__import__('os').system('id')"], 1, "unexpected character"),
        (["--expr", "x.__class__"], 1, "unexpected character '.'"),
        (["--expr", "foo(x)"], 1, "unknown function 'foo'"),
        pytest.param(
            ["--expr", "x^x^x^x^x^x^x^x^x", "--order", "5"], 2, "more than 4000 terms", marks=pytest.mark.slow
        ),
        (["--expr", "x" + "+x" * 40_000], 1, "the limit is 10000"),
        (["--expr", "2^2^2^2^2^2"], 2, "too large"),
        (["--order", "21"], 2, "between 1 and 20"),
        (["--order", "10000"], 2, "between 1 and 20"),
        (["--standalone"], 2, "--standalone goes with --format latex"),
        (["--fn", "hardsigmoid", "--order", "2"], 2, "piecewise"),
        (["--lang", "fr"], 2, "'fr'"),
        (["--fn", "tanh", "--expr", "x"], 2, "choose one of --fn and --expr"),
    ],
)
def test_refused(args: list[str], code: int, message: str) -> None:
    started = time.monotonic()
    run = sigmoid("derive", *args)
    assert time.monotonic() - started < HOSTILE_SECONDS
    assert_one_error_line(run, code)
    assert message in run.err, run.err
    assert run.out == ""


@pytest.mark.parametrize(
    ("expr", "message"),
    [
        ("1/0", "1/0 is undefined"),
        ("x + log(0)", "log(0) is undefined"),
        ("x/(x-x)", "x/(x - x) is undefined"),
        ("x; import os", "unexpected character ';' at position 2"),
    ],
)
def test_an_expression_without_a_value_is_bad_data(expr: str, message: str) -> None:
    # d/dx [1/0] = 0 used to be printed and marked proved; x/(x - x) failed verification (exit 3).
    run = sigmoid("derive", "--expr", expr)
    assert_one_error_line(run, 1)
    assert message in run.err, run.err
    assert run.out == ""


def test_one_megabyte_expression_on_stdin_is_refused_without_reading_it_all() -> None:
    started = time.monotonic()
    run = sigmoid("derive", "--expr", "-", stdin="x+" * 500_000 + "x")
    assert time.monotonic() - started < HOSTILE_SECONDS
    assert_one_error_line(run, 1)
    assert "the limit is 10000" in run.err


def test_expression_on_stdin() -> None:
    run = sigmoid("derive", "--expr", "-", "--format", "json", stdin="x^2\n")
    assert run.code == 0 and json.loads(run.out)["result"] == "2*x"


def test_help_has_examples() -> None:
    run = sigmoid("derive", "--help")
    assert run.code == 0 and "Examples:" in run.out and "sigmoid derive --log" in run.out


def test_importing_the_command_is_light() -> None:
    code = (
        "import sys, sigmoid_cli.cli.derive; "
        "print(sorted(m for m in ('sympy', 'rich', 'mpmath') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_failed_step_is_shown_and_exits_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from sigmoid_cli.cli import run as cli
    from sigmoid_cli.proofs import curated
    from sigmoid_cli.proofs import forms as F

    original = curated.logistic

    def broken(var: str, budget: object) -> object:
        steps, result, lemmas = original(var, budget)  # type: ignore[arg-type]
        wrong = steps[3]
        steps[3] = type(wrong)(wrong.rule, wrong.before, F.Neg(wrong.after), wrong.params)  # a sign lost
        return steps, result, lemmas

    monkeypatch.setattr(curated, "logistic", broken)
    with pytest.raises(SystemExit) as stop:
        cli.main(["derive", "--format", "plain"])
    assert stop.value.code == 3
    captured = capsys.readouterr()
    assert "✗ failed" in captured.out and "Result:" in captured.out
    assert captured.err.startswith("sigmoid: error: step 4 (Cancel the signs) failed verification")


def test_the_commands_order_limit_is_the_proofs() -> None:
    """cli/derive.py keeps its own copy (importing proofs at start-up would cost ~25 ms)."""
    from sigmoid_cli.cli import derive as cli_derive
    from sigmoid_cli.proofs import budget

    assert cli_derive.MAX_ORDER == budget.MAX_ORDER
