"""`sigmoid plot-ascii`: read the options, build the curves, draw them, color them, print.

The drawing is plot/layout.py's (pure); this module only decides what to draw and how the
output looks on this stdout. Nothing heavy is imported (no numpy, rich or sympy), so the
command starts about as fast as `sigmoid eval 0.5`.
"""

# No `from __future__ import annotations`: Typer would have to evaluate every string
# annotation at start-up (about 8 ms here).
import math
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import replace
from enum import StrEnum
from functools import partial
from typing import Annotated

import typer

from sigmoid_cli.errors import DataError, UsageError
from sigmoid_cli.numeric.curve import MAX_ORDER, Curve, float_value, label
from sigmoid_cli.numeric.text import read_float
from sigmoid_cli.plot.figure import REFERENCE, Figure, Series
from sigmoid_cli.plot.layout import MAX_HEIGHT, MAX_WIDTH, MIN_HEIGHT, MIN_WIDTH, draw

from .encoding import for_output, is_terminal, shows_unicode
from .options import LOGISTIC_ALIASES, Charset, Fn
from .typer_options import SetOpt

DEFAULT_SIZE = (80, 24)  # when stdout is not a terminal: the same bytes in every pipe


class ColorMode(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


def use_color(mode: ColorMode, terminal: bool, environ: Mapping[str, str]) -> bool:
    """--color always/never decide; auto follows no-color.org and force-color.org: a
    non-empty NO_COLOR turns color off, else a non-empty FORCE_COLOR turns it on, else
    color only on a terminal. NO_COLOR wins over FORCE_COLOR, as in CPython 3.13."""
    if mode is not ColorMode.auto:
        return mode is ColorMode.always
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    return terminal


_PALETTE = ("34", "31", "32", "35", "36", "33", "94", "91")  # blue, red, green, ...: matplotlib's order
_REFERENCE_COLOR = "90"  # grey: the dashed lines stay in the background
_RESET = "\x1b[0m"


def color_of(owner: int) -> str | None:
    """The SGR parameters for a cell's owner (a curve, a reference line), or None for plain."""
    if owner >= 0:
        return _PALETTE[owner % len(_PALETTE)]
    if owner == REFERENCE:
        return _REFERENCE_COLOR
    return None


def colorize(figure: Figure) -> list[str]:
    """The figure's lines with an SGR code before each run of cells of one color, and a
    reset before plain cells and at the end of the line, so no color leaks out."""
    lines: list[str] = []
    for cells, owners in zip(figure.cells, figure.owners, strict=True):
        out: list[str] = []
        current: str | None = None
        for char, owner in zip(cells, owners, strict=True):
            color = color_of(owner)
            if color != current:
                out.append(_RESET if color is None else f"\x1b[{color}m")
                current = color
            out.append(char)
        if current is not None:
            out.append(_RESET)
        lines.append("".join(out))
    return lines


def default_size(terminal: bool) -> tuple[int, int]:
    """The terminal's size, one line short so the prompt after the plot does not scroll the
    title away, kept within our limits; 80×24 when stdout is not a terminal."""
    if not terminal:
        return DEFAULT_SIZE
    import shutil

    columns, lines = shutil.get_terminal_size(DEFAULT_SIZE)
    return min(max(columns, MIN_WIDTH), MAX_WIDTH), min(max(lines - 1, MIN_HEIGHT), MAX_HEIGHT)


def _number(option: str, text: str) -> float:
    """An option's value as a finite float; 'pi', '-5' and '−5' are fine, 'nan' is not."""
    try:
        number = read_float(text)
    except DataError as error:
        raise UsageError(f"{option}: {error}") from None
    if not math.isfinite(number):
        raise UsageError(f"{option} must be a finite number, not {text.strip()}")
    return number


def _numbers(option: str, texts: Sequence[str] | None) -> list[float]:
    return [_number(option, text) for text in texts or ()]


def build_curves(
    names: Sequence[str],
    *,
    grad: bool = False,
    order: int = 0,
    k: float = 1.0,
    x0: float = 0.0,
    L: float = 1.0,
    log: bool = False,
    complement: bool = False,
    normalize: bool = False,
) -> list[Curve]:
    """One curve per --fn (repeats dropped), each followed by its derivative with --grad."""
    if not 0 <= order <= MAX_ORDER - (1 if grad else 0):
        limit = MAX_ORDER - 1 if grad else MAX_ORDER
        raise UsageError(
            f"--order must be between 0 and {limit}{' with --grad' if grad else ''}, not {order}"
        )
    curves: list[Curve] = []
    for name in dict.fromkeys(names):
        curve = Curve(name, k, x0, L, normalize=normalize, complement=complement, log=log, order=order)
        curves += [curve, replace(curve, order=order + 1)] if grad else [curve]
    return curves


CURVE_PARAMETERS = ("k", "x0", "L")


def parse_curve(spec: str) -> tuple[str, dict[str, float]]:
    """A --curve SPEC, 'NAME[,k=K][,x0=X0][,L=L]', as the family member's name and its
    parameters: an unknown name or parameter, a parameter twice or a value that is no finite
    number is a usage error that names it."""
    from sigmoid_cli.numeric.family import NAMES

    name, *assignments = (part.strip() for part in spec.split(","))
    choices = [*NAMES, *LOGISTIC_ALIASES]
    if name.lower() not in choices:
        shown = f"unknown function {name!r}" if name else "the spec names no function"
        raise UsageError(f"--curve {spec!r}: {shown}; choose one of: {', '.join(choices)}")
    parameters: dict[str, float] = {}
    for assignment in assignments:
        key, equals, value = (piece.strip() for piece in assignment.partition("="))
        if not equals or not key:
            raise UsageError(f"--curve {spec!r}: {assignment!r} is not NAME=VALUE (k=2, x0=1, L=10)")
        if key not in CURVE_PARAMETERS:
            raise UsageError(f"--curve {spec!r}: unknown parameter {key!r}; a curve takes k, x0 and L")
        if key in parameters:
            raise UsageError(f"--curve {spec!r}: {key} was given twice")
        parameters[key] = _number(f"--curve {spec!r}: {key}", value)
        if key == "k" and parameters[key] == 0:
            raise UsageError(f"--curve {spec!r}: k must not be 0")
    member = "logistic" if name.lower() in LOGISTIC_ALIASES else name.lower()
    return member, parameters


def _specified_curves(
    specs: Sequence[str],
    *,
    grad: bool,
    order: int,
    log: bool,
    complement: bool,
    normalize: bool,
) -> list[Curve]:
    """One curve per --curve (repeats dropped), with its own k, x0 and L, each followed by its
    derivative with --grad; --order, --log, --complement and --normalize apply to all."""
    curves: list[Curve] = []
    for spec in specs:
        name, parameters = parse_curve(spec)
        for curve in build_curves(
            [name], grad=grad, order=order, log=log, complement=complement, normalize=normalize, **parameters
        ):
            if curve not in curves:
                curves.append(curve)
    return curves


def reference_point(curves: Sequence[Curve], expressions: int) -> tuple[float, float]:
    """Where the dashed reference lines cross: the classic (0, 0.5), or, when the figure draws one
    function of the family (with its derivative, for --grad) and nothing else, that function's own
    midpoint: x = x0, and y = L/2 for a value with range (0, L)."""
    bases = {replace(curve, order=0) for curve in curves}
    if expressions or len(bases) != 1:
        return (0.0, 0.5)
    (base,) = bases
    value = curves[0]
    y = base.L / 2 if value.order == 0 and not base.log and base.unit else 0.5
    return (base.x0, y)


def _expressions(
    texts: Sequence[str] | None, var: str, sets: list[str] | None, *, grad: bool, order: int
) -> list[Series]:
    """A curve per --expr (repeats dropped), its derivative after it with --grad; --order N
    draws the N-th derivative, computed as `sigmoid grad --expr` computes it."""
    from .expression_options import expression

    if not texts:
        expression(None, var, sets, {})  # --var or --set without --expr: refused
        return []
    if not 0 <= order <= MAX_ORDER - (1 if grad else 0):
        return []  # build_curves says what the limit is
    series: list[Series] = []
    for text in dict.fromkeys(texts):
        formula = expression(text, var, sets, {})
        assert formula is not None
        for n in (order, order + 1) if grad else (order,):
            name = text if n == 0 else f"d/d{var} {text}" if n == 1 else f"d{n}/d{var}{n} {text}"
            value = formula.float_value if n == 0 else partial(formula.derivative, wrt=formula.var, order=n)
            series.append(Series(name, value))
    return series


def default_title(curves: Sequence[Curve]) -> str:
    """One plain member: its formula ('σ(x) = 1/(1+e^-x)'); otherwise the curves' names."""
    if len(curves) != 1:
        return ", ".join(label(curve) for curve in curves)
    curve = curves[0]
    name, formula = label(curve), curve.member.formula
    plain = not (
        curve.order or curve.log or curve.complement or curve.scaled or curve.unit != curve.member.unit_range
    )
    if not plain or formula == name:
        return name
    return formula if "=" in formula else f"{name} = {formula}"


def plot_command(
    fn: Annotated[
        list[Fn] | None,
        typer.Option("--fn", help="A family member to draw; repeat for several.", case_sensitive=False),
    ] = None,
    grad: Annotated[bool, typer.Option("--grad", help="Also draw each curve's derivative.")] = False,
    order: Annotated[
        int, typer.Option("--order", "-n", help="Draw the N-th derivative (0 to 100).", metavar="N")
    ] = 0,
    log: Annotated[bool, typer.Option("--log", help="log σ(x), or log(1 − σ(x)) with --complement.")] = False,
    complement: Annotated[bool, typer.Option("--complement", "-c", help="1 − σ(x) = σ(−x).")] = False,
    normalize: Annotated[bool, typer.Option("--normalize", help="Rescale odd members to (0, 1).")] = False,
    k: Annotated[
        str | None,
        typer.Option("--k", help="Steepness K of L/(1+e^(−K(x−X0))) for --fn [default: 1].", metavar="K"),
    ] = None,
    x0: Annotated[
        str | None, typer.Option("--x0", help="Midpoint X0 for --fn [default: 0].", metavar="X0")
    ] = None,
    L: Annotated[
        str | None, typer.Option("--L", help="Supremum L for --fn [default: 1].", metavar="L")
    ] = None,
    xmin: Annotated[str, typer.Option("--xmin", help="Left end of the x range.", metavar="X")] = "-5",
    xmax: Annotated[str, typer.Option("--xmax", help="Right end of the x range.", metavar="X")] = "5",
    ymin: Annotated[
        str | None,
        typer.Option("--ymin", help="Bottom of the y range [default: from the data].", metavar="Y"),
    ] = None,
    ymax: Annotated[
        str | None, typer.Option("--ymax", help="Top of the y range [default: from the data].", metavar="Y")
    ] = None,
    width: Annotated[
        int | None,
        typer.Option(
            "--width",
            help=f"Columns, axes and legend included ({MIN_WIDTH} to {MAX_WIDTH}) "
            "[default: the terminal's, else 80].",
            metavar="W",
            show_default=False,
        ),
    ] = None,
    height: Annotated[
        int | None,
        typer.Option(
            "--height",
            help=f"Lines, title and legend included ({MIN_HEIGHT} to {MAX_HEIGHT}) "
            "[default: the terminal's less one, else 24].",
            metavar="H",
            show_default=False,
        ),
    ] = None,
    charset: Annotated[
        Charset | None,
        typer.Option(
            "--charset",
            help="braille: 2×4 dots a cell; block: ▀▄█; ascii: 7-bit "
            "[default: braille, or ascii where the output cannot show it].",
            show_default=False,
        ),
    ] = None,
    color: Annotated[
        ColorMode,
        typer.Option("--color", help="auto: on a terminal, unless NO_COLOR is set (FORCE_COLOR forces it)."),
    ] = ColorMode.auto,
    no_ref: Annotated[
        bool,
        typer.Option(
            "--no-ref",
            help="Leave out the dashed lines y = 0.5 and x = 0 (for one curve: at its midpoint x0, L/2).",
        ),
    ] = False,
    hline: Annotated[
        list[str] | None, typer.Option("--hline", help="A dashed line y = Y; repeatable.", metavar="Y")
    ] = None,
    vline: Annotated[
        list[str] | None, typer.Option("--vline", help="A dashed line x = X; repeatable.", metavar="X")
    ] = None,
    mark: Annotated[
        list[str] | None,
        typer.Option("--mark", help="Label each curve's point at x = X, as (X, Y); repeatable.", metavar="X"),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option(
            "--title",
            help="The title line ('' for none) [default: the curves' formula or names].",
            metavar="TEXT",
        ),
    ] = None,
    expr: Annotated[
        list[str] | None,
        typer.Option(
            "--expr",
            help="Your own function to draw (repeatable, beside --fn): 'x*sigmoid(x)', 'softplus(x)'.",
            metavar="EXPR",
            show_default=False,
        ),
    ] = None,
    curve: Annotated[
        list[str] | None,
        typer.Option(
            "--curve",
            help="A family member with its own parameters (repeatable, beside --fn): "
            "'logistic,k=1.702', 'logistic,k=2,x0=1,L=10', 'normal-cdf'.",
            metavar="SPEC",
            show_default=False,
        ),
    ] = None,
    var: Annotated[
        str, typer.Option("--var", help="The variable of --expr (the x axis).", metavar="NAME")
    ] = "x",
    sets: SetOpt = None,
) -> None:
    """Draw σ (or the family, derivatives, logs) in the terminal: exactly W columns by H lines.

    The default is the classic figure: σ on [−5, 5] with dashed lines at y = 0.5 and x = 0.

    \b
    Examples:
      sigmoid plot-ascii
      sigmoid plot-ascii --width 60 --height 20 --charset ascii
      sigmoid plot-ascii --fn logistic --fn tanh --normalize --grad
      sigmoid plot-ascii --order 2 --mark 0 --mark 1.3169
      sigmoid plot-ascii --log --xmin -10 --xmax 2 --ymin -10
      sigmoid plot-ascii --expr 'x*sigmoid(x)' --expr 'softplus(x)' --grad
      sigmoid plot-ascii --curve 'logistic,k=1.702' --curve normal-cdf
    """
    terminal = is_terminal(sys.stdout)
    if width is None or height is None:
        auto_width, auto_height = default_size(terminal)
        width = auto_width if width is None else width
        height = auto_height if height is None else height
    x_range = (_number("--xmin", xmin), _number("--xmax", xmax))
    marks = _numbers("--mark", mark)
    for x in marks:
        if not x_range[0] <= x <= x_range[1]:
            raise UsageError(f"--mark {x:g} is outside the x range [{x_range[0]:g}, {x_range[1]:g}]")
    formulas = _expressions(expr, var, sets, grad=grad, order=order)
    if curve and not fn:
        given = [name for name, value in (("--k", k), ("--x0", x0), ("--L", L)) if value is not None]
        if given:
            raise UsageError(
                f"{given[0]} applies to --fn; a --curve takes its own: --curve 'logistic,k=2,x0=1,L=10'"
            )
    curves = build_curves(
        [member.member for member in fn or ([] if formulas or curve else [Fn.logistic])],
        grad=grad,
        order=order,
        k=_number("--k", k or "1"),
        x0=_number("--x0", x0 or "0"),
        L=_number("--L", L or "1"),
        log=log,
        complement=complement,
        normalize=normalize,
    )
    for extra in _specified_curves(
        curve or (), grad=grad, order=order, log=log, complement=complement, normalize=normalize
    ):
        if extra not in curves:
            curves.append(extra)
    unicode = shows_unicode(sys.stdout)
    chosen = charset or (Charset.braille if unicode else Charset.ascii)
    series = [Series(label(curve), partial(float_value, curve)) for curve in curves] + formulas
    if title is None:
        title = ", ".join(line.label for line in series) if formulas else default_title(curves)
    figure = draw(
        series,
        width=width,
        height=height,
        xmin=x_range[0],
        xmax=x_range[1],
        ymin=None if ymin is None else _number("--ymin", ymin),
        ymax=None if ymax is None else _number("--ymax", ymax),
        charset=chosen.value,
        title=title,
        ref=not no_ref,
        ref_at=reference_point(curves, len(formulas)),
        hlines=_numbers("--hline", hline),
        vlines=_numbers("--vline", vline),
        marks=marks,
    )
    lines = colorize(figure) if use_color(color, terminal, os.environ) else figure.lines
    text = "\n".join(lines) + "\n"
    if not unicode and chosen is not Charset.ascii:
        encoding = getattr(sys.stdout, "encoding", "?")
        raise UsageError(
            f"this output's encoding ({encoding}) cannot show {chosen.value}: use --charset ascii"
        )
    sys.stdout.write(for_output(text, sys.stdout, fmt="plain", lang="en"))  # σ in a title: sigma
