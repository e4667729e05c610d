"""Two-dimensional text layout of forms (fractions stacked, exponents raised) for the terminal.

Pure functions: a form in, a Box (lines of equal width and the index of the baseline) out.
The rich renderer prints the lines; nothing here knows about colours or consoles.

    d  ⎡    1    ⎤        -x
    ── ⎢─────────⎥       e
    dx ⎣1 + e^-x ⎦    ─────────
                             2
                      (1 + e^-x)
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .forms import (
    P_ADD,
    P_ATOM,
    P_MUL,
    P_NEG,
    P_POW,
    Add,
    Cases,
    Const,
    Deriv,
    Div,
    Form,
    Func,
    Integral,
    Mul,
    Neg,
    Num,
    Pow,
    Sym,
    function_name,
    interval_text,
    plain,
    shape_of,
)


def width(text: str) -> int:
    """Terminal cells: East Asian wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@dataclass(frozen=True)
class Box:
    lines: tuple[str, ...]
    baseline: int

    @property
    def width(self) -> int:
        return max((width(line) for line in self.lines), default=0)

    @property
    def height(self) -> int:
        return len(self.lines)


def text(value: str) -> Box:
    return Box((value,), 0)


def _pad(line: str, cells: int) -> str:
    return line + " " * (cells - width(line))


def hcat(*boxes: Box) -> Box:
    above = max(box.baseline for box in boxes)
    below = max(box.height - box.baseline - 1 for box in boxes)
    rows = [""] * (above + below + 1)
    for box in boxes:
        cells = box.width
        top = above - box.baseline
        for row in range(len(rows)):
            index = row - top
            line = box.lines[index] if 0 <= index < box.height else ""
            rows[row] += _pad(line, cells)
    return Box(tuple(rows), above)


def _center(line: str, cells: int) -> str:
    left = (cells - width(line)) // 2
    return " " * left + _pad(line, cells - left)


def fraction(top: Box, bottom: Box) -> Box:
    cells = max(top.width, bottom.width) + 2
    lines = [_center(line, cells) for line in top.lines]
    lines.append("─" * cells)
    lines += [_center(line, cells) for line in bottom.lines]
    return Box(tuple(lines), top.height)


def raised(base: Box, exponent: Box) -> Box:
    lines = [" " * base.width + line for line in exponent.lines]
    lines += [_pad(line, base.width) + " " * exponent.width for line in base.lines]
    return Box(tuple(lines), exponent.height + base.baseline)


def brackets(box: Box, kind: str = "(") -> Box:
    glyphs = {
        "(": ("(", ")", "⎛", "⎜", "⎝", "⎞", "⎟", "⎠"),
        "[": ("[", "]", "⎡", "⎢", "⎣", "⎤", "⎥", "⎦"),
        "|": ("|", "|", "│", "│", "│", "│", "│", "│"),
    }[kind]
    if box.height == 1:
        return Box((glyphs[0] + box.lines[0] + glyphs[1],), 0)
    left = [glyphs[2]] + [glyphs[3]] * (box.height - 2) + [glyphs[4]]
    right = [glyphs[5]] + [glyphs[6]] * (box.height - 2) + [glyphs[7]]
    lines = tuple(
        f"{lft}{_pad(line, box.width)}{rgt}" for lft, line, rgt in zip(left, box.lines, right, strict=True)
    )
    return Box(lines, box.baseline)


def _prec(form: Form) -> int:
    if isinstance(form, Add):
        return P_ADD
    if isinstance(form, Neg):
        return P_NEG
    if isinstance(form, Mul | Integral):
        return P_MUL
    if isinstance(form, Pow) or (isinstance(form, Func) and shape_of(form) == "power"):
        return P_POW
    return P_ATOM  # numbers, symbols, functions, stacked fractions, derivatives


def _bracket_base(base: Form) -> bool:
    """Whether the base of a power needs brackets: anything but a symbol, an integer or a
    function call (e^u is itself a power)."""
    if isinstance(base, Num):
        return base.value.denominator != 1
    if isinstance(base, Func):
        return shape_of(base) == "power"
    return not isinstance(base, Sym | Const)


def _child(form: Form, threshold: int) -> Box:
    box = layout(form)
    return brackets(box) if _prec(form) < threshold else box


def _signed(form: Form, threshold: int) -> Box:
    """A form right after a + or − sign: bracketed when its own line starts with a sign, so that
    two signs never touch (-(-x), a + (-b))."""
    box = _child(form, threshold)
    return brackets(box) if box.lines[box.baseline].startswith(("-", "+")) else box


def _minus(box: Box) -> Box:
    """A minus sign before a box; a space before a fraction bar, which it would seem to lengthen."""
    return hcat(text("- " if box.lines[box.baseline].startswith("─") else "-"), box)


def layout(form: Form) -> Box:
    """The 2-D picture of a form."""
    if isinstance(form, Num):
        value = form.value
        if value.denominator == 1:
            return text(str(value.numerator))
        return fraction(text(str(value.numerator)), text(str(value.denominator)))
    if isinstance(form, Const | Sym):
        return text(plain(form))
    if isinstance(form, Neg):
        return _minus(_signed(form.arg, P_NEG + 1))
    if isinstance(form, Add):
        parts = [_child(form.terms[0], P_ADD + 1)]
        for term in form.terms[1:]:
            if isinstance(term, Neg):
                parts += [text(" - "), _signed(term.arg, P_NEG + 1)]
            else:
                parts += [text(" + "), _signed(term, P_ADD + 1)]
        return hcat(*parts)
    if isinstance(form, Mul):
        parts = []
        for index, factor in enumerate(form.factors):
            if index:
                parts.append(text("·"))
            if index == 0 and isinstance(factor, Neg):
                parts.append(_minus(_signed(factor.arg, P_MUL + 1)))
            else:
                parts.append(_child(factor, P_MUL + 1))
        return hcat(*parts)
    if isinstance(form, Div):
        return fraction(layout(form.num), layout(form.den))
    if isinstance(form, Pow):
        base = layout(form.base)
        return raised(brackets(base) if _bracket_base(form.base) else base, layout(form.exp))
    if isinstance(form, Func):
        arg = layout(form.arg)
        shape = shape_of(form)
        if shape == "power":
            return raised(text("e"), arg)
        if shape == "bars":
            return brackets(arg, "|")
        if shape == "root":
            return hcat(text("√"), brackets(arg))
        return hcat(text(function_name(form)), brackets(arg))
    if isinstance(form, Deriv):
        order = "" if form.order == 1 else str(form.order)
        d = "∂" if form.partial else "d"
        top = f"{d}{order}" if not order else f"{d}^{order}"
        bottom = f"{d}{form.var}" if not order else f"{d}{form.var}^{order}"
        operator = fraction(text(top), text(bottom))
        inner = form.expr
        if isinstance(inner, Sym | Func) and not (isinstance(inner, Func) and shape_of(inner) == "power"):
            return hcat(operator, text(" "), layout(inner))
        return hcat(operator, text(" "), brackets(layout(inner), "["))
    if isinstance(form, Integral):
        sign = Box((plain(form.upper), "⌠", "⌡", plain(form.lower)), 2)
        return hcat(sign, text(" "), _child(form.integrand, P_MUL + 1), text(f" d{form.var}"))
    assert isinstance(form, Cases)
    rows = [hcat(layout(piece), text(f"   if {interval_text(where)}")) for piece, where in form.pieces]
    lines: list[str] = []
    for row in rows:
        lines += list(row.lines)
    body = Box(tuple(lines), len(lines) // 2)
    brace = ["⎧"] + ["⎪"] * (body.height - 2) + ["⎩"] if body.height > 1 else ["{"]
    if body.height > 2:
        brace[body.height // 2] = "⎨"
    return Box(tuple(f"{b} {line}" for b, line in zip(brace, body.lines, strict=True)), body.baseline)


def equation(left: Form | None, right: Form) -> Box:
    """``left = right``, or ``= right`` for a continued chain."""
    if left is None:
        return hcat(text("= "), layout(right))
    return hcat(layout(left), text(" = "), layout(right))
