"""Decimals as the user typed them: a proof of an expression with 0.044715 in it shows every
number with a finite decimal expansion as a decimal, in every step, while the forms keep the
exact rationals (3·0.044715 is 0.134145, not 26829/200000 and not a float)."""

from __future__ import annotations

from dataclasses import replace

from .forms import Form, Num, Pow, children, rebuild, walk
from .steps import Lemma, Param, Proof, Step


def typed_decimals(form: Form) -> bool:
    """Whether the user wrote a number of ``form`` as a decimal."""
    return any(isinstance(node, Num) and node.decimal for node in walk(form))


def as_decimals(form: Form) -> Form:
    """Every number shown as a decimal where it has one, except an exponent (x^(1/2) stays)."""
    if isinstance(form, Num):
        return form if form.decimal or form.value.denominator == 1 else Num(form.value, decimal=True)
    if isinstance(form, Pow):
        exponent = form.exp if isinstance(form.exp, Num) else as_decimals(form.exp)
        return Pow(as_decimals(form.base), exponent)
    parts = children(form)
    if not parts:
        return form
    return rebuild(form, tuple(as_decimals(part) for part in parts))


def _param(value: Param) -> Param:
    return value if isinstance(value, str | int) else as_decimals(value)


def _step(step: Step) -> Step:
    return replace(
        step,
        before=as_decimals(step.before),
        after=as_decimals(step.after),
        params=tuple((name, _param(value)) for name, value in step.params),
        substeps=tuple(_step(sub) for sub in step.substeps),
    )


def _lemma(lemma: Lemma) -> Lemma:
    return replace(lemma, lhs=as_decimals(lemma.lhs), rhs=as_decimals(lemma.rhs))


def shown_as_decimals(proof: Proof) -> Proof:
    """The proof with its numbers as decimals, if the user typed one; else as it is."""
    if not typed_decimals(proof.function):
        return proof
    return replace(
        proof,
        function=as_decimals(proof.function),
        steps=tuple(_step(step) for step in proof.steps),
        result=as_decimals(proof.result),
        lemmas=tuple(_lemma(lemma) for lemma in proof.lemmas),
    )
