"""Step numbers for the derivatives a proof cites instead of deriving them again.

The engine (engine.py) builds a proof bottom-up and cannot know the number a step will get;
once the steps are laid out (and folded for --detail brief), this pass gives every
``cited_derivative`` step the number of the step where its derivative was worked out, in the
same dotted numbering the renderers print (render._number).
"""

from __future__ import annotations

from dataclasses import replace

from .forms import Deriv, Form, tidy
from .steps import Step

PROVED_HERE = frozenset({"derivative_of_part", "order_k"})  # steps with a "part" they prove
CITED = "cited_derivative"


def number_citations(steps: tuple[Step, ...]) -> tuple[Step, ...]:
    """The steps with ("step", "2.2.2") added to each citation: where its part was proved."""
    proved: dict[Form, str] = {}

    def visit(steps: tuple[Step, ...], path: tuple[int, ...]) -> tuple[Step, ...]:
        out: list[Step] = []
        for index, step in enumerate(steps, 1):
            here = (*path, index)
            numbered = replace(step, substeps=visit(step.substeps, here))
            part = _part(step)
            if step.rule in PROVED_HERE and part is not None:
                proved.setdefault(part, ".".join(map(str, here)))
            if step.rule == CITED and part is not None:
                source = proved.get(part)
                if source is None:  # the engine cites only what it derived earlier in this proof
                    raise ValueError(f"a citation of a derivative not proved before it: {part}")
                params = tuple((key, value) for key, value in step.params if key != "step")
                numbered = replace(numbered, params=(*params, ("step", source)))
            out.append(numbered)
        return tuple(out)

    return visit(steps, ())


def _part(step: Step) -> Form | None:
    """What the step proves the derivative of, as the engine keys it (engine.Known: tidy)."""
    for key, value in step.params:
        if key == "part" and isinstance(value, Deriv):
            return tidy(value.expr)
    return None


def cited_step(step: Step) -> str | None:
    """The number of the step a citation refers to (None for a step that cites nothing)."""
    for key, value in step.params:
        if key == "step" and step.rule == CITED and isinstance(value, str):
            return value
    return None
