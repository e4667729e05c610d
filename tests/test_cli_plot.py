"""`sigmoid plot-ascii` end to end: run as a subprocess would run it (helpers.sigmoid, in this
process), and on a terminal through a real subprocess.

Snapshots: tests/snapshots/plot_*.txt hold the exact expected output of the command lines in
SNAPSHOTS below. After an intended change to the drawing, regenerate them with

    SIGMOID_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_cli_plot.py -k snapshot

and read the diff (`git diff tests/snapshots`) before committing it.
"""

from __future__ import annotations

import os
import pathlib
import re
import subprocess
import sys
import unicodedata
from functools import partial

import pytest
from helpers import Run, assert_one_error_line, on_terminal, run_here, sigmoid

from sigmoid_cli.cli.plot import ColorMode, colorize, use_color
from sigmoid_cli.numeric.curve import Curve, float_value, label
from sigmoid_cli.plot.figure import Series
from sigmoid_cli.plot.layout import draw

SNAPSHOT_DIR = pathlib.Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("SIGMOID_UPDATE_SNAPSHOTS") == "1"
SGR = re.compile(r"\x1b\[[0-9;]*m")
FOUR = [
    Series(label(curve), partial(float_value, curve))
    for curve in (
        Curve(),
        Curve(order=1),
        Curve("tanh", normalize=True),
        Curve("tanh", normalize=True, order=1),
    )
]

SNAPSHOTS = {
    "plot_braille_60x20": ["--width", "60", "--height", "20", "--mark", "0"],
    "plot_block_60x20": ["--width", "60", "--height", "20", "--charset", "block"],
    "plot_ascii_60x20": ["--width", "60", "--height", "20", "--charset", "ascii", "--mark", "0"],
    "plot_legend_ascii_80x24": [
        "--fn",
        "logistic",
        "--fn",
        "tanh",
        "--normalize",
        "--grad",
        "--charset",
        "ascii",
    ],
    "plot_legend_braille_100x30": [
        *("--fn", "logistic", "--fn", "tanh", "--normalize", "--grad"),
        *("--width", "100", "--height", "30", "--mark", "1"),
    ],
    "plot_curves_ascii_60x16": [
        *("--curve", "logistic,k=1.702", "--curve", "normal-cdf", "--curve", "tanh,k=0.5,x0=-1,L=0.8"),
        *("--width", "60", "--height", "16", "--charset", "ascii"),
    ],
    "plot_midpoint_braille_60x16": [
        *("--curve", "logistic,k=2,x0=1,L=10", "--mark", "1", "--width", "60", "--height", "16"),
    ],
    "plot_log_block_70x18": [
        *("--log", "--xmin", "-8", "--xmax", "3", "--no-ref", "--hline", "-1", "--charset", "block"),
        *("--width", "70", "--height", "18"),
    ],
}


def plot(*args: str, env: dict[str, str] | None = None) -> Run:
    return sigmoid("plot-ascii", *args, env=env)


def columns(line: str) -> int:
    assert "\x1b" not in line
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in line)


@pytest.mark.parametrize("name", sorted(SNAPSHOTS))
def test_snapshot(name: str) -> None:
    run = plot(*SNAPSHOTS[name])
    assert (run.code, run.err) == (0, "")
    path = SNAPSHOT_DIR / f"{name}.txt"
    if UPDATE:
        SNAPSHOT_DIR.mkdir(exist_ok=True)
        path.write_text(run.out, encoding="utf-8")
    assert run.out == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("charset", ["braille", "block", "ascii"])
@pytest.mark.parametrize(("width", "height"), [(40, 12), (60, 20), (120, 40)])
def test_exactly_w_columns_by_h_lines(charset: str, width: int, height: int) -> None:
    run = plot("--width", str(width), "--height", str(height), "--charset", charset, "--mark", "0")
    assert run.code == 0, run.err
    assert run.out.endswith("\n")
    assert [columns(line) for line in run.lines] == [width] * height


def test_ascii_is_seven_bit_with_no_escapes() -> None:
    run = plot("--width", "60", "--height", "20", "--charset", "ascii", "--color", "auto")
    data = run.out.encode()
    assert all(32 <= byte < 127 or byte == 10 for byte in data)


def test_default_is_80_by_24_in_a_pipe_and_always_the_same() -> None:
    first = plot()
    assert [columns(line) for line in first.lines] == [80] * 24
    assert "σ(x) = 1/(1+e^-x)" in first.lines[0]
    assert plot().out == first.out
    # the terminal's size is not asked when stdout is a pipe, whatever COLUMNS says
    assert plot(env={"COLUMNS": "100", "LINES": "40"}).out == first.out


def test_sigma_crosses_the_half_line_at_zero_and_the_mark_reads_half() -> None:
    lines = plot("--width", "60", "--height", "20", "--charset", "ascii", "--mark", "0").lines
    half_row = next(row for row, line in enumerate(lines) if "- - - -" in line)  # the dashed y = 0.5
    zero_col = lines[-1].index(" 0 ") + 1  # the x tick label 0
    assert lines[half_row][zero_col] == "@"  # the mark sits where the dashed lines cross
    assert any("(0, 0.5)" in line for line in lines)


def test_four_curves_and_their_legend() -> None:
    run = plot("--fn", "logistic", "--fn", "tanh", "--normalize", "--grad", "--charset", "ascii")
    legend = run.lines[-1]
    for entry in ("**** sigma(x)", "oooo d/dx sigma(x)", "xxxx tanh_01(x)", "#### d/dx tanh_01(x)"):
        assert entry in legend
    unicode = plot("--fn", "logistic", "--fn", "tanh", "--normalize", "--grad")
    for name in ("σ(x)", "d/dx σ(x)", "tanh₀₁(x)", "d/dx tanh₀₁(x)"):
        assert name in unicode.lines[-1]


@pytest.mark.parametrize(
    "args",
    [
        ["--xmin", "-3", "--xmax", "3"],
        ["--xmin=-3", "--xmax=3"],
        ["--xmin", "−3", "--xmax", "3"],
        ["--xmin", "-pi", "--xmax", "pi"],
        ["--hline", "-0.25", "--ymin", "-1", "--vline", "-2"],
    ],
)
def test_negative_option_values(args: list[str]) -> None:
    run = plot(*args, "--charset", "ascii")
    assert run.code == 0, run.err
    assert len(run.lines) == 24


@pytest.mark.parametrize(
    "args",
    [
        ["--fn", "erf", "--order", "2"],
        ["--fn", "hardsigmoid", "--grad"],
        ["--fn", "smoothstep", "--xmin", "-2", "--xmax", "2"],
        ["--complement", "--log", "--k", "2", "--x0", "1", "--L", "3"],
        ["--fn", "arctan", "--fn", "gd", "--fn", "algebraic", "--fn", "softsign", "--fn", "normal-cdf"],
        ["--title", ""],
        ["--title", "시그모이드 함수"],
        ["--no-ref", "--ymin", "0.2", "--ymax", "0.8"],
    ],
)
def test_options_give_a_full_plot(args: list[str]) -> None:
    for charset in ("braille", "ascii"):
        run = plot(*args, "--charset", charset, "--width", "70", "--height", "20")
        assert (run.code, run.err) == (0, "")
        assert [columns(line) for line in run.lines] == [70] * 20


def test_title_option() -> None:
    assert plot("--title", "logistic function").lines[0].strip() == "logistic function"
    assert "σ" not in plot("--title", "").lines[0]


# --- color ------------------------------------------------------------------------------------------


def test_colorize_adds_only_sgr_codes() -> None:
    figure = draw(FOUR, width=80, height=24, marks=[0])
    colored = colorize(figure)
    assert [SGR.sub("", line) for line in colored] == figure.lines
    assert all("\x1b[" not in line for line in figure.lines)
    codes = set(SGR.findall("".join(colored)))
    assert {"\x1b[34m", "\x1b[31m", "\x1b[32m", "\x1b[35m", "\x1b[90m", "\x1b[0m"} <= codes


def test_every_colored_line_ends_reset() -> None:
    """No color leaks into the next line or the shell prompt."""
    for line in colorize(draw(FOUR, width=60, height=20)):
        codes = SGR.findall(line)
        assert not codes or codes[-1] == "\x1b[0m"


@pytest.mark.parametrize(
    ("mode", "terminal", "env", "expected"),
    [
        (ColorMode.auto, True, {}, True),
        (ColorMode.auto, False, {}, False),
        (ColorMode.auto, True, {"NO_COLOR": "1"}, False),
        (ColorMode.auto, True, {"NO_COLOR": ""}, True),
        (ColorMode.auto, False, {"FORCE_COLOR": "1"}, True),
        (ColorMode.auto, False, {"FORCE_COLOR": ""}, False),
        (ColorMode.auto, True, {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        (ColorMode.always, False, {"NO_COLOR": "1"}, True),
        (ColorMode.never, True, {"FORCE_COLOR": "1"}, False),
    ],
)
def test_use_color(mode: ColorMode, terminal: bool, env: dict[str, str], expected: bool) -> None:
    assert use_color(mode, terminal, env) is expected


def run_with_env(*args: str, env: dict[str, str]) -> str:
    """The output with exactly the given color variables (the shared helper sets NO_COLOR)."""
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    run = run_here(["plot-ascii", "--width", "60", "--height", "20", *args], b"", {**environment, **env})
    assert run.code == 0, run.err
    return run.stdout.decode()


def run_on_terminal(*args: str, env: dict[str, str], size: tuple[int, int] = (30, 100)) -> str:
    """plot-ascii's output when stdout is a terminal (a pseudo-terminal of ``size`` rows × columns)."""
    run = on_terminal(["plot-ascii", *args], env=env, size=size)
    assert run.code == 0, run.err
    return run.out


@pytest.mark.parametrize(
    ("args", "env", "colored"),
    [
        ([], {}, False),
        (["--color", "always"], {}, True),
        (["--color", "always"], {"NO_COLOR": "1"}, True),  # an explicit option beats the variable
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
        ([], {"FORCE_COLOR": "1"}, True),
        ([], {"FORCE_COLOR": ""}, False),
        ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ],
)
def test_color_in_a_pipe(args: list[str], env: dict[str, str], colored: bool) -> None:
    out = run_with_env(*args, env=env)
    assert ("\x1b[" in out) is colored
    if colored:
        plain = run_with_env("--color", "never", env={})
        assert SGR.sub("", out) == plain


@pytest.mark.parametrize(
    ("env", "colored"), [({}, True), ({"NO_COLOR": "1"}, False), ({"NO_COLOR": ""}, True)]
)
def test_color_on_a_terminal(env: dict[str, str], colored: bool) -> None:
    out = run_on_terminal("--width", "60", "--height", "20", env=env)
    assert ("\x1b[" in out) is colored


def test_terminal_size_is_the_default_on_a_terminal() -> None:
    out = run_on_terminal("--color", "never", env={}, size=(30, 100))
    lines = out.splitlines()
    assert len(lines) == 29  # one line left for the prompt
    assert all(columns(line) == 100 for line in lines)


# --- errors -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--xmin", "5", "--xmax", "5"], "--xmin (5) must be less than --xmax (5)"),
        (["--width", "3"], "--width must be between 20 and 1000, not 3"),
        (["--height", "100000"], "--height must be between 5 and 500, not 100000"),
        (["--ymin", "nan"], "--ymin must be a finite number, not nan"),
        (["--xmax", "inf"], "--xmax must be a finite number, not inf"),
        (["--ymin", "1", "--ymax", "0"], "--ymin (1) must be less than --ymax (0)"),
        (["--xmin", "abc"], "--xmin: 'abc' is not a number"),
        (["--mark", "7"], "--mark 7 is outside the x range [-5, 5]"),
        (["--order", "101"], "--order must be between 0 and 100, not 101"),
        (["--order", "100", "--grad"], "--order must be between 0 and 99 with --grad, not 100"),
        (["--fn", "tanh", "--log"], "--log needs a function with range (0, 1)"),
        (["--width", "wide"], "'wide' is not a valid int"),
        (["--charset", "emoji"], "'emoji' is not one of"),
    ],
)
def test_bad_options_are_one_line_and_exit_2(args: list[str], message: str) -> None:
    run = plot(*args)
    assert_one_error_line(run, 2)
    assert message in run.err
    assert run.out == ""


def test_plot_imports_nothing_heavy() -> None:
    """Start-up is what users feel: the plot runs on Typer and the standard library."""
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "sigmoid_cli", "plot-ascii"],
        capture_output=True,
        text=True,
        check=True,
        stdin=subprocess.DEVNULL,
    )
    loaded = {line.split("|")[-1].strip().split(".")[0] for line in completed.stderr.splitlines()}
    assert not loaded & {"numpy", "sympy", "mpmath", "rich", "orjson", "pydantic"}


def test_help_documents_every_option_with_examples() -> None:
    run = plot("--help")
    assert run.code == 0
    assert "Examples:" in run.out and "sigmoid plot-ascii --fn logistic --fn tanh" in run.out
    for option in (
        *("--fn", "--grad", "--order", "--log", "--complement", "--normalize", "--k", "--x0", "--L"),
        *("--xmin", "--xmax", "--ymin", "--ymax", "--width", "--height", "--charset", "--color"),
        *("--no-ref", "--hline", "--vline", "--mark", "--title"),
    ):
        assert option in run.out, option


def test_your_own_functions_beside_the_family() -> None:
    """--expr draws each formula with its own legend entry (and its derivative with --grad), in
    exactly W×H; with --fn the family member is drawn too."""
    run = sigmoid(
        "plot-ascii",
        "--expr",
        "x*sigmoid(x)",
        "--expr",
        "softplus(x)",
        "--grad",
        "--fn",
        "tanh",
        "--width",
        "70",
        "--height",
        "18",
        "--charset",
        "ascii",
    )
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert len(lines) == 18 and {len(line) for line in lines} == {70}
    legend = " ".join(lines[-2:])
    for name in ("tanh", "x*sigmoid(x)", "d/dx x*sigmoid(x)", "softplus(x)", "d/dx softplus(x)"):
        assert name in legend


def test_an_expression_is_drawn_at_its_values() -> None:
    """The curve of --expr 'b*x' with --set b=2 is the line y = 2x: its rightmost point is at
    the top of the plot and its value at --mark 1 is 2."""
    run = sigmoid(
        "plot-ascii", "--expr", "b*x", "--set", "b=2", "--mark", "1", "--width", "60", "--height", "16"
    )
    assert run.code == 0, run.err
    assert "(1, 2)" in run.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--expr", "__import__(x)"], "__import__"),
        (["--expr", "x^99999999999"], "too large"),
        (["--expr", "b*x"], "'b'"),
        (["--set", "b=2"], "--expr"),
    ],
)
def test_hostile_or_incomplete_expressions_are_one_line_errors(args: list[str], message: str) -> None:
    run = sigmoid("plot-ascii", *args)
    assert run.out == ""
    assert_one_error_line(run, 2)
    assert message in run.err
