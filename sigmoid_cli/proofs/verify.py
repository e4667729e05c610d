"""Checking every step: symbolically (SymPy, σ written out) and numerically (mpmath).

A step is *proved* when before − after reduces to 0 symbolically and the two sides agree at
the sample points where both are defined; *checked numerically* when SymPy cannot decide
within its time budget but at least MIN_POINTS points agree; *failed* when any point
disagrees or nothing could be checked. The numeric side evaluates the forms themselves
(numeric derivatives with mpmath.diff, integrals by quadrature), independently of SymPy.

The final result is compared with ``sympy.diff`` of the original function the same way.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import replace
from fractions import Fraction
from typing import Any

from . import rational
from .budget import Budget, OutOfTime, alarms_available, time_limit
from .forms import Cases, Form, Interval, children, rebuild, symbols, to_sympy, walk
from .steps import Lemma, Proof, Step, Verification

MIN_POINTS = 3
POINTS = 6
DIGITS = 30
TOLERANCE = 1e-15
_PARAMETER_VALUES = (0.7, 1.3, 0.45, 1.9, 0.85, 1.15, 0.6, 1.6)


def verify_proof(proof: Proof, budget: Budget) -> Proof:
    """The proof with every step, lemma and the final result checked."""
    context = _Context(proof.variable, proof.symbols, budget)
    steps = tuple(_verify_step(step, context) for step in proof.steps)
    lemmas = tuple(_verify_lemma(lemma, context) for lemma in proof.lemmas)
    check = _verify_result(proof, context)
    return replace(proof, steps=steps, lemmas=lemmas, check=check)


class _Context:
    def __init__(self, variable: str, names: tuple[str, ...], budget: Budget) -> None:
        self.variable = variable
        self.budget = budget
        parameters = sorted(set(names) - {variable})
        self.values = {
            name: _PARAMETER_VALUES[i % len(_PARAMETER_VALUES)] for i, name in enumerate(parameters)
        }
        # Each distinct equation is checked once: a sub-derivation that comes back (the inner
        # σ' of σ(σ(σ(x))) at every order) takes the verdict it had the first time.
        self.verdicts: dict[tuple[Form, Form], Verification] = {}

    def check(self, before: Form, after: Form) -> Verification:
        key = (before, after)
        if key not in self.verdicts:
            self.verdicts[key] = check_equal(before, after, self)
        return self.verdicts[key]


def _verify_step(step: Step, context: _Context) -> Step:
    context.budget.check_time()
    substeps = tuple(_verify_step(sub, context) for sub in step.substeps)
    return step.with_verification(context.check(step.before, step.after), substeps)


def _verify_lemma(lemma: Lemma, context: _Context) -> Lemma:
    return replace(lemma, verification=context.check(lemma.lhs, lemma.rhs))


def _verify_result(proof: Proof, context: _Context) -> Verification:
    import sympy

    from .simplify import sigma_out

    table = _symbol_table(proof.problem, proof.result)
    x = table[proof.variable]
    if proof.order > 3 and rational.equal(proof.problem, proof.result, proof.variable) is not None:
        # High orders of the logistic family: exact differentiation in e^x (sympy.diff is slow there).
        return check_equal(proof.problem, proof.result, context, label="differentiated in e^x")
    try:
        independent = sympy.diff(sigma_out(to_sympy(proof.function, table)), x, proof.order)
    except (TypeError, ValueError):
        return Verification("failed", detail="sympy.diff could not differentiate the function")
    return check_equal(proof.problem, proof.result, context, left_expr=independent, label="sympy.diff")


def _symbol_table(*forms: Form) -> dict[str, Any]:
    import sympy

    names: set[str] = set()
    for form in forms:
        names |= symbols(form)
        names |= {node.var for node in walk(form) if hasattr(node, "var") and isinstance(node.var, str)}
    return {name: sympy.Symbol(name, real=True) for name in names}


def check_equal(
    before: Form, after: Form, context: _Context, *, left_expr: Any = None, label: str = ""
) -> Verification:
    """The verification of before = after (split at the break points of any piecewise form)."""
    breaks = sorted(_breakpoints(before) | _breakpoints(after))
    if not breaks:
        return _check_piece(before, after, context, None, left_expr, label)
    bounds: list[Fraction | None] = [None, *breaks, None]
    results = []
    for lo, hi in itertools.pairwise(bounds):
        where = Interval(context.variable, lo, hi)
        results.append(
            _check_piece(_restrict(before, where), _restrict(after, where), context, where, None, label)
        )
    for status in ("failed", "checked numerically"):
        for result in results:
            if result.status == status:
                return result
    return Verification(
        "proved", method=results[0].method + ", piece by piece", points=sum(r.points for r in results)
    )


def _breakpoints(form: Form) -> set[Fraction]:
    found: set[Fraction] = set()
    for node in walk(form):
        if isinstance(node, Cases):
            for _, where in node.pieces:
                found |= {end for end in (where.lo, where.hi) if end is not None}
    return found


def _restrict(form: Form, where: Interval) -> Form:
    """The form on an open interval between break points: each Cases node replaced by its piece."""
    if isinstance(form, Cases):
        probe = _midpoint(where)
        for piece, interval in form.pieces:
            if interval.contains(probe):
                return _restrict(piece, where)
        raise ValueError("no piece covers the interval")
    parts = children(form)
    if not parts:
        return form
    return rebuild(form, tuple(_restrict(part, where) for part in parts))


def _midpoint(where: Interval) -> float:
    if where.lo is None and where.hi is None:
        return 0.0
    if where.lo is None:
        assert where.hi is not None
        return float(where.hi) - 1.0
    if where.hi is None:
        return float(where.lo) + 1.0
    return float(where.lo + where.hi) / 2


def _check_piece(
    before: Form, after: Form, context: _Context, where: Interval | None, left_expr: Any, label: str
) -> Verification:
    agree, disagree = _numeric(before, after, context, where)
    if disagree:
        return Verification("failed", points=agree, detail=disagree)
    exact = rational.equal(before, after, context.variable) if left_expr is None else None
    if exact is False:
        return Verification("failed", points=agree, detail="before − after is not 0 as a function of e^x")
    how = "exact, as rational functions of e^x" if exact else _symbolic(before, after, context, left_expr)
    if how is not None:
        return Verification("proved", method=f"{label}: {how}" if label else how, points=agree)
    if agree >= MIN_POINTS:
        return Verification("checked numerically", method=label, points=agree)
    return Verification(
        "failed", points=agree, detail="could not be checked: too few points where both sides are defined"
    )


# --- numerically ----------------------------------------------------------------------------------


def _numeric(before: Form, after: Form, context: _Context, where: Interval | None) -> tuple[int, str]:
    """(points that agree, a description of the first disagreement or "")."""
    agree, point = _compare(before, after, context, where)
    if point is None:
        return agree, ""
    return agree, f"at {context.variable} = {point[0]:g}: {point[1]} ≠ {point[2]}"


def checker(variable: str, names: tuple[str, ...], budget: Budget) -> _Context:
    """What ``check_equal`` needs: the variable, the parameters' sample values, the budget."""
    return _Context(variable, names, budget)


def first_difference(before: Form, after: Form, context: _Context) -> tuple[float, str, str] | None:
    """The first sample point where before and after differ, with both values (12 digits)."""
    return _compare(before, after, context, None)[1]


def agree_numerically(before: Form, after: Form, context: _Context) -> bool:
    """Equal at every sample point where both are defined, and at MIN_POINTS of them at least."""
    agree, point = _compare(before, after, context, None)
    return point is None and agree >= MIN_POINTS


def _compare(
    before: Form, after: Form, context: _Context, where: Interval | None
) -> tuple[int, tuple[float, str, str] | None]:
    import mpmath

    samples = (where or Interval(context.variable, None, None)).samples(POINTS)
    agree = 0
    with mpmath.workdps(DIGITS):
        for sample in samples:
            values = {name: mpmath.mpf(value) for name, value in context.values.items()}
            values[context.variable] = mpmath.mpf(sample)
            left = _value(before, values)
            right = _value(after, values)
            if left is None or right is None:
                continue
            scale = max(1, abs(left), abs(right))
            if abs(left - right) <= TOLERANCE * scale:
                agree += 1
            else:
                return agree, (sample, mpmath.nstr(left, 12), mpmath.nstr(right, 12))
    return agree, None


def _value(form: Form, values: dict[str, Any]) -> Any:
    import mpmath

    from .forms import numeric_value

    try:
        result = numeric_value(form, values)
    except (ZeroDivisionError, ValueError, OverflowError, TypeError, KeyError):
        return None
    try:
        if not mpmath.isfinite(result):
            return None
    except TypeError:
        return None
    return result


# --- symbolically ---------------------------------------------------------------------------------


def _symbolic(before: Form, after: Form, context: _Context, left_expr: Any) -> str | None:
    """How SymPy showed before − after = 0, or None when it could not within the budget."""
    import sympy  # noqa: F401 (imported before the clock: the first check must not pay its ~1 s)

    budget = context.budget
    seconds = budget.symbolic_allowance()
    if seconds <= 0:
        return None
    started = time.monotonic()
    try:
        if alarms_available():
            with time_limit(seconds):
                return _zero(before, after, left_expr, context.variable, thorough=True)
        return _zero(before, after, left_expr, context.variable, thorough=False)
    except OutOfTime:
        return None
    except (TypeError, ValueError, ArithmeticError, RecursionError):
        return None
    finally:
        budget.spend_symbolic(time.monotonic() - started)


def _zero(before: Form, after: Form, left_expr: Any, variable: str, *, thorough: bool) -> str | None:
    import sympy

    from .simplify import sigma_out

    table = _symbol_table(before, after)
    x = table.get(variable) or sympy.Symbol(variable, real=True)
    before_expr, after_expr = to_sympy(before, table), to_sympy(after, table)
    left = left_expr if left_expr is not None else carry_out(before_expr)
    right = carry_out(after_expr)
    difference = sigma_out(left) - sigma_out(right)
    if difference == 0:
        return "identical after writing σ out"
    if left_expr is None and _cancel_in_sigma(before_expr, after_expr):
        return "cancel, each σ(u) a symbol (σ' = σ(1 − σ))"
    if sympy.expand(difference) == 0:
        return "expand"
    if sympy.count_ops(difference) > 3000:
        return None
    if _cancel_in_exp(difference, x) == 0:
        return "cancel"
    if difference.has(*_hyperbolic()) and _cancel_in_exp(difference.rewrite(sympy.exp), x) == 0:
        return "cancel after writing in exp"
    if difference.has(sympy.Abs, sympy.sign) and _by_cases(difference, x):
        return "by cases (x < 0, x > 0)"
    if not thorough or sympy.count_ops(difference) > 600:
        return None
    if sympy.simplify(difference) == 0:
        return "simplify"
    return None


def _cancel_in_sigma(before: Any, after: Any) -> bool:
    """Whether before − after is 0 as a rational function in which every σ(u) is a symbol of its
    own (derivatives carried out with σ' = σ(1 − σ)). That is a sufficient test, and fast where
    writing σ out builds towers of exponentials (σ(σ(σ(x))) at order 3): a rational function of
    independent symbols that is 0 stays 0 whatever is put in for them. It uses σ' = σ(1 − σ),
    so it is not tried where the problem is that derivative itself (the σ-free path is)."""
    import sympy

    from sigmoid_cli.symbolic.sympy_bridge import sigmoid

    difference = before.doit() - after.doit()
    if difference == 0:
        return True
    atoms = difference.atoms(sigmoid)
    if not atoms or difference.has(sympy.Derivative) or sympy.count_ops(difference) > 3000:
        return False
    symbols = {atom: sympy.Dummy("s") for atom in atoms}
    return bool(sympy.cancel(sympy.together(difference.xreplace(symbols))) == 0)


def carry_out(expr: Any) -> Any:
    """Derivatives and integrals carried out (σ written out first)."""
    import sympy

    from .simplify import sigma_out

    if not expr.has(sympy.Derivative):
        return expr.doit()

    def one(node: Any) -> Any:
        (var, order), *more = node.variable_count
        if more:
            return node.doit()
        return derivative(sigma_out(node.expr), var, int(order))

    return expr.replace(lambda e: isinstance(e, sympy.Derivative), one).doit()


def derivative(expr: Any, x: Any, order: int) -> Any:
    """d^order/dx^order of expr, independently of σ' = σ(1 − σ): when expr is a rational
    function of T = e^{c·x} (the logistic family), as (c·T·d/dT)^order applied in T with the
    fractions cancelled at each step (fast for high orders); otherwise sympy.diff."""
    import sympy

    from .simplify import _linear_exponents

    found = _linear_exponents(expr, x)
    if found is not None and order > 1:
        h, mapping, t = found
        slope = sympy.diff(h, x)
        rational = sympy.cancel(expr.xreplace(mapping))
        if not slope.has(x) and not rational.has(x):
            for _ in range(order):
                rational = sympy.cancel(slope * t * sympy.diff(rational, t))
            return rational.subs(t, sympy.exp(h))
    return sympy.diff(expr, x, order)


def _hyperbolic() -> tuple[Any, ...]:
    import sympy

    return (sympy.sinh, sympy.cosh, sympy.tanh, sympy.sech, sympy.csch, sympy.coth)


def _cancel_in_exp(difference: Any, x: Any) -> Any:
    """before − after as a rational function of T = e^{h}: exact for the logistic family."""
    import sympy

    from .simplify import _linear_exponents

    found = _linear_exponents(difference, x)
    if found is not None:
        _, mapping, _ = found
        difference = difference.xreplace(mapping)
    return sympy.cancel(sympy.together(difference))


def _by_cases(difference: Any, x: Any) -> bool:
    import sympy

    p = sympy.Symbol("p_", positive=True)
    for sign in (1, -1):
        case = difference.subs(x, sign * p)
        if sympy.cancel(sympy.together(case)) != 0 and sympy.simplify(case) != 0:
            return False
    return True
