"""What goes in and what comes out of a plot: the curves (Series), the cells (Figure) and
who owns each cell, and the Grid a figure is built in, cell by cell."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

# What owns a cell, besides the curves 0, 1, 2, ...: color follows this.
NOBODY = -1
REFERENCE = -2
Cell = tuple[str, int]  # a character and its owner


@dataclass(frozen=True)
class Series:
    """One curve: its legend label and y = fn(x) (nan, inf or an exception: no point)."""

    label: str
    fn: Callable[[float], float]


@dataclass(frozen=True)
class Figure:
    """Exactly ``height`` rows of exactly ``width`` cells, and who owns each cell."""

    cells: tuple[tuple[str, ...], ...]  # one terminal column each ('' after a wide character)
    owners: tuple[tuple[int, ...], ...]  # per cell: a curve index, NOBODY or REFERENCE

    @property
    def lines(self) -> list[str]:
        return ["".join(row) for row in self.cells]


class Grid:
    """The whole output: characters and owners, cell by cell."""

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.chars = [[" "] * width for _ in range(height)]
        self.owners = [[NOBODY] * width for _ in range(height)]

    def put(self, row: int, col: int, char: str, owner: int = NOBODY) -> None:
        self.chars[row][col] = char
        self.owners[row][col] = owner

    def text(self, row: int, col: int, cells: Sequence[str], owner: int = NOBODY) -> None:
        for offset, char in enumerate(cells):
            if 0 <= col + offset < self.width:
                self.put(row, col + offset, char, owner)

    def blank(self, row: int, col: int) -> bool:
        return self.chars[row][col] == " "

    def figure(self) -> Figure:
        return Figure(tuple(map(tuple, self.chars)), tuple(map(tuple, self.owners)))
