"""``check``: read a derivation someone wrote and verify each ``=`` of it.

A derivation is a problem (``d/dx log(sigmoid(x))``, ``diff(log(sigmoid(x)), x)``) and a chain
of forms, one per line or joined by ``=``; the problem itself is the chain's first side, and the
last form is compared with an independent differentiation (sympy.diff), so a chain of true
equalities that ends somewhere else is caught. LaTeX input goes through latex_reader first,
which hands back the same pieces.

Inside a form, ``d/dx [ … ]``, ``d/dx ( … )``, ``d/dx f(…)`` and ``diff(…, x)`` are derivatives
still to be carried out; each is cut out of the text (replaced by a placeholder of the same
width, so that error columns stay right), read on its own, and put back as a Deriv form.
Everything else is our whitelist grammar (sigmoid_cli.grammar.parser): nothing is eval-ed.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from sigmoid_cli.errors import DataError, ParseError
from sigmoid_cli.grammar import parser as grammar

from . import forms as F
from .budget import MAX_ORDER, Budget, OutOfTime, time_limit
from .diagnose import Diagnosis, Same, carry_out, diagnose
from .steps import Proof, Step, Verification
from .written import Piece, Written, split_sides

MAX_INPUT = 100_000  # characters of a whole derivation
MAX_NESTING = 40  # brackets inside brackets, checked before any parsing
MAX_FORMS = 200

Kind = Literal["start", "step", "side"]
_DERIV = re.compile(
    r"(?<![A-Za-z0-9_])(?:d(?:\^(?P<n>\d{1,3}))?/d(?P<var>[A-Za-z][A-Za-z0-9_]*)(?:\^(?P<m>\d{1,3}))?"
    r"(?![A-Za-z0-9_])|diff\s*\()"
)
_SPECIAL = re.compile(r"(?<![A-Za-z0-9_])(?P<word>integral|cases)\s*\(")
_NAME = re.compile(r"[A-Za-z_\u03c0\u03c3][A-Za-z0-9_]*")
_OPEN, _CLOSE = "([{", ")]}"


@dataclass(frozen=True, slots=True)
class Point:
    variable: str
    at: float
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Checked:
    number: int
    kind: Kind
    line: int
    column: int
    before: F.Form
    after: F.Form
    verification: Verification
    point: Point | None
    diagnosis: Diagnosis | None = None  # for a wrong step: the probable mistake, the correct form


@dataclass(frozen=True, slots=True)
class Report:
    problem: F.Form
    variable: str
    steps: tuple[Checked, ...]
    result: F.Form
    check: Verification  # the last form against sympy.diff
    point: Point | None
    expected: F.Form | None = None  # the derivative, simplified, when the chain ends elsewhere

    @property
    def first_wrong(self) -> Checked | None:
        return next((step for step in self.steps if step.verification.status == "failed"), None)

    @property
    def ok(self) -> bool:
        return self.first_wrong is None and self.check.status != "failed"


# --- reading --------------------------------------------------------------------------------------


def read(text: str) -> Written:
    """A derivation in our syntax or in LaTeX (told apart by a backslash)."""
    check_limits(text)
    if "\\" in text:
        from .latex_reader import read_latex

        return read_latex(text)
    return read_plain(text)


def check_limits(text: str) -> None:
    """Size and nesting, in one pass before any other work (1 MB of braces fails here, fast)."""
    if len(text) > MAX_INPUT:
        raise DataError(f"the derivation is more than {MAX_INPUT} characters long; the limit is {MAX_INPUT}")
    if "\x00" in text:
        raise DataError("the derivation contains a NUL byte")
    depth, line, column = 0, 1, 0
    for char in text:
        column += 1
        if char == "\n":
            line, column = line + 1, 0
        elif char in _OPEN:
            depth += 1
            if depth > MAX_NESTING:
                raise DataError(f"line {line}, column {column}: brackets nested more than {MAX_NESTING} deep")
        elif char in _CLOSE:
            depth = max(0, depth - 1)


def read_plain(text: str) -> Written:
    """Our syntax: the first line the problem (possibly continued by ``= …``), then one form per
    line or several joined by ``=``; blank lines and ``#`` comments are skipped."""
    pieces: list[Piece] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0]
        if not line.strip():
            continue
        start = len(line) - len(line.lstrip())
        if pieces and line[start] == "=":  # a continuation: `= next form`
            start += 1
        elif not pieces and line.lstrip().startswith("="):
            raise DataError(f"line {number}, column {start + 1}: the derivation must start with the problem")
        pieces += split_sides(line[start:], number, start + 1)
    if not pieces:
        raise DataError("the derivation is empty: write the problem (d/dx …) and then its steps")
    return Written(pieces[0], tuple(pieces[1:]))


# --- forms ----------------------------------------------------------------------------------------


def read_problem(piece: Piece) -> tuple[F.Form, str, int]:
    """(the function, the variable, the order) of ``d/dx f``, ``d^2/dx^2 f`` or ``diff(f, x)``."""
    text = piece.text
    match = _DERIV.match(text)
    if match is None:
        raise _error(piece, 0, "the first line must be the problem, such as d/dx log(sigmoid(x))")
    var, order, span, end = _operand(piece, match, whole=True)
    if text[end:].strip():
        raise _error(piece, end, "the problem must be one derivative, d/dx f or diff(f, x)")
    return read_form(piece.part(*span), var), var, order


def read_form(piece: Piece, var: str) -> F.Form:
    """One form of the chain, derivatives still to be carried out included."""
    text = piece.text
    pending: dict[str, F.Form] = {}
    out: list[str] = []
    position = 0
    while (match := _next_special(text, position)) is not None:
        if match.re is _DERIV:
            inner_var, order, span, end = _operand(piece, match, whole=False)
            found: F.Form = F.Deriv(read_form(piece.part(*span), inner_var), inner_var, order)
        else:
            end = _matching(piece, match.end() - 1) + 1
            inside = piece.part(match.end(), end - 1)
            found = _integral(inside, var) if match.group("word") == "integral" else _cases(inside, var)
        name = f"_d{len(pending)}"
        pending[name] = found
        out += [text[position : match.start()], name.ljust(end - match.start())]
        position = end
    out.append(text[position:])
    flat = "".join(out).replace("[", "(").replace("]", ")")
    names = {m.group() for m in _NAME.finditer(flat)}
    parameters = {n for n in names if n.lower() not in grammar.RESERVED_NAMES and n[0] != "_"}
    try:
        # internal: the registry's every function (sech, sign, gd, Phi), as derive writes them
        node = grammar.parse(
            flat, frozenset(parameters | set(pending) | {var}), allow_special=False, internal=True
        )
    except ParseError as error:
        raise _error(piece, error.position - 1, _without_position(str(error))) from None
    form = F.from_grammar(node)
    if not pending:
        return form
    return F.map_bottom_up(
        form, lambda node: pending.get(node.name, node) if isinstance(node, F.Sym) else node
    )


def _next_special(text: str, position: int) -> re.Match[str] | None:
    """The next derivative, ``integral(`` or ``cases(`` from ``position``."""
    found = [m for m in (_DERIV.search(text, position), _SPECIAL.search(text, position)) if m is not None]
    return min(found, key=lambda m: m.start()) if found else None


def _integral(inside: Piece, var: str) -> F.Form:
    """``integral(f, t, a, b)``: ∫ from a to b of f dt."""
    parts = _split_top(inside, ",")
    if len(parts) != 4 or not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", parts[1].text.strip()):
        raise _error(inside, 0, "write integral(f, t, a, b): the integrand, its variable, the two bounds")
    body, bound, lower, upper = parts
    return F.Integral(read_form(body, var), bound.text.strip(), read_form(lower, var), read_form(upper, var))


def _cases(inside: Piece, var: str) -> F.Form:
    """``cases(f if x < a; g if a <= x < b; h if x >= b)``: a piecewise form."""
    pieces: list[tuple[F.Form, F.Interval]] = []
    for part in _split_top(inside, ";"):
        split = list(re.finditer(r"(?<![A-Za-z0-9_])if(?![A-Za-z0-9_])", part.text))
        if not split:
            raise _error(part, 0, "write each piece of cases(…) as: form if condition")
        cut = split[-1]
        value = read_form(part.part(0, cut.start()), var)
        pieces.append((value, _interval(part.part(cut.end(), len(part.text)), var)))
    return F.Cases(tuple(pieces))


_BOUND = r"\s*(<=|≤|<|>=|≥|>)\s*"


def _interval(piece: Piece, var: str) -> F.Interval:
    """``x < a``, ``x >= a``, ``a < x <= b`` (a and b rational numbers) as an interval."""
    text = piece.text.strip().replace("(", " ").replace(")", " ")
    name = re.escape(var)
    number = r"(-?\s*[0-9./ ]+?)"
    both = re.fullmatch(rf"\s*{number}{_BOUND}{name}{_BOUND}{number}\s*", text)
    if both is not None and {both.group(2), both.group(3)} <= {"<", "<=", "≤"}:
        lo, low_op, high_op, hi = both.groups()
        low, high = _rational(piece, lo), _rational(piece, hi)
        return F.Interval(var, low, high, low_op != "<", high_op != "<")
    one = re.fullmatch(rf"\s*{name}{_BOUND}{number}\s*", text)
    if one is not None:
        op, bound = one.groups()
        value = _rational(piece, bound)
        closed = op in ("<=", "≤", ">=", "≥")
        if op[0] in "<≤":
            return F.Interval(var, None, value, hi_closed=closed)
        return F.Interval(var, value, None, lo_closed=closed)
    raise _error(piece, 0, f"a condition of cases(…) is {var} < a, {var} >= a or a < {var} <= b")


def _rational(piece: Piece, text: str) -> Fraction:
    try:
        return Fraction(text.replace(" ", ""))
    except (ValueError, ZeroDivisionError):
        raise _error(piece, 0, f"a bound of cases(…) must be a number, not {text.strip()!r}") from None


def _split_top(piece: Piece, separator: str) -> list[Piece]:
    """``piece`` split at each ``separator`` outside brackets."""
    parts: list[Piece] = []
    depth, start = 0, 0
    for index, char in enumerate(piece.text):
        depth += char in "(["
        depth -= char in ")]"
        if char == separator and depth == 0:
            parts.append(piece.part(start, index))
            start = index + 1
    parts.append(piece.part(start, len(piece.text)))
    return parts


def _operand(piece: Piece, match: re.Match[str], *, whole: bool) -> tuple[str, int, tuple[int, int], int]:
    """(variable, order, span of the differentiated text, end of the whole derivative) for a
    match of ``d/dx``, ``d^n/dx^n`` or ``diff(``. ``whole``: without brackets, d/dx takes the
    rest of the text."""
    text = piece.text
    if match.group("var") is None:  # diff(f, x)
        close = _matching(piece, match.end() - 1)
        inside = text[match.end() : close]
        comma = _top_level_comma(inside)
        var = inside[comma + 1 :].strip() if comma >= 0 else ""
        if comma < 0 or not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", var):
            raise _error(piece, match.start(), "write diff(f, x): the expression, a comma, the variable")
        return var, 1, (match.end(), match.end() + comma), close + 1
    var = match.group("var")
    if match.group("n") != match.group("m"):
        raise _error(piece, match.start(), f"write the order on both d's: d^2/d{var}^2")
    order = int(match.group("n") or 1)
    if not 1 <= order <= MAX_ORDER:
        raise _error(piece, match.start(), f"the order of a derivative must be between 1 and {MAX_ORDER}")
    start = match.end()
    while start < len(text) and text[start] == " ":
        start += 1
    if start < len(text) and text[start] in "([":
        close = _matching(piece, start)
        return var, order, (start + 1, close), close + 1
    call = re.compile(r"[A-Za-z_\u03c3][A-Za-z0-9_]*\s*\(").match(text, start)
    if whole:
        return var, order, (start, len(text)), len(text)
    if call is not None:
        close = _matching(piece, call.end() - 1)
        return var, order, (start, close + 1), close + 1
    raise _error(piece, match.start(), f"put what d/d{var} applies to in brackets: d/d{var} [ … ]")


def _matching(piece: Piece, start: int) -> int:
    depth = 0
    for index in range(start, len(piece.text)):
        char = piece.text[index]
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
            if depth == 0:
                return index
    raise _error(piece, start, f"this {piece.text[start]!r} is never closed")


def _top_level_comma(text: str) -> int:
    depth, found = 0, -1
    for index, char in enumerate(text):
        depth += char in "(["
        depth -= char in ")]"
        if char == "," and depth == 0:
            found = index
    return found


def _without_position(message: str) -> str:
    return re.sub(r" (?:at position \d+|at the end)$", "", message)


def _error(piece: Piece, offset: int, message: str) -> ParseError:
    line, column = piece.at(offset)
    return ParseError(f"line {line}, column {column}: {message}", piece.text, column)


# --- checking -------------------------------------------------------------------------------------


def check(written: Written) -> Report:
    """Every ``=`` of the derivation verified, and its last form against sympy.diff."""
    from .verify import agree_numerically, checker, first_difference, verify_proof

    function, var, order = read_problem(written.problem)
    if not written.chain:
        raise DataError("the derivation has no steps: after the problem, write = and the forms that follow")
    if len(written.chain) + sum(map(len, written.sides)) > MAX_FORMS:
        raise DataError(f"the derivation has more than {MAX_FORMS} forms; the limit is {MAX_FORMS}")
    problem = F.Deriv(function, var, order)
    chain = [read_form(piece, var) for piece in written.chain]
    first = written.chain[0]
    pairs: list[tuple[Kind, Piece, F.Form, F.Form]] = [("start", first, problem, chain[0])]
    pairs += [("step", p, a, b) for p, a, b in zip(written.chain[1:], chain, chain[1:], strict=False)]
    for side in written.sides:
        read_side = [read_form(piece, var) for piece in side]
        pairs += [("side", p, a, b) for p, a, b in zip(side[1:], read_side, read_side[1:], strict=False)]
    names: set[str] = {var}
    for _, _, before, after in pairs:
        names |= F.symbols(before) | F.symbols(after)
    budget = Budget()
    try:
        with time_limit(budget.limit):
            steps = tuple(Step(kind, before, after) for kind, _, before, after in pairs)
            proof = Proof("check", function, var, order, steps, chain[-1], symbols=tuple(sorted(names)))
            proof = verify_proof(proof, budget)
            context = checker(var, proof.symbols, budget)

            def same(before: F.Form, after: F.Form) -> bool:
                return agree_numerically(before, after, context)

            def point(before: F.Form, after: F.Form, verdict: Verification) -> Point | None:
                if verdict.status != "failed":
                    return None
                found = first_difference(before, after, context)
                return Point(var, *found) if found is not None else None

            checked = tuple(
                Checked(
                    number,
                    kind,
                    *piece.at(0),
                    step.before,
                    step.after,
                    step.verification,
                    point(step.before, step.after, step.verification),
                    _diagnosis(step.before, step.after, same, var, budget)
                    if step.verification.status == "failed"
                    else None,
                )
                for number, ((kind, piece, _, _), step) in enumerate(zip(pairs, proof.steps, strict=True), 1)
            )
            end = point(problem, chain[-1], proof.check)
            expected = _derivative(problem, var, budget) if proof.check.status == "failed" else None
    except OutOfTime:
        raise budget.out_of_time() from None
    return Report(problem, var, checked, chain[-1], proof.check, end, expected)


def _diagnosis(before: F.Form, after: F.Form, same: Same, var: str, budget: Budget) -> Diagnosis:
    found = diagnose(before, after, same)
    if found.kind != "should_be":
        return found
    return dataclasses.replace(found, correct=_simplified(found.correct, var, budget))


def _derivative(problem: F.Deriv, var: str, budget: Budget) -> F.Form:
    """What the derivation should end at: the engine's derivative, simplified as derive states it."""
    return _simplified(carry_out(problem), var, budget, like=problem.expr)


def _simplified(form: F.Form, var: str, budget: Budget, like: F.Form | None = None) -> F.Form:
    from .simplify import simplification_steps

    try:
        return simplification_steps(form, var, budget, like=(like or form,))[1]
    except (ValueError, TypeError):
        return form


def check_text(text: str) -> Report:
    return check(read(text))
