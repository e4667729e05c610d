"""A whitelist reader for derivations written in LaTeX: math in, our expression syntax out.

Only the math is read: the ``align``/``align*``/``equation``/``gather`` environments, ``$$…$$``
and ``\\[…\\]`` blocks of a document (its preamble and its prose are skipped), or the whole
text when it has no block. Rows are split at ``\\\\``; ``&`` is alignment; what follows ``&&``
is commentary (derive's rule names). A row indented by ``\\qquad`` is a side equation (derive's
worked-out sub-steps), checked on its own and not part of the chain.

The translation knows a fixed table of control sequences (``\\frac``, ``\\sigma``, ``\\exp``,
``\\left(``, ``\\cdot``, …) and inserts the ``*`` that juxtaposition means; anything else is an
error naming its line and column. Nothing is expanded or executed: ``\\input``, ``\\def`` and
their kind are refused wherever they appear, even outside the math. Every output character
remembers the source place it came from, so later errors point into the LaTeX.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from sigmoid_cli.errors import ParseError

from .written import Piece, Written, split_piece

# Refused anywhere in the input: they read files, write files or define macros.
FORBIDDEN = frozenset({
    "input", "include", "includeonly", "def", "edef", "gdef", "xdef", "let", "newcommand",
    "renewcommand", "providecommand", "DeclareMathOperator", "DeclareRobustCommand", "catcode",
    "write", "immediate", "openin", "openout", "read", "csname", "expandafter", "newenvironment",
    "renewenvironment", "usetikzlibrary", "directlua",
})  # fmt: skip
_FUNCTIONS = {
    "sigma": "sigmoid",
    "exp": "exp",
    "log": "log",
    "ln": "log",
    "tanh": "tanh",
    "sinh": "sinh",
    "cosh": "cosh",
    "sin": "sin",
    "cos": "cos",
    "tan": "tan",
    "arctan": "atan",
    "Phi": "Phi",
}
# \operatorname{…} / \mathrm{…}: the names derive writes (gd, sgn, sech) and a few people write.
_NAMED = {
    "erf": "erf",
    "sigmoid": "sigmoid",
    "atan": "atan",
    "gd": "gd",
    "sgn": "sign",
    "sign": "sign",
    "sech": "sech",
    "erfc": "erfc",
    "softplus": "softplus",
    "SiLU": "silu",
    "silu": "silu",
    "GELU": "gelu",
    "gelu": "gelu",
    "mish": "mish",
    "ReLU": "relu",
    "relu": "relu",
    "log1p": "log1p",
    "expm1": "expm1",
    "logit": "logit",
    "e": "e",
    "d": "d",
}
_NAMED_FUNCTIONS = frozenset({"erf", "sigmoid", "atan", "gd", "sgn", "sign", "sech"}) | (
    frozenset(_NAMED) - {"e", "d"}
)
_RELATIONS = {
    "le": "<=",
    "leq": "<=",
    "leqslant": "<=",
    "ge": ">=",
    "geq": ">=",
    "geqslant": ">=",
    "lt": "<",
    "gt": ">",
}
_TIMES = {"cdot": "*", "times": "*", "ast": "*", "div": "/"}
_SPACES = frozenset({",", ";", ":", "!", " ", "quad", "qquad", "displaystyle", "textstyle"})
_SIZES = frozenset({"left", "right", "bigl", "bigr", "Bigl", "Bigr", "big", "Big", "biggl", "biggr"})
_DROP = frozenset({"text", "tag", "label", "mbox", "textrm"})
_BLOCK = re.compile(
    r"\\begin\{(align\*?|equation\*?|gather\*?|multline\*?|aligned)\}(.*?)\\end\{\1\}"
    r"|^[ \t]*\$\$(.*?)\$\$|\\\[(.*?)\\\]",  # $$ opens a display only at the start of a line
    re.DOTALL | re.MULTILINE,
)
_NEW = re.compile(r"d(?:\^\d+)?/d[A-Za-z]")  # a row that starts with a derivative
_GO_ON = re.compile(r"\s*&?\s*(?:\\q?quad\s*)*\{\}(?!\s*[=&])")  # a row that goes on the last form
_CS = re.compile(r"\\([A-Za-z]+|.)", re.DOTALL)


@dataclass(frozen=True, slots=True)
class _Token:
    text: str  # a control sequence with its backslash, "{", "}", or one character
    start: int  # offset in the whole input


class _Source:
    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = [0] + [m.end() for m in re.finditer("\n", text)]

    def where(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.lines, offset)
        return line, offset - self.lines[line - 1] + 1

    def error(self, offset: int, message: str) -> ParseError:
        line, column = self.where(offset)
        return ParseError(f"line {line}, column {column}: {message}", self.text[offset : offset + 40], column)


def read_latex(text: str) -> Written:
    """The derivation in ``text`` (LaTeX), as the pieces check.check verifies."""
    source = _Source(_without_comments(text))
    for match in _CS.finditer(source.text):
        if match.group(1) in FORBIDDEN:
            raise source.error(
                match.start(), f"\\{match.group(1)} is not allowed: the reader reads no files and no macros"
            )
    spans = [
        (m.start(g), m.end(g)) for m in _BLOCK.finditer(source.text) for g in (2, 3, 4) if m.start(g) >= 0
    ]
    if not spans:
        spans = [(0, len(source.text))]
    rows = [row for start, end in spans for row in _rows(source, start, end)]
    if not rows:
        raise source.error(0, "no math found: write the derivation in a $$…$$, \\[…\\] or align* block")
    chain: list[Piece] = []
    sides: list[tuple[Piece, ...]] = []
    problem: Piece | None = None
    for start, end in rows:
        side = problem is not None and re.match(r"\s*&?\s*\\q?quad", source.text[start:end]) is not None
        piece = _Translation(source, start, end).run()
        if not piece.text.strip():
            continue
        if _GO_ON.match(source.text, start, end) and (chain or sides):
            # `{} \cdot …`: a long form broken over rows; the row goes on the form before it
            if side and sides:
                sides[-1] = (*sides[-1][:-1], _join(sides[-1][-1], piece))
            elif chain:
                chain[-1] = _join(chain[-1], piece)
            continue
        continued = problem is not None and piece.text.lstrip().startswith("=")
        if continued:
            piece = piece.part(piece.text.index("=") + 1, len(piece.text))
        parts = split_piece(piece)
        if (
            problem is not None
            and not side
            and not continued
            and len(parts) > 1
            and _NEW.match(parts[0].text)
        ):
            # `\frac{d^{3}}{dx^{3}} f &= …` (derive's next order): a new equation; the one before
            # is checked on its own, and the last one is the problem.
            sides.append((problem, *chain))
            problem, chain = None, []
        if problem is None:
            problem, parts = parts[0], parts[1:]
        if side and continued and sides:
            sides[-1] += tuple(parts)  # `{} = …` under a long left side: the same side equation
        elif side:
            sides.append(tuple(parts))
        else:
            chain += parts
    assert problem is not None
    return Written(problem, tuple(chain), tuple(sides))


def _join(first: Piece, then: Piece) -> Piece:
    origin = (*(first.origin or ()), *(then.origin or ())[:1], *(then.origin or ()))
    return Piece(f"{first.text} {then.text}", first.line, first.column, origin or None)


def _without_comments(text: str) -> str:
    """``%`` to the end of the line blanked out (same length: offsets stay right)."""
    return re.sub(r"(?<!\\)%[^\n]*", lambda m: " " * len(m.group()), text)


def _rows(source: _Source, start: int, end: int) -> list[tuple[int, int]]:
    """The rows of a block, split at ``\\\\`` outside braces, each cut at ``&&`` (commentary)."""
    rows: list[tuple[int, int]] = []
    depth, row, index, cut, inside = 0, start, start, -1, 0
    text = source.text
    while index < end:
        char = text[index]
        inside += text.startswith("\\begin", index) - text.startswith("\\end", index)
        if char == "\\" and text.startswith("\\\\", index) and depth == 0 and inside <= 0:
            rows.append((row, cut if cut >= 0 else index))
            index += 2
            row, cut = index, -1
            continue
        if char == "\\":
            index += 2
            continue
        depth += (char == "{") - (char == "}")
        if char == "&" and text.startswith("&&", index) and depth == 0 and cut < 0:
            cut = index
        index += 1
    rows.append((row, cut if cut >= 0 else end))
    return [(a, b) for a, b in rows if text[a:b].strip()]


class _Translation:
    """One row of LaTeX to our syntax, character by character with the source offsets."""

    def __init__(self, source: _Source, start: int, end: int) -> None:
        self.source = source
        self.tokens = _tokens(source, start, end)
        self.index = 0
        self.out: list[str] = []
        self.at: list[int] = []
        self.last = "start"  # "operand", "function", "derivative", or "start"/"operator"

    def run(self) -> Piece:
        while self.index < len(self.tokens):
            self.item()
        origin = tuple(self.source.where(offset) for offset in self.at)
        line, column = origin[0] if origin else (1, 1)
        return Piece("".join(self.out), line, column, origin)

    # --- writing
    def emit(self, text: str, offset: int, kind: str) -> None:
        starts_operand = kind in ("operand", "function", "derivative", "open")
        if starts_operand and self.last == "operand":
            self.out.append("*")
            self.at.append(offset)
        self.out.append(text)
        self.at += [offset] * len(text)
        self.last = {"open": "operator", "close": "operand"}.get(kind, kind)

    # --- reading
    def peek(self) -> _Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self, what: str) -> _Token:
        token = self.peek()
        if token is None:
            end = self.tokens[-1].start if self.tokens else 0
            raise self.source.error(end, f"{what} is missing")
        self.index += 1
        return token

    def group(self, opener: _Token) -> list[_Token]:
        """The tokens of the ``{…}`` (or the single token) after a command."""
        token = self.take(f"the argument of {opener.text}")
        if token.text != "{":
            return [token]
        depth, found = 1, list[_Token]()
        while True:
            inner = self.take(f"a '}}' closing the '{{' of {opener.text}")
            depth += (inner.text == "{") - (inner.text == "}")
            if depth == 0:
                return found
            found.append(inner)

    def sub(self, tokens: list[_Token], before: str, after: str, offset: int) -> None:
        """Translate ``tokens`` in place, wrapped in ``before`` … ``after``."""
        self.emit(before, offset, "open")
        self.inline(tokens)
        self.emit(after, tokens[-1].start if tokens else offset, "close")

    def inline(self, tokens: list[_Token]) -> None:
        saved, self.tokens, self.index = (self.tokens, self.index), tokens, 0
        while self.index < len(self.tokens):
            self.item()
        self.tokens, self.index = saved

    def item(self) -> None:
        token = self.take("an expression")
        text = token.text
        if text == "{":
            self.index -= 1
            inner = self.group(_Token("a brace", token.start))
            if inner:  # `{} = …`: an empty group only spaces a relation
                self.sub(inner, "(", ")", token.start)
        elif text == "}":
            raise self.source.error(token.start, "unmatched '}'")
        elif text.startswith("\\"):
            self.command(token)
        elif text.isdigit() or text == ".":
            self.number(token)
        elif text.isalpha() and text.isascii():
            self.letter(token)
        elif text == "^":
            self.emit("^", token.start, "operator")
            self.sub(self.group(token), "(", ")", token.start)
        elif text in "([":
            self.emit(text, token.start, "open")
        elif text in ")]":
            self.emit(text, token.start, "close")
        elif text in "+-*/=,<>\u2212\u00b7\u22c5\u00d7\u2264\u2265":
            self.emit(text, token.start, "operator")
        elif text in {"&", "~"} or text.isspace():
            return
        elif text in "\u03c3\u03c0":
            self.emit(
                "sigmoid" if text == "\u03c3" else "pi",
                token.start,
                "function" if text == "\u03c3" else "operand",
            )
        else:
            raise self.source.error(token.start, f"{text!r} is not part of the LaTeX this reader knows")

    def number(self, token: _Token) -> None:
        digits = token.text
        while (following := self.peek()) is not None and (following.text.isdigit() or following.text == "."):
            digits += following.text
            self.index += 1
        self.emit(digits, token.start, "operand")

    def letter(self, token: _Token) -> None:
        name = token.text
        following = self.peek()
        if following is not None and following.text == "_":
            self.index += 1
            subscript = self.group(token)
            if not all(t.text.isascii() and t.text.isalnum() for t in subscript):
                raise self.source.error(following.start, "a subscript must be letters or digits (x_0, w_{1})")
            name += "".join(t.text for t in subscript)
        self.emit(name, token.start, "operand")

    def command(self, token: _Token) -> None:
        name = token.text[1:]
        if name in _SPACES or name in ("nonumber", "notag", "limits"):
            return
        if name in _SIZES:
            delimiter = self.take(f"the delimiter after {token.text}")
            if delimiter.text in ("(", "[", "\\{", "\\lbrack", "\\lparen"):
                self.emit("(" if delimiter.text != "[" else "[", delimiter.start, "open")
            elif delimiter.text in (")", "]", "\\}", "\\rbrack", "\\rparen"):
                self.emit(")" if delimiter.text != "]" else "]", delimiter.start, "close")
            elif delimiter.text == "|" and name in ("left", "bigl", "Bigl", "biggl"):
                self.emit("abs", token.start, "function")  # \left| u \right|: abs(u)
                self.emit("(", delimiter.start, "open")
            elif delimiter.text == "|" and name in ("right", "bigr", "Bigr", "biggr"):
                self.emit(")", delimiter.start, "close")
            elif delimiter.text != ".":
                raise self.source.error(
                    delimiter.start, f"{token.text} takes ( ) [ ] or ., not {delimiter.text!r}"
                )
        elif name in _TIMES:
            self.emit(_TIMES[name], token.start, "operator")
        elif name in {"frac", "dfrac", "tfrac"}:
            self.fraction(token)
        elif name == "sqrt":
            self.root(token)
        elif name in _FUNCTIONS:
            self.function(_FUNCTIONS[name], token)
        elif name == "pi":
            self.emit("pi", token.start, "operand")
        elif name in ("mathrm", "operatorname", "mathit"):
            self.named(token)
        elif name in _DROP:
            following = self.peek()
            if following is not None and following.text == "*":  # \tag*{…}: derive's step labels
                self.index += 1
            self.group(token)
        elif name in ("{", "}"):
            self.emit("(" if name == "{" else ")", token.start, "open" if name == "{" else "close")
        elif name in _RELATIONS:
            self.emit(_RELATIONS[name], token.start, "operator")
        elif name == "int":
            self.integral(token)
        elif name == "begin":
            self.environment(token)
        else:
            raise self.source.error(token.start, f"unknown LaTeX command {token.text}")

    def function(self, name: str, token: _Token) -> None:
        self.emit(name, token.start, "function")
        following = self.peek()
        if following is not None and following.text not in (
            "(",
            "\\left",
            "\\bigl",
            "\\Bigl",
            "\\big",
            "\\Big",
        ):
            # `\ln x`, `\exp{-x}`: the function of the next item.
            self.emit("(", following.start, "open")
            self.item()
            self.emit(")", following.start, "close")
            self.last = "operand"

    def named(self, token: _Token) -> None:
        word = self.group(token)
        text = "".join(t.text for t in word)
        if text not in _NAMED:
            raise self.source.error(token.start, f"unknown name {token.text}{{{text}}}")
        kind = "function" if text in _NAMED_FUNCTIONS else "operand"
        self.emit(_NAMED[text], token.start, kind)
        if kind == "function":
            self.function_argument(token)

    def function_argument(self, token: _Token) -> None:
        following = self.peek()
        if following is not None and following.text != "(" and not following.text.startswith("\\left"):
            self.emit("(", following.start, "open")
            self.item()
            self.emit(")", following.start, "close")
            self.last = "operand"

    def integral(self, token: _Token) -> None:
        """``\\int_{a}^{b} f \\, dt`` as ``integral(f, t, a, b)``."""
        bounds: dict[str, list[_Token]] = {}
        while (
            (following := self.peek()) is not None
            and following.text in ("_", "^")
            and following.text not in bounds
        ):
            self.index += 1
            bounds[following.text] = self.group(token)
        if len(bounds) != 2:
            raise self.source.error(token.start, "write an integral with both bounds: \\int_{a}^{b} f \\, dt")
        rest = self.tokens[self.index :]
        end = _differential(rest)
        if end is None:
            raise self.source.error(token.start, "the integral has no d(variable) at its end (\\, dt)")
        body, var = rest[: end[0]], rest[end[1]]
        self.index += end[1] + 1
        self.emit("integral", token.start, "function")
        self.emit("(", token.start, "open")
        for part in (body, [var], bounds["_"], bounds["^"]):
            if part is not body:
                self.emit(",", part[0].start if part else token.start, "operator")
            self.inline(part)
        self.emit(")", var.start, "close")

    def environment(self, token: _Token) -> None:
        """``\\begin{cases} f & \\text{if } x < a \\\\ … \\end{cases}`` as ``cases(f if x < a; …)``."""
        name = "".join(t.text for t in self.group(token))
        if name != "cases":
            raise self.source.error(token.start, f"the environment {name!r} is not read inside a formula")
        rows: list[list[_Token]] = [[]]
        depth = 0
        while True:
            inner = self.take("\\end{cases}")
            if inner.text == "\\end" and depth == 0:
                self.group(inner)
                break
            depth += (inner.text == "\\begin") - (inner.text == "\\end")
            if inner.text == "\\\\" and depth == 0:
                rows.append([])
            else:
                rows[-1].append(inner)
        pieces = [row for row in rows if any(not t.text.isspace() for t in row)]
        if not pieces:
            raise self.source.error(token.start, "the cases environment is empty")
        self.emit("cases", token.start, "function")
        self.emit("(", token.start, "open")
        for number, row in enumerate(pieces):
            amp = _top_level_amp(row)
            if amp is None:
                raise self.source.error(row[0].start, "each row of cases needs a condition after '&'")
            if number:
                self.emit(";", row[0].start, "operator")
            self.sub(row[:amp], "(", ")", row[0].start)
            self.emit(" if ", row[amp].start, "operator")
            self.inline(row[amp + 1 :])
        self.emit(")", token.start, "close")

    def fraction(self, token: _Token) -> None:
        top, bottom = self.group(token), self.group(token)
        found = _derivative(top, bottom)
        if found is not None:
            var, order = found
            written = f"d/d{var} " if order == "1" else f"d^{order}/d{var}^{order} "
            self.emit(written, token.start, "derivative")
            self.last = "operator"
            return
        self.emit("(", token.start, "open")
        self.sub(top, "(", ")", token.start)
        self.emit("/", token.start, "operator")
        self.sub(bottom, "(", ")", token.start)
        self.emit(")", token.start, "close")

    def root(self, token: _Token) -> None:
        following = self.peek()
        if following is not None and following.text == "[":
            self.index += 1
            degree: list[_Token] = []
            while (inner := self.take("the ']' of \\sqrt[n]")).text != "]":
                degree.append(inner)
            self.emit("(", token.start, "open")
            self.sub(self.group(token), "(", ")", token.start)
            self.emit("^", token.start, "operator")
            self.sub(degree, "(1/(", "))", token.start)
            self.emit(")", token.start, "close")
            return
        self.emit("sqrt", token.start, "function")
        self.sub(self.group(token), "(", ")", token.start)


def _derivative(top: list[_Token], bottom: list[_Token]) -> tuple[str, str] | None:
    """(variable, order) of ``\\frac{d}{dx}``, ``\\frac{\\mathrm{d}}{\\mathrm{d}x}`` or
    ``\\frac{d^{2}}{dx^{2}}``, else None."""

    def plain(tokens: list[_Token]) -> str:
        words = [t.text for t in tokens if t.text not in ("{", "}", "\\mathrm", "\\operatorname", "\\,")]
        return "".join(w for w in words if not w.isspace())

    upper, lower = plain(top), plain(bottom)
    over = re.fullmatch(r"d(?:\^(\d+))?", upper)
    under = re.fullmatch(r"d([A-Za-z])(?:\^(\d+))?", lower)
    if over is None or under is None or over.group(1) != under.group(2):
        return None
    return under.group(1), over.group(1) or "1"


def _top_level_amp(row: list[_Token]) -> int | None:
    """Where the ``&`` of a row of cases is, outside any environment nested in it."""
    depth = 0
    for index, token in enumerate(row):
        depth += (token.text == "\\begin") - (token.text == "\\end")
        if token.text == "&" and depth == 0:
            return index
    return None


def _differential(tokens: list[_Token]) -> tuple[int, int] | None:
    """(where the ``d`` of an integral's ``dt`` is, where its variable is) among ``tokens``, at
    brace depth 0; a ``d`` after ``\\,`` is preferred (as derive writes it)."""
    depth, found = 0, []
    for index, token in enumerate(tokens):
        depth += (token.text == "{") - (token.text == "}")
        if token.text != "d" or depth != 0:
            continue
        after = next((i for i in range(index + 1, len(tokens)) if not tokens[i].text.isspace()), None)
        if after is None or not (tokens[after].text.isascii() and tokens[after].text.isalpha()):
            continue
        before = next((t.text for t in reversed(tokens[:index]) if not t.text.isspace()), "")
        found.append((before == "\\,", index, after))
    preferred = [f for f in found if f[0]] or found
    return (preferred[0][1], preferred[0][2]) if preferred else None


def _tokens(source: _Source, start: int, end: int) -> list[_Token]:
    text = source.text
    tokens: list[_Token] = []
    index = start
    while index < end:
        if text[index] == "\\":
            match = _CS.match(text, index)
            assert match is not None
            if match.end() > end:
                raise source.error(index, "a lone backslash")
            tokens.append(_Token(match.group(), index))
            index = match.end()
        else:
            tokens.append(_Token(text[index], index))
            index += 1
    return tokens
