"""`sigmoid fit`: the command function. Light at import time, like derive and check: numpy and
the fit package are imported only when the command runs.

No `from __future__ import annotations`: Typer reads the annotations at run time."""

import sys
from enum import StrEnum
from typing import Annotated, Literal

import typer

from sigmoid_cli.errors import DataError, UsageError

from .encoding import for_output, is_terminal, shows_unicode
from .options import Charset


class Model(StrEnum):
    binary = "binary"
    logistic3 = "logistic3"
    four_pl = "4pl"


class Link(StrEnum):
    logit = "logit"
    probit = "probit"


class FitFormat(StrEnum):
    table = "table"
    plain = "plain"
    tsv = "tsv"
    csv = "csv"
    json = "json"


class FitOnError(StrEnum):
    fail = "fail"
    skip = "skip"


def fit_command(
    file: Annotated[
        str | None,
        typer.Argument(
            help="The data (CSV, TSV or spaces); none or '-': standard input.", show_default=False
        ),
    ] = None,
    y: Annotated[
        str | None,
        typer.Option("--y", help="The response column: a header name or a number from 1.", metavar="COL"),
    ] = None,
    x: Annotated[
        list[str] | None,
        typer.Option(
            "--x", help="A predictor column (repeatable): a header name or a number.", metavar="COL"
        ),
    ] = None,
    trials: Annotated[
        str | None,
        typer.Option(
            "--trials", help="Binary outcomes as counts: --y successes out of COL trials.", metavar="COL"
        ),
    ] = None,
    header: Annotated[bool, typer.Option("--header", help="The first line names the columns.")] = False,
    model: Annotated[
        Model,
        typer.Option(
            "--model",
            help="binary: logistic regression of 0/1 outcomes; logistic3: L/(1+e^(−k(x−x0))); "
            "4pl: bottom + (top−bottom)/(1+(x/EC50)^−hill).",
        ),
    ] = Model.binary,
    link: Annotated[
        Link, typer.Option("--link", help="For binary outcomes: σ (logit) or the normal CDF (probit).")
    ] = Link.logit,
    log_dose: Annotated[
        bool, typer.Option("--log-dose", help="With --model 4pl: the --x column holds log10 doses.")
    ] = False,
    ec: Annotated[
        list[float] | None,
        typer.Option(
            "--ec",
            help="With --model 4pl: also the dose ECp for p% of the response (repeatable).",
            metavar="P",
        ),
    ] = None,
    fmt: Annotated[
        FitFormat | None,
        typer.Option(
            "--format",
            "-o",
            help="Output format [default: table on a terminal, else plain].",
            show_default=False,
        ),
    ] = None,
    predict: Annotated[
        bool, typer.Option("--predict", help="Write each input line with its fitted value and residual.")
    ] = False,
    plot: Annotated[
        bool,
        typer.Option("--plot", help="Draw the data and the fitted curve (one --x) instead of the table."),
    ] = False,
    width: Annotated[
        int | None,
        typer.Option("--width", help="--plot's columns [default: 80].", metavar="W", show_default=False),
    ] = None,
    height: Annotated[
        int | None,
        typer.Option("--height", help="--plot's lines [default: 24].", metavar="H", show_default=False),
    ] = None,
    charset: Annotated[
        Charset | None,
        typer.Option(
            "--charset", help="--plot's characters [default: braille, or ascii].", show_default=False
        ),
    ] = None,
    on_error: Annotated[
        FitOnError,
        typer.Option(
            "--on-error", help="On a line whose used columns cannot be read: stop (exit 1) or skip it."
        ),
    ] = FitOnError.fail,
) -> None:
    """Fit a logistic regression (logit or probit) or a logistic curve (3PL, 4PL) to columns.

    Binary outcomes by maximum likelihood (Newton's method); curves by least squares
    (Levenberg–Marquardt). Estimates with standard errors, tests and 95% intervals;
    log-likelihood and AIC, or the residual standard error; EC50 and any ECp.

    Exit status: 0 fitted; 1 bad data (a value that is not a number, y not 0/1, too few
    points, a constant predictor, separation, no convergence); 2 usage.

    \b
    Examples:
      sigmoid fit --header --y GRADE --x GPA --x TUCE --x PSI spector.csv
      sigmoid fit --header --y admit --x gre --link probit admissions.csv
      sigmoid fit --y 2 --x 1 --model 4pl --ec 90 dose.tsv
      sigmoid fit --header --y y --x dose --model 4pl --plot --width 60 --height 16 dose.csv
      sigmoid fit --header --y y --x x --predict data.csv | head
    """
    if y is None or not x:
        raise UsageError("sigmoid fit needs --y COL and at least one --x COL")
    if model is not Model.four_pl and (log_dose or ec):
        raise UsageError(f"{'--log-dose' if log_dose else '--ec'} is for --model 4pl")
    if link is Link.probit and model is not Model.binary:
        raise UsageError("--link is for binary outcomes (--model binary)")
    if model is not Model.binary and (trials is not None or len(x) != 1):
        problem = (
            "--trials is for binary outcomes" if trials is not None else f"it takes one --x, not {len(x)}"
        )
        raise UsageError(f"--model {model.value}: {problem} (the dose or time)")
    if predict and plot:
        raise UsageError("--predict and --plot are two outputs: choose one")
    for option, value in (("--ec", p) for p in ec or ()):
        if not 0 < value < 100:
            raise UsageError(f"{option} must be between 0 and 100 (a percentage), not {value:g}")
    data = _read(file)
    from sigmoid_cli.fit.data import read_table
    from sigmoid_cli.fit.model import fit_table

    wanted = [("--y", y), *(("--x", c) for c in x), *((("--trials", trials),) if trials else ())]
    table = read_table(data, wanted, header, on_error is FitOnError.skip)
    fitted = fit_table(
        table,
        model=model.value,
        link=link.value,
        trials=trials is not None,
        log_dose=log_dose,
        ec=tuple(ec or ()),
    )
    if predict:
        _predict(table, fitted)
    elif plot:
        _plot(table, fitted, model, log_dose, width, height, charset)
    else:
        _report(fitted.report, fmt)
    if table.skipped:
        sys.stdout.flush()
        first = table.skipped[0]
        count = len(table.skipped)
        sys.stderr.write(
            f"sigmoid: {count} line{'s' * (count != 1)} skipped (first: line {first.line}: {first.message})\n"
        )


def _read(file: str | None) -> bytes:
    try:
        if file is None or file == "-":
            return sys.stdin.buffer.read() if sys.stdin is not None else b""
        with open(file, "rb") as stream:
            return stream.read()
    except OSError as error:
        raise DataError(f"cannot read {file or 'standard input'}: {error.strerror or error}") from None


def _report(report: object, fmt: FitFormat | None) -> None:
    from sigmoid_cli.fit.report import FitReport

    from . import fit_output

    assert isinstance(report, FitReport)
    chosen = fmt or (FitFormat.table if is_terminal(sys.stdout) else FitFormat.plain)
    if chosen is FitFormat.table:
        from .rich_output import print_fit

        title = f"{report.title}, {report.observations} observations"
        table_rows = fit_output.rows(report)
        summary = fit_output.summary_lines(report)
        if print_fit(title, fit_output.headers(report), table_rows, summary, strict=fmt is not None):
            return
        chosen = FitFormat.plain  # the default table does not fit this terminal: the plain one
    if chosen is FitFormat.json:
        text = fit_output.as_json(report)
    elif chosen is FitFormat.plain:
        text = fit_output.plain(report)
    else:
        text = fit_output.delimited(report, "\t" if chosen is FitFormat.tsv else ",")
    sys.stdout.write(for_output(text, sys.stdout, fmt=chosen.value, lang="en"))


def _predict(table: object, fitted: object) -> None:
    """Each input line, then its fitted value and residual in the line's own separator (nan for a
    line that was skipped); the header line gains the two names."""
    from sigmoid_cli.fit.data import Table
    from sigmoid_cli.fit.model import Fitted

    from .fit_output import full

    assert isinstance(table, Table) and isinstance(fitted, Fitted)
    first = 2 if table.header is not None else 1
    kept = {line: row for row, line in enumerate(table.lines)}
    out = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else None
    pieces: list[bytes] = []
    if table.header is not None:
        sep = _separator(table.header)
        pieces.append(table.header + sep + b"fitted" + sep + b"residual\n")
    for offset, raw in enumerate(table.texts):
        line = raw.removesuffix(b"\r")
        if not line.strip():
            pieces.append(line + b"\n")
            continue
        sep = _separator(line)
        row = kept.get(offset + first)
        if row is None:
            value = residual = "nan"
        else:
            value = full(float(fitted.fitted[row]))
            residual = full(float(fitted.observed[row] - fitted.fitted[row]))
        pieces.append(line + sep + value.encode() + sep + residual.encode() + b"\n")
    data = b"".join(pieces)
    if out is not None:
        sys.stdout.flush()
        out.write(data)
    else:
        sys.stdout.write(data.decode("utf-8", "replace"))


def _separator(line: bytes) -> bytes:
    outside = line.replace(b'""', b"")
    parts = outside.split(b'"')[0::2]
    plain = b"".join(parts)
    return b"," if b"," in plain else b"\t" if b"\t" in plain else b" "


def _plot(
    table: object,
    fitted: object,
    model: Model,
    log_dose: bool,
    width: int | None,
    height: int | None,
    charset: Charset | None,
) -> None:
    """The data as dots and the fitted curve, in exactly W×H cells; a 4PL on dose is drawn over
    log10 dose (where its S shape is)."""
    import numpy as np

    from sigmoid_cli.fit.data import Table
    from sigmoid_cli.fit.model import Fitted
    from sigmoid_cli.plot.figure import Series
    from sigmoid_cli.plot.layout import draw

    from .plot import DEFAULT_SIZE

    assert isinstance(table, Table) and isinstance(fitted, Fitted)
    if table.values.shape[1] - (1 if fitted.report.model in ("logit", "probit") else 0) < 1 or (
        len([c for c in table.columns if c.option == "--x"]) != 1
    ):
        raise UsageError("--plot draws one predictor: give one --x")
    xs = table.values[:, 1]
    on_log = model is Model.four_pl and not log_dose
    shown = np.log10(xs) if on_log else xs
    low, high = float(shown.min()), float(shown.max())
    margin = 0.05 * (high - low)
    low, high = low - margin, high + margin

    def curve(value: float) -> float:
        dose = 10.0**value if on_log else value
        return float(fitted.predict(np.array([[dose]]))[0])

    name = next(c.name for c in table.columns if c.option == "--x")
    label = f"fitted ({'log10 ' + name if on_log else name} on the x axis)"
    unicode = shows_unicode(sys.stdout)
    picked = charset or (Charset.braille if unicode else Charset.ascii)
    chosen: Literal["braille", "block", "ascii"] = picked.value
    if not unicode and chosen != "ascii":
        raise UsageError("this output's encoding cannot show braille or blocks: use --charset ascii")
    figure = draw(
        [Series(label, curve)],
        width=width or DEFAULT_SIZE[0],
        height=height or DEFAULT_SIZE[1],
        xmin=low,
        xmax=high,
        charset=chosen,
        title=fitted.report.title,
        ref=False,
        points=list(zip(shown.tolist(), fitted.observed.tolist(), strict=True)),
    )
    text = "\n".join(figure.lines) + "\n"
    sys.stdout.write(for_output(text, sys.stdout, fmt="plain", lang="en"))
