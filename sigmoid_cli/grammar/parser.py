"""Our own whitelist expression parser: text in, a small immutable syntax tree out.

Nothing here ever calls ``eval`` or sympy's string parsers. The grammar accepts numbers,
the constants pi/π and e (plus inf and nan when reading values), the named variables of
the caller, + - * / ^ ** with the usual precedence, and a fixed table of functions.
Limits on length and nesting are checked while reading, so hostile input fails fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sigmoid_cli.errors import ParseError

from .functions import ALIASES, SPELLINGS, TYPED

MAX_LENGTH = 10_000
MAX_DEPTH = 100  # each level costs five Python frames; the interpreter allows 1000
MAX_POWER_DIGITS = 10_000  # a constant exponent beyond (2^2^2^2^2, 10^100000) is refused by --expr

# The functions people may type (the rest of the registry is written only by derivations).
FUNCTIONS = TYPED
_CONSTANT_ALIASES = {"pi": "pi", "π": "pi", "e": "e", "inf": "inf", "infinity": "inf", "nan": "nan"}
# Every name the grammar gives a meaning to (so none of them can be a free variable).
RESERVED_NAMES = frozenset(FUNCTIONS) | frozenset(ALIASES) | frozenset(_CONSTANT_ALIASES) | {"π"}
# Characters people paste from documents, mapped to what they mean.
_TRANSLATE = str.maketrans({"\u2212": "-", "\u00d7": "*", "\u00b7": "*", "\u22c5": "*", "\u00f7": "/"})

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<number>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<name>[A-Za-z_\u03c0\u03c3][A-Za-z0-9_]*)
  | (?P<op>\*\*|[-+*/^(),])
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Num:
    """A decimal literal, kept as text so exact back ends read it exactly."""

    text: str


@dataclass(frozen=True, slots=True)
class Const:
    name: str  # "pi", "e", "inf" or "nan"


@dataclass(frozen=True, slots=True)
class Var:
    name: str


@dataclass(frozen=True, slots=True)
class Neg:
    operand: Node


@dataclass(frozen=True, slots=True)
class BinOp:
    op: str  # one of + - * / ^
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Call:
    func: str  # a canonical name from the registry (functions.py)
    arg: Node


Node = Num | Const | Var | Neg | BinOp | Call


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str
    text: str
    position: int  # 1-based column


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            raise ParseError(f"unexpected character {text[pos]!r} at position {pos + 1}", text, pos + 1)
        kind = match.lastgroup or ""
        if kind != "space":
            tokens.append(_Token(kind, match.group(), pos + 1))
        pos = match.end()
    return tokens


class _Parser:
    """Precedence climbing: sum := product (('+'|'-') product)*; product := unary (('*'|'/') unary)*;
    unary := ('-'|'+') unary | power; power := atom (('^'|'**') unary)?  (right-associative)."""

    def __init__(self, text: str, variables: frozenset[str], allow_special: bool, internal: bool) -> None:
        self.text = text
        self.known = frozenset(SPELLINGS.values()) if internal else frozenset(FUNCTIONS)
        self.tokens = _tokenize(text)
        self.index = 0
        self.depth = 0
        self.variables = variables
        self.allow_special = allow_special

    def error(self, message: str, token: _Token | None) -> ParseError:
        position = token.position if token else len(self.text) + 1
        where = f"at position {position}" if token else "at the end"
        return ParseError(f"{message} {where}", self.text, position)

    def peek(self) -> _Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.peek()
        if token is None:
            raise self.error("something is missing", None)
        self.index += 1
        return token

    def expect(self, text: str) -> None:
        token = self.peek()
        if token is None or token.text != text:
            found = f"{token.text!r}" if token else "nothing"
            raise self.error(f"expected {text!r} but found {found}", token)
        self.index += 1

    def enter(self, token: _Token | None) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(f"expression nested more than {MAX_DEPTH} levels deep", token)

    def parse(self) -> Node:
        if not self.tokens:
            raise ParseError("empty expression", self.text, 1)
        node = self.sum()
        token = self.peek()
        if token is not None:
            if token.text == ")":
                raise self.error("unmatched ')'", token)
            raise self.error(f"missing operator before {token.text!r}", token)
        return node

    def sum(self) -> Node:
        node = self.product()
        while (token := self.peek()) is not None and token.text in "+-" and token.kind == "op":
            self.index += 1
            node = BinOp(token.text, node, self.product())
        return node

    def product(self) -> Node:
        node = self.unary()
        while (token := self.peek()) is not None and token.text in ("*", "/"):
            self.index += 1
            node = BinOp(token.text, node, self.unary())
        return node

    def unary(self) -> Node:
        token = self.peek()
        if token is not None and token.text in ("-", "+"):
            self.index += 1
            self.enter(token)
            operand = self.unary()
            self.depth -= 1
            return Neg(operand) if token.text == "-" else operand
        return self.power()

    def power(self) -> Node:
        base = self.atom()
        token = self.peek()
        if token is not None and token.text in ("^", "**"):
            self.index += 1
            self.enter(token)
            exponent = self.unary()
            self.depth -= 1
            return BinOp("^", base, exponent)
        return base

    def atom(self) -> Node:
        token = self.take()
        if token.kind == "number":
            return Num(token.text)
        if token.text == "(":
            self.enter(token)
            node = self.sum()
            self.expect(")")
            self.depth -= 1
            return node
        if token.kind == "name":
            return self.name(token)
        raise self.error(f"unexpected {token.text!r}", token)

    def name(self, token: _Token) -> Node:
        word = token.text
        lowered = word.lower()
        func = SPELLINGS.get(lowered, lowered)
        following = self.peek()
        if following is not None and following.text == "(":
            if func not in self.known:
                raise self.error(f"unknown function {word!r}", token)
            self.index += 1
            self.enter(token)
            arg = self.sum()
            self.expect(")")
            self.depth -= 1
            return Call(func, arg)
        if word in self.variables:
            return Var(word)
        if func in FUNCTIONS:
            raise self.error(f"function {word!r} needs parentheses, as in {func}(x)", token)
        constant = _CONSTANT_ALIASES.get(lowered)
        if constant is not None and (self.allow_special or constant in ("pi", "e")):
            return Const(constant)
        raise self.error(f"unknown name {word!r}", token)


def parse(
    text: str, variables: frozenset[str] = frozenset(), *, allow_special: bool = True, internal: bool = False
) -> Node:
    """Parse ``text`` into a syntax tree; raise ParseError with a position when it is not ours.

    ``variables`` are the names that may appear free (none for a constant VALUE);
    ``allow_special`` admits the constants inf and nan; ``internal`` admits the registry's
    functions that only derivations write (its own formulas use them).
    """
    if len(text) > MAX_LENGTH:
        raise ParseError(f"expression is {len(text)} characters long; the limit is {MAX_LENGTH}", text, 1)
    if "\x00" in text:
        raise ParseError("NUL byte in expression", text, text.index("\x00") + 1)
    return _Parser(text.translate(_TRANSLATE), variables, allow_special, internal).parse()


def to_text(node: Node) -> str:
    """Fully parenthesised, machine-readable text of a tree (SymPy-parsable)."""
    if isinstance(node, Num):
        return node.text
    if isinstance(node, Const):
        return {"pi": "pi", "e": "E", "inf": "oo", "nan": "nan"}[node.name]
    if isinstance(node, Var):
        return node.name
    if isinstance(node, Neg):
        return f"(-{to_text(node.operand)})"
    if isinstance(node, BinOp):
        op = "**" if node.op == "^" else node.op
        return f"({to_text(node.left)}{op}{to_text(node.right)})"
    return f"{node.func}({to_text(node.arg)})"
