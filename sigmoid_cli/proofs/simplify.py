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
    Style,
    Sym,
    Unshowable,
    from_sympy,
    negate_sum,
    num,
    orient,
    size,
    surplus,
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
    # The simplest exponent first; SymPy's fixed order of expressions between equally simple
    # ones (a set's order changes with the hash seed).
    arguments = sorted(
        {atom.args[0] for atom in powers}, key=lambda a: (sympy.count_ops(a), sympy.default_sort_key(a))
    )
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


def sigma_form(expr: Any, x: Any, style: Style | None = None) -> tuple[Form, Any] | None:
    """``expr`` stated in σ where possible: (form, sympy expression) or None; sums as ``style``
    has seen them."""
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
    form = polynomial_in_sigma(in_s, s, from_sympy(g, style), style)
    return form, in_s.subs(s, sigmoid(g))


def polynomial_in_sigma(expr: Any, s: Any, arg: Form, style: Style | None = None) -> Form:
    """A rational function of s = σ(arg) shown factored: c·σ·(1 − σ)·(1 − 2σ)... with each
    polynomial factor in ascending powers of σ and a positive constant term where possible;
    the other factors (x - x0) turned round as ``orient`` says, whichever way SymPy wrote them,
    and a leading minus taken into a factor that can take it: x·(σ - y), not -x·(y - σ)."""
    import sympy

    top_expr, bottom_expr = sympy.fraction(sympy.cancel(expr))
    sigma_form = Func("sigmoid", arg)
    sign = 1
    coefficient = sympy.Integer(1)
    top: list[Form] = []
    bottom: list[Form] = []
    # Factors to an odd power that may take a leading minus (see from_sympy): (its surplus of
    # positive terms, its place), and the factor turned round.
    free: list[tuple[tuple[int, int, int], list[Form], int, Form]] = []
    for side, (part, target) in enumerate(((top_expr, top), (bottom_expr, bottom))):
        c, factors = sympy.factor_list(part)
        coefficient = coefficient * c if target is top else coefficient / c
        turned = []
        for factor, multiplicity in factors:
            shown_factor, seen = factor, not factor.has(s)  # a σ-polynomial has its own way round
            if factor.is_Add and not factor.has(s):
                shown_factor, negated, seen = orient(factor, style)
                if negated and multiplicity % 2:
                    sign = -sign
            turned.append((shown_factor, int(multiplicity), seen))
        ordered = sorted(turned, key=lambda item: _sigma_order(item[0], s))
        for factor, power, seen in ordered:
            shown, flipped = _sigma_factor(factor, s, sigma_form, style)
            if flipped and power % 2:
                sign = -sign
            if power % 2 and not seen:
                other = _turned_factor(factor, s, sigma_form, style)
                if other is not None:
                    cost, turned_form = other
                    place = (cost, side, len(target))
                    free.append((place, target, len(target), _power(turned_form, power)))
            target.append(_power(shown, power))
    value = Fraction(int(sympy.numer(coefficient)), int(sympy.denom(coefficient))) * sign
    if value < 0 and free:
        _, target, index, turned_form = min(free, key=lambda item: item[0])
        target[index] = turned_form
        value = -value
    if abs(value.numerator) != 1 or not top:
        top.insert(0, Num(Fraction(abs(value.numerator))))
    if value.denominator != 1:
        bottom.insert(0, Num(Fraction(value.denominator)))
    body: Form = top[0] if len(top) == 1 else Mul(tuple(top))
    if bottom:
        body = Div(body, bottom[0] if len(bottom) == 1 else Mul(tuple(bottom)))
    return Neg(body) if value < 0 else body


def _power(form: Form, power: int) -> Form:
    return form if power == 1 else Pow(form, num(power))


def _turned_factor(factor: Any, s: Any, sigma_form: Form, style: Style | None) -> tuple[int, Form] | None:
    """A factor that may take a product's minus, turned round, with its surplus of positive
    terms (0 or 1): a sum free of σ (x - x0, unseen by the reader), or a σ-polynomial whose
    constant term is not a number (y - σ → σ - y; 1 - σ stays as it is). None for any other."""
    import sympy

    if not factor.has(s):
        if not factor.is_Add or surplus(factor) > 1:
            return None
        return surplus(factor), from_sympy(negate_sum(factor), style)
    try:
        poly = sympy.Poly(factor, s)
    except sympy.PolynomialError:
        return None
    constant = poly.coeff_monomial(1)
    if constant == 0 or constant.is_Number:
        return None
    shown, _ = _sigma_factor(factor, s, sigma_form, style)
    if not isinstance(shown, Add):
        return None
    negatives = sum(1 for term in shown.terms if isinstance(term, Neg))
    cost = len(shown.terms) - 2 * negatives
    if cost not in (0, 1):
        return None
    terms = [term.arg if isinstance(term, Neg) else Neg(term) for term in shown.terms]
    for index, term in enumerate(terms):  # start with a positive term: σ - y
        if not isinstance(term, Neg):
            terms.insert(0, terms.pop(index))
            break
    return cost, Add(tuple(terms))


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


def _sigma_factor(factor: Any, s: Any, sigma_form: Form, style: Style | None) -> tuple[Form, bool]:
    """One factor of a σ-polynomial as shown, and whether its sign was flipped."""
    import sympy

    if factor == s:
        return sigma_form, False
    if not factor.has(s):
        return from_sympy(factor, style), False
    try:
        poly = sympy.Poly(factor, s)
    except sympy.PolynomialError:
        return _replace_symbol(from_sympy(factor, style), s.name, sigma_form), False
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
            term = from_sympy(magnitude, style)
            if isinstance(term, Add) and not negative:
                terms.extend(term.terms)
                continue
        elif magnitude == 1:
            term = power_form
        else:
            shown = from_sympy(magnitude, style)
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


def simplification_steps(
    result: Form, var: str, budget: Budget, like: tuple[Form, ...] = ()
) -> tuple[list[Step], Form, Any]:
    """Steps from the engine's tidy result to a simpler equal form; (steps, form, sympy).
    Sums keep the order they have in ``like`` (the user's expression), and the way round they
    have there or in the result."""
    import sympy

    from .algebra import algebra_steps

    # The named rewrites first: what they do is shown, not left to SymPy's black boxes.
    steps, current = algebra_steps(result, final=True)
    expr = to_sympy(current)
    style = Style(*like, also=(result,))
    try:
        collected = from_sympy(expr, style)
    except Unshowable:
        return steps, current, expr
    # A black box must shorten clearly to be worth a step nobody can follow (σ^2 - σ is one
    # node shorter than -σ·(1 - σ), and no better).
    margin = 1
    if collected != current and size(collected) < size(current) - margin:
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
            form = from_sympy(value, style)
        except Unshowable:
            continue
        if size(form) < size(best_form) - (margin if best_form is current else 0):
            best_rule, best_form, best_expr = rule, form, value
    if best_rule:
        steps.append(Step(best_rule, current, best_form))
        current, expr = best_form, best_expr
    # SymPy's answer may hold what a named rule writes shorter (σ/(1 − σ) = e^u); and the
    # result gets its final form (b − a, not −(a − b)).
    more, final = algebra_steps(current, final=True)
    if more:
        steps += more
        current, expr = final, to_sympy(final)
    return steps, current, expr


def form_steps(
    result: Form,
    expr: Any,
    var: str,
    form: str,
    budget: Budget,
    *,
    prefer_sigma: bool,
    like: tuple[Form, ...] = (),
) -> list[Step]:
    """The last step: the result in σ (where possible and not longer) or with σ written out;
    sums as in ``like`` (the user's expression) or, their way round, in the result."""
    import sympy

    from sigmoid_cli.symbolic.sympy_bridge import sigmoid

    x = sympy.Symbol(var, real=True)
    style = Style(*like, also=(result,))
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
                shown = from_sympy(value, style)
            except Unshowable:
                continue
            # The first proposal keeps σ's own e^{−x}; another must be clearly shorter to win.
            if best is None or size(shown) + (4 if index else 0) < size(best):
                best = shown
        if best is None:
            best = from_sympy(written, style)
        return [Step("to_exp_form", result, best)]
    if _ops(expr) > MAX_OPS:
        return []
    found = _attempt(budget, sigma_form, expr, x, style)
    if found is None:
        return []
    shown, _ = found
    if shown == result or to_sympy(shown) == to_sympy(result):  # the same terms in another order
        return []
    # Without exponentials to replace, the step only simplifies in σ: say that, and take it
    # only when it clearly simplifies (not σ·(1 + x·(1 − σ)) → σ·(1 + x − x·σ), one node less).
    exponentials = expr.has(sympy.exp, sympy.sinh, sympy.cosh, sympy.tanh)
    if not exponentials and size(shown) >= size(result) - 1:
        return []
    if size(shown) <= size(result) + 2 or (prefer_sigma and size(shown) <= 2 * size(result)):
        rule = "to_sigma_form" if exponentials else "simplify_in_sigma"
        return [Step(rule, result, shown)]
    return []


__all__ = ["Deriv", "from_sympy", "polynomial_in_sigma", "sigma_form", "simplification_steps"]
