"""A derivation as written: its pieces of text and where each comes from (check.py reads them,
latex_reader.py makes them from LaTeX)."""

from __future__ import annotations

from dataclasses import dataclass

from sigmoid_cli.errors import DataError


@dataclass(frozen=True, slots=True)
class Piece:
    """The text of one form and where it starts (1-based line and column). A form translated
    from LaTeX also keeps, for each of its characters, the place in the source it came from."""

    text: str
    line: int
    column: int
    origin: tuple[tuple[int, int], ...] | None = None

    def at(self, offset: int) -> tuple[int, int]:
        """(line, column) in the source of the character at ``offset``."""
        if self.origin:
            return self.origin[min(max(offset, 0), len(self.origin) - 1)]
        return self.line, self.column + offset

    def part(self, start: int, end: int) -> Piece:
        line, column = self.at(start)
        origin = self.origin[start:end] if self.origin is not None else None
        return Piece(self.text[start:end], line, column, origin)

    def stripped(self) -> Piece:
        start = len(self.text) - len(self.text.lstrip())
        return self.part(start, len(self.text.rstrip()))


@dataclass(frozen=True, slots=True)
class Written:
    """A derivation as read: the problem, the chain, and side equations (a derivation's
    worked-out sub-steps, each a list of sides joined by ``=``)."""

    problem: Piece
    chain: tuple[Piece, ...]
    sides: tuple[tuple[Piece, ...], ...] = ()


def split_sides(text: str, line: int, column: int) -> list[Piece]:
    """``a = b = c`` as its sides; an empty side is an error at its column."""
    return split_piece(Piece(text, line, column))


def split_piece(piece: Piece) -> list[Piece]:
    """At each ``=`` outside brackets that is no part of ``<=`` or ``>=`` (a condition of cases)."""
    found: list[Piece] = []
    start, depth = 0, 0
    text = piece.text
    for index, char in enumerate(text + "="):
        depth += char in "([{"
        depth -= char in ")]}"
        if char != "=" or (index < len(text) and (depth > 0 or text[index - 1 : index] in ("<", ">"))):
            continue
        side = piece.part(start, index).stripped()
        if not side.text:
            line, column = piece.at(start)
            raise DataError(f"line {line}, column {column}: an '=' with nothing on one side")
        found.append(side)
        start = index + 1
    return found
