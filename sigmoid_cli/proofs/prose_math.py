"""Prose for LaTeX, with the formulas it spells out in plain notation typeset as mathematics.

The explanations (texts/) write formulas the way a plain-text reader sees them:
``σ(x) = 1/(1 + e^(−x))``, ``dy/du · du/dx``, ``cosh²``. A small grammar of such formulas (numbers,
one-letter names, Greek letters, function names, + − · / = ^ and brackets) finds them in the
text; each becomes ``$…$`` in LaTeX, the rest is escaped as text. A lone letter stays prose (it
is the English "a" as often as a variable), so a formula needs an operator or a bracket.
Forms the renderer puts in (parameters) arrive as markers \\x00n\\x01 that join the formula around
them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sigmoid_cli.grammar.functions import BY_NAME

from .latex_math import TEXT_WIDTH, inline

_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
# Characters of the explanations that pdflatex does not know in text mode, as mathematics.
_LATEX_MATH_CHARS = {
    "σ": r"$\sigma$",
    "Φ": r"$\Phi$",
    "π": r"$\pi$",
    "−": "$-$",
    "·": r"$\cdot$",
    "²": "$^2$",
    "³": "$^3$",
    "√": r"$\surd$",
    "≤": r"$\le$",
    "≥": r"$\ge$",
    "≠": r"$\ne$",
    "≈": r"$\approx$",
    "∫": r"$\int$",
    "✓": r"$\checkmark$",
    "✗": r"$\times$",
    "⟦": "",
    "⟧": "",
    "〜": "$\\sim$",
}


def latex_text(text: str) -> str:
    """Prose for LaTeX text mode (and KaTeX's \\text{}): special characters escaped, Greek
    letters and math symbols as inline mathematics."""
    out = []
    for ch in text:
        if ch in _LATEX_SPECIAL:
            out.append(_LATEX_SPECIAL[ch])
        elif ch in _LATEX_MATH_CHARS:
            out.append(_LATEX_MATH_CHARS[ch])
        else:
            out.append(ch)
    return "".join(out)


# --- finding formulas -----------------------------------------------------------------------------

_TOKEN = re.compile(r"\x00\d+\x01|\d+(?:\.\d+)?|[A-Za-z]+|.", re.DOTALL)
_RELATIONS = {"=", "≠", "≤", "≥", "≈", "<", ">"}
_SIGNS = {"+", "−"}
_PRODUCTS = {"·", "×", "/"}
_POSTFIX = {"'", "²", "³"}
_GREEK = {"σ": r"\sigma", "Φ": r"\Phi", "π": r"\pi"}
_SYMBOLS = {"−": "-", "·": r"\cdot", "×": r"\times", "≠": r"\ne", "≤": r"\le", "≥": r"\ge", "≈": r"\approx"}
_FUNCTIONS = {name: function.latex or rf"\operatorname{{{name}}}" for name, function in BY_NAME.items()}
_FUNCTIONS |= {"atan": r"\arctan", "sqrt": r"\operatorname{sqrt}"}
_DIFFERENTIAL = re.compile(r"d[a-z]")
_THIN = "\x02"  # the space between two formulas that are read as one
_INLINE = 0.4 * TEXT_WIDTH  # wider inline formulas are made breakable into pieces this wide


def _atom(token: str) -> bool:
    """A name in a formula: a number, a marker, one letter, a Greek letter, a function, dy."""
    if token[0] == "\x00" or token[0].isdigit() or token in _GREEK or token in _FUNCTIONS:
        return True
    return token.isascii() and token.isalpha() and (len(token) == 1 or bool(_DIFFERENTIAL.fullmatch(token)))


class _Parser:
    """Recursive descent over the tokens; each method returns where its phrase ends, or None."""

    def __init__(self, tokens: Sequence[str]) -> None:
        self.tokens = tokens

    def at(self, index: int) -> str:
        return self.tokens[index] if index < len(self.tokens) else ""

    def skip(self, index: int) -> int:
        return index + 1 if self.at(index) == " " else index

    def relation(self, index: int) -> int | None:
        end = self.sum(index)
        while end is not None:
            after = self.skip(end)
            if self.at(after) not in _RELATIONS:
                break
            more = self.sum(self.skip(after + 1))
            if more is None:
                break
            end = more
        return end

    def sum(self, index: int) -> int | None:
        if self.at(index) in _SIGNS:
            index += 1
        end = self.term(index)
        while end is not None:
            after = self.skip(end)
            if self.at(after) not in _SIGNS:
                break
            more = self.term(self.skip(after + 1))
            if more is None:
                break
            end = more
        return end

    def term(self, index: int) -> int | None:
        end = self.factor(index)
        while end is not None:
            after = self.skip(end)
            if self.at(after) in _PRODUCTS:
                more = self.factor(self.skip(after + 1))
            elif self.at(end) == "(" or _atom(self.at(end) or " "):
                more = self.factor(end)  # side by side, no space: σ(u), dσ, P'(σ)
            else:
                more = None
            if more is None:
                break
            end = more
        return end

    def factor(self, index: int) -> int | None:
        if self.at(index) == "−":
            index += 1
        end = self.primary(index)
        while end is not None:
            if self.at(end) == "^":
                power = end + 1 + (self.at(end + 1) == "−")
                more = self.primary(power)
                if more is None:
                    break
                end = more
            elif self.at(end) in _POSTFIX:
                end += 1
            else:
                break
        return end

    def primary(self, index: int) -> int | None:
        token = self.at(index)
        if token and _atom(token):
            return index + 1
        if token == "(":
            end = self.relation(self.skip(index + 1))
            if end is not None and self.at(self.skip(end)) == ")":
                return self.skip(end) + 1
        return None


def _spans(tokens: list[str]) -> list[tuple[int, int]]:
    """The formulas among ``tokens`` as [start, end) ranges, the longest first found."""
    parser = _Parser(tokens)
    found: list[tuple[int, int]] = []
    index = 0
    while index < len(tokens):
        end = parser.relation(index) if tokens[index] != " " else None
        if end is not None and _is_formula(tokens[index:end]):
            if found and found[-1][1] + 1 == index and tokens[index - 1] == " ":
                tokens[index - 1] = _THIN  # d/dx P(σ): one formula, a thin space in it
                found[-1] = (found[-1][0], end)
            else:
                found.append((index, end))
            index = end
        else:
            index += 1
    return found


def _is_formula(tokens: list[str]) -> bool:
    return any(not _atom(token) or token[0] == "\x00" for token in tokens)


# --- typesetting them -----------------------------------------------------------------------------


def _math(tokens: list[str], formulas: Sequence[str]) -> str:
    out: list[str] = []
    previous = ""  # the last token that was not a space: is a − a sign or a minus?
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if token == "^":
            exponent, index = _exponent(tokens, index)
            if len(exponent) == 1 and exponent[0][0] == "\x00":
                out.append("^{" + _symbol(exponent[0], formulas) + "}")
            else:
                out.append("^{" + _math(exponent, formulas) + "}")
        elif token in _POSTFIX and token != "'":
            out.append("^{" + ("2" if token == "²" else "3") + "}")
        elif token in _SIGNS and previous in ("", "(", *_RELATIONS, *_SIGNS, *_PRODUCTS):
            out.append(_SYMBOLS.get(token, token))  # a sign: no space after it
        else:
            out.append(_symbol(token, formulas))
            if out[-1][-1:].isalpha() and out[-1].startswith("\\") and _atom(_at(tokens, index) or " "):
                out.append(" ")  # \sigma x, not \sigmax
        if token != " ":
            previous = token
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _at(tokens: list[str], index: int) -> str:
    return tokens[index] if index < len(tokens) else ""


def _exponent(tokens: list[str], index: int) -> tuple[list[str], int]:
    """The exponent after ^: a bracket (whose brackets only group it) or one name."""
    if index < len(tokens) and tokens[index] == "(":
        level, end = 0, index
        for end in range(index, len(tokens)):
            level += {"(": 1, ")": -1}.get(tokens[end], 0)
            if level == 0:
                break
        return tokens[index + 1 : end], end + 1
    if index < len(tokens) and tokens[index] == "−":
        return tokens[index : index + 2], index + 2
    return tokens[index : index + 1], index + 1


def _symbol(token: str, formulas: Sequence[str]) -> str:
    if token[0] == "\x00":
        return formulas[int(token[1:-1])]
    if token == " ":
        return ""
    if token == _THIN:
        return r"\,"
    if token in _RELATIONS or token in _SIGNS or token in ("·", "×"):
        return f" {_SYMBOLS.get(token, token)} "
    if token in _GREEK:
        return _GREEK[token]
    if token in _FUNCTIONS:
        return _FUNCTIONS[token]
    return _SYMBOLS.get(token, token)


def latex_prose(text: str, formulas: Sequence[str] = ()) -> str:
    """``text`` for LaTeX: its formulas as ``$…$`` (markers \\x00n\\x01 stand for
    ``formulas[n]``), everything else escaped as text."""
    tokens = _TOKEN.findall(text)
    out: list[str] = []
    position = 0
    for start, end in _spans(tokens):
        out.append(latex_text("".join(tokens[position:start])))
        out.append("$" + inline(_math(tokens[start:end], formulas), _INLINE) + "$")
        position = end
    out.append(latex_text("".join(tokens[position:])))
    return "".join(out)
