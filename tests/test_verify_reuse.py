"""Each distinct equation of a proof is checked once (issue 12: verification is most of the time
of big proofs), and reusing a verdict changes no verdict."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from sigmoid_cli.proofs import verify as V
from sigmoid_cli.proofs.derive import derive


def _equations(proof: Any) -> Counter[tuple[Any, Any]]:
    pairs: Counter[tuple[Any, Any]] = Counter((step.before, step.after) for step in proof.all_steps())
    pairs.update((lemma.lhs, lemma.rhs) for lemma in proof.lemmas)
    return pairs


@pytest.mark.parametrize(
    ("expr", "order", "repeats"),
    [("sigmoid(sigmoid(x))", 2, True), ("x*sigmoid(x)", 2, None), ("exp(-x^2/2)*exp(-x^2/2)", 1, True)],
)
def test_a_repeated_equation_is_checked_once(
    expr: str, order: int, repeats: bool | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # --detail full: the proofs that derive the same part again (normal detail cites it instead).
    unchecked = derive(expr=expr, order=order, verify=False, detail="full")
    equations = _equations(unchecked)
    checked: Counter[tuple[Any, Any]] = Counter()
    original = V.check_equal

    def counting(before: Any, after: Any, context: Any, **options: Any) -> Any:
        if not options:  # the final cross-check with sympy.diff is a different question
            checked[(before, after)] += 1
        return original(before, after, context, **options)

    monkeypatch.setattr(V, "check_equal", counting)
    proof = derive(expr=expr, order=order, detail="full")
    assert set(checked) == set(equations)
    assert max(checked.values()) == 1
    if repeats is not None:  # the cases this is for: a proof that repeats equations
        assert (sum(equations.values()) > len(equations)) == repeats
    verdicts = {(s.before, s.after): s.verification for s in proof.all_steps()}
    for step in proof.all_steps():  # a reused verdict is the one its equation got
        assert step.verification == verdicts[(step.before, step.after)]
        # (proved, or checked numerically when a loaded machine ran out of the symbolic budget)
        assert step.verification is not None and step.verification.status != "failed"
