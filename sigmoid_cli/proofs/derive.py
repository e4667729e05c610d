"""``derive``: the entry of the proof printer. It checks the options and the limits, picks a
curated derivation or the general rule engine, states the result in σ or exp, and has every
step verified, all within the derivation's time limit."""

from __future__ import annotations

import keyword
import re
from dataclasses import replace

from sigmoid_cli.errors import DataError, UsageError
from sigmoid_cli.grammar.parser import MAX_POWER_DIGITS, RESERVED_NAMES
from sigmoid_cli.numeric.family import NAMES as FAMILY

from . import forms as F
from .budget import Budget, OutOfTime, time_limit
from .decimals import shown_as_decimals
from .detail import DETAILS
from .steps import Lemma, Proof, Step, Verification
from .texts import TEXTS

LANGUAGES = tuple(TEXTS)  # a language is a module of texts/
RESULT_FORMS = ("sigma", "exp")  # what the result may be stated in (--form)
PIECEWISE = ("hardsigmoid", "smoothstep")
_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,31}")


def derive(
    *,
    log: bool = False,
    complement: bool = False,
    order: int = 1,
    fn: str = "logistic",
    expr: str | None = None,
    var: str = "x",
    form: str | None = None,
    lang: str = "en",
    verify: bool = True,
    detail: str = "normal",
) -> Proof:
    """A derivation, every step checked (unless ``verify`` is false).

    - default: d/dx σ(x) in the classic ten steps; ``log``/``complement``: by dy/dσ · dσ/dx;
    - ``order``: the n-th derivative (1 to 20), as a polynomial in σ for the logistic;
    - ``fn``: a family member (tanh, arctan, gd, erf, algebraic, softsign, normal-cdf,
      hardsigmoid, smoothstep);
    - ``expr``: any expression of ``var`` in the grammar of sigmoid_cli.grammar.parser, other names
      being constant parameters; ``form``: state the result in σ ("sigma") or in exp ("exp");
    - ``lang``: the language the renderers use by default (en, ja, ko);
    - ``detail``: brief, normal or full (detail.py says what each shows); with ``log`` or
      ``complement``, brief takes the short route through the lemma σ' = σ(1 − σ).

    Raises UsageError (bad options, limits), DataError/ParseError (a bad expression).
    """
    _check_options(
        log=log, complement=complement, order=order, fn=fn, expr=expr, var=var, form=form, lang=lang
    )
    if detail not in DETAILS:
        raise UsageError(f"--detail must be one of {', '.join(DETAILS)}, not {detail!r}")
    budget = Budget()
    try:
        with time_limit(budget.limit):
            if expr is not None:
                function = parse_expression(expr, var)
                proof = derive_expression(
                    function, var, order, form or "sigma", budget, kind="expr", detail=detail
                )
            elif fn == "logistic":
                proof = _logistic(log, complement, order, var, form, budget, short=detail == "brief")
            elif order == 1:
                proof = _member(fn, var, form, budget)
            else:
                from .curated import written_out

                kind = f"fn:{fn}"
                proof = derive_expression(
                    written_out(fn, var), var, order, form or "sigma", budget, kind=kind, detail=detail
                )
            proof = _shown(proof, detail)
            proof = replace(shown_as_decimals(proof), lang=lang)
            if verify:
                from .verify import verify_proof

                proof = verify_proof(proof, budget)
            return proof
    except OutOfTime:
        raise budget.out_of_time() from None


def _check_options(
    *,
    log: bool,
    complement: bool,
    order: int,
    fn: str,
    expr: str | None,
    var: str,
    form: str | None,
    lang: str,
) -> None:
    from .budget import MAX_ORDER

    if not 1 <= order <= MAX_ORDER:
        raise UsageError(f"--order must be between 1 and {MAX_ORDER}, not {order}")
    if lang not in LANGUAGES:
        raise UsageError(f"--lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    if form is not None and form not in RESULT_FORMS:
        raise UsageError(f"--form must be sigma or exp, not {form!r}")
    if fn not in FAMILY:
        raise UsageError(f"--fn must be one of {', '.join(FAMILY)}, not {fn!r}")
    if not _IDENTIFIER.fullmatch(var) or var.lower() in RESERVED_NAMES:
        raise UsageError(f"--var must be a name such as x or t (letters, digits, _), not {var!r}")
    if expr is not None and fn != "logistic":
        raise UsageError("choose one of --fn and --expr")
    if expr is not None and (log or complement):
        raise UsageError(
            "--log and --complement apply to σ itself; with --expr write it out, "
            "e.g. --expr 'log(sigmoid(x))'"
        )
    if fn != "logistic" and (log or complement):
        raise UsageError("--log and --complement apply to the logistic σ only, not to --fn " + fn)
    if fn in PIECEWISE and order > 1:
        raise UsageError(f"{fn} is piecewise and not twice differentiable at its joins: --order must be 1")


# --- curated ----------------------------------------------------------------------------------------


def _logistic(
    log: bool, complement: bool, order: int, var: str, form: str | None, budget: Budget, *, short: bool
) -> Proof:
    from . import curated

    kind = (
        "log-complement"
        if log and complement
        else "log"
        if log
        else "complement"
        if complement
        else "logistic"
    )
    function = curated.function_form(kind, var)
    if order == 1 and short and kind in curated.SHORT:
        steps, result, lemmas = curated.SHORT[kind](var)
    elif order == 1:
        builder = {
            "logistic": curated.logistic,
            "log": curated.log,
            "complement": curated.complement,
            "log-complement": curated.log_complement,
        }[kind]
        steps, result, lemmas = builder(var, budget)
    else:
        steps, result, lemmas = curated.higher_order(kind, var, order)
    steps, result = _restate(steps, result, var, form, budget)
    return Proof(kind, function, var, order, tuple(steps), result, lemmas, symbols=(var,))


def _member(fn: str, var: str, form: str | None, budget: Budget) -> Proof:
    from . import curated

    steps, result, lemmas, notes = curated.member(fn, var, budget)
    if fn not in PIECEWISE:
        steps, result = _restate(steps, result, var, form, budget)
    function = curated.member_function(fn, var)
    return Proof(f"fn:{fn}", function, var, 1, tuple(steps), result, lemmas, symbols=(var,), notes=notes)


def _restate(
    steps: list[Step], result: F.Form, var: str, form: str | None, budget: Budget
) -> tuple[list[Step], F.Form]:
    """An explicit --form on a curated result: one more step, in σ or in exp."""
    from .simplify import form_steps

    if form is None:
        return steps, result
    more = form_steps(result, F.to_sympy(result), var, form, budget, prefer_sigma=True)
    if more:
        steps = [*steps, *more]
        result = more[-1].after
    return steps, result


# --- the general engine -----------------------------------------------------------------------------


def parse_expression(text: str, var: str) -> F.Form:
    """Our whitelist parser (never eval or sympify), then a form; other names are parameters."""
    from sigmoid_cli.errors import ParseError
    from sigmoid_cli.grammar import parser as grammar

    if len(text) > grammar.MAX_LENGTH:
        raise ParseError(
            f"--expr: the expression is {len(text)} characters long; the limit is {grammar.MAX_LENGTH}",
            text[:40],
            1,
        )
    names = {match.group() for match in re.finditer(r"[A-Za-z_\u03c0\u03c3][A-Za-z0-9_]*", text)}
    parameters = {name for name in names if name.lower() not in RESERVED_NAMES and name[0] != "_"}
    # Parse first, so that text which is not an expression at all ('x; import os') is reported as
    # the syntax error it is, not as a complaint about one of its words.
    try:
        node = grammar.parse(text, frozenset(parameters | {var}), allow_special=False)
    except ParseError as error:  # say which input it is about: there may be several options
        raise ParseError(f"--expr: {error}", error.text, error.position) from None
    for name in sorted(parameters):
        if keyword.iskeyword(name) or len(name) > 32:
            raise UsageError(f"{name!r} cannot be a parameter name; choose another (letters, digits, _)")
    form = F.from_grammar(node)
    _check_constants(form)
    _check_defined(form, var)
    return form


def _check_constants(form: F.Form) -> None:
    """Refuse constant powers too large to work with exactly (2^2^2^2^2, 10^100000)."""
    import math

    for node in F.walk(form):
        if not isinstance(node, F.Pow) or (F.symbols(node.exp) and F.symbols(node.base)):
            continue
        if F.symbols(node.exp):
            continue
        exponent = _approximate(node.exp)
        base = _approximate(node.base) if not F.symbols(node.base) else 10.0
        if exponent is None or base is None:
            raise UsageError("a constant exponent in the expression is too large to work with exactly")
        digits = abs(exponent) * max(1.0, math.log10(abs(base)) if base else 1.0)
        if abs(exponent) > MAX_POWER_DIGITS or digits > MAX_POWER_DIGITS:
            raise UsageError(
                f"a power in the expression has an exponent of about {exponent:.3g}: too large to work with "
                f"exactly (the limit is {MAX_POWER_DIGITS} digits)"
            )


def _check_defined(form: F.Form, var: str) -> None:
    """Refuse an expression that has no value anywhere (1/0, log(0), x/(x - x)): its "derivative"
    would be a proof about nothing, and the constant rule would even call d/dx [1/0] = 0 proved."""
    import sympy

    def undefined(node: F.Form) -> bool:
        return bool(F.to_sympy(node).has(sympy.zoo, sympy.nan))

    if not undefined(form):
        return
    # Name the smallest part that is undefined: walk down while a child still is.
    culprit = form
    while True:
        inner = next((child for child in F.children(culprit) if undefined(child)), None)
        if inner is None:
            break
        culprit = inner
    raise DataError(f"the expression has no value for any {var}: {F.plain(culprit)} is undefined")


def _approximate(form: F.Form) -> float | None:
    """A float value of a constant form, None when it overflows or is undefined."""
    import math

    from sigmoid_cli.numeric.text import float_backend

    # The grammar's own float64 tables, so a function added there is approximated here too.
    backend = float_backend()
    values, functions = backend.constants, backend.functions

    def value(node: F.Form) -> float:
        if isinstance(node, F.Num):
            return float(node.value)
        if isinstance(node, F.Const):
            return float(values[node.name])
        if isinstance(node, F.Neg):
            return -value(node.arg)
        if isinstance(node, F.Add):
            return sum(value(t) for t in node.terms)
        if isinstance(node, F.Mul):
            return math.prod(value(f) for f in node.factors)
        if isinstance(node, F.Div):
            return value(node.num) / value(node.den)
        if isinstance(node, F.Pow):
            result = value(node.base) ** value(node.exp)
            if isinstance(result, complex):
                raise ValueError
            return float(result)
        assert isinstance(node, F.Func)
        return float(functions[node.name](value(node.arg)))

    try:
        result = value(form)
    except (OverflowError, ZeroDivisionError, ValueError, KeyError):
        return None
    return result if math.isfinite(result) else None


def _shown(proof: Proof, detail: str) -> Proof:
    """The steps as --detail shows them: folded for brief, citations numbered."""
    from .citations import number_citations
    from .detail import fold

    steps = fold(proof.steps) if detail == "brief" else proof.steps
    return replace(proof, steps=number_citations(steps))


def derive_expression(
    function: F.Form,
    var: str,
    order: int,
    form: str,
    budget: Budget,
    *,
    kind: str,
    detail: str = "normal",
) -> Proof:
    """The engine's derivation of d^order/dvar^order function, simplified, in the wanted form.
    Below full detail, a derivative worked out once (at this order or a lower one) is cited
    after that, and σ' = σ(1 − σ) is a lemma."""
    from .algebra import final_order
    from .engine import Known, differentiate, estimate
    from .simplify import form_steps, simplification_steps

    estimate(function, var, order)
    prefer_sigma = any(isinstance(node, F.Func) and node.name == "sigmoid" for node in F.walk(function))
    top: list[Step] = []
    current: F.Form = function
    known: Known | None = None if detail == "full" else {}
    for k in range(1, order + 1):
        steps, result = differentiate(current, var, budget, known)
        # Sums as the user wrote them (and as the line being differentiated has them).
        like = (function,) if current is function else (function, current)
        more, result, expr = simplification_steps(result, var, budget, like=like)
        steps += more
        if k == order:
            shown = form_steps(result, expr, var, form, budget, prefer_sigma=prefer_sigma, like=like)
            steps += shown
            if shown:
                result = shown[-1].after
        ordered = final_order(result)
        if steps and ordered != result:  # the last step writes its factors in the usual order
            steps[-1] = replace(steps[-1], after=ordered)
            result = ordered
        budget.count_step(len(more))
        if order == 1:
            top = steps
        else:
            # The order-k step proves d/dvar of the previous order's result: a later order that
            # needs that derivative again cites it (citations.py finds it by "part").
            params = (("k", k), ("part", F.Deriv(current, var)))
            top.append(Step("order_k", F.Deriv(function, var, k), result, params, tuple(steps)))
        if known is not None:
            known.setdefault(F.tidy(current), result)
        current = result
    names = tuple(sorted(F.symbols(function) | {var}))
    lemmas: tuple[Lemma, ...] = ()
    if detail != "full":
        from .known import quote_sigma_prime

        top, lemmas = quote_sigma_prime(top, var)
    return Proof(kind, function, var, order, tuple(top), current, lemmas, symbols=names)


__all__ = ["FAMILY", "LANGUAGES", "Lemma", "Proof", "Step", "Verification", "derive"]
