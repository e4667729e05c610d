"""Every documented time limit ends its work on time with its documented message and exit
status, even when the work swallows exceptions (issue 15).

The slow work is simulated: a SymPy or mpmath step replaced by one that busy-waits inside an
``except Exception``, the shape that once let a derivation run on for 15 minutes. Each test
shortens the limit with monkeypatch, so the suite stays fast.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import Any

import pytest
from helpers import busy

from sigmoid_cli.errors import UsageError

MARGIN = 0.6
STUCK_EXPRESSION = "(3)/(2 + (sqrt(1 + (tanh(x))^2))^2)"  # the call that hung the suite


def _careless(
    real: Callable[..., Any], seconds: float, took: list[float] | None = None
) -> Callable[..., Any]:
    """``real`` after ``seconds`` of work that swallows every Exception on its way."""

    def slow(*args: Any, **kwargs: Any) -> Any:
        start = time.monotonic()
        try:
            with contextlib.suppress(Exception):
                busy(seconds)
            return real(*args, **kwargs)
        finally:
            if took is not None:
                took.append(time.monotonic() - start)

    return slow


def _cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, float]:
    from sigmoid_cli.cli import run as cli

    start = time.monotonic()
    with pytest.raises(SystemExit) as stopped:
        cli.main(args)
    return int(stopped.value.code or 0), capsys.readouterr().err, time.monotonic() - start


def test_a_derivation_ends_at_its_time_limit(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from sigmoid_cli.proofs import budget, verify

    monkeypatch.setattr(budget, "TIME_LIMIT", 1.0)
    monkeypatch.setattr(verify, "verify_proof", _careless(verify.verify_proof, 30))
    code, err, took = _cli(["derive", "--expr", STUCK_EXPRESSION, "-f", "plain"], capsys)
    assert (code, err) == (
        2,
        "sigmoid: error: the derivation did not finish within the time limit of 1 s; "
        "try a smaller expression or a lower --order\n",
    )
    assert took < 1.0 + MARGIN


@pytest.mark.slow
def test_each_simplification_ends_at_its_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """SymPy stuck in one simplification costs that simplification, not the derivation."""
    import sympy

    from sigmoid_cli.proofs import derive
    from sigmoid_cli.proofs.budget import SIMPLIFY_BUDGET, SYMBOLIC_BUDGET

    took: list[float] = []
    monkeypatch.setattr(sympy, "cancel", _careless(sympy.cancel, 5, took))
    proof = derive(expr=STUCK_EXPRESSION)
    assert took, "the derivation no longer calls sympy.cancel: pick another SymPy step"
    assert max(took) < max(SIMPLIFY_BUDGET, SYMBOLIC_BUDGET) + MARGIN
    assert proof.status in ("proved", "checked numerically")


def test_exact_ends_at_its_time_limit(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from sigmoid_cli.symbolic import closed_form

    monkeypatch.setattr(closed_form, "TIME_LIMIT", 0.5)
    monkeypatch.setattr(closed_form, "_exact_results", _careless(closed_form._exact_results, 30))
    code, err, took = _cli(["eval", "--exact", "1"], capsys)
    assert (code, err) == (2, "sigmoid: error: --exact gave up after 0.5 s: try --digits instead\n")
    assert took < 0.5 + MARGIN


def test_digits_end_at_their_time_limit(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """10,000 digits of a 100th derivative can take 40 s; the limit says so instead."""
    from sigmoid_cli import jobs

    monkeypatch.setattr(jobs, "DIGITS_TIME_LIMIT", 0.5)
    monkeypatch.setattr(jobs.Job, "_ziv", _careless(jobs.Job._ziv, 30))
    code, err, took = _cli(["grad", "--digits", "50", "0.3"], capsys)
    assert (code, err) == (
        2,
        "sigmoid: error: --digits 50 gave up on '0.3' after 0.5 s: ask for fewer digits or a lower --order\n",
    )
    assert took < 0.5 + MARGIN


def test_digits_within_the_limit_are_untouched() -> None:
    from sigmoid_cli.jobs import Job
    from sigmoid_cli.numeric.curve import Curve

    assert Job(Curve(), mode="digits", digits=30).scalar("1") == ["0.731058578630004879251159241822"]


def test_the_limits_are_usage_errors() -> None:
    """Exit status 2, 'a request over our limits', as the table in docs/errors.md says."""
    from sigmoid_cli.proofs.budget import Budget

    assert isinstance(Budget(0.0).out_of_time(), UsageError)
