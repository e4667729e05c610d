"""How much of a derivation --detail shows.

- ``full``: every rule, every time (a derivative needed twice is derived twice);
- ``normal`` (the default): a derivative worked out once is cited after that, and σ' = σ(1 − σ)
  is a known lemma (proved by ``sigmoid derive``);
- ``brief``: as normal, and the steps a reader does in their head (a constant's derivative 0,
  the variable's 1, tidying up) are folded into the step before them.

Folding keeps every step a true equality: the earlier step now goes straight to the folded
step's result, and verify.py checks that equality like any other.
"""

from __future__ import annotations

from dataclasses import replace

from .forms import tidy
from .steps import Step

DETAILS = ("brief", "normal", "full")
FOLDED = frozenset({"constant_rule", "variable_rule", "tidy"})


def fold(steps: tuple[Step, ...]) -> tuple[Step, ...]:
    """Steps with FOLDED rules merged into the step before them (at every level); a first step
    has nothing before it and stays."""
    out: list[Step] = []
    for index, step in enumerate(steps):
        if step.rule in FOLDED and out and not step.substeps:
            # The last one is tidied as it folds ("0 - d/dx σ(x)" reads "-d/dx σ(x)" once the 0 is
            # not a step of its own); earlier ones not, or the next step would start elsewhere.
            last = index == len(steps) - 1
            out[-1] = replace(out[-1], after=tidy(step.after) if last else step.after)
        else:
            out.append(replace(step, substeps=fold(step.substeps)))
    return tuple(out)
