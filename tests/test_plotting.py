"""The pure plotting core: exact sizes, round ticks, charsets, curves, marks, legend, color.

Snapshots of whole plots live in test_cli_plot.py (they go through the command line).
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from functools import partial

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sigmoid_cli.errors import UsageError
from sigmoid_cli.numeric.curve import Curve, float_value, label
from sigmoid_cli.plot.canvas import CHARSETS, Charset
from sigmoid_cli.plot.cells import to_ascii
from sigmoid_cli.plot.figure import NOBODY, REFERENCE, Series
from sigmoid_cli.plot.layout import draw
from sigmoid_cli.plot.ticks import _slack, nice_step, tick_label, ticks, y_axis


def width(ch: str) -> int:
    """wcwidth's count: combining marks, format characters and conjoining vowel and final
    jamo take no column, wide East Asian characters two, all else (ambiguous ones too) one."""
    if unicodedata.category(ch) in ("Mn", "Me", "Cf") or "\u1160" <= ch <= "\u11ff":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def columns(line: str) -> int:
    """Terminal columns, as a terminal counts them."""
    assert "\x1b" not in line and "\t" not in line
    return sum(map(width, line))


def series(**options: object) -> Series:
    curve = Curve(**options)  # type: ignore[arg-type]
    return Series(label(curve), partial(float_value, curve))


SIGMA = series()
FOUR = [
    series(),
    series(order=1),
    series(fn="tanh", normalize=True),
    series(fn="tanh", normalize=True, order=1),
]


def curve_cells(lines: list[str], glyph: str = "*") -> dict[int, list[int]]:
    """Column → rows where an ASCII plot has ``glyph`` (the title line left out)."""
    cells: dict[int, list[int]] = {}
    for row, line in enumerate(lines[1:], 1):
        for col, char in enumerate(line):
            if char == glyph:
                cells.setdefault(col, []).append(row)
    return cells


# --- ticks ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("span", "count", "step"),
    [
        (10, 6, 2),
        (10, 11, 1),
        (1, 6, 0.2),
        (0.987, 6, 0.2),
        (1, 3, 0.5),
        (7, 2, 10),
        (3e-7, 4, 1e-7),
        (2e9, 5, 5e8),
    ],
)
def test_nice_step_is_1_2_5(span: float, count: int, step: float) -> None:
    assert nice_step(span, count) == pytest.approx(step)


def test_ticks_are_round_multiples() -> None:
    assert [tick_label(t, 0.2, 1) for t in ticks(0, 1, 0.2)] == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]
    assert [tick_label(t, 2, 5) for t in ticks(-5, 5, 2)] == ["-4", "-2", "0", "2", "4"]
    assert [tick_label(t, 0.05, 0.1) for t in ticks(-0.1, 0.1, 0.05)] == [
        "-0.10",
        "-0.05",
        "0.00",
        "0.05",
        "0.10",
    ]


def test_tick_values_are_the_decimals_they_print() -> None:
    assert ticks(0, 1, 0.2)[3] == 0.6  # not 3 * 0.2 = 0.6000000000000001
    assert ticks(0, 1, 0.1) == [k / 10 for k in range(11)]
    assert ticks(-3e-7, 3e-7, 1e-7)[0] == -3e-7


@pytest.mark.parametrize("size", range(10, 62, 3))
def test_a_tick_sits_on_the_line_drawn_at_its_value(size: int) -> None:
    """Ticks at 0.1, 0.2, ... once fell a row (or column) away from --hline 0.6 or --vline 0.3
    whenever the value sat on a cell boundary: 3 * 0.2 is not 0.6 in floats."""
    tenths = [k / 10 for k in range(11)]
    options = {"width": 2 * size + 10, "height": size, "charset": "ascii", "ref": False, "title": ""}
    # the curve stays below the plot area: only the lines are drawn
    area = {"xmin": 0.0, "xmax": 1.0, "ymin": 2.0, "ymax": 3.0}
    lines = draw([SIGMA], **area, **options, hlines=[2 + t for t in tenths]).lines  # type: ignore[arg-type]
    labelled = [line for line in lines[:-2] if line[:4].strip()]
    assert len(labelled) >= 3
    assert all("- - -" in line for line in labelled), lines
    lines = draw([SIGMA], **area, **options, vlines=tenths).lines  # type: ignore[arg-type]
    ticked = [col for col, ch in enumerate(lines[-2]) if ch == "+"][1:]  # the first is the corner
    assert len(ticked) >= 2
    assert all(lines[-3][col] == ":" for col in ticked), lines


@settings(max_examples=200, deadline=None)
@given(
    low=st.floats(-1e6, 1e6),
    span=st.floats(1e-3, 1e6),
    rows=st.integers(3, 200),
)
def test_the_auto_y_range_ends_on_its_ticks(low: float, span: float, rows: int) -> None:
    """Both ends of an automatic range are labelled ticks, and the ticks are no denser than
    one every three rows (or three in all, on a short plot)."""
    bottom, top, step = y_axis([low, low + span], None, None, rows)
    values = ticks(bottom, top, step)
    assert values[0] == bottom and values[-1] == top
    assert len(values) <= max(3, rows // 3 + 1)
    # Data past a tick by less than half a braille dot is let go, and by rounding noise (the
    # quotient low/step is off by up to _slack steps far from 0: 1385.5514 / 0.0001).
    near = span / (rows * 8) + _slack(low, low + span, step) * step
    assert bottom <= low + near and low + span - near <= top


@pytest.mark.parametrize(
    ("curve", "xmin", "xmax", "rows", "expected"),
    [
        (series(order=5), -5, 5, 13, (-0.2, 0.4)),  # the top of the range was not a tick: 0.3
        (series(fn="gd"), -5, 5, 3, (-2, 2)),  # was [-5, 5], the curve flat in the middle row
        (series(log=True), -10, 2, 13, (-10, 0)),  # min -10.00005: was [-15, 0]
        (series(), -5, 5, 13, (0, 1)),
    ],
)
def test_auto_y_ranges(
    curve: Series, xmin: float, xmax: float, rows: int, expected: tuple[float, float]
) -> None:
    xs = [xmin + (xmax - xmin) * j / 400 for j in range(401)]
    bottom, top, _ = y_axis([curve.fn(x) for x in xs], None, None, rows)
    assert (bottom, top) == expected


def test_a_short_plot_keeps_its_curves_apart() -> None:
    curves = [series(fn="tanh"), series(fn="gd")]
    lines = draw(curves, width=30, height=6, charset="ascii", ref=False, title="").lines  # 3 rows
    assert [line[:3] for line in lines[:3]] == [" 2 ", " 0 ", "-2 "]
    assert "o" in lines[0][4:] and "o" in lines[2][4:]  # gd(x) reaches both, not all in the 0 row


@pytest.mark.parametrize(
    ("value", "step", "largest", "text"),
    [
        (1.5e8, 5e7, 2e8, "1.5e8"),
        (2e8, 5e7, 2e8, "2e8"),
        (0.0, 5e7, 2e8, "0"),
        (-3e-7, 1e-7, 3e-7, "-3e-7"),
        (1000005, 5, 1000010, "1000005"),
        (1.5e7, 5e6, 2e7, "15000000"),
        (123456.7, 0.1, 123456.7, "123456.7"),
        (1234567.8, 0.1, 1234567.8, "1.2345678e6"),
    ],
)
def test_tick_labels_switch_to_exponents_for_large_and_small(
    value: float, step: float, largest: float, text: str
) -> None:
    assert tick_label(value, step, largest) == text


def test_an_exponent_only_where_it_is_shorter() -> None:
    """x ticks on [1e6, 1000001] read '1e6', '1.0000005e6', '1.000001e6'."""
    lines = draw([SIGMA], width=60, height=10, charset="ascii", xmin=1e6, xmax=1000001).lines
    assert lines[-1].split() == ["1000000.0", "1000000.5", "1000001.0"]
    lines = draw([series(order=20)], width=60, height=10, charset="ascii", ymin=-2e8, ymax=2e8).lines
    assert lines[0].startswith(" 2e8 +")  # still shorter than 200000000


def test_to_ascii() -> None:
    assert to_ascii("d²/dx² σ(x)") == "d^2/dx^2 sigma(x)"
    assert to_ascii("tanh₀₁(x) · Φ⁻¹ − 1") == "tanh_01(x) * Phi^-1 - 1"
    assert to_ascii("시그모이드") == "?????"


# --- sizes and characters -----------------------------------------------------------------------------


@pytest.mark.parametrize("charset", CHARSETS)
@pytest.mark.parametrize(("width", "height"), [(40, 12), (60, 20), (120, 40), (20, 5)])
@pytest.mark.parametrize("curves", [[SIGMA], FOUR], ids=["one", "four"])
def test_exactly_w_by_h(charset: Charset, width: int, height: int, curves: list[Series]) -> None:
    lines = draw(curves, width=width, height=height, charset=charset, title="σ(x)", marks=[0, 1]).lines
    assert len(lines) == height
    assert [columns(line) for line in lines] == [width] * height


@pytest.mark.parametrize(("width", "height"), [(40, 12), (60, 20), (120, 40)])
def test_ascii_is_seven_bit_printable(width: int, height: int) -> None:
    lines = draw(
        FOUR, width=width, height=height, charset="ascii", title="σ, σ' — 시그모이드", marks=[0]
    ).lines
    for line in lines:
        assert all(" " <= ch <= "~" for ch in line), line


def test_wide_title_keeps_the_width() -> None:
    for width in (20, 21, 40):
        lines = draw([SIGMA], width=width, height=10, title="시그모이드 함수 " * 5).lines
        assert columns(lines[0]) == width
        assert lines[0].rstrip().endswith("…")


def test_decomposed_text_keeps_the_width() -> None:
    """NFD Hangul (a jamo per sound) and combining accents: each vowel jamo took a cell here
    but no column on the terminal, so the title line came out 5 columns short."""
    for title in ("시그모이드", "e\u0301te\u0301", "한국어 제목 " * 6):
        decomposed = unicodedata.normalize("NFD", title)
        lines = draw([SIGMA], width=30, height=10, title=decomposed).lines
        assert columns(lines[0]) == 30
        if len(title) < 10:
            assert unicodedata.normalize("NFC", title) in lines[0]


def test_wide_legend_labels_keep_the_width() -> None:
    curves = [Series("시그모이드 함수 " * 4, SIGMA.fn), Series("ロジスティック" * 3, SIGMA.fn)]
    for width in (20, 21, 22, 23):
        lines = draw(curves, width=width, height=12).lines
        assert [columns(line) for line in lines] == [width] * 12


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(
    width=st.integers(20, 160),
    height=st.integers(5, 50),
    low=st.floats(-1e12, 1e12),
    span=st.floats(1e-3, 1e12),
    charset=st.sampled_from(CHARSETS),
    k=st.floats(0.01, 100),
)
def test_any_range_and_size_is_exact(
    width: int, height: int, low: float, span: float, charset: Charset, k: float
) -> None:
    curves = [series(k=k), series(k=k, order=2)]
    high = low + span
    if high - low < 1e-9 * max(abs(low), abs(high)):  # the range as the floats have it
        with pytest.raises(UsageError, match="too close together"):
            draw(curves, width=width, height=height, xmin=low, xmax=high)
        return
    lines = draw(curves, width=width, height=height, xmin=low, xmax=high, charset=charset, title="t").lines
    assert len(lines) == height
    assert all(columns(line) == width for line in lines)


# --- what is drawn ----------------------------------------------------------------------------------


def test_sigma_rises_and_crosses_half_at_zero() -> None:
    lines = draw([SIGMA], width=60, height=20, charset="ascii", title="σ").lines
    cells = curve_cells(lines)
    assert len(cells) >= 50  # one curve across the plot
    ordered = sorted(cells)
    for left, right in itertools.pairwise(ordered):
        # rising: each column's cells are at or above (smaller row) the previous column's
        assert min(cells[right]) <= min(cells[left]) and max(cells[right]) <= max(cells[left])
    half_row = next(row for row, line in enumerate(lines) if line.startswith("0.5") or "- - - -" in line)
    zero_col = next(col for col, ch in enumerate(lines[1]) if ch == ":")
    assert half_row in cells[zero_col]  # the curve passes through where the dashed lines cross
    assert all(row > half_row for col in ordered if col < zero_col - 1 for row in cells[col])
    assert all(row < half_row for col in ordered if col > zero_col + 1 for row in cells[col])


def test_mark_at_zero_reads_one_half() -> None:
    lines = draw([SIGMA], width=60, height=20, charset="ascii", marks=[0]).lines
    assert sum(line.count("(0, 0.5)") for line in lines) == 1
    assert sum(line.count("@") for line in lines) == 1


def test_marks_on_every_curve() -> None:
    lines = draw(FOUR, width=100, height=30, charset="ascii", marks=[1]).lines
    text = "\n".join(lines)
    for expected in ("(1, 0.7311)", "(1, 0.1966)", "(1, 0.8808)", "(1, 0.21)"):
        assert expected in text


def test_minus_zero_marks_read_zero() -> None:
    text = "\n".join(draw([SIGMA], width=60, height=20, charset="ascii", marks=[-0.0, 0.0]).lines)
    assert text.count("(0, 0.5)") == 1 and "-0" not in text


def test_two_curves_through_one_point_get_one_label() -> None:
    curves = [series(fn="tanh"), series(fn="arctan")]
    text = "\n".join(draw(curves, width=60, height=16, charset="ascii", marks=[0]).lines)
    assert text.count("(0, 0)") == 1


def test_mark_labels_never_cover_each_other() -> None:
    """smoothstep's labels at 0.5 and 2 fell on one row: '(0.5, 0.687(2, 1)' read as a wrong
    number. Each label is now whole or left out, and no label hides a dot."""
    curve = series(fn="smoothstep")
    for charset in CHARSETS:
        lines = draw([curve], width=60, height=12, xmin=-2, xmax=2, charset=charset, marks=[0.5, 2, -2]).lines
        text = "\n".join(lines)
        assert "(0.5, 0.6875)" in text and "(-2, -1)" in text
        assert text.count("(") == text.count(")")  # no label cut by another
        assert text.count("@" if charset == "ascii" else "●") == 3


def test_reference_lines_default_and_off() -> None:
    on = draw([SIGMA], width=60, height=20, charset="ascii").lines
    off = draw([SIGMA], width=60, height=20, charset="ascii", ref=False).lines
    assert any("- - - -" in line for line in on) and any(":" in line for line in on)
    assert not any("- - - -" in line for line in off) and not any(":" in line for line in off)


def test_extra_lines_stretch_the_auto_range() -> None:
    lines = draw([SIGMA], width=60, height=20, charset="ascii", ref=False, hlines=[2], vlines=[3]).lines
    assert lines[0].startswith("2.0 ")  # the top tick follows the asked-for line y = 2
    assert sum("- - - -" in line for line in lines) == 1


def test_legend_only_for_several_curves() -> None:
    one = draw([SIGMA], width=80, height=24, charset="ascii").lines
    four = draw(FOUR, width=80, height=24, charset="ascii").lines
    assert not any("sigma(x)" in line for line in one[1:])
    legend = four[-1]
    for glyph, name in zip(
        "*ox#", ("sigma(x)", "d/dx sigma(x)", "tanh_01(x)", "d/dx tanh_01(x)"), strict=True
    ):
        assert f"{glyph * 4} {name}" in legend


def test_each_curve_its_own_glyph() -> None:
    text = "\n".join(draw(FOUR, width=80, height=24, charset="ascii", legend=False).lines)
    for glyph in "*ox#":
        assert text.count(glyph) > 20


def test_legend_wraps_and_gives_way_when_short() -> None:
    many = [
        series(fn=name, normalize=True) for name in ("logistic", "tanh", "arctan", "gd", "erf", "algebraic")
    ]
    tall = draw(many, width=40, height=30, charset="ascii", title="t").lines
    assert sum("arctan_01(x)" in line or "gd_01(x)" in line for line in tall[-4:]) >= 1
    short = draw(many, width=40, height=5, charset="ascii", title="t").lines
    assert len(short) == 5 and "t" not in short[0].strip()  # the title went first


def test_steep_parts_have_no_gaps() -> None:
    step = Series("step", lambda x: 0.0 if x < 0 else 1.0)
    lines = draw([step], width=40, height=20, charset="ascii", ref=False, title="s").lines
    rows = {row for rows in curve_cells(lines).values() for row in rows}
    assert rows == set(range(1, 18))  # every row of the plot area is touched


def test_nan_and_inf_are_skipped() -> None:
    half = Series("half", lambda x: math.nan if x < 0 else (math.inf if x > 3 else x))
    lines = draw([half], width=60, height=20, charset="ascii", ref=False, vlines=[0, 3], title="h").lines
    zero, three = (col for col, ch in enumerate(lines[2]) if ch == ":")
    cells = curve_cells(lines)
    assert cells and zero <= min(cells) and max(cells) <= three


def test_exceptions_in_curves_are_gaps() -> None:
    def log(x: float) -> float:
        return math.log(x)  # ValueError for x <= 0

    lines = draw([Series("log", log)], width=60, height=20, charset="ascii", title="l").lines
    assert curve_cells(lines)


def test_braille_and_block_use_their_cells() -> None:
    braille = "".join(draw([SIGMA], width=60, height=20, charset="braille").lines)
    block = "".join(draw([SIGMA], width=60, height=20, charset="block").lines)
    assert sum(0x2800 < ord(ch) <= 0x28FF for ch in braille) > 40
    assert set(block) & set("▀▄█") and not any(0x2800 <= ord(ch) <= 0x28FF for ch in block)


def test_same_input_same_output() -> None:
    first = draw(FOUR, width=77, height=23, marks=[0.3]).lines
    assert draw(FOUR, width=77, height=23, marks=[0.3]).lines == first


# --- options refused ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"xmin": 5.0, "xmax": 5.0}, "--xmin (5) must be less than --xmax (5)"),
        ({"xmin": math.nan}, "--xmin must be a finite number, not nan"),
        ({"ymin": math.nan}, "--ymin must be a finite number, not nan"),
        ({"ymin": 1.0, "ymax": 0.0}, "--ymin (1) must be less than --ymax (0)"),
        ({"width": 3}, "--width must be between 20 and 1000, not 3"),
        ({"height": 100000}, "--height must be between 5 and 500, not 100000"),
        ({"xmin": 1.0, "xmax": 1.0 + 1e-12}, "--xmin and --xmax are too close together to plot"),
        ({"xmin": -1e308, "xmax": 1e308}, "--xmin and --xmax are too far apart to plot"),
        ({"hlines": [math.inf]}, "--hline must be a finite number, not inf"),
    ],
)
def test_bad_options_are_usage_errors(options: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError) as raised:
        draw([SIGMA], **options)  # type: ignore[arg-type]
    assert str(raised.value) == message


def test_huge_values_ask_for_a_y_range() -> None:
    huge = Series("huge", lambda x: 1e308 * x)
    with pytest.raises(UsageError, match="give --ymin and --ymax"):
        draw([huge])
    assert len(draw([huge], ymin=-1, ymax=1).lines) == 24


def test_owners_follow_the_cells() -> None:
    """The grid that color is applied from: curve cells, reference lines, nothing else."""
    figure = draw([SIGMA], width=60, height=20, charset="ascii")
    for cells, owners in zip(figure.cells, figure.owners, strict=True):
        assert len(cells) == len(owners) == 60
        for char, owner in zip(cells, owners, strict=True):
            if owner == 0:
                assert char == "*"
            elif owner == REFERENCE:
                assert char in "-:+"
            else:
                assert owner == NOBODY
