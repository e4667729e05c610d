"""σ' = σ(1 − σ) as a known lemma in the engine's proofs (below --detail full).

A teacher differentiating x·σ(x) or a loss in σ(w·x + b) quotes σ' = σ(1 − σ), proved once by
``sigmoid derive``, instead of taking it from a table or proving it again: the proof lists it
under "Lemmas used", a d/dx σ(x) from the table becomes "Use a proven result", and a chain rule
through σ says its outer derivative is that lemma. Every step keeps its equality, so verify.py
checks it as before; the lemma itself is verified once, where the proof lists it.
"""

from __future__ import annotations

from dataclasses import replace

from .forms import Deriv, Form, Func, Sym
from .steps import Lemma, Step


def quote_sigma_prime(steps: list[Step], var: str) -> tuple[list[Step], tuple[Lemma, ...]]:
    """The steps with σ' quoted as a lemma, and the lemma (none when no step differentiates σ)."""
    from .curated import Logistic

    used = [step for step in _every(steps) if _differentiates_sigma(step)]
    if not used:
        return steps, ()
    # In the proof's variable when σ is applied to it alone (d/dx σ(x)), else in the u of the
    # chain rule, as the chain rule's explanation names it: d/dw σ(w) would read as if w were σ's
    # argument in the problem.
    chains = [step.param("u") for step in used if step.rule == "chain_rule"]
    alone = len(chains) < len(used)
    inner = var if alone or not isinstance(chains[0], Sym) else chains[0].name
    lemma = Logistic(inner).sigma_prime()
    return [_quote(step, lemma) for step in steps], (lemma,)


def _quote(step: Step, lemma: Lemma) -> Step:
    substeps = tuple(_quote(sub, lemma) for sub in step.substeps)
    if step.rule == "known_derivative" and _differentiates_sigma(step):
        params = (("lemma", step.param("value")), ("lhs", step.param("part")))
        return replace(step, rule="use_lemma", params=params, substeps=substeps)
    if step.rule == "chain_rule" and _differentiates_sigma(step) and step.param("u") == _variable(lemma):
        return replace(step, params=(*step.params, ("lemma", lemma.lhs)), substeps=substeps)
    return replace(step, substeps=substeps)


def _variable(lemma: Lemma) -> Form | None:
    return Sym(lemma.lhs.var) if isinstance(lemma.lhs, Deriv) else None


def _differentiates_sigma(step: Step) -> bool:
    if step.rule not in ("known_derivative", "chain_rule"):
        return False
    for key, value in step.params:
        if key == "function" and value == "sigmoid":
            return True
        if key == "outer" and isinstance(value, Func) and value.name == "sigmoid":
            return True
    return False


def _every(steps: list[Step] | tuple[Step, ...]) -> list[Step]:
    found: list[Step] = []
    for step in steps:
        found.append(step)
        found += _every(step.substeps)
    return found
