"""The SymPy side of a derivation: simplification steps and the σ / exp forms of a result.

SymPy proposes (collect like terms, combine fractions, factor, simplify, write in σ); each
proposal becomes a form (``from_sympy``) and a step, which verify.py checks like any other.
Every SymPy call runs under a time limit, on expressions below a size limit.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .budget import SIMPLIFY_BUDGET, Budget, OutOfTime, alarms_available, time_limit
from .forms import (
    Add,
    Deriv,
    Div,
    Form,
    Func,
    Mul,
    Neg,
    Num,
    Pow,
    Sym,
    Unshowable,
    from_sympy,
    num,
    size,
    to_sympy,
)
from .steps import Step

MAX_OPS = 400  # SymPy simplification is attempted only below this many operations


# --- σ written out, and back --------------------------------------------------------------------


def sigma_out(expr: Any) -> Any:
    """σ(u) replaced by 1/(1 + e^{−u}) everywhere."""
    import sympy

    from sigmoid_cli.symbolic.sympy_bridge import sigmoid

    return expr.replace(lambda e: isinstance(e, sigmoid), lambda e: 1 / (1 + sympy.exp(-e.args[0])))


def _linear_exponents(expr: Any, x: Any) -> tuple[Any, dict[Any, Any], Any] | None:
    """Write every e^{a} that depends on x as a power T^m of one positive symbol T = e^{h}:
    (h, {e^{a}: T^m}, T), or None when the exponents are not rational multiples of one h."""
    import sympy

    powers = [atom for atom in expr.atoms(sympy.exp) if atom.has(x)]
    if not powers:
        return None
    arguments = sorted({atom.args[0] for atom in powers}, key=sympy.count_ops)
    base = arguments[0]
    ratios = {}
    for argument in arguments:
        ratio = sympy.cancel(argument / base)
        if not ratio.is_Rational:
            return None
        ratios[argument] = ratio
    denominator = sympy.ilcm(*[int(r.q) for r in ratios.values()]) if len(ratios) > 1 else int(ratios[base].q)
    t = sympy.Symbol("T_", positive=True)
    mapping = {sympy.exp(argument): t ** int(ratio * denominator) for argument, ratio in ratios.items()}
    return base / denominator, mapping, t


def _cancel_in_exp(expr: Any) -> Any:
    """One fraction in e^{h}, with h the exponent σ's definition brings in (e^{−x}, not e^{x})."""
    import sympy

    symbols = sorted(expr.free_symbols, key=str)
    for x in symbols:
        found = _linear_exponents(expr, x)
        if found is not None:
            h, mapping, t = found
            rational = sympy.cancel(expr.xreplace(mapping))
            if not rational.has(x):
                return sympy.factor(rational).subs(t, sympy.exp(h))
    return sympy.cancel(expr)


def sigma_form(expr: Any, x: Any) -> tuple[Form, Any] | None:
    """``expr`` stated in σ where possible: (form, sympy expression) or None."""
    import sympy

    from sigmoid_cli.symbolic.sympy_bridge import sigmoid

    written = sigma_out(expr)
    hyperbolic = (sympy.sinh, sympy.cosh, sympy.tanh, sympy.sech)
    if written.has(*hyperbolic):
        written = written.replace(lambda e: isinstance(e, hyperbolic), lambda e: e.rewrite(sympy.exp))
    found = _linear_exponents(written, x)
    if found is None:
        return None
    h, mapping, t = found
    rational = sympy.cancel(sympy.expand(written.xreplace(mapping)))
    if any(atom.has(x) for atom in rational.atoms(sympy.exp)):
        return None
    top, bottom = sympy.fraction(rational)
    degrees = []
    for part in (top, bottom):
        poly = sympy.Poly(part, t)
        degrees += [monomial[0] for monomial in poly.monoms() if monomial[0] != 0]
    step = int(sympy.igcd(*degrees)) if len(degrees) > 1 else (degrees[0] if degrees else 1)
    g = sympy.expand(h * step)
    if g.could_extract_minus_sign():
        g = -g
        ratio = None  # e^{−g} = (1 − s)/s
    else:
        ratio = 1  # e^{g} = s/(1 − s)
    s = sympy.Symbol("s_", positive=True)
    w = s / (1 - s) if ratio == 1 else (1 - s) / s
    # T = e^{h}, T^step = e^{±g} = w
    substituted = rational.subs(t, w ** sympy.Rational(1, step))
    in_s = sympy.factor(sympy.cancel(sympy.expand(substituted)))
    if in_s.has(t) or any(atom.has(x) for atom in in_s.atoms(sympy.exp)):
        return None
    g = sympy.factor_terms(g)
    form = polynomial_in_sigma(in_s, s, from_sympy(g))
    return form, in_s.subs(s, sigmoid(g))


def polynomial_in_sigma(expr: Any, s: Any, arg: Form) -> Form:
    """A rational function of s = σ(arg) shown factored: c·σ·(1 − σ)·(1 − 2σ)... with each
    polynomial factor in ascending powers of σ and a positive constant term where possible."""
    import sympy

    top_expr, bottom_expr = sympy.fraction(sympy.cancel(expr))
    sigma_form = Func("sigmoid", arg)
    sign = 1
    coefficient = sympy.Integer(1)
    top: list[Form] = []
    bottom: list[Form] = []
    for part, target in ((top_expr, top), (bottom_expr, bottom)):
        c, factors = sympy.factor_list(part)
        coefficient = coefficient * c if target is top else coefficient / c
        ordered = sorted(factors, key=lambda item: _sigma_order(item[0], s))
        for factor, multiplicity in ordered:
            shown, flipped = _sigma_factor(factor, s, sigma_form)
            if flipped and multiplicity % 2:
                sign = -sign
            power = int(multiplicity)
            target.append(shown if power == 1 else Pow(shown, num(power)))
    value = Fraction(int(sympy.numer(coefficient)), int(sympy.denom(coefficient))) * sign
    if abs(value.numerator) != 1 or not top:
        top.insert(0, Num(Fraction(abs(value.numerator))))
    if value.denominator != 1:
        bottom.insert(0, Num(Fraction(value.denominator)))
    body: Form = top[0] if len(top) == 1 else Mul(tuple(top))
    if bottom:
        body = Div(body, bottom[0] if len(bottom) == 1 else Mul(tuple(bottom)))
    return Neg(body) if value < 0 else body


def _sigma_order(factor: Any, s: Any) -> tuple[int, int, float, str]:
    """Constants first, then σ, then (1 − σ), (1 − 2σ), ... by degree and size of coefficient."""
    import sympy

    if not factor.has(s):
        return 0, 0, 0.0, str(factor)
    if factor == s:
        return 1, 1, 0.0, ""
    try:
        poly = sympy.Poly(factor, s)
        leading = poly.LC()
        size_ = float(abs(leading)) if leading.is_Number else 0.0
        return 2, int(poly.degree()), size_, str(factor)
    except sympy.PolynomialError:
        return 3, 0, 0.0, str(factor)


def _sigma_factor(factor: Any, s: Any, sigma_form: Form) -> tuple[Form, bool]:
    """One factor of a σ-polynomial as shown, and whether its sign was flipped."""
    import sympy

    if factor == s:
        return sigma_form, False
    if not factor.has(s):
        return from_sympy(factor), False
    try:
        poly = sympy.Poly(factor, s)
    except sympy.PolynomialError:
        return _replace_symbol(from_sympy(factor), s.name, sigma_form), False
    coefficients = list(reversed(poly.all_coeffs()))  # ascending powers of s
    lowest = next(c for c in coefficients if c != 0)
    flipped = bool(lowest.could_extract_minus_sign())
    if flipped:
        coefficients = [-c for c in coefficients]
    terms: list[Form] = []
    for degree, c in enumerate(coefficients):
        if c == 0:
            continue
        negative = bool(c.could_extract_minus_sign())
        magnitude = -c if negative else c
        power_form: Form = sigma_form if degree == 1 else Pow(sigma_form, num(degree))
        if degree == 0:
            term = from_sympy(magnitude)
            if isinstance(term, Add) and not negative:
                terms.extend(term.terms)
                continue
        elif magnitude == 1:
            term = power_form
        else:
            shown = from_sympy(magnitude)
            term = Mul((*(shown.factors if isinstance(shown, Mul) else (shown,)), power_form))
        terms.append(Neg(term) if negative else term)
    return (terms[0] if len(terms) == 1 else Add(tuple(terms))), flipped


def _replace_symbol(form: Form, name: str, new: Form) -> Form:
    from .forms import replace

    return replace(form, Sym(name), new)


# --- simplification steps -----------------------------------------------------------------------


def _attempt(budget: Budget, action: Any, *args: Any) -> Any:
    """Run one SymPy simplification within its time limit; None when it ran out."""
    if not alarms_available():
        return None  # without an alarm nothing long may start
    seconds = min(SIMPLIFY_BUDGET, budget.limit - budget.elapsed() - 1.0)
    if seconds <= 0:
        return None
    try:
        with time_limit(seconds):
            return action(*args)
    except OutOfTime:
        return None
    except Exception:  # SymPy gave up (PolynomialError, NotImplementedError, ...): no proposal
        return None


def _ops(expr: Any) -> int:
    import sympy

    return int(sympy.count_ops(expr))


def _function_kinds(expr: Any) -> set[str]:
    import sympy

    return {type(atom).__name__ for atom in expr.atoms(sympy.Function)} | (
        {"exp"} if expr.has(sympy.exp) else set()
    )


def simplification_steps(result: Form, var: str, budget: Budget) -> tuple[list[Step], Form, Any]:
    """Steps from the engine's tidy result to a simpler equal form; (steps, form, sympy)."""
    import sympy

    steps: list[Step] = []
    current = result
    expr = to_sympy(result)
    try:
        collected = from_sympy(expr)
    except Unshowable:
        return steps, current, expr
    if collected != current and size(collected) < size(current):
        steps.append(Step("collect_terms", current, collected))
        current = collected
    if _ops(expr) > MAX_OPS:
        return steps, current, expr
    candidates: list[tuple[str, Any]] = []
    for rule, action in (
        ("combine_fractions", sympy.cancel),
        ("factor", sympy.factor),
        ("combine_fractions", sympy.together),
        ("expand", sympy.expand),
        ("simplify", sympy.simplify),
    ):
        if rule == "simplify" and _ops(expr) > MAX_OPS // 4:
            continue
        value = _attempt(budget, action, expr)
        if value is not None:
            candidates.append((rule, value))
    best_rule, best_form, best_expr = "", current, expr
    allowed = _function_kinds(expr)
    for rule, value in candidates:
        if not _function_kinds(value) <= allowed:
            continue  # a teacher does not bring in cosh to simplify a sum of exponentials
        try:
            form = from_sympy(value)
        except Unshowable:
            continue
        if size(form) < size(best_form):
            best_rule, best_form, best_expr = rule, form, value
    if best_rule:
        steps.append(Step(best_rule, current, best_form))
        current, expr = best_form, best_expr
    return steps, current, expr


def form_steps(
    result: Form, expr: Any, var: str, form: str, budget: Budget, *, prefer_sigma: bool
) -> list[Step]:
    """The last step: the result in σ (where possible and not longer) or with σ written out."""
    import sympy

    from sigmoid_cli.symbolic.sympy_bridge import sigmoid

    x = sympy.Symbol(var, real=True)
    if form == "exp":
        if not expr.has(sigmoid):
            return []
        written = sigma_out(expr)
        best: Form | None = None
        for index, action in enumerate((_cancel_in_exp, sympy.cancel, sympy.factor, sympy.together)):
            value = _attempt(budget, action, written)
            if value is None:
                continue
            try:
                shown = from_sympy(value)
            except Unshowable:
                continue
            # The first proposal keeps σ's own e^{−x}; another must be clearly shorter to win.
            if best is None or size(shown) + (4 if index else 0) < size(best):
                best = shown
        if best is None:
            best = from_sympy(written)
        return [Step("to_exp_form", result, best)]
    if _ops(expr) > MAX_OPS:
        return []
    found = _attempt(budget, sigma_form, expr, x)
    if found is None:
        return []
    shown, _ = found
    if shown == result:
        return []
    if size(shown) <= size(result) + 2 or (prefer_sigma and size(shown) <= 2 * size(result)):
        # Without exponentials to replace, the step only simplifies in σ: say that.
        exponentials = expr.has(sympy.exp, sympy.sinh, sympy.cosh, sympy.tanh)
        rule = "to_sigma_form" if exponentials else "simplify_in_sigma"
        return [Step(rule, result, shown)]
    return []


__all__ = ["Deriv", "from_sympy", "polynomial_in_sigma", "sigma_form", "simplification_steps"]
