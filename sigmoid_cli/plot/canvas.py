"""The plot area in pixels: braille dots (2×4 a cell), half blocks (1×2) or whole cells
(ascii), and the pen that draws a curve on it as connected segments in its dash pattern."""

from __future__ import annotations

import math
from typing import Literal

from .figure import NOBODY

Charset = Literal["braille", "block", "ascii"]
CHARSETS: tuple[Charset, ...] = ("braille", "block", "ascii")

# Pixels per cell (columns, rows) for each charset.
PIXELS_PER_CELL: dict[str, tuple[int, int]] = {"braille": (2, 4), "block": (1, 2), "ascii": (1, 1)}
# Braille dot bits by (x, y) inside the cell: dots 1-2-3-7 left, 4-5-6-8 right.
_BRAILLE_BITS = ((0x01, 0x02, 0x04, 0x40), (0x08, 0x10, 0x20, 0x80))
_HALF_BLOCKS = ("", "▀", "▄", "█")  # indexed by bits: 1 top, 2 bottom
_ASCII_GLYPHS = "*ox#%&=~"  # not "+" (ticks, crossings) nor "@" (marks)
# Curves in braille and block charsets are told apart by a dash pattern along the line
# (on/off per pixel drawn), as well as by color.
_STYLES: tuple[tuple[int, ...], ...] = ((1,), (1, 0), (1, 1, 1, 0, 0), (1, 1, 1, 1, 0, 1, 0, 0))


class Canvas:
    """The plot area in pixels: braille dots, half blocks or whole cells."""

    def __init__(self, cols: int, rows: int, charset: Charset) -> None:
        self.cols, self.rows, self.charset = cols, rows, charset
        self.sub_x, self.sub_y = PIXELS_PER_CELL[charset]
        self.width, self.height = cols * self.sub_x, rows * self.sub_y
        self.bits = [0] * (cols * rows)
        self.owner = [NOBODY] * (cols * rows)

    def set(self, px: int, py: int, curve: int) -> None:
        col, x = divmod(px, self.sub_x)
        row, y = divmod(py, self.sub_y)
        cell = row * self.cols + col
        if self.charset == "braille":
            self.bits[cell] |= _BRAILLE_BITS[x][y]
        elif self.charset == "block":
            self.bits[cell] |= 1 << y
        else:
            self.bits[cell] = 1
        self.owner[cell] = curve  # the last curve drawn gives the cell its color

    def char(self, col: int, row: int) -> str | None:
        """The cell's character, or None when no curve touches it."""
        cell = row * self.cols + col
        bits = self.bits[cell]
        if not bits:
            return None
        if self.charset == "braille":
            return chr(0x2800 + bits)
        if self.charset == "block":
            return _HALF_BLOCKS[bits]
        return _ASCII_GLYPHS[self.owner[cell] % len(_ASCII_GLYPHS)]


class Pen:
    """Draws one curve as connected segments, with its dash pattern running along the line."""

    def __init__(self, canvas: Canvas, curve: int) -> None:
        self.canvas, self.curve = canvas, curve
        self.style = _STYLES[curve % len(_STYLES)] if canvas.charset != "ascii" else (1,)
        self.drawn = 0  # pixels so far, for the dash pattern
        self.last: tuple[int, int] | None = None

    def _plot(self, fx: float, fy: float) -> None:
        canvas = self.canvas
        pixel = (
            min(max(math.floor(fx), 0), canvas.width - 1),
            min(max(math.floor(fy), 0), canvas.height - 1),
        )
        if pixel == self.last:
            return
        self.last = pixel
        if self.style[self.drawn % len(self.style)]:
            canvas.set(*pixel, self.curve)
        self.drawn += 1

    def dot(self, x: float, y: float) -> None:
        if 0 <= x <= self.canvas.width and 0 <= y <= self.canvas.height:
            self._plot(x, y)

    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        """The visible part of the segment, with no gaps: at most one pixel per step."""
        clipped = _clip(x0, y0, x1, y1, self.canvas.width, self.canvas.height)
        if clipped is None:
            self.last = None
            return
        x0, y0, x1, y1 = clipped
        steps = max(1, math.ceil(max(abs(x1 - x0), abs(y1 - y0))))
        for i in range(steps + 1):
            t = i / steps
            self._plot(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)


def _clip(
    x0: float, y0: float, x1: float, y1: float, width: float, height: float
) -> tuple[float, float, float, float] | None:
    """Liang–Barsky: the part of a segment inside [0, width]×[0, height], or None."""
    dx, dy = x1 - x0, y1 - y0
    start, end = 0.0, 1.0
    for p, q in ((-dx, x0), (dx, width - x0), (-dy, y0), (dy, height - y0)):
        if p == 0:
            if q < 0:
                return None
        else:
            t = q / p
            if p < 0:
                start = max(start, t)
            else:
                end = min(end, t)
    if start > end:
        return None
    return x0 + dx * start, y0 + dy * start, x0 + dx * end, y0 + dy * end
