"""Printing forms: plain text for people, LaTeX, and text that SymPy parses."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from fractions import Fraction
from functools import cache

from sigmoid_cli.grammar.functions import BY_NAME, Shape

from .tree import (
    Add,
    Cases,
    Const,
    Deriv,
    Div,
    Form,
    Func,
    Integral,
    Interval,
    Mul,
    Neg,
    Num,
    Pow,
    Sym,
)

# --- notation by language ----------------------------------------------------------------------

# Korean schools write the natural logarithm ln; Japanese and English texts write log.
_NATURAL_LOG: ContextVar[str] = ContextVar("natural_log", default="log")


@contextmanager
def notation(lang: str) -> Iterator[None]:
    """Formulas printed inside as the language's schools write them (log or ln)."""
    token = _NATURAL_LOG.set("ln" if lang == "ko" else "log")
    try:
        yield
    finally:
        _NATURAL_LOG.reset(token)


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
_U = re.compile(r"\bu\b")  # the variable of the registry's formulas


@cache
def _sympy_formula(name: str) -> str:
    """A registry function's formula in SymPy's syntax, in u, with the functions SymPy lacks
    written out too (mish's formula calls softplus)."""
    from sigmoid_cli.grammar.arithmetic import formula_tree, written_out
    from sigmoid_cli.grammar.parser import to_text

    return to_text(written_out(formula_tree(name), "sympy"))


def shape_of(form: Func) -> Shape:
    """How a function application is drawn: f(u), e^u, √(u) or |u| (names outside the
    registry, the f and g of a rule's statement, are calls)."""
    function = BY_NAME.get(form.name)
    return function.shape if function else "call"


def function_name(form: Func) -> str:
    """The name a call is printed with: the registry's, log as the language writes it."""
    if form.name == "log":
        return _NATURAL_LOG.get()
    function = BY_NAME.get(form.name)
    return function.shown if function else form.name


def _fraction_text(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


def _is_simple(form: Form) -> bool:
    """A symbol or a non-negative integer: may follow ^ or stand in d/dx without brackets."""
    return isinstance(form, Sym | Const) or (isinstance(form, Num) and form.value.denominator == 1)


def decimal_text(value: Fraction) -> str | None:
    """A non-integer with a finite decimal expansion as that decimal (8943/200000: 0.044715);
    None for an integer or a value such as 1/3."""
    if value.denominator == 1 or value < 0:
        return None
    rest, twos, fives = value.denominator, 0, 0
    while rest % 2 == 0:
        rest, twos = rest // 2, twos + 1
    while rest % 5 == 0:
        rest, fives = rest // 5, fives + 1
    if rest != 1:
        return None
    digits = max(twos, fives)
    scaled = value.numerator * 10**digits // value.denominator
    whole, part = divmod(scaled, 10**digits)
    return f"{whole}.{part:0{digits}d}"


class _Printer:
    """Linear text, and the one walk over a form that every printer shares: the plain printer
    is this class; the SymPy-parsable and LaTeX printers override how each kind of node looks."""

    times = "·"
    power = "^"
    decimals = True  # a number the user typed as a decimal is shown as one

    def show(self, form: Form) -> str:
        return self.text(form, 0)

    def wrap(self, text: str, prec: int, threshold: int) -> str:
        return f"({text})" if prec < threshold else text

    def text(self, form: Form, threshold: int) -> str:
        text, prec = self.node(form, threshold)
        return self.wrap(text, prec, threshold)

    def signed(self, form: Form, threshold: int) -> str:
        """A form right after a + or − sign: bracketed when it starts with a sign of its own,
        so that a negated negative reads -(-e^(-x))/…, never --e^(-x)/… or a + -b."""
        text = self.text(form, threshold)
        return self.wrap(text, 0, 1) if text.startswith(("-", "+")) else text

    def node(self, form: Form, threshold: int) -> tuple[str, int]:
        if isinstance(form, Num):
            shown = decimal_text(form.value) if form.decimal and self.decimals else None
            return (shown, P_ATOM) if shown is not None else self.number(form.value)
        if isinstance(form, Const):
            return self.constant(form.name), P_ATOM
        if isinstance(form, Sym):
            return self.symbol(form.name), P_ATOM
        if isinstance(form, Neg):
            if isinstance(form.arg, Div):  # -(-e^(-x))/(1 + e^(-x))^2
                return "-" + self.negated_quotient(form.arg), P_NEG
            return "-" + self.signed(form.arg, P_NEG + 1), P_NEG
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
                parts.append(" - " + self.signed(term.arg, P_NEG + 1))
            else:
                parts.append(" + " + self.signed(term, P_ADD + 1))
        return "".join(parts)

    def quotient(self, form: Div) -> str:
        top = form.num
        top_text = "-" + self.signed(top.arg, P_MUL) if isinstance(top, Neg) else self.text(top, P_MUL)
        return f"{top_text}/{self.text(form.den, P_MUL + 1)}"

    def negated_quotient(self, form: Div) -> str:
        """The quotient after a minus sign: a numerator that starts with a sign is bracketed."""
        text = self.quotient(form)
        if not text.startswith(("-", "+")):
            return text
        return f"{self.wrap(self.show(form.num), 0, 1)}/{self.text(form.den, P_MUL + 1)}"

    def product(self, form: Mul) -> str:
        parts: list[str] = []
        for index, factor in enumerate(form.factors):
            if index == 0 and isinstance(factor, Neg):
                parts.append("-" + self.signed(factor.arg, P_MUL + 1))
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
        shape = shape_of(form)
        if shape == "power":
            shown = self.text(form.arg, P_ATOM) if _is_simple(form.arg) else f"({arg})"
            return f"e^{shown}", P_POW
        if shape == "root":
            return f"√({arg})", P_ATOM
        if shape == "bars":
            return f"|{arg}|", P_ATOM
        return f"{function_name(form)}({arg})", P_ATOM

    def derivative(self, form: Deriv, threshold: int) -> str:
        operator = self.operator(form)
        inner = form.expr
        # d/dx σ(x) reads unambiguously on its own; anything inside a larger form, or e^(...) whose
        # exponent would seem to carry the d/dx, gets brackets.
        if (
            threshold == 0
            and isinstance(inner, Func | Sym)
            and not (isinstance(inner, Func) and shape_of(inner) == "power")
        ):
            return f"{operator} {self.show(inner)}"
        return self.bracketed(operator, self.show(inner))

    def operator(self, form: Deriv) -> str:
        d = "∂" if form.partial else "d"
        return f"{d}/{d}{form.var}" if form.order == 1 else f"{d}^{form.order}/{d}{form.var}^{form.order}"

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
    decimals = False  # exact rationals: SymPy would read 0.5 as a float

    def node(self, form: Form, threshold: int) -> tuple[str, int]:
        if isinstance(form, Neg):
            return "-" + self.signed(form.arg, P_MUL + 1), P_NEG
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
        arg = self.show(form.arg)
        function = BY_NAME.get(form.name)
        if function is None:
            return f"{form.name}({arg})", P_ATOM
        if function.sympy is None and function.formula is not None:  # SymPy has no such function
            return "(" + _U.sub(lambda _: f"({arg})", _sympy_formula(form.name)) + ")", P_ATOM
        return f"{function.sympy or function.name}({arg})", P_ATOM

    def symbol(self, name: str) -> str:
        return ascii_symbol(name)

    def derivative(self, form: Deriv, threshold: int) -> str:
        var = ascii_symbol(form.var)
        order = var if form.order == 1 else f"({var}, {form.order})"
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
                parts.append("-" + self.signed(factor.arg, P_MUL + 1))
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

    def negated_quotient(self, form: Div) -> str:
        return self.quotient(form)  # the numerator's own sign stays inside the fraction

    def pow(self, form: Pow) -> str:
        base = form.base
        wrap = not isinstance(base, Sym | Const | Func) or (
            isinstance(base, Func) and shape_of(base) in ("power", "root")
        )
        if isinstance(base, Num) and base.value.denominator == 1:
            wrap = False
        shown = rf"\left({self.show(base)}\right)" if wrap else self.show(base)
        return f"{shown}^{{{self.show(form.exp)}}}"

    def operator(self, form: Deriv) -> str:
        var = latex_symbol(form.var)
        d = "\\partial " if form.partial else "d"
        if form.order == 1:
            return rf"\frac{{{d.strip()}}}{{{d}{var}}}"
        return rf"\frac{{{d.strip()}^{{{form.order}}}}}{{{d}{var}^{{{form.order}}}}}"

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
        shape = shape_of(form)
        if shape == "power":
            return f"e^{{{arg}}}", P_POW
        if shape == "root":
            return rf"\sqrt{{{arg}}}", P_ATOM
        if shape == "bars":
            return rf"\left|{arg}\right|", P_ATOM
        function = BY_NAME.get(form.name)
        name = "\\" + _NATURAL_LOG.get() if form.name == "log" else function.latex if function else form.name
        if isinstance(form.arg, Sym | Const | Num):
            return f"{name}({arg})", P_ATOM
        return rf"{name}\left({arg}\right)", P_ATOM


_UNICODE_LETTERS = {
    "⋯": r"\cdots",
    "δ": r"\delta",
    "σ": r"\sigma",
    "π": r"\pi",
    "φ": r"\varphi",
    "Φ": r"\Phi",
    "θ": r"\theta",
}


# Subscripts a symbol name may end in (the softmax's zᵢ, pⱼ, δᵢⱼ, z₁): no user can type them, the
# parser's names being ASCII, so only the curated proofs that build them print them.
_SUBSCRIPTS = {"ᵢ": "i", "ⱼ": "j", "ₖ": "k", "ₙ": "n", **{chr(0x2080 + d): str(d) for d in range(10)}}
_SUBSCRIPTED = re.compile(f"([^{''.join(_SUBSCRIPTS)}]+)([{''.join(_SUBSCRIPTS)}]+)")


def subscripted(name: str) -> tuple[str, str] | None:
    """A name ending in Unicode subscripts as (base, the subscript in ASCII): zᵢⱼ → (z, ij)."""
    match = _SUBSCRIPTED.fullmatch(name)
    if match is None:
        return None
    return match.group(1), "".join(_SUBSCRIPTS[ch] for ch in match.group(2))


def ascii_symbol(name: str) -> str:
    """A name as SymPy can read it back: zᵢ → z_i, δᵢⱼ → delta_ij; other names as they are."""
    found = subscripted(name)
    if found is None:
        return name
    base, sub = found
    return f"{_ASCII_LETTERS.get(base, base)}_{sub}"


_ASCII_LETTERS = {"δ": "delta", "σ": "sigma"}


def latex_symbol(name: str) -> str:
    found = subscripted(name)
    if found is not None:
        base, sub = found
        return f"{latex_symbol(base)}_{{{sub}}}"
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
