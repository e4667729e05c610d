"""Forms: the expressions a proof shows, exactly as the reader sees them.

SymPy evaluates as it builds (``1/(1+e^{-x})`` and ``(1+e^{-x})^{-1}`` are the same object to
it), so a derivation that must show every rewrite keeps its own small immutable tree. A form
is only ever *shown* and *converted*: to SymPy for the symbolic checks (``to_sympy``), to
mpmath numbers for the numeric checks (``evaluate``), and to text by the printers here
(plain, LaTeX, SymPy-parsable). Nothing in this module imports SymPy at import time.

Grouping is deliberate: a sum inside a sum, or a product inside a product, is printed in
parentheses, because a proof builds it that way to show a step such as
``((1 + e^{-x}) - 1)/(1 + e^{-x})``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

# --- the tree -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Num:
    """A non-negative rational number (a negative one is Neg(Num))."""

    value: Fraction


@dataclass(frozen=True, slots=True)
class Const:
    name: str  # "pi" or "e"


@dataclass(frozen=True, slots=True)
class Sym:
    name: str


@dataclass(frozen=True, slots=True)
class Neg:
    arg: Form


@dataclass(frozen=True, slots=True)
class Add:
    terms: tuple[Form, ...]


@dataclass(frozen=True, slots=True)
class Mul:
    factors: tuple[Form, ...]


@dataclass(frozen=True, slots=True)
class Div:
    num: Form
    den: Form


@dataclass(frozen=True, slots=True)
class Pow:
    base: Form
    exp: Form


@dataclass(frozen=True, slots=True)
class Func:
    name: str  # a key of FUNCTIONS
    arg: Form


@dataclass(frozen=True, slots=True)
class Deriv:
    """d^order/dvar^order [expr], not yet carried out."""

    expr: Form
    var: str
    order: int = 1


@dataclass(frozen=True, slots=True)
class Integral:
    """∫_lower^upper integrand d(var)."""

    integrand: Form
    var: str
    lower: Form
    upper: Form


@dataclass(frozen=True, slots=True)
class Interval:
    """An interval of the variable: lo < var < hi, with None for an infinite end."""

    var: str
    lo: Fraction | None
    hi: Fraction | None
    lo_closed: bool = False
    hi_closed: bool = False

    def contains(self, value: float) -> bool:
        if self.lo is not None and (value < self.lo or (value == self.lo and not self.lo_closed)):
            return False
        return not (self.hi is not None and (value > self.hi or (value == self.hi and not self.hi_closed)))

    def samples(self, count: int) -> list[float]:
        """``count`` points strictly inside, spread out and away from the ends."""
        lo = float(self.lo) if self.lo is not None else None
        hi = float(self.hi) if self.hi is not None else None
        if lo is None and hi is None:
            return [0.37, -0.81, 1.3, -1.9, 2.6, 0.11, -2.95, 3.7][:count]
        if lo is None:
            assert hi is not None
            return [hi - 0.23 - 0.61 * k for k in range(count)]
        if hi is None:
            return [lo + 0.23 + 0.61 * k for k in range(count)]
        return [lo + (hi - lo) * (k + 0.71) / (count + 0.5) for k in range(count)]


@dataclass(frozen=True, slots=True)
class Cases:
    """A piecewise form: each piece holds on its interval."""

    pieces: tuple[tuple[Form, Interval], ...]


Form = Num | Const | Sym | Neg | Add | Mul | Div | Pow | Func | Deriv | Integral | Cases

# name: (plain, latex, sympy) spellings
FUNCTIONS: dict[str, tuple[str, str, str]] = {
    "exp": ("exp", r"\exp", "exp"),
    "log": ("log", r"\log", "log"),
    "sqrt": ("√", r"\sqrt", "sqrt"),
    "sin": ("sin", r"\sin", "sin"),
    "cos": ("cos", r"\cos", "cos"),
    "tan": ("tan", r"\tan", "tan"),
    "sec": ("sec", r"\sec", "sec"),
    "sinh": ("sinh", r"\sinh", "sinh"),
    "cosh": ("cosh", r"\cosh", "cosh"),
    "tanh": ("tanh", r"\tanh", "tanh"),
    "sech": ("sech", r"\operatorname{sech}", "sech"),
    "atan": ("atan", r"\arctan", "atan"),
    "erf": ("erf", r"\operatorname{erf}", "erf"),
    "abs": ("abs", "", "Abs"),
    "sign": ("sign", r"\operatorname{sgn}", "sign"),
    "sigmoid": ("σ", r"\sigma", "sigmoid"),
    # Named family members, shown by name and written out for SymPy.
    "gd": ("gd", r"\operatorname{gd}", "gd"),
    "Phi": ("Φ", r"\Phi", "Phi"),
}
# How the SymPy-parsable text writes a named member out ({} is the argument).
_WRITTEN_OUT = {"gd": "2*atan(tanh(({})/2))", "Phi": "(1 + erf(({})/sqrt(2)))/2"}

# --- building -----------------------------------------------------------------------------------

ZERO = Num(Fraction(0))
ONE = Num(Fraction(1))
TWO = Num(Fraction(2))


def num(value: int | Fraction) -> Form:
    """A rational number as a form: negative values become Neg(Num)."""
    value = Fraction(value)
    return Neg(Num(-value)) if value < 0 else Num(value)


def neg(form: Form) -> Form:
    return Neg(form)


def add(*terms: Form) -> Form:
    return terms[0] if len(terms) == 1 else Add(tuple(terms))


def sub(left: Form, right: Form) -> Form:
    return Add((left, Neg(right)))


def mul(*factors: Form) -> Form:
    return factors[0] if len(factors) == 1 else Mul(tuple(factors))


def div(top: Form, bottom: Form) -> Form:
    return Div(top, bottom)


def power(base: Form, exponent: Form | int) -> Form:
    return Pow(base, num(exponent) if isinstance(exponent, int) else exponent)


def func(name: str, arg: Form) -> Form:
    """A function application; names outside FUNCTIONS (f, f') are for showing rules only."""
    return Func(name, arg)


def exp(arg: Form) -> Form:
    return Func("exp", arg)


def sigma(arg: Form) -> Form:
    return Func("sigmoid", arg)


def deriv(expr: Form, var: str, order: int = 1) -> Form:
    return Deriv(expr, var, order)


# --- inspecting and rewriting -------------------------------------------------------------------


def children(form: Form) -> tuple[Form, ...]:
    if isinstance(form, Neg):
        return (form.arg,)
    if isinstance(form, Add):
        return form.terms
    if isinstance(form, Mul):
        return form.factors
    if isinstance(form, Div):
        return (form.num, form.den)
    if isinstance(form, Pow):
        return (form.base, form.exp)
    if isinstance(form, Func):
        return (form.arg,)
    if isinstance(form, Deriv):
        return (form.expr,)
    if isinstance(form, Integral):
        return (form.integrand, form.lower, form.upper)
    if isinstance(form, Cases):
        return tuple(piece for piece, _ in form.pieces)
    return ()


def walk(form: Form) -> Iterator[Form]:
    """Every node, parents before children (iteratively: trees may be deep)."""
    stack = [form]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(children(node)))


def size(form: Form) -> int:
    return sum(1 for _ in walk(form))


def symbols(form: Form) -> set[str]:
    """Free symbol names (an integral's own variable is not free)."""
    found: set[str] = set()
    bound: set[str] = set()
    for node in walk(form):
        if isinstance(node, Sym):
            found.add(node.name)
        elif isinstance(node, Integral):
            bound.add(node.var)
    return found - bound


def free_of(form: Form, var: str) -> bool:
    return var not in symbols(form)


def rebuild(form: Form, parts: tuple[Form, ...]) -> Form:
    """The same kind of node with new children."""
    if isinstance(form, Neg):
        return Neg(parts[0])
    if isinstance(form, Add):
        return Add(parts)
    if isinstance(form, Mul):
        return Mul(parts)
    if isinstance(form, Div):
        return Div(parts[0], parts[1])
    if isinstance(form, Pow):
        return Pow(parts[0], parts[1])
    if isinstance(form, Func):
        return Func(form.name, parts[0])
    if isinstance(form, Deriv):
        return Deriv(parts[0], form.var, form.order)
    if isinstance(form, Integral):
        return Integral(parts[0], form.var, parts[1], parts[2])
    if isinstance(form, Cases):
        return Cases(tuple((part, where) for part, (_, where) in zip(parts, form.pieces, strict=True)))
    return form


def replace(form: Form, old: Form, new: Form) -> Form:
    """Every occurrence of the subtree ``old`` replaced by ``new``."""
    if form == old:
        return new
    parts = children(form)
    if not parts:
        return form
    changed = tuple(replace(part, old, new) for part in parts)
    return form if changed == parts else rebuild(form, changed)


def replace_first(form: Form, match: Callable[[Form], bool], make: Callable[[Form], Form]) -> Form:
    """The first node (pre-order, left to right) that matches, replaced by make(node)."""
    done = False

    def visit(node: Form) -> Form:
        nonlocal done
        if done:
            return node
        if match(node):
            done = True
            return make(node)
        parts = children(node)
        if not parts:
            return node
        changed = tuple(visit(part) for part in parts)
        return node if changed == parts else rebuild(node, changed)

    return visit(form)


def map_bottom_up(form: Form, function: Callable[[Form], Form]) -> Form:
    parts = children(form)
    if parts:
        changed = tuple(map_bottom_up(part, function) for part in parts)
        if changed != parts:
            form = rebuild(form, changed)
    return function(form)


def as_number(form: Form) -> Fraction | None:
    """The rational value of a plain number form (n, -n), else None."""
    if isinstance(form, Num):
        return form.value
    if isinstance(form, Neg) and isinstance(form.arg, Num):
        return -form.arg.value
    return None


# --- tidying: what a teacher does without comment -------------------------------------------------


def tidy(form: Form) -> Form:
    """Drop 0 terms and factors of 1, multiply out plain numbers, pull signs to the front,
    cancel double signs and flatten sums of sums: the rewrites a reader does at a glance."""
    return map_bottom_up(form, _tidy_node)


def _tidy_node(form: Form) -> Form:
    if isinstance(form, Neg):
        inner = form.arg
        if isinstance(inner, Neg):
            return inner.arg
        return ZERO if inner == ZERO else form
    if isinstance(form, Add):
        return _tidy_sum(form)
    if isinstance(form, Mul):
        return _tidy_product(form)
    if isinstance(form, Div):
        return _tidy_quotient(form)
    if isinstance(form, Pow):
        return _tidy_power(form)
    if isinstance(form, Func) and form.name == "exp" and form.arg == ZERO:
        return ONE
    return form


def _tidy_sum(form: Add) -> Form:
    terms: list[Form] = []
    for term in form.terms:
        if isinstance(term, Add):
            terms.extend(term.terms)
        elif isinstance(term, Neg) and isinstance(term.arg, Add):
            terms.extend(_tidy_node(Neg(t)) for t in term.arg.terms)
        elif term != ZERO:
            terms.append(term)
    constant = Fraction(0)
    others: list[Form] = []
    for term in terms:
        value = as_number(term)
        if value is None:
            others.append(term)
        else:
            constant += value
    if constant > 0:
        others.insert(0, num(constant))
    elif constant < 0 or not others:
        others.append(num(constant))
    if len(others) == 1:
        return others[0]
    return Add(tuple(others))


def _tidy_product(form: Mul) -> Form:
    coefficient = Fraction(1)
    factors: list[Form] = []
    pending = list(form.factors)
    while pending:
        factor = pending.pop(0)
        if isinstance(factor, Neg):
            coefficient = -coefficient
            factor = factor.arg
        if isinstance(factor, Mul):
            pending[0:0] = list(factor.factors)
            continue
        value = as_number(factor)
        if value is not None:
            coefficient *= value
            continue
        factors.append(factor)
    if coefficient == 0:
        return ZERO
    if not factors:
        return num(coefficient)
    if abs(coefficient) != 1:
        factors.insert(0, Num(abs(coefficient)))
    body = factors[0] if len(factors) == 1 else Mul(tuple(factors))
    return Neg(body) if coefficient < 0 else body


def _tidy_quotient(form: Div) -> Form:
    top, bottom = form.num, form.den
    if top == ZERO:
        return ZERO
    if bottom == ONE:
        return top
    a, b = as_number(top), as_number(bottom)
    if a is not None and b is not None and b != 0:
        return num(a / b)
    if isinstance(top, Neg):
        return Neg(_tidy_node(Div(top.arg, bottom)))
    if isinstance(bottom, Neg):
        return Neg(_tidy_node(Div(top, bottom.arg)))
    return form


def _tidy_power(form: Pow) -> Form:
    exponent = as_number(form.exp)
    if exponent == 1:
        return form.base
    if exponent == 0:
        return ONE
    base = as_number(form.base)
    if base is not None and exponent is not None and exponent.denominator == 1 and abs(exponent) <= 64:
        if base == 0 and exponent < 0:
            return form
        return num(base ** int(exponent))
    return form


# --- printing -----------------------------------------------------------------------------------

# Precedences: a child is wrapped in parentheses when its precedence is below the threshold
# its place asks for.
P_ADD, P_NEG, P_DIV, P_MUL, P_POW, P_ATOM = 10, 15, 19, 20, 30, 40

_GREEK = {
    "alpha",
    "beta",
    "gamma",
    "delta",
    "epsilon",
    "zeta",
    "eta",
    "theta",
    "iota",
    "kappa",
    "lambda",
    "mu",
    "nu",
    "xi",
    "rho",
    "tau",
    "phi",
    "chi",
    "psi",
    "omega",
}
_INDEXED = re.compile(r"([A-Za-z]+)_?(\d+)")


def _fraction_text(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


def _is_simple(form: Form) -> bool:
    """A symbol or a non-negative integer: may follow ^ or stand in d/dx without brackets."""
    return isinstance(form, Sym | Const) or (isinstance(form, Num) and form.value.denominator == 1)


class _Printer:
    """Linear text, and the one walk over a form that every printer shares: the plain printer
    is this class; the SymPy-parsable and LaTeX printers override how each kind of node looks."""

    times = "·"
    power = "^"

    def show(self, form: Form) -> str:
        return self.text(form, 0)

    def wrap(self, text: str, prec: int, threshold: int) -> str:
        return f"({text})" if prec < threshold else text

    def text(self, form: Form, threshold: int) -> str:
        text, prec = self.node(form, threshold)
        return self.wrap(text, prec, threshold)

    def node(self, form: Form, threshold: int) -> tuple[str, int]:
        if isinstance(form, Num):
            return self.number(form.value)
        if isinstance(form, Const):
            return self.constant(form.name), P_ATOM
        if isinstance(form, Sym):
            return self.symbol(form.name), P_ATOM
        if isinstance(form, Neg):
            return "-" + self.text(form.arg, P_NEG + 1), P_NEG
        if isinstance(form, Add):
            return self.sum(form), P_ADD
        if isinstance(form, Mul):
            return self.product(form), P_MUL
        if isinstance(form, Div):
            return self.quotient(form), P_DIV
        if isinstance(form, Pow):
            return self.pow(form), P_POW
        if isinstance(form, Func):
            return self.function(form)
        if isinstance(form, Deriv):
            return self.derivative(form, threshold), P_ATOM
        if isinstance(form, Integral):
            return self.integral(form), P_MUL
        return self.cases(form), P_ATOM

    def number(self, value: Fraction) -> tuple[str, int]:
        return _fraction_text(value), P_ATOM if value.denominator == 1 else P_DIV

    def symbol(self, name: str) -> str:
        return name

    def sum(self, form: Add) -> str:
        parts = [self.text(form.terms[0], P_ADD + 1)]
        for term in form.terms[1:]:
            if isinstance(term, Neg):
                parts.append(" - " + self.text(term.arg, P_NEG + 1))
            else:
                parts.append(" + " + self.text(term, P_ADD + 1))
        return "".join(parts)

    def quotient(self, form: Div) -> str:
        top = form.num
        top_text = "-" + self.text(top.arg, P_MUL) if isinstance(top, Neg) else self.text(top, P_MUL)
        return f"{top_text}/{self.text(form.den, P_MUL + 1)}"

    def product(self, form: Mul) -> str:
        parts: list[str] = []
        for index, factor in enumerate(form.factors):
            if index == 0 and isinstance(factor, Neg):
                parts.append("-" + self.text(factor.arg, P_MUL + 1))
            else:
                parts.append(self.text(factor, P_MUL + 1))
        return self.times.join(parts)

    def pow(self, form: Pow) -> str:
        base = self.text(form.base, P_ATOM)
        exponent = form.exp
        shown = self.text(exponent, P_ATOM) if _is_simple(exponent) else f"({self.show(exponent)})"
        return f"{base}{self.power}{shown}"

    def constant(self, name: str) -> str:
        return {"pi": "π", "e": "e"}[name]

    def function(self, form: Func) -> tuple[str, int]:
        arg = self.show(form.arg)
        if form.name == "exp":
            shown = self.text(form.arg, P_ATOM) if _is_simple(form.arg) else f"({arg})"
            return f"e^{shown}", P_POW
        if form.name == "sqrt":
            return f"√({arg})", P_ATOM
        if form.name == "abs":
            return f"|{arg}|", P_ATOM
        name = FUNCTIONS[form.name][0] if form.name in FUNCTIONS else form.name
        return f"{name}({arg})", P_ATOM

    def derivative(self, form: Deriv, threshold: int) -> str:
        operator = self.operator(form)
        inner = form.expr
        # d/dx σ(x) reads unambiguously on its own; anything inside a larger form, or e^(...) whose
        # exponent would seem to carry the d/dx, gets brackets.
        if (
            threshold == 0
            and isinstance(inner, Func | Sym)
            and not (isinstance(inner, Func) and inner.name == "exp")
        ):
            return f"{operator} {self.show(inner)}"
        return self.bracketed(operator, self.show(inner))

    def operator(self, form: Deriv) -> str:
        return f"d/d{form.var}" if form.order == 1 else f"d^{form.order}/d{form.var}^{form.order}"

    def bracketed(self, operator: str, inner: str) -> str:
        return f"{operator} [{inner}]"

    def integral(self, form: Integral) -> str:
        return (
            f"∫[{self.show(form.lower)}, {self.show(form.upper)}] {self.text(form.integrand, P_MUL + 1)} "
            f"d{form.var}"
        )

    def cases(self, form: Cases) -> str:
        pieces = [f"{self.show(piece)} if {interval_text(where)}" for piece, where in form.pieces]
        return "{ " + "; ".join(pieces) + " }"


class _SympyPrinter(_Printer):
    """Text that ``sympy.parse_expr`` reads back (with ``sigmoid`` defined by the caller)."""

    times = "*"
    power = "**"

    def node(self, form: Form, threshold: int) -> tuple[str, int]:
        if isinstance(form, Neg):
            return "-" + self.text(form.arg, P_MUL + 1), P_NEG
        return super().node(form, threshold)

    def quotient(self, form: Div) -> str:
        return f"{self.text(form.num, P_MUL)}/{self.text(form.den, P_MUL + 1)}"

    def product(self, form: Mul) -> str:
        return "*".join(self.text(factor, P_MUL + 1) for factor in form.factors)

    def pow(self, form: Pow) -> str:
        exponent = self.text(form.exp, P_ATOM) if _is_simple(form.exp) else f"({self.show(form.exp)})"
        return f"{self.text(form.base, P_ATOM)}**{exponent}"

    def constant(self, name: str) -> str:
        return {"pi": "pi", "e": "E"}[name]

    def function(self, form: Func) -> tuple[str, int]:
        if form.name in _WRITTEN_OUT:
            return f"({_WRITTEN_OUT[form.name].format(self.show(form.arg))})", P_ATOM
        name = FUNCTIONS[form.name][2] if form.name in FUNCTIONS else form.name
        return f"{name}({self.show(form.arg)})", P_ATOM

    def derivative(self, form: Deriv, threshold: int) -> str:
        order = form.var if form.order == 1 else f"({form.var}, {form.order})"
        return f"Derivative({self.show(form.expr)}, {order})"

    def integral(self, form: Integral) -> str:
        bounds = f"({form.var}, {self.show(form.lower)}, {self.show(form.upper)})"
        return f"Integral({self.show(form.integrand)}, {bounds})"

    def cases(self, form: Cases) -> str:
        pieces = [f"({self.show(piece)}, {interval_sympy(where)})" for piece, where in form.pieces]
        return f"Piecewise({', '.join(pieces)})"


def _bound_text(value: Fraction) -> str:
    return _fraction_text(value) if value >= 0 else "-" + _fraction_text(-value)


def interval_text(where: Interval, ascii_only: bool = False) -> str:
    le = "<=" if ascii_only else "≤"
    lo = hi = ""
    if where.lo is not None:
        lo = f"{_bound_text(where.lo)} {le if where.lo_closed else '<'} "
    if where.hi is not None:
        hi = f" {le if where.hi_closed else '<'} {_bound_text(where.hi)}"
    if not lo and not hi:
        return f"all {where.var}"
    if not hi and where.lo is not None:  # x > 3 reads better than 3 < x
        relation = (">=" if ascii_only else "≥") if where.lo_closed else ">"
        return f"{where.var} {relation} {_bound_text(where.lo)}"
    return f"{lo}{where.var}{hi}"


def interval_sympy(where: Interval) -> str:
    conditions = []
    if where.lo is not None:
        conditions.append(f"({where.var} {'>=' if where.lo_closed else '>'} {_bound_text(where.lo)})")
    if where.hi is not None:
        conditions.append(f"({where.var} {'<=' if where.hi_closed else '<'} {_bound_text(where.hi)})")
    return " & ".join(conditions) or "True"


class _LatexPrinter(_Printer):
    def wrap(self, text: str, prec: int, threshold: int) -> str:
        return rf"\left({text}\right)" if prec < threshold else text

    def number(self, value: Fraction) -> tuple[str, int]:
        if value.denominator == 1:
            return str(value.numerator), P_ATOM
        return rf"\frac{{{value.numerator}}}{{{value.denominator}}}", P_DIV

    def constant(self, name: str) -> str:
        return {"pi": r"\pi", "e": "e"}[name]

    def symbol(self, name: str) -> str:
        return latex_symbol(name)

    def product(self, form: Mul) -> str:
        parts = []
        for index, factor in enumerate(form.factors):
            if index == 0 and isinstance(factor, Neg):
                parts.append("-" + self.text(factor.arg, P_MUL + 1))
            else:
                parts.append(self.text(factor, P_DIV if isinstance(factor, Div | Num) else P_MUL + 1))
        joined = parts[0]
        for index in range(1, len(parts)):
            left = form.factors[index - 1]
            juxtapose = isinstance(left, Num) and left.value.denominator == 1
            juxtapose = juxtapose and not isinstance(form.factors[index], Num | Div)
            joined += (" " if juxtapose else r" \cdot ") + parts[index]
        return joined

    def quotient(self, form: Div) -> str:
        return rf"\frac{{{self.show(form.num)}}}{{{self.show(form.den)}}}"

    def pow(self, form: Pow) -> str:
        base = form.base
        wrap = not isinstance(base, Sym | Const | Func) or (
            isinstance(base, Func) and base.name in ("exp", "sqrt")
        )
        if isinstance(base, Num) and base.value.denominator == 1:
            wrap = False
        shown = rf"\left({self.show(base)}\right)" if wrap else self.show(base)
        return f"{shown}^{{{self.show(form.exp)}}}"

    def operator(self, form: Deriv) -> str:
        var = latex_symbol(form.var)
        if form.order == 1:
            return rf"\frac{{d}}{{d{var}}}"
        return rf"\frac{{d^{{{form.order}}}}}{{d{var}^{{{form.order}}}}}"

    def bracketed(self, operator: str, inner: str) -> str:
        return rf"{operator}\left[{inner}\right]"

    def integral(self, form: Integral) -> str:
        return (
            rf"\int_{{{self.show(form.lower)}}}^{{{self.show(form.upper)}}} "
            rf"{self.text(form.integrand, P_MUL + 1)}\, d{latex_symbol(form.var)}"
        )

    def cases(self, form: Cases) -> str:
        rows = [rf"{self.show(piece)} & \text{{if }} {interval_latex(where)}" for piece, where in form.pieces]
        return r"\begin{cases} " + r" \\ ".join(rows) + r" \end{cases}"

    def function(self, form: Func) -> tuple[str, int]:
        arg = self.show(form.arg)
        if form.name == "exp":
            return f"e^{{{arg}}}", P_POW
        if form.name == "sqrt":
            return rf"\sqrt{{{arg}}}", P_ATOM
        if form.name == "abs":
            return rf"\left|{arg}\right|", P_ATOM
        name = FUNCTIONS[form.name][1] if form.name in FUNCTIONS else form.name
        if isinstance(form.arg, Sym | Const | Num):
            return f"{name}({arg})", P_ATOM
        return rf"{name}\left({arg}\right)", P_ATOM


_UNICODE_LETTERS = {"σ": r"\sigma", "π": r"\pi", "φ": r"\varphi", "Φ": r"\Phi", "θ": r"\theta"}


def latex_symbol(name: str) -> str:
    if name in _UNICODE_LETTERS:
        return _UNICODE_LETTERS[name]
    if len(name) == 1:
        return name if name.isascii() else rf"\text{{{name}}}"
    if name in _GREEK:
        return "\\" + name
    match = _INDEXED.fullmatch(name)
    if match:
        return f"{latex_symbol(match.group(1))}_{{{match.group(2)}}}"
    escaped = name.replace("_", "\\_")
    return rf"\mathit{{{escaped}}}"


def interval_latex(where: Interval) -> str:
    le = r"\le"
    if where.hi is None and where.lo is not None:
        relation = r"\ge" if where.lo_closed else ">"
        return f"{latex_symbol(where.var)} {relation} {_bound_text(where.lo)}"
    lo = hi = ""
    if where.lo is not None:
        lo = f"{_bound_text(where.lo)} {le if where.lo_closed else '<'} "
    if where.hi is not None:
        hi = f" {le if where.hi_closed else '<'} {_bound_text(where.hi)}"
    return f"{lo}{latex_symbol(where.var)}{hi}"


_PLAIN = _Printer()
_SYMPY = _SympyPrinter()
_LATEX = _LatexPrinter()


def plain(form: Form) -> str:
    """One line for people: e^(-x)/(1 + e^(-x))^2, σ(x)·(1 - σ(x))."""
    return _PLAIN.show(form)


def sympy_text(form: Form) -> str:
    """One line that ``sympy.parse_expr`` reads (define ``sigmoid`` when you parse it)."""
    return _SYMPY.show(form)


def latex(form: Form) -> str:
    return _LATEX.show(form)


# --- conversions: SymPy and mpmath ---------------------------------------------------------------


def to_sympy(form: Form, table: Mapping[str, Any] | None = None) -> Any:
    """The SymPy expression of a form (evaluated; derivatives and integrals stay unevaluated).
    Symbols are real; ``table`` may supply them."""
    import sympy

    from sigmoid_cli.symbolic.sympy_bridge import SYMPY

    symbols_table: dict[str, Any] = dict(table or {})

    def symbol(name: str) -> Any:
        if name not in symbols_table:
            symbols_table[name] = sympy.Symbol(name, real=True)
        return symbols_table[name]

    # The grammar's SymPy functions, plus the ones only proofs write (sec, sech, sign and the
    # named family members).
    functions: dict[str, Any] = {
        **SYMPY.functions,
        "sec": sympy.sec,
        "sech": sympy.sech,
        "sign": sympy.sign,
        "gd": lambda u: 2 * sympy.atan(sympy.tanh(u / 2)),
        "Phi": lambda u: (1 + sympy.erf(u / sympy.sqrt(2))) / 2,
    }

    def convert(node: Form) -> Any:
        if isinstance(node, Num):
            return sympy.Rational(node.value.numerator, node.value.denominator)
        if isinstance(node, Const):
            return sympy.pi if node.name == "pi" else sympy.E
        if isinstance(node, Sym):
            return symbol(node.name)
        if isinstance(node, Neg):
            return -convert(node.arg)
        if isinstance(node, Add):
            return sympy.Add(*[convert(term) for term in node.terms])
        if isinstance(node, Mul):
            return sympy.Mul(*[convert(factor) for factor in node.factors])
        if isinstance(node, Div):
            return convert(node.num) / convert(node.den)
        if isinstance(node, Pow):
            return sympy.Pow(convert(node.base), convert(node.exp))
        if isinstance(node, Func):
            return functions[node.name](convert(node.arg))
        if isinstance(node, Deriv):
            return sympy.Derivative(convert(node.expr), (symbol(node.var), node.order))
        if isinstance(node, Integral):
            return sympy.Integral(
                convert(node.integrand), (symbol(node.var), convert(node.lower), convert(node.upper))
            )
        pieces = []
        for piece, where in node.pieces:
            var = symbol(where.var)
            condition: Any = sympy.true
            if where.lo is not None:
                lo = sympy.Rational(where.lo.numerator, where.lo.denominator)
                condition = condition & (var >= lo if where.lo_closed else var > lo)
            if where.hi is not None:
                hi = sympy.Rational(where.hi.numerator, where.hi.denominator)
                condition = condition & (var <= hi if where.hi_closed else var < hi)
            pieces.append((convert(piece), condition))
        return sympy.Piecewise(*pieces)

    return convert(form)


# Numbers beyond e^_HUGE are not sample values but runaway towers (x^x^x^...): the point is skipped.
_HUGE = 10_000
_GROWING = frozenset({"exp", "sinh", "cosh", "sigmoid", "gd", "Phi"})


def evaluate(form: Form, values: Mapping[str, Any]) -> Any:
    """The value of a form in mpmath at the current working precision (complex allowed).
    Derivatives are numeric (mpmath.diff), integrals by quadrature: independent of SymPy.
    Raises ZeroDivisionError, ValueError or OverflowError where the form is undefined."""
    import mpmath

    mp = mpmath.mp

    def sigmoid_value(a: Any) -> Any:
        return 1 / (1 + mp.exp(-a))

    table: dict[str, Callable[[Any], Any]] = {
        "exp": mp.exp,
        "log": mp.log,
        "sqrt": mp.sqrt,
        "sin": mp.sin,
        "cos": mp.cos,
        "tan": mp.tan,
        "sec": mp.sec,
        "sinh": mp.sinh,
        "cosh": mp.cosh,
        "tanh": mp.tanh,
        "sech": mp.sech,
        "atan": mp.atan,
        "erf": mp.erf,
        "abs": abs,
        "sign": mp.sign,
        "sigmoid": sigmoid_value,
        "gd": lambda u: 2 * mp.atan(mp.tanh(u / 2)),
        "Phi": lambda u: (1 + mp.erf(u / mp.sqrt(2))) / 2,
    }

    def value(node: Form, env: Mapping[str, Any]) -> Any:
        if isinstance(node, Num):
            return mp.mpf(node.value.numerator) / node.value.denominator
        if isinstance(node, Const):
            return +mp.pi if node.name == "pi" else +mp.e
        if isinstance(node, Sym):
            return env[node.name]
        if isinstance(node, Neg):
            return -value(node.arg, env)
        if isinstance(node, Add):
            total = mp.mpf(0)
            for term in node.terms:
                total += value(term, env)
            return total
        if isinstance(node, Mul):
            product = mp.mpf(1)
            for factor in node.factors:
                product *= value(factor, env)
            return product
        if isinstance(node, Div):
            bottom = value(node.den, env)
            if bottom == 0:
                raise ZeroDivisionError
            return value(node.num, env) / bottom
        if isinstance(node, Pow):
            base, exponent = value(node.base, env), value(node.exp, env)
            if base == 0 and mp.re(exponent) <= 0:
                raise ZeroDivisionError
            if base != 0 and abs(exponent) * abs(mp.log(abs(base))) > _HUGE:
                raise OverflowError("a power too large to evaluate")
            return mp.power(base, exponent)
        if isinstance(node, Func):
            argument = value(node.arg, env)
            if node.name == "log" and argument == 0:
                raise ZeroDivisionError
            if node.name in _GROWING and abs(argument) > _HUGE:
                raise OverflowError("an exponential too large to evaluate")
            return table[node.name](argument)
        if isinstance(node, Deriv):
            inner, var = node.expr, node.var
            return mp.diff(lambda v: value(inner, {**env, var: v}), env[var], node.order)
        if isinstance(node, Integral):
            integrand, var = node.integrand, node.var
            return mp.quad(
                lambda v: value(integrand, {**env, var: v}), [value(node.lower, env), value(node.upper, env)]
            )
        for piece, where in node.pieces:
            if where.contains(float(mp.re(env[where.var]))):
                return value(piece, env)
        raise ValueError("outside every piece")

    return value(form, values)
