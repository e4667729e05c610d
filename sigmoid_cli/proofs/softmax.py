"""``sigmoid derive --softmax``: ∂pᵢ/∂zⱼ = pᵢ(δᵢⱼ − pⱼ) for pᵢ = e^{zᵢ}/Σₖ e^{zₖ}, and the two-class
softmax p₁ = σ(z₁ − z₂).

The steps are written for any n, with S = e^{z₁} + ⋯ + e^{zₙ} as a symbol of its own and the
indices i, j, k as subscripts. SymPy cannot check a sum of symbolic length, so each step is
checked on a concrete representation instead: for n = 2, 3 and 4 symbols z₁ … zₙ, S written
out as the sum, pᵢ as e^{zᵢ}/S, δᵢⱼ as 1 or 0, and every pair (i, j) of the step's case (every
pair, only i = j, or only i ≠ j), each instance by the verifier of every other proof
(verify.check_equal: SymPy reduces before − after to 0, and mpmath agrees at sample points).
What was checked is said in each step's method and in the summary: these n, not every n.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from . import forms as F
from .budget import Budget, OutOfTime, time_limit
from .forms import ONE, TWO, ZERO, Add, Deriv, Div, Form, Func, Mul, Neg, Pow, Sym
from .steps import Param, Proof, Step, Verification

Scope = Literal["all", "equal", "other"]  # the pairs (i, j) a step holds for
SIZES = (2, 3, 4)  # the n every general step is checked for
KIND = "softmax"
TWO_CLASS = "softmax-two-class"

VAR = "zⱼ"
Z_I, Z_J = Sym("zᵢ"), Sym(VAR)
P_I, P_J = Sym("pᵢ"), Sym("pⱼ")
S = Sym("S")
DELTA = Sym("δᵢⱼ")
E_I, E_J = Func("exp", Z_I), Func("exp", Z_J)
Z1, Z2 = Sym("z₁"), Sym("z₂")
E1, E2 = Func("exp", Z1), Func("exp", Z2)
P1 = Sym("p₁")

# Which pairs (i, j) each rule of the derivation holds for; a rule not named holds for all.
SCOPES: dict[str, Scope] = {
    "softmax_case_equal": "equal",
    "softmax_equal_factor": "equal",
    "softmax_equal_in_p": "equal",
    "softmax_case_other": "other",
    "softmax_other_in_p": "other",
}


def d(form: Form) -> Deriv:
    return Deriv(form, VAR, 1, True)


def softmax_steps() -> tuple[list[tuple[Step, Scope]], Form]:
    """The steps of ∂pᵢ/∂zⱼ, each with the pairs (i, j) it holds for, and the result."""
    terms = Add((Func("exp", Sym("z₁")), Func("exp", Sym("z₂")), Sym("⋯"), Func("exp", Sym("zₙ"))))
    quotient = Div(E_I, S)
    derived = Div(Add((Mul((d(E_I), S)), Neg(Mul((E_I, E_J))))), Pow(S, TWO))
    equal = Div(Add((Mul((E_I, S)), Neg(Mul((E_I, E_J))))), Pow(S, TWO))
    equal_factored = Mul((Div(E_I, S), Div(Add((S, Neg(E_J))), S)))
    equal_result = Mul((P_I, Add((ONE, Neg(P_J)))))
    other = Div(Neg(Mul((E_I, E_J))), Pow(S, TWO))
    other_result = Neg(Mul((P_I, P_J)))
    result = Mul((P_I, Add((DELTA, Neg(P_J)))))
    plan: list[tuple[str, Form | None, Form, tuple[tuple[str, Param], ...]]] = [
        (
            "softmax_definition",
            d(P_I),
            d(quotient),
            (("p", P_I), ("formula", quotient), ("sum", S), ("terms", terms)),
        ),
        (
            "softmax_quotient_rule",
            d(quotient),
            Div(Add((Mul((d(E_I), S)), Neg(Mul((E_I, d(S)))))), Pow(S, TWO)),
            (("u", E_I), ("v", S)),
        ),
        ("softmax_sum_derivative", None, derived, (("sum", S), ("part", d(S)), ("value", E_J))),
        ("softmax_case_equal", derived, equal, (("part", d(E_I)), ("value", E_I))),
        ("softmax_equal_factor", None, equal_factored, (("factor", Div(E_I, S)),)),
        (
            "softmax_equal_in_p",
            None,
            equal_result,
            (
                ("first", Div(E_I, S)),
                ("p", P_I),
                ("second", Div(Add((S, Neg(E_J))), S)),
                ("complement", Add((ONE, Neg(P_J)))),
            ),
        ),
        ("softmax_case_other", derived, other, (("part", d(E_I)), ("value", ZERO))),
        ("softmax_other_in_p", None, other_result, (("value", other_result),)),
        (
            "kronecker_delta",
            derived,
            result,
            (("delta", DELTA), ("equal", equal_result), ("other", other_result)),
        ),
    ]
    steps: list[tuple[Step, Scope]] = []
    current: Form = d(P_I)
    for rule, before, after, params in plan:
        start = current if before is None else before
        steps.append((Step(rule, start, after, params), SCOPES.get(rule, "all")))
        current = after
    return steps, result


def two_class_steps() -> tuple[list[Step], Form]:
    """p₁ = e^{z₁}/(e^{z₁} + e^{z₂}) = σ(z₁ − z₂): divide by e^{z₁}."""
    formula = Div(E1, Add((E1, E2)))
    divided = Div(ONE, Add((ONE, Div(E2, E1))))
    difference = Add((Z1, Neg(Z2)))
    power = Func("exp", Neg(difference))
    combined = Div(ONE, Add((ONE, power)))
    result = Func("sigmoid", difference)
    plan: list[tuple[str, Form, tuple[tuple[str, Param], ...]]] = [
        ("softmax_two_classes", formula, (("p", P1), ("formula", formula))),
        ("divide_by_exponential", divided, (("factor", E1),)),
        ("subtract_exponents", combined, (("ratio", Div(E2, E1)), ("power", power))),
        ("substitute_sigma", result, (("pattern", combined), ("sigma", result))),
    ]
    steps: list[Step] = []
    current: Form = P1
    for rule, after, params in plan:
        steps.append(Step(rule, current, after, params))
        current = after
    return steps, result


def derive_softmax(*, lang: str = "en", verify: bool = True) -> tuple[Proof, Proof]:
    """The two derivations of ``sigmoid derive --softmax``, every step checked (unless ``verify``
    is false) for n = 2, 3, 4 (the general one) and n = 2 (the two-class one)."""
    from .derive import LANGUAGES

    if lang not in LANGUAGES:
        from sigmoid_cli.errors import UsageError

        raise UsageError(f"--lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    scoped, result = softmax_steps()
    general = Proof(
        KIND, P_I, VAR, 1, tuple(step for step, _ in scoped), result, symbols=("zᵢ", VAR), lang=lang
    )
    steps, two_result = two_class_steps()
    two = Proof(TWO_CLASS, P1, "z₁", 0, tuple(steps), two_result, symbols=("z₁", "z₂"), lang=lang)
    if not verify:
        return general, two
    budget = Budget()
    try:
        with time_limit(budget.limit):
            general = verify_general(general, tuple(scope for _, scope in scoped), budget)
            two = verify_two_class(two, budget)
    except OutOfTime:
        raise budget.out_of_time() from None
    return general, two


# --- checking on concrete n ---------------------------------------------------------------------


def pairs(n: int, scope: Scope) -> list[tuple[int, int]]:
    return [
        (i, j)
        for i in range(1, n + 1)
        for j in range(1, n + 1)
        if scope == "all" or (scope == "equal") == (i == j)
    ]


def concrete(form: Form, n: int, i: int, j: int) -> Form:
    """The form for n classes and the indices i, j: S the sum e^{z1} + … + e^{zn}, pᵢ = e^{zᵢ}/S,
    δᵢⱼ 1 or 0, and ∂/∂zⱼ a derivative by zj."""
    total = Add(tuple(Func("exp", Sym(f"z{k}")) for k in range(1, n + 1)))
    names: dict[str, Form] = {
        "zᵢ": Sym(f"z{i}"),
        "zⱼ": Sym(f"z{j}"),
        "S": total,
        "pᵢ": Div(Func("exp", Sym(f"z{i}")), total),
        "pⱼ": Div(Func("exp", Sym(f"z{j}")), total),
        "δᵢⱼ": ONE if i == j else ZERO,
        "z₁": Sym("z1"),
        "z₂": Sym("z2"),
        "p₁": Div(Func("exp", Sym("z1")), Add((Func("exp", Sym("z1")), Func("exp", Sym("z2"))))),
    }

    def one(node: Form) -> Form:
        if isinstance(node, Sym) and node.name in names:
            return names[node.name]
        if isinstance(node, Deriv) and node.var in names:
            target = names[node.var]
            assert isinstance(target, Sym)
            return Deriv(node.expr, target.name, node.order)
        return node

    return F.map_bottom_up(form, one)


def check_instances(
    before: Form, after: Form, instances: list[tuple[int, int, int]], budget: Budget, *, label: str = ""
) -> Verification:
    """before = after checked on every (n, i, j) of ``instances``, each by verify.check_equal
    with zj as the variable and the other z's as parameters; one verdict for them all."""
    import sympy

    from .simplify import sigma_out
    from .verify import check_equal, checker

    methods: list[str] = []
    points = 0
    numeric = None
    for n, i, j in instances:
        budget.check_time()
        left, right = concrete(before, n, i, j), concrete(after, n, i, j)
        names = tuple(f"z{k}" for k in range(1, n + 1))
        context = checker(f"z{j}", names, budget)
        left_expr = None
        if label == "sympy.diff":  # an independent differentiation of the softmax itself
            function = concrete(before, n, i, j)
            assert isinstance(function, Deriv)
            table = {name: sympy.Symbol(name, real=True) for name in names}
            left_expr = sympy.diff(sigma_out(F.to_sympy(function.expr, table)), table[f"z{j}"])
        verdict = check_equal(left, right, context, left_expr=left_expr, label=label)
        where = f"n = {n}" + (f", i = {i}, j = {j}" if i else "")
        if verdict.status == "failed":
            return Verification("failed", points=points + verdict.points, detail=f"{where}: {verdict.detail}")
        if verdict.status == "checked numerically" and numeric is None:
            numeric = where
        points += verdict.points
        method = verdict.method.split(": ", 1)[-1] if label else verdict.method
        if method not in methods:
            methods.append(method)
    what = _instances_text(instances)
    prefix = f"{label}, " if label else ""
    if numeric is not None:
        return Verification("checked numerically", method=f"{prefix}{what}", points=points)
    return Verification("proved", method=f"{prefix}{what}: {', '.join(methods)}", points=points)


def _instances_text(instances: list[tuple[int, int, int]]) -> str:
    sizes = sorted({n for n, _, _ in instances})
    shown = "n = " + ", ".join(map(str, sizes))
    if not any(i for _, i, _ in instances):
        return shown
    if all(i == j for _, i, j in instances):
        return f"{shown}, every i = j"
    if all(i != j for _, i, j in instances):
        return f"{shown}, every i ≠ j"
    return f"{shown}, every i, j"


def verify_general(proof: Proof, scopes: tuple[Scope, ...], budget: Budget) -> Proof:
    checked = []
    for step, scope in zip(proof.steps, scopes, strict=True):
        instances = [(n, i, j) for n in SIZES for i, j in pairs(n, scope)]
        checked.append(
            replace(step, verification=check_instances(step.before, step.after, instances, budget))
        )
    every = [(n, i, j) for n in SIZES for i, j in pairs(n, "all")]
    check = check_instances(proof.problem, proof.result, every, budget, label="sympy.diff")
    return replace(proof, steps=tuple(checked), check=check)


def verify_two_class(proof: Proof, budget: Budget) -> Proof:
    only = [(2, 0, 1)]  # n = 2, the variable z1 (z2 a parameter): no indices
    checked = tuple(
        replace(step, verification=check_instances(step.before, step.after, only, budget))
        for step in proof.steps
    )
    check = check_instances(proof.function, proof.result, only, budget, label="")
    return replace(proof, steps=checked, check=check)


__all__ = ["KIND", "SIZES", "TWO_CLASS", "concrete", "derive_softmax", "softmax_steps", "two_class_steps"]
