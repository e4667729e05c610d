"""The Typer app: thin commands that read options, build a Job, and hand results to writers.

``main`` is the one place where errors become messages and exit codes. Nothing heavy is
imported here: `sigmoid eval 0.5` runs on the standard library alone.
"""

import os
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import IO, Annotated, Any, NoReturn, TypeVar

import typer

from sigmoid_cli import __version__
from sigmoid_cli.errors import (
    ClosedPipe,
    DataError,
    ExitCode,
    OptionError,
    OutOfTime,
    SigmoidError,
    UsageError,
)
from sigmoid_cli.jobs import Job, Mode
from sigmoid_cli.numeric.curve import Curve
from sigmoid_cli.numeric.text import read_float

from .argv import values_last
from .expression_options import ExprOpt, SetOpt, VarOpt, expression
from .options import Fn, OnError, OutputFormat

PROG = "sigmoid"

_SETTINGS: dict[str, Any] = {
    "name": PROG,
    "add_completion": False,
    "no_args_is_help": True,
    "rich_markup_mode": None,
    "pretty_exceptions_enable": False,
    "context_settings": {"help_option_names": ["-h", "--help"], "max_content_width": 100},
}
# The commands register themselves here; derive, check and plot-ascii live in their own modules and
# are imported only when they run (or for --help and completions), to keep start-up short.
_commands: dict[str, Callable[..., None]] = {}
_LAZY = ("derive", "check", "plot-ascii")


F = TypeVar("F", bound=Callable[..., None])


def _command(name: str) -> Callable[[F], F]:
    def register(function: F) -> F:
        _commands[name] = function
        return function

    return register


def _load(name: str) -> Callable[..., None]:
    if name not in _commands:
        if name == "derive":
            from .derive import derive_command

            _commands[name] = derive_command
        elif name == "check":
            from .check import check_command

            _commands[name] = check_command
        else:
            from .plot import plot_command

            _commands[name] = plot_command
    return _commands[name]


def build_app(only: str | None = None) -> typer.Typer:
    """The Typer app with every command, or with just ``only`` (what one run needs)."""
    application = typer.Typer(**_SETTINGS)
    application.callback()(_root)
    for name in (only,) if only is not None else ("eval", "grad", "derive", "check", "plot-ascii"):
        application.command(name)(_load(name))
    return application


class DType(StrEnum):
    float64 = "float64"
    float32 = "float32"


# Options shared by eval and grad.
ValuesArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Numbers or constant expressions (0.5, -3, pi/4, ln(3), 2^-3). None, or '-': read stdin.",
        show_default=False,
    ),
]
ComplementOpt = Annotated[bool, typer.Option("--complement", "-c", help="1 − σ(x) = σ(−x) instead of σ(x).")]
LogOpt = Annotated[
    bool, typer.Option("--log", help="The natural logarithm: log σ(x), or log(1 − σ(x)) with -c.")
]
KOpt = Annotated[str, typer.Option("--k", help="Steepness K of L/(1+e^(−K(x−X0))).", metavar="K")]
X0Opt = Annotated[str, typer.Option("--x0", help="Midpoint X0.", metavar="X0")]
LOpt = Annotated[str, typer.Option("--L", help="Supremum L.", metavar="L")]
FnOpt = Annotated[Fn, typer.Option("--fn", help="The family member.", case_sensitive=False)]
NormalizeOpt = Annotated[
    bool, typer.Option("--normalize", help="Rescale an odd member to (0, 1): (f/sup + 1)/2.")
]
DigitsOpt = Annotated[
    int | None,
    typer.Option("--digits", help="N significant digits, correctly rounded (1 to 10000).", metavar="N"),
]
ExactOpt = Annotated[bool, typer.Option("--exact", help="The exact symbolic value (sympy).")]
FormatOpt = Annotated[
    OutputFormat,
    typer.Option("--format", "-o", help="Output format (table, markdown, latex: a table of every value)."),
]
FieldsOpt = Annotated[
    str | None,
    typer.Option(
        "--fields",
        "-f",
        help="Compute only these fields of each stdin line (2, 2,4-5, 3-, or header names); pass the rest.",
        metavar="LIST",
        show_default=False,
    ),
]
HeaderOpt = Annotated[
    bool, typer.Option("--header", help="The first stdin line is a header: pass it through, name the fields.")
]
DelimiterOpt = Annotated[
    str | None,
    typer.Option(
        "--delimiter",
        "-d",
        help="The field separator: ';' ',' '|' ':' tab or space (default: a comma, tab or space).",
        metavar="CHAR",
        show_default=False,
    ),
]
DecimalCommaOpt = Annotated[
    bool,
    typer.Option(
        "--decimal-comma", help="Numbers are written 0,5 (in and out); values are separated by ';'."
    ),
]
InputOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--input",
        help="Read the values from FILE (repeatable, '-' for stdin), as cat would join them.",
        metavar="FILE",
        show_default=False,
    ),
]
WithInputOpt = Annotated[bool, typer.Option("--with-input", "-i", help="Print each input beside its result.")]
OnErrorOpt = Annotated[
    OnError, typer.Option("--on-error", help="On a bad value: stop (exit 1), write nan, or skip it.")
]
DTypeOpt = Annotated[
    DType, typer.Option("--dtype", help="float32: results rounded to float32 (correctly, for the logistic).")
]
UnbufferedOpt = Annotated[
    bool, typer.Option("--unbuffered", "-u", help="Write each line's results before reading the next line.")
]


def _parameter(name: str, text: str) -> float:
    try:
        return read_float(text)
    except DataError as error:
        raise UsageError(f"{name}: {error}") from None


def _execute(
    *,
    values: list[str] | None,
    complement: bool,
    log: bool,
    k: str,
    x0: str,
    L: str,
    fn: Fn,
    normalize: bool,
    dtype: DType,
    digits: int | None,
    exact: bool,
    fmt: OutputFormat,
    with_input: bool,
    on_error: OnError,
    unbuffered: bool,
    fields: str | None,
    header: bool,
    delimiter: str | None,
    decimal_comma: bool,
    inputs: list[str] | None,
    inverse: bool = False,
    order: int = 0,
    wrt: str | None = None,
    check: bool = False,
    expr: str | None = None,
    var: str = "x",
    sets: list[str] | None = None,
) -> None:
    """What eval and grad share: options → a Job → results for the VALUEs or for stdin."""
    from . import output

    if digits is not None and exact:
        raise UsageError("choose one of --digits and --exact")
    family = {
        "--fn": fn is not Fn.logistic,
        "--complement": complement,
        "--log": log,
        "--inverse": inverse,
        "--normalize": normalize,
        "--k": k != "1",
        "--x0": x0 != "0",
        "--L": L != "1",
    }
    formula = expression(expr, var, sets, family)
    if formula is not None:
        if not values or values == ["-"] or inputs:
            raise UsageError("--expr on standard input is not supported yet: give the VALUEs as arguments")
        wrt = formula.var if wrt == "x" else wrt
    recoding = None
    if delimiter is not None or decimal_comma:  # imported only for European and spreadsheet files
        from sigmoid_cli.stream.separators import recode

        recoding = recode(delimiter, decimal_comma)
    spec = None
    if fields is not None:
        from sigmoid_cli.stream.fields import parse_fields

        spec = parse_fields(fields, header)
    params = (_parameter("--k", k), _parameter("--x0", x0), _parameter("--L", L))
    curve = Curve(
        fn=fn.member,
        k=params[0],
        x0=params[1],
        L=params[2],
        normalize=normalize,
        complement=complement,
        log=log,
        inverse=inverse,
        order=order,
        exact_params=(k, x0, L),
        float32=dtype is DType.float32,
    )
    mode: Mode = "exact" if exact else "digits" if digits is not None else "float"
    job = Job(
        curve,
        mode=mode,
        digits=digits or 0,
        float32=dtype is DType.float32,
        wrt=wrt,
        check=check,
        exact_latex=fmt is OutputFormat.latex,
        expression=formula,
    )
    try:
        output.run(job, values or [], fmt, with_input, on_error, unbuffered, spec, header, inputs, recoding)
    except BrokenPipeError:
        raise ClosedPipe from None


@_command("eval")
def eval_command(
    values: ValuesArg = None,
    complement: ComplementOpt = False,
    log: LogOpt = False,
    inverse: Annotated[
        bool, typer.Option("--inverse", help="The inverse: logit(p) = log(p/(1−p)) for the logistic.")
    ] = False,
    k: KOpt = "1",
    x0: X0Opt = "0",
    L: LOpt = "1",
    fn: FnOpt = Fn.logistic,
    normalize: NormalizeOpt = False,
    dtype: DTypeOpt = DType.float64,
    digits: DigitsOpt = None,
    exact: ExactOpt = False,
    fmt: FormatOpt = OutputFormat.plain,
    with_input: WithInputOpt = False,
    on_error: OnErrorOpt = OnError.fail,
    unbuffered: UnbufferedOpt = False,
    fields: FieldsOpt = None,
    header: HeaderOpt = False,
    delimiter: DelimiterOpt = None,
    decimal_comma: DecimalCommaOpt = False,
    inputs: InputOpt = None,
    expr: ExprOpt = None,
    var: VarOpt = "x",
    sets: SetOpt = None,
) -> None:
    """Evaluate σ(x) = 1/(1+e^-x), its relatives and its family, or your own --expr.

    \b
    Examples:
      sigmoid eval 0.5                   0.6224593312018546
      sigmoid eval -3 0 3                three values, three lines
      sigmoid eval 'ln(3)' --exact       3/4
      sigmoid eval 1 --digits 50         50 correctly rounded digits
      sigmoid eval --inverse 0.75        logit(3/4) = ln 3 ≈ 1.0986
      sigmoid eval --fn tanh --normalize 0.5
      sigmoid eval --expr 'x*sigmoid(x)' -1 0 1      SiLU at three points
      sigmoid eval --expr 'sigmoid(beta*x)' --set beta=1.702 1
      seq -5 5 | sigmoid eval -i         a stream, each input beside its result
    """
    _execute(
        values=values,
        complement=complement,
        log=log,
        k=k,
        x0=x0,
        L=L,
        fn=fn,
        normalize=normalize,
        dtype=dtype,
        digits=digits,
        exact=exact,
        fmt=fmt,
        with_input=with_input,
        on_error=on_error,
        unbuffered=unbuffered,
        fields=fields,
        header=header,
        delimiter=delimiter,
        decimal_comma=decimal_comma,
        inputs=inputs,
        inverse=inverse,
        expr=expr,
        var=var,
        sets=sets,
    )


@_command("grad")
def grad_command(
    values: ValuesArg = None,
    order: Annotated[
        int, typer.Option("--order", "-n", help="The N-th derivative (1 to 100).", metavar="N")
    ] = 1,
    wrt: Annotated[
        str,
        typer.Option(
            "--wrt",
            help="Differentiate with respect to x, k, x0, L, or all four; with --expr, by a name of it.",
            metavar="x|k|x0|L|all|NAME",
        ),
    ] = "x",
    check: Annotated[
        bool,
        typer.Option("--check", help="Also differentiate independently (mpmath); exit 3 if they differ."),
    ] = False,
    complement: ComplementOpt = False,
    log: LogOpt = False,
    k: KOpt = "1",
    x0: X0Opt = "0",
    L: LOpt = "1",
    fn: FnOpt = Fn.logistic,
    normalize: NormalizeOpt = False,
    dtype: DTypeOpt = DType.float64,
    digits: DigitsOpt = None,
    exact: ExactOpt = False,
    fmt: FormatOpt = OutputFormat.plain,
    with_input: WithInputOpt = False,
    on_error: OnErrorOpt = OnError.fail,
    unbuffered: UnbufferedOpt = False,
    fields: FieldsOpt = None,
    header: HeaderOpt = False,
    delimiter: DelimiterOpt = None,
    decimal_comma: DecimalCommaOpt = False,
    inputs: InputOpt = None,
    expr: ExprOpt = None,
    var: VarOpt = "x",
    sets: SetOpt = None,
) -> None:
    """The value of a derivative: σ'(x) = σ(x)(1 − σ(x)) by default, or of your own --expr.

    \b
    Examples:
      sigmoid grad 0                     0.25
      sigmoid grad 0 --exact             1/4
      sigmoid grad --order 2 1           σ''(1) = σ(1−σ)(1−2σ) at 1
      sigmoid grad --log 2               d/dx log σ(x) = 1 − σ(2)
      sigmoid grad --wrt all --k 2 0.5   ∂/∂x, ∂/∂k, ∂/∂x0, ∂/∂L of L/(1+e^(−k(x−x0)))
      sigmoid grad --order 5 --check 0.7
      sigmoid grad --expr 'x*sigmoid(x)' --order 2 0.5     by Taylor-mode AD
      sigmoid grad --expr 'sigmoid(w*x+b)' --set w=2 --set b=1 --wrt w 0.5
    """
    if not 1 <= order <= 100:
        raise UsageError(f"--order must be between 1 and 100, not {order}")
    _execute(
        values=values,
        complement=complement,
        log=log,
        k=k,
        x0=x0,
        L=L,
        fn=fn,
        normalize=normalize,
        dtype=dtype,
        digits=digits,
        exact=exact,
        fmt=fmt,
        with_input=with_input,
        on_error=on_error,
        unbuffered=unbuffered,
        fields=fields,
        header=header,
        delimiter=delimiter,
        decimal_comma=decimal_comma,
        inputs=inputs,
        order=order,
        wrt=wrt,
        check=check,
        expr=expr,
        var=var,
        sets=sets,
    )


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"{PROG} {__version__}\n")
        raise typer.Exit()


def _root(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """A calculator and proof printer for the sigmoid function σ(x) = 1/(1+e^-x) and its family.

    \b
    Examples:
      sigmoid eval 0.5
      sigmoid grad 0 --exact
      sigmoid derive --log
      sigmoid plot-ascii --fn logistic --fn tanh --normalize
    """


# --- the one way out ---------------------------------------------------------------------------------


def _flag(name: str) -> str:
    """The option that sets the library's argument ``name``."""
    return "--dtype float32" if name == "float32" else f"--{name}"


def _fail(message: str, code: ExitCode) -> NoReturn:
    sys.stderr.write(f"{PROG}: error: {message}\n")
    raise SystemExit(int(code))


def main(argv: list[str] | None = None) -> NoReturn:
    """Run the program; every error becomes one line on stderr and an exit code."""
    from typer._click import exceptions as click_exceptions  # typer 0.28 vendors click

    debug = os.environ.get("SIGMOID_DEBUG") == "1"
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        only = args[0] if args and args[0] in ("eval", "grad", *_LAZY) else None
        command = typer.main.get_command(build_app(only))
        args = values_last(args)  # `sigmoid eval -3`: click would take -3 for an option
        if only is not None:  # `--k 1 --k 2`: an error, where click would keep the last
            from .repeats import refuse_repeats

            refuse_repeats(command.commands[only], args[1:])  # type: ignore[attr-defined]
        code = command.main(args=args, prog_name=PROG, standalone_mode=False)
        _flush(sys.stdout)
        raise SystemExit(code if isinstance(code, int) else 0)
    except SigmoidError as error:
        if debug:
            raise
        # An OptionError is in the library's words: spell its argument names as our flags.
        _fail(error.spelled(_flag) if isinstance(error, OptionError) else str(error), error.exit_code)
    except click_exceptions.NoArgsIsHelpError as error:
        # Bare `sigmoid` (or `sigmoid eval` with nothing to read): the help as --help prints it, on
        # stderr with the usage status, as awk and Click do; not flattened into one error line.
        sys.stderr.write(error.format_message().rstrip("\n") + "\n")
        raise SystemExit(int(ExitCode.USAGE)) from None
    except click_exceptions.UsageError as error:
        if debug:
            raise
        _fail(" ".join(error.format_message().split()), ExitCode.USAGE)
    except typer.Abort:
        _fail("aborted", ExitCode.INTERRUPTED)
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        raise SystemExit(int(ExitCode.INTERRUPTED)) from None
    except (BrokenPipeError, ClosedPipe):
        _quiet_after_closed_pipe()
    except RecursionError:
        _fail("the input is nested too deeply", ExitCode.USAGE)
    except OutOfTime:  # every limited piece of work says which limit it met; this is the rest
        _fail("the work did not finish within its time limit", ExitCode.USAGE)
    except MemoryError:
        _fail("out of memory: the input is too large", ExitCode.BAD_DATA)
    except Exception as error:  # a bug of ours: still one line, and the way to see more
        if debug:
            raise
        _fail(
            f"internal error ({type(error).__name__}: {error}); SIGMOID_DEBUG=1 shows where",
            ExitCode.BAD_DATA,
        )
    finally:
        prestarted = sys.modules.get("sigmoid_cli.stream.workers")  # only when cli/launch.py forked workers
        if prestarted is not None:
            prestarted.discard()


def _flush(stream: IO[str]) -> None:
    try:
        stream.flush()
    except BrokenPipeError:
        _quiet_after_closed_pipe()


def _quiet_after_closed_pipe() -> NoReturn:
    """The reader went away (`sigmoid eval < big | head -1`): stop without a word.
    Point stdout at /dev/null so the interpreter's final flush cannot complain."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise SystemExit(0)
