"""The layout: ``draw`` puts a title, a plot area with axes and round ticks, reference lines,
the curves, marks and a legend into exactly W×H cells.

It returns a Figure: the cells together with a parallel grid saying which curve (or what)
owns each cell. No I/O and no escape codes here: the command (cli/plot.py, colorize) adds ANSI
colors afterwards from that grid, so the text is the same with and without color.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from sigmoid_cli.errors import UsageError

from .canvas import CHARSETS, PIXELS_PER_CELL, Canvas, Charset, Pen
from .cells import fit, to_ascii, to_cells
from .figure import NOBODY, REFERENCE, Cell, Figure, Grid, Series
from .ticks import axis_labels, check_range, nice_step, tick_count, ticks, y_axis

MIN_WIDTH, MAX_WIDTH = 20, 1000
MIN_HEIGHT, MAX_HEIGHT = 5, 500
_MIN_PLOT_ROWS = 3  # below this a curve is no longer readable: title and legend give way first
_MIN_PLOT_COLS = 8  # the y labels' gutter never takes more than leaves this
_FAR = 1e6  # pixel coordinates are clamped to ±this, so far-away samples stay finite


@dataclass(frozen=True)
class _Box:
    """Characters for axes and reference lines."""

    vertical: str
    y_tick: str
    corner: str
    horizontal: str
    x_tick: str
    ref_h: str
    ref_v: str
    ref_cross: str
    ref_every: int  # a dash in every n-th cell: ASCII has no dashed line character
    mark: str
    ellipsis: str


_UNICODE_BOX = _Box("│", "┤", "└", "─", "┬", "┄", "┆", "┼", 1, "●", "…")
_ASCII_BOX = _Box("|", "+", "+", "-", "+", "-", ":", "+", 2, "@", "...")


def _evaluate(fn: Callable[[float], float], x: float) -> float:
    try:
        return float(fn(x))
    except (ArithmeticError, ValueError):
        return math.nan


@dataclass(frozen=True)
class _Axes:
    """Where the plot area sits and how values map to its cells: a cell covers an interval,
    and a value belongs to the cell whose interval holds it (the last one for the maximum)."""

    left: int  # first column of the plot area
    top: int  # first row of the plot area
    cols: int
    rows: int
    xmin: float
    xmax: float
    ymin: float
    ymax: float

    def col(self, x: float) -> int:
        return min(max(math.floor((x - self.xmin) / (self.xmax - self.xmin) * self.cols), 0), self.cols - 1)

    def row(self, y: float) -> int:
        return min(max(math.floor((self.ymax - y) / (self.ymax - self.ymin) * self.rows), 0), self.rows - 1)

    def inside(self, x: float, y: float) -> bool:
        return self.xmin <= x <= self.xmax and self.ymin <= y <= self.ymax


def _legend_entry(index: int, label: str, charset: Charset) -> list[Cell]:
    """A short stroke drawn the way the curve is (glyph, dash pattern, color), then its label."""
    canvas = Canvas(4, 1, charset)
    middle = canvas.height / 2 - 0.5 if charset == "braille" else canvas.height - 0.5
    Pen(canvas, index).line(0, middle, canvas.width - 0.01, middle)
    stroke = [(canvas.char(col, 0) or " ", index) for col in range(canvas.cols)]
    return [*stroke, (" ", NOBODY), *((char, NOBODY) for char in to_cells(label))]


def _pack(entries: Sequence[list[Cell]], width: int) -> list[list[Cell]]:
    """Legend entries left to right, three cells apart, in lines of at most ``width`` cells."""
    lines: list[list[Cell]] = []
    for entry in entries:
        cells = entry[:width]
        if len(entry) > width and entry[width][0] == "":  # the cut would split a wide character
            cells[-1] = (" ", NOBODY)
        if lines and len(lines[-1]) + 3 + len(cells) <= width:
            lines[-1] += [(" ", NOBODY)] * 3 + cells
        else:
            lines.append(list(cells))
    return lines


def _check_options(
    width: int,
    height: int,
    charset: str,
    x_range: tuple[float, float],
    y_range: tuple[float | None, float | None],
    lines: Iterable[tuple[str, Sequence[float]]],
) -> None:
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        raise UsageError(f"--width must be between {MIN_WIDTH} and {MAX_WIDTH}, not {width}")
    if not MIN_HEIGHT <= height <= MAX_HEIGHT:
        raise UsageError(f"--height must be between {MIN_HEIGHT} and {MAX_HEIGHT}, not {height}")
    if charset not in CHARSETS:
        raise UsageError(f"unknown charset {charset!r}; choose one of: {', '.join(CHARSETS)}")
    check_range(*x_range, "--xmin", "--xmax")
    ymin, ymax = y_range
    for name, number in (("--ymin", ymin), ("--ymax", ymax)):
        if number is not None and not math.isfinite(number):
            raise UsageError(f"{name} must be a finite number, not {number}")
    if ymin is not None and ymax is not None:
        check_range(ymin, ymax, "--ymin", "--ymax")
    for option, values in lines:
        for number in values:
            if not math.isfinite(number):
                raise UsageError(f"{option} must be a finite number, not {number}")


def draw(
    curves: Sequence[Series],
    *,
    width: int = 80,
    height: int = 24,
    xmin: float = -5.0,
    xmax: float = 5.0,
    ymin: float | None = None,
    ymax: float | None = None,
    charset: Charset = "braille",
    title: str = "",
    ref: bool = True,
    ref_at: tuple[float, float] = (0.0, 0.5),
    hlines: Sequence[float] = (),
    vlines: Sequence[float] = (),
    marks: Sequence[float] = (),
    legend: bool | None = None,
    points: Sequence[tuple[float, float]] = (),
    points_label: str = "data",
) -> Figure:
    """Plot ``curves`` over [xmin, xmax] into exactly ``width`` × ``height`` cells (its
    ``lines`` are the plain text).

    ``ymin``/``ymax`` left as None follow the data (and the ``hlines``), widened to round
    ticks. ``ref`` adds the dashed lines y = 0.5 and x = 0 of the classic figure, or y = Y and
    x = X for ``ref_at`` (X, Y), a curve's midpoint (they do not stretch the y range);
    ``marks`` label each curve's point at those x; ``legend`` None means: when there are
    several curves. ``points`` are drawn as dots (a scatter, such as the data under a fitted
    curve), owned by the index after the curves, and named ``points_label`` in the legend.
    Bad options raise UsageError.
    """
    _check_options(
        width,
        height,
        charset,
        (xmin, xmax),
        (ymin, ymax),
        (("--hline", hlines), ("--vline", vlines), ("--mark", marks)),
    )
    box = _ASCII_BOX if charset == "ascii" else _UNICODE_BOX
    text: Callable[[str], str] = to_ascii if charset == "ascii" else str
    show_legend = len(curves) + (1 if points else 0) > 1 if legend is None else legend

    # Rows, top to bottom: title, plot area, x axis, x tick labels, legend.
    legend_lines = _pack(
        [_legend_entry(i, text(series.label), charset) for i, series in enumerate(curves)]
        + ([_points_entry(len(curves), text(points_label), charset)] if points else [])
        if show_legend
        else [],
        width,
    )
    title_cells = fit(text(title), width, box.ellipsis)
    title_rows = 1 if title_cells else 0
    rows = height - 2 - title_rows - len(legend_lines)
    if rows < _MIN_PLOT_ROWS:  # too short: the title gives way first, then legend lines
        title_rows = 0
        legend_lines = legend_lines[: max(0, height - 2 - _MIN_PLOT_ROWS)]
        rows = height - 2 - len(legend_lines)

    # The y range needs the data, and the plot's width needs the y labels: so sample at
    # the finest spacing the plot could need (two samples a pixel column of the widest
    # plot area), with an odd count so that the middle of a symmetric range is a sample.
    sub_x = PIXELS_PER_CELL[charset][0]
    count = 2 * (width - 2) * sub_x + 1
    xs = [xmin + (xmax - xmin) * j / (count - 1) for j in range(count)]
    ys = [[_evaluate(series.fn, x) for x in xs] for series in curves]

    seen = [y for x, y in points if xmin <= x <= xmax and math.isfinite(y)]
    y_low, y_high, y_step = y_axis(
        [y for column in ys for y in column] + seen + list(hlines), ymin, ymax, rows
    )
    check_range(y_low, y_high, "--ymin", "--ymax")
    y_ticks = ticks(y_low, y_high, y_step)
    y_labels = [text(label) for label in axis_labels(y_ticks, y_step)]
    gutter = min(max((len(label) for label in y_labels), default=0), width - 2 - _MIN_PLOT_COLS)
    axes = _Axes(gutter + 2, title_rows, width - gutter - 2, rows, xmin, xmax, y_low, y_high)

    grid = Grid(width, height)
    if title_rows:
        grid.text(0, (width - len(title_cells)) // 2, title_cells)
    _draw_axes(grid, axes, box, y_ticks, y_labels)
    _draw_x_ticks(grid, axes, box, text)
    _draw_references(
        grid,
        axes,
        box,
        [ref_at[1], *hlines] if ref else hlines,
        [ref_at[0], *vlines] if ref else vlines,
    )
    canvas = Canvas(axes.cols, rows, charset)
    for index, column in enumerate(ys):
        _trace(canvas, axes, index, column)
    _scatter(canvas, axes, len(curves), points)
    for row in range(rows):
        for col in range(axes.cols):
            char = canvas.char(col, row)
            if char is not None:
                grid.put(axes.top + row, axes.left + col, char, canvas.owner[row * axes.cols + col])
    _draw_marks(grid, axes, box, text, curves, marks)
    for offset, line in enumerate(legend_lines):
        start = axes.left if axes.left + len(line) <= width else 0
        for col, (char, owner) in enumerate(line, start):
            grid.put(axes.top + rows + 2 + offset, col, char, owner)
    return grid.figure()


def _points_entry(index: int, label: str, charset: Charset) -> list[Cell]:
    """The legend's entry for the points: three dots as they are drawn, then the label."""
    canvas = Canvas(4, 1, charset)
    for col in (0, 2):
        canvas.set(col * canvas.sub_x, canvas.sub_y - 1 if charset != "braille" else 1, index)
    stroke = [
        (canvas.char(col, 0) or " ", index if canvas.char(col, 0) else NOBODY) for col in range(canvas.cols)
    ]
    return [*stroke, (" ", NOBODY), *((char, NOBODY) for char in to_cells(label))]


def _scatter(canvas: Canvas, axes: _Axes, index: int, points: Sequence[tuple[float, float]]) -> None:
    """One pixel per point inside the plot area."""
    span_x, span_y = axes.xmax - axes.xmin, axes.ymax - axes.ymin
    for x, y in points:
        if math.isfinite(x) and math.isfinite(y) and axes.inside(x, y):
            px = min(math.floor((x - axes.xmin) / span_x * canvas.width), canvas.width - 1)
            py = min(math.floor((axes.ymax - y) / span_y * canvas.height), canvas.height - 1)
            canvas.set(px, py, index)


def _trace(canvas: Canvas, axes: _Axes, index: int, ys: Sequence[float]) -> None:
    """Connect consecutive finite samples (evenly spaced over the x range); nan and inf
    lift the pen."""
    pen = Pen(canvas, index)
    span_y = axes.ymax - axes.ymin
    last = len(ys) - 1
    previous: tuple[float, float] | None = None
    for j, y in enumerate(ys):
        if not math.isfinite(y):
            previous, pen.last = None, None
            continue
        point = (canvas.width * j / last, min(max((axes.ymax - y) / span_y * canvas.height, -_FAR), _FAR))
        if previous is None:
            pen.dot(*point)
        else:
            pen.line(*previous, *point)
        previous = point


def _draw_axes(grid: Grid, axes: _Axes, box: _Box, y_ticks: Sequence[float], labels: Sequence[str]) -> None:
    """The left and bottom frame, with the y ticks; a label too wide for the gutter is left out
    rather than cut (a cut number would be a wrong number)."""
    axis_col = axes.left - 1
    bottom = axes.top + axes.rows
    for row in range(axes.top, bottom):
        grid.put(row, axis_col, box.vertical)
    for value, label in zip(y_ticks, labels, strict=True):
        row = axes.top + axes.row(value)
        grid.put(row, axis_col, box.y_tick)
        if len(label) <= axis_col - 1:
            grid.text(row, axis_col - 1 - len(label), label)
    grid.put(bottom, axis_col, box.corner)
    for col in range(axes.left, axes.left + axes.cols):
        grid.put(bottom, col, box.horizontal)


def _x_tick_labels(axes: _Axes, count: int, text: Callable[[str], str]) -> list[tuple[int, str]]:
    step = nice_step(axes.xmax - axes.xmin, count)
    values = ticks(axes.xmin, axes.xmax, step)
    return [
        (axes.left + axes.col(v), text(label))
        for v, label in zip(values, axis_labels(values, step), strict=True)
    ]


def _draw_x_ticks(grid: Grid, axes: _Axes, box: _Box, text: Callable[[str], str]) -> None:
    """As many round ticks as fit with their labels at least two cells apart (about one
    every ten cells); when even two do not fit, the labels that would collide are left out."""
    placed: list[tuple[int, int, str]] | None = None
    for count in range(tick_count(axes.cols, 10), 1, -1):
        placed = _place_labels(_x_tick_labels(axes, count, text), grid.width)
        if placed is not None:
            break
    if placed is None:
        placed = _place_labels(_x_tick_labels(axes, 2, text), grid.width, skip=True) or []
    row = axes.top + axes.rows
    for col, start, label in placed:
        grid.put(row, col, box.x_tick)
        grid.text(row + 1, start, label)


def _place_labels(
    candidates: Sequence[tuple[int, str]], width: int, skip: bool = False
) -> list[tuple[int, int, str]] | None:
    """(tick column, label start, label): each label centred under its tick, within the line,
    two cells from the previous one; None on a collision (or, with ``skip``, leave it out)."""
    placed: list[tuple[int, int, str]] = []
    end = -2
    for col, label in candidates:
        start = min(max(col - (len(label) - 1) // 2, 0), width - len(label))
        if start < end + 2 or start < 0:
            if skip:
                continue
            return None
        placed.append((col, start, label))
        end = start + len(label)
    return placed


def _draw_references(
    grid: Grid, axes: _Axes, box: _Box, hlines: Sequence[float], vlines: Sequence[float]
) -> None:
    """Dashed lines under the curves, where they fall inside the plot area."""
    rows = sorted({axes.row(y) for y in hlines if axes.ymin <= y <= axes.ymax})
    cols = sorted({axes.col(x) for x in vlines if axes.xmin <= x <= axes.xmax})
    for row in rows:
        for col in range(0, axes.cols, box.ref_every):
            grid.put(axes.top + row, axes.left + col, box.ref_h, REFERENCE)
    for col in cols:
        for row in range(axes.rows):
            grid.put(axes.top + row, axes.left + col, box.ref_cross if row in rows else box.ref_v, REFERENCE)


def point_label(x: float, y: float) -> str:
    """How a mark is labelled: '(0, 0.5)', '(1, 0.7311)'; never '-0' (``--mark -0``)."""
    return f"({x + 0.0:.6g}, {y + 0.0:.4g})"


def _draw_marks(
    grid: Grid,
    axes: _Axes,
    box: _Box,
    text: Callable[[str], str],
    curves: Sequence[Series],
    marks: Sequence[float],
) -> None:
    """A dot on each curve at each mark, labelled '(x, y)' beside it where it hides least.
    All dots go down before any label, and a label never covers a dot or another label:
    one number written over another reads as a third, wrong one. A label that finds no
    such room is left out, as is a second identical label for the same dot (two curves
    through one point)."""
    points: list[tuple[int, int, int, list[str]]] = []
    for x in dict.fromkeys(marks):
        for index, series in enumerate(curves):
            y = _evaluate(series.fn, x)
            if not (math.isfinite(y) and axes.inside(x, y)):
                continue
            row, col = axes.top + axes.row(y), axes.left + axes.col(x)
            grid.put(row, col, box.mark, index)
            points.append((row, col, index, to_cells(text(point_label(x, y)))))
    taken = {(row, col) for row, col, _, _ in points}
    labelled: set[tuple[int, int, str]] = set()
    for row, col, index, label in points:
        key = (row, col, "".join(label))
        if key in labelled:
            continue
        labelled.add(key)
        spot = _label_spot(grid, axes, row, col, len(label), taken)
        if spot is not None:
            grid.text(*spot, label, index)
            taken.update((spot[0], spot[1] + i) for i in range(len(label)))


def _label_spot(
    grid: Grid, axes: _Axes, row: int, col: int, length: int, taken: set[tuple[int, int]]
) -> tuple[int, int] | None:
    """Where beside the point a label covers the fewest drawn cells (curves, lines) and none
    of the ``taken`` ones (dots, labels): below right first, where a rising curve leaves room;
    ties go to the earlier."""
    right, left = col + 2, col - 1 - length
    candidates = (
        (row + 1, right),
        (row - 1, left),
        (row, right),
        (row, left),
        (row - 1, right),
        (row + 1, left),
    )
    best: tuple[int, tuple[int, int]] | None = None
    for r, c in candidates:
        if not (axes.top <= r < axes.top + axes.rows and axes.left <= c <= axes.left + axes.cols - length):
            continue
        if any((r, c + i) in taken for i in range(length)):
            continue
        covered = sum(not grid.blank(r, c + i) for i in range(length))
        if best is None or covered < best[0]:
            best = (covered, (r, c))
    return best[1] if best is not None else None
