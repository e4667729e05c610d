"""What eval and grad do once their options are read: options → a Job → results.

Both command-line readers call ``execute``: the Typer commands (cli/app.py), and the quick
reader of stream command lines (cli/quick.py), which runs without importing Typer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sigmoid_cli.errors import ClosedPipe, DataError, UsageError
from sigmoid_cli.jobs import Job, Mode
from sigmoid_cli.numeric.curve import Curve
from sigmoid_cli.numeric.text import read_float

from .expression_options import expression
from .options import DType, Fn, OnError, OutputFormat, Wrt

if TYPE_CHECKING:
    from sigmoid_cli.numeric.softmax import Kind


def _parameter(name: str, text: str) -> float:
    try:
        return read_float(text)
    except DataError as error:
        raise UsageError(f"{name}: {error}") from None


def _vector_kind(
    softmax: bool,
    log_softmax: bool,
    logsumexp: bool,
    temperature: str,
    family: dict[str, bool],
    expr: str | None,
    digits: int | None,
    exact: bool,
    dtype: DType,
    fields: str | None,
) -> tuple[Kind | None, float]:
    """softmax, log-softmax or logsumexp (of each line, or of the VALUEs), or None, and the
    temperature; refuses what they cannot be combined with."""
    if not (softmax or log_softmax or logsumexp):
        if temperature != "1":
            raise UsageError("--temperature applies to --softmax, --log-softmax and --logsumexp")
        return None, 1.0
    from sigmoid_cli.numeric.softmax import KINDS  # imported only for a command line that asks

    chosen = [name for name, on in zip(KINDS, (softmax, log_softmax, logsumexp), strict=True) if on]
    flag = f"--{chosen[0]}"
    if len(chosen) > 1:
        raise UsageError(
            f"choose one of --softmax, --log-softmax and --logsumexp, not {flag} and --{chosen[1]}"
        )
    others = [name for name, on in family.items() if on] + ["--expr"] * (expr is not None)
    others += ["--digits"] * (digits is not None) + ["--exact"] * exact + ["--fields"] * (fields is not None)
    others += ["--dtype float32"] * (dtype is DType.float32)
    if others:
        raise UsageError(f"{flag} is the function of each line's values: drop {others[0]}")
    value = _parameter("--temperature", temperature)
    if not 0 < value < float("inf"):
        raise UsageError(f"--temperature must be a positive finite number, not {temperature}")
    return chosen[0], value


def execute(
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
    wrt: Wrt | str | None = None,
    check: bool = False,
    expr: str | None = None,
    var: str = "x",
    sets: list[str] | None = None,
    softmax: bool = False,
    log_softmax: bool = False,
    logsumexp: bool = False,
    temperature: str = "1",
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
    vector_kind, temperature_value = _vector_kind(
        softmax, log_softmax, logsumexp, temperature, family, expr, digits, exact, dtype, fields
    )
    formula = expression(expr, var, sets, family)
    if formula is not None:
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
        wrt=str(wrt) if wrt is not None else None,
        check=check,
        exact_latex=fmt is OutputFormat.latex,
        expression=formula,
        softmax=vector_kind,
        temperature=temperature_value,
    )
    try:
        output.run(job, values or [], fmt, with_input, on_error, unbuffered, spec, header, inputs, recoding)
    except BrokenPipeError:
        raise ClosedPipe from None
