"""The Typer app: thin commands that read options and hand them to ``execute``.

cli/run.py:main runs it (the one place where errors become messages and exit codes) for
every command line the quick reader (cli/quick.py) leaves to Typer. Nothing heavy is imported
here beyond Typer.
"""

import sys
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from sigmoid_cli import __version__
from sigmoid_cli.errors import UsageError

from . import PROG
from .execute import execute
from .options import DType, Fn, OnError, OutputFormat
from .typer_options import SetOpt

_SETTINGS: dict[str, Any] = {
    "name": PROG,
    "add_completion": False,
    "no_args_is_help": True,
    "rich_markup_mode": None,
    "pretty_exceptions_enable": False,
    "context_settings": {"help_option_names": ["-h", "--help"], "max_content_width": 100},
}
# The commands register themselves here; derive, check, plot-ascii and fit live in their own modules and
# are imported only when they run (or for --help and completions), to keep start-up short.
_commands: dict[str, Callable[..., None]] = {}


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
        elif name == "fit":
            from .fit import fit_command

            _commands[name] = fit_command
        else:
            from .plot import plot_command

            _commands[name] = plot_command
    return _commands[name]


def build_app(only: str | None = None) -> typer.Typer:
    """The Typer app with every command, or with just ``only`` (what one run needs)."""
    application = typer.Typer(**_SETTINGS)
    application.callback()(_root)
    for name in (only,) if only is not None else ("eval", "grad", "derive", "check", "plot-ascii", "fit"):
        application.command(name)(_load(name))
    return application


# --expr, --var and --set of eval and grad (cli/expression_options.py makes the Expression).
ExprOpt = Annotated[
    str | None,
    typer.Option(
        "--expr",
        help="Your own function of x instead of σ: + − * / ^ and the grammar's functions (sigmoid, "
        "softplus, silu, gelu, mish, log1p, …), as in derive --expr. Example: --expr 'x*sigmoid(x)'.",
        metavar="EXPR",
        show_default=False,
    ),
]
VarOpt = Annotated[
    str, typer.Option("--var", help="The variable of --expr that takes the VALUEs.", metavar="NAME")
]


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
    softmax: Annotated[
        bool, typer.Option("--softmax", help="softmax of each line's values (or of the VALUEs): e^zᵢ/Σe^zⱼ.")
    ] = False,
    log_softmax: Annotated[
        bool, typer.Option("--log-softmax", help="Its logarithm, zᵢ − logsumexp.")
    ] = False,
    logsumexp: Annotated[bool, typer.Option("--logsumexp", help="log Σ e^zⱼ: one value per line.")] = False,
    temperature: Annotated[
        str, typer.Option("--temperature", help="Divide the values by T first (with --softmax).", metavar="T")
    ] = "1",
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
      sigmoid eval --softmax 1000 1001 1002
    """
    execute(
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
        softmax=softmax,
        log_softmax=log_softmax,
        logsumexp=logsumexp,
        temperature=temperature,
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
    execute(
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
      printf '1,0\\n2,1\\n3,0\\n4,1\\n5,1\\n' | sigmoid fit --y 2 --x 1
    """
