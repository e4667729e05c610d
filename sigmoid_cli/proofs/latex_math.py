"""LaTeX mathematics that fits a page: an estimate of its typeset width, and lines broken at
top-level +, −, · and = (opening brackets and fractions when one term alone is too wide).

TeX cannot break a display row, nor inline mathematics inside \\left…\\right, so long formulas
are broken here. The widths are estimates in points for Computer Modern at 10 pt, on the
generous side: a line that the estimate accepts fits the text width.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sigmoid_cli.errors import UsageError

TEXT_WIDTH = 500.0  # pt: article on letter paper with geometry's margin=2cm
MAX_LINES = 120  # lines of one broken formula (three pages): beyond that, no proof to read
MAX_DEPTH = 200  # nested groups, brackets and fractions: TeX allows 255 levels of grouping


class TooLarge(UsageError):
    """A formula that cannot be typeset to fit a page (exit status 2, like any request over
    our limits)."""


@dataclass
class Group:
    items: list[Node]


@dataclass
class Delim:
    open: str
    items: list[Node]
    close: str


@dataclass
class Env:
    """\\begin{name}…\\end{name} (cases): never broken, as wide as its widest row."""

    name: str
    items: list[Node]


Node = str | Group | Delim | Env

_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|\s+|.", re.DOTALL)


def parse(text: str) -> list[Node]:
    tokens = _TOKEN.findall(text)
    tokens.reverse()
    return _parse(tokens, None)


def _parse(tokens: list[str], until: str | None) -> list[Node]:
    items: list[Node] = []
    while tokens:
        token = tokens.pop()
        if token == until:
            return items
        if token == "{":
            items.append(Group(_parse(tokens, "}")))
        elif token == r"\left":
            opening = _delimiter(tokens)
            inner = _parse(tokens, r"\right")
            items.append(Delim(opening, inner, _delimiter(tokens)))
        elif token == r"\begin":
            name = _name(tokens)
            items.append(Env(name, _parse(tokens, r"\end")))
            _name(tokens)
        elif token.isspace():
            items.append(" ")
        else:
            items.append(token)
    return items


def _name(tokens: list[str]) -> str:
    """The {name} after \\begin or \\end."""
    if tokens and tokens[-1] == "{":
        tokens.pop()
        return show(_parse(tokens, "}"))
    return ""


def _delimiter(tokens: list[str]) -> str:
    while tokens and tokens[-1].isspace():
        tokens.pop()
    return tokens.pop() if tokens else "."


def show(items: list[Node]) -> str:
    out = []
    for item in items:
        if isinstance(item, Group):
            out.append("{" + show(item.items) + "}")
        elif isinstance(item, Delim):
            out.append(rf"\left{item.open}" + show(item.items) + rf"\right{item.close}")
        elif isinstance(item, Env):
            out.append(rf"\begin{{{item.name}}}" + show(item.items) + rf"\end{{{item.name}}}")
        else:
            out.append(item)
    return "".join(out)


# --- width ----------------------------------------------------------------------------------------

_BINARY = {"+": 12.2, "-": 12.2, r"\cdot": 7.2, r"\times": 12.2, r"\pm": 12.2}
_RELATION = {"=": 13.4, r"\ne": 13.4, r"\le": 13.4, r"\ge": 13.4, "<": 13.4, ">": 13.4, r"\approx": 13.4}
_SPACES = {r"\qquad": 20.0, r"\quad": 10.0, r"\,": 1.7, r"\;": 2.8, r"\:": 2.2, r"\!": -1.7, r"\ ": 3.3}
_TEXT_ARGUMENT = {r"\text", r"\mathit", r"\mathrm", r"\operatorname", r"\textbf", r"\texttt"}
_SIZED = {r"\bigl": 4.6, r"\bigr": 4.6, r"\Bigl": 5.8, r"\Bigr": 5.8, r"\biggl": 6.9, r"\biggr": 6.9}
_SIZED |= {r"\Biggl": 8.1, r"\Biggr": 8.1, r"\big": 4.6, r"\Big": 5.8}


def width(text: str) -> float:
    """The estimated width in pt of ``text`` typeset in display style."""
    return _width(parse(text), 1.0, True)


def _width(items: list[Node], scale: float, display: bool) -> float:
    total = 0.0
    index = 0
    while index < len(items):
        item = items[index]
        index += 1
        if isinstance(item, Group):
            total += _width(item.items, scale, display)
        elif isinstance(item, Env):
            rows = _rows(item.items)
            total += max(_width(row, scale, display) for row in rows) + 15.0 * scale
        elif isinstance(item, Delim):
            grow = 1.0 + 0.4 * height(item.items)
            marks = sum(3.9 * grow for mark in (item.open, item.close) if mark != ".")
            total += _width(item.items, scale, display) + marks * scale
        elif item in ("^", "_"):
            argument = items[index : index + 1]
            index += 1
            total += _width(argument, 0.7 if scale == 1.0 else 0.5, False)
        elif item == r"\frac":
            parts = items[index : index + 2]
            index += 2
            inner = scale if display else (0.7 if scale == 1.0 else 0.5)
            total += max((_width([part], inner, False) for part in parts), default=0.0) + 2.4 * scale
        elif item == r"\sqrt":
            total += 8.3 * scale
        elif item in _TEXT_ARGUMENT:
            argument = items[index : index + 1]
            index += 1
            total += 5.0 * scale * len(show(argument)) + (1.7 if item == r"\operatorname" else 0.0)
        else:
            total += _atom(item, scale)
    return total


def _atom(token: str, scale: float) -> float:
    if token.isspace() or token in ("&", "{}"):
        return 0.0
    if token in _SPACES:
        return _SPACES[token]
    if token in _SIZED:
        return _SIZED[token] * scale
    if token in _BINARY:
        return _BINARY[token] * scale if scale == 1.0 else 7.8 * scale
    if token in _RELATION:
        return _RELATION[token] * scale if scale == 1.0 else 7.8 * scale
    if token.startswith("\\") and token[1:].isalpha():
        # \sigma, \pi: one letter; \log, \tanh: an upright name and a thin space
        return (5.9 if len(token) <= 6 and token[1:] not in _NAMED else 4.6 * len(token) - 2.8) * scale
    if token.isdigit():
        return 5.0 * scale
    if token in "()[]|":
        return 3.9 * scale
    if token in ",;":
        return 4.5 * scale
    return 5.6 * scale


_NAMED = {"log", "exp", "sin", "cos", "tan", "sec", "sinh", "cosh", "tanh", "arctan", "ln"}


def _rows(items: list[Node]) -> list[list[Node]]:
    rows: list[list[Node]] = [[]]
    for item in items:
        if item == "\\\\":
            rows.append([])
        else:
            rows[-1].append(r"\quad" if item == "&" else item)
    return rows


def height(items: list[Node]) -> int:
    """How many fractions are stacked in ``items`` (outside scripts): the size of brackets."""
    best = 0
    index = 0
    while index < len(items):
        item = items[index]
        index += 1
        if isinstance(item, Env):
            best = max(best, 2)
        elif isinstance(item, Group | Delim):
            best = max(best, height(item.items))
        elif item in ("^", "_"):
            index += 1
        elif item == r"\frac":
            parts = items[index : index + 2]
            index += 2
            best = max(best, 1 + max((height([part]) for part in parts), default=0))
    return best


def depth(items: list[Node]) -> int:
    """How deep groups, brackets and fractions nest."""
    return max((1 + depth(item.items) for item in items if isinstance(item, Group | Delim | Env)), default=0)


# --- breaking -------------------------------------------------------------------------------------

_BIG = ("", r"\bigl", r"\Bigl", r"\biggl", r"\Biggl")


def _sized(items: list[Node], display: bool) -> tuple[str, str]:
    level = min(height(items) + (1 if display and height(items) else 0), len(_BIG) - 1)
    opening = _BIG[level]
    return opening, opening[:-1] + "r" if opening else ""


def _open_delim(item: Delim, display: bool) -> list[Node]:
    """A bracket as two sized marks, so that a line may break between them."""
    left, right = _sized(item.items, display)
    opening: list[Node] = [] if item.open == "." else [mark for mark in (left, item.open) if mark]
    closing: list[Node] = [] if item.close == "." else [mark for mark in (right, item.close) if mark]
    return [*opening, *item.items, *closing]


def _open_fraction(numerator: Node, denominator: Node, display: bool) -> list[Node]:
    """a/b on one line instead of a stacked fraction, so that it can be broken."""
    parts: list[Node] = []
    for index, part in enumerate((numerator, denominator)):
        inner: list[Node] = part.items if isinstance(part, Group) else [part]
        if index:
            parts.append("/")
        if len(_chunks(inner)) > 1 or "/" in inner:
            parts.extend(_open_delim(Delim("(", inner, ")"), display))
        else:
            parts.extend(inner)
    return parts


def _open(items: list[Node], display: bool) -> list[Node] | None:
    """``items`` with their widest bracket or fraction opened up; None when there is none.
    (Nothing inside braces: a line cannot break in a group, an exponent, a fraction's part.)"""
    best, where = -1.0, -1
    for index, item in enumerate(items):
        if isinstance(item, Delim) or item == r"\frac":
            span: list[Node] = [item] if isinstance(item, Delim) else items[index : index + 3]
            size = _width(span, 1.0, display)
            if size > best:
                best, where = size, index
    if where < 0:
        return None
    item = items[where]
    if isinstance(item, Delim):
        return [*items[:where], *_open_delim(item, display), *items[where + 1 :]]
    fraction = _open_fraction(items[where + 1], items[where + 2], display)
    return [*items[:where], *fraction, *items[where + 3 :]]


_OPERATORS = set(_BINARY) | set(_RELATION)


def _chunks(items: list[Node]) -> list[list[Node]]:
    """``items`` cut before each binary operator or relation (not a sign: one that follows
    nothing, another operator, or an opening mark)."""
    chunks: list[list[Node]] = [[]]
    previous = ""
    for item in items:
        binary = isinstance(item, str) and item in _OPERATORS
        if binary and previous and previous not in _OPERATORS and not previous.endswith(("(", "[", "|")):
            chunks.append([])
        chunks[-1].append(item)
        if not (isinstance(item, str) and item.isspace()):
            previous = item if isinstance(item, str) else "x"
    return [chunk for chunk in chunks if chunk]


def lines(text: str, first: float, rest: float) -> list[str]:
    """``text`` broken into lines: the first at most ``first`` pt wide, the others ``rest``.

    Raises TooLarge when that takes more than MAX_LINES lines or the formula nests too deep."""
    items = parse(text)
    if depth(items) > MAX_DEPTH:
        raise TooLarge(f"a formula nests {depth(items)} levels deep, more than LaTeX can typeset")
    while True:
        chunks = _chunks(items)
        widest = max(_width(chunk, 1.0, True) for chunk in chunks)
        if widest <= rest and (len(chunks) > 1 or widest <= first):
            break
        opened = _open(items, True)
        if opened is None:
            raise TooLarge("a formula is too wide for the page and has no place to break it")
        items = opened
    out = _pack(chunks, first, rest)
    if len(out) > MAX_LINES:
        raise TooLarge(f"a formula would take {len(out)} lines of the page (more than {MAX_LINES})")
    return out


def _pack(chunks: list[list[Node]], first: float, rest: float) -> list[str]:
    out: list[str] = []
    line: list[Node] = []
    budget = first
    for chunk in chunks:
        if line and _width(line + chunk, 1.0, True) > budget:
            out.append(show(line).strip())
            line, budget = [], rest
        line.extend(chunk)
    out.append(show(line).strip())
    return out


def inline(text: str, limit: float) -> str:
    """Inline mathematics that TeX can break in a paragraph: when wider than ``limit``, its
    brackets become sized marks (TeX breaks only outside \\left…\\right) and its too-wide
    fractions a/b."""
    items = parse(text)
    if depth(items) > MAX_DEPTH:
        raise TooLarge(f"a formula nests {depth(items)} levels deep, more than LaTeX can typeset")
    if _width(items, 1.0, False) <= limit:
        return text
    items = _flatten(items)
    while max(_width(chunk, 1.0, False) for chunk in _chunks(items)) > limit:
        opened = _open(items, False)
        if opened is None:
            raise TooLarge("a formula is too wide for the page and has no place to break it")
        items = _flatten(opened)  # an opened fraction's brackets too
    return show(items)


def _flatten(items: list[Node]) -> list[Node]:
    out: list[Node] = []
    for item in items:
        if isinstance(item, Delim):
            out.extend(_open_delim(Delim(item.open, _flatten(item.items), item.close), False))
        else:
            out.append(item)
    return out
