"""The proof model: frozen Step and Proof objects, the one source every output format renders.

A step rewrites ``before`` into ``after`` (two forms of the same quantity) by the rule ``rule``
(an id from texts/en.py) with ``params`` that its explanation refers to. ``substeps`` prove a
part the step relies on (the inner derivative of a chain rule, say); they are checked like
any other step. ``verification`` is filled in by verify.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

from .forms import Form

Status = Literal["proved", "checked numerically", "failed", "not checked"]
Param = Form | str | int


@dataclass(frozen=True, slots=True)
class Verification:
    """The evidence for one equality.

    ``status``: "proved" (SymPy reduced before − after to 0, with σ written out, and the two agree
    numerically at ``points`` points), "checked numerically" (SymPy could not decide within its
    budget, the numbers agree), "failed" (the numbers disagree, or nothing could be checked),
    "not checked" (--no-verify).
    """

    status: Status
    method: str = ""  # how the symbolic side was settled: "cancel", "simplify", "by cases", ...
    points: int = 0  # sample points where both sides were evaluated and agree
    detail: str = ""  # for a failure: where it failed

    @property
    def ok(self) -> bool | None:
        if self.status == "not checked":
            return None
        return self.status != "failed"


NOT_CHECKED = Verification("not checked")


@dataclass(frozen=True, slots=True)
class Step:
    rule: str
    before: Form
    after: Form
    params: tuple[tuple[str, Param], ...] = ()
    substeps: tuple[Step, ...] = ()
    verification: Verification = NOT_CHECKED

    def param(self, name: str) -> Param:
        for key, value in self.params:
            if key == name:
                return value
        raise KeyError(name)

    def with_verification(self, verification: Verification, substeps: tuple[Step, ...]) -> Step:
        return replace(self, verification=verification, substeps=substeps)


@dataclass(frozen=True, slots=True)
class Lemma:
    """A result proved elsewhere (another derivation of this program) and used here."""

    name: str  # a rule-catalog id for its title
    lhs: Form
    rhs: Form
    source: str  # the command that proves it, e.g. "sigmoid derive"
    verification: Verification = NOT_CHECKED


@dataclass(frozen=True, slots=True, repr=False)
class Proof:
    """d/dvar function = result, by ``steps``; ``check`` compares the result with an independent
    differentiation (sympy.diff)."""

    kind: str  # "logistic", "log", "complement", "log-complement", "fn:tanh", "expr", ...
    function: Form
    variable: str
    order: int
    steps: tuple[Step, ...]
    result: Form
    lemmas: tuple[Lemma, ...] = ()
    check: Verification = NOT_CHECKED
    symbols: tuple[str, ...] = ()
    lang: str = "en"
    # Remarks shown after the result: (rule id, parameters), e.g. where a piecewise member has corners.
    notes: tuple[tuple[str, tuple[tuple[str, Param], ...]], ...] = field(default=())

    # --- in a notebook, and in code -----------------------------------------------------------

    def __repr__(self) -> str:
        from .forms import plain

        count = len(self.all_steps())
        return f"<Proof {plain(self.problem)} = {plain(self.result)}: {count} steps, {self.status}>"

    def sympy(self) -> Any:
        """The result as a SymPy expression (σ as ``sigmoid_cli.symbolic.sympy_bridge.sigmoid``)."""
        from .forms import to_sympy

        return to_sympy(self.result)

    def numpy(self) -> Any:
        """The result as a vectorised function of the proof's symbols, in their order in
        ``symbols`` (σ computed by the library's correctly rounded ``sigmoid``)."""
        import numpy as np
        import sympy

        from sigmoid_cli.numeric.curve import Curve, array_values

        def sigmoid(u: Any) -> Any:
            values, _ = array_values(Curve(), np.asarray(u, dtype=np.float64))
            return values

        names = self.symbols or (self.variable,)
        arguments = [sympy.Symbol(name, real=True) for name in names]
        return sympy.lambdify(arguments, self.sympy(), modules=[{"sigmoid": sigmoid}, "numpy"])

    @property
    def problem(self) -> Form:
        from .forms import Deriv

        if self.order == 0:  # an identity rather than a derivative (the two-class softmax)
            return self.function
        return Deriv(self.function, self.variable, self.order, self.kind == "softmax")

    def all_steps(self) -> list[Step]:
        found: list[Step] = []

        def visit(steps: tuple[Step, ...]) -> None:
            for step in steps:
                found.append(step)
                visit(step.substeps)

        visit(self.steps)
        return found

    @property
    def mentions_sigma(self) -> bool:
        """Whether σ occurs anywhere in the proof (then the checks write it out)."""
        from .forms import Func, walk

        forms = [self.function, self.result]
        forms += [form for step in self.all_steps() for form in (step.before, step.after)]
        forms += [form for lemma in self.lemmas for form in (lemma.lhs, lemma.rhs)]
        return any(isinstance(part, Func) and part.name == "sigmoid" for form in forms for part in walk(form))

    @property
    def verified(self) -> bool | None:
        """True when every step, lemma and the final check passed; False when any failed;
        None when nothing was checked (--no-verify)."""
        verdicts = [step.verification.ok for step in self.all_steps()]
        verdicts += [lemma.verification.ok for lemma in self.lemmas]
        verdicts.append(self.check.ok)
        if any(verdict is False for verdict in verdicts):
            return False
        if all(verdict is None for verdict in verdicts):
            return None
        return True

    @property
    def status(self) -> Status:
        statuses = [step.verification.status for step in self.all_steps()]
        statuses += [lemma.verification.status for lemma in self.lemmas]
        statuses.append(self.check.status)
        order: tuple[Status, ...] = ("failed", "not checked", "checked numerically")
        for status in order:
            if status in statuses:
                return status
        return "proved"
