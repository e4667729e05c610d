"""Running a Job over the VALUE arguments or over stdin, and reporting what went wrong."""

from __future__ import annotations

import io
import sys
from typing import IO, TYPE_CHECKING

from sigmoid_cli.errors import DataError, UsageError
from sigmoid_cli.jobs import Job
from sigmoid_cli.numeric.text import quote
from sigmoid_cli.stream.reader import ChunkResult, Format, Policy, Problem, Summary, Task, Writer, format_line
from sigmoid_cli.stream.reader import run as run_stream

from .options import OnError, OutputFormat

if TYPE_CHECKING:
    from sigmoid_cli.stream.fields import Fields

TABLE_ROWS = 10_000  # a Rich table is for reading, not for streams


def run(
    job: Job,
    values: list[str],
    fmt: OutputFormat,
    with_input: bool,
    on_error: OnError,
    unbuffered: bool,
    fields: Fields | None = None,
    header: bool = False,
) -> None:
    """Compute ``job`` for each VALUE (or each value on stdin) and write the results."""
    table = fmt is OutputFormat.table
    columns = "--fields" if fields is not None else "--header" if header else None
    if columns and values and values != ["-"]:
        raise UsageError(f"{columns} is for columns of standard input: drop the VALUEs")
    if columns and table:
        raise UsageError(f"--format table cannot show {columns}: use plain, tsv, csv, json or jsonl")
    task = Task(job, _line_format(fmt), with_input or table, _policy(on_error), fields, header)
    sink: IO[bytes] = io.BytesIO() if table else sys.stdout.buffer
    if values and values != ["-"]:
        summary = _run_arguments(task, values, sink)
    else:
        stdin: IO[bytes] = sys.stdin.buffer if sys.stdin is not None else io.BytesIO()
        interactive = unbuffered or stdin.isatty()
        summary = run_stream(task, stdin, sink, interactive)
    if table:
        _print_table(job, sink)
    _report(summary, from_stdin=not values or values == ["-"])


# Each `match` names every member: mypy reports one that a new choice leaves out.
def _line_format(fmt: OutputFormat) -> Format:
    """How each line is laid out: a table is made from tsv lines; latex (of --exact) is plain."""
    match fmt:
        case OutputFormat.plain | OutputFormat.latex:
            return "plain"
        case OutputFormat.tsv | OutputFormat.table:
            return "tsv"
        case OutputFormat.csv:
            return "csv"
        case OutputFormat.json:
            return "json"
        case OutputFormat.jsonl:
            return "jsonl"


def _policy(on_error: OnError) -> Policy:
    match on_error:
        case OnError.fail:
            return "fail"
        case OnError.nan:
            return "nan"
        case OnError.skip:
            return "skip"


def _run_arguments(task: Task, values: list[str], sink: IO[bytes]) -> Summary:
    summary = Summary()
    writer = Writer(task, sink, interactive=False)
    for index, text in enumerate(values, start=1):
        result = ChunkResult(b"")
        try:
            rows = [task.job.scalar(text)]
        except DataError as error:
            problem = Problem(0, index, text, str(error))
            if task.policy == "fail":
                result.fatal = problem
                writer.write(result, summary)
                break
            result.problems.append(problem)
            rows = [] if task.policy == "skip" else [["nan"] * len(task.job.columns)]
        if rows:
            line = format_line(task, [text], rows, b"")
            result.output = (line or "").encode() + (b"" if task.fmt == "json" else b"\n")
            result.values = 1
        writer.write(result, summary)
    writer.close()
    return summary


def _where(problem: Problem) -> str:
    return f"line {problem.line}, value {problem.index}" if problem.line else f"value {problem.index}"


def _report(summary: Summary, from_stdin: bool) -> None:
    if summary.fatal is not None:
        raise DataError(f"{_where(summary.fatal)}: {summary.fatal.message}")
    if summary.problems and summary.first is not None:
        first = summary.first
        where = f"line {first.line}" if from_stdin else f"value {first.index}"
        noun = "value" if summary.problems == 1 else "values"
        sys.stderr.write(
            f"sigmoid: {summary.problems} {noun} could not be read (first: {where} {quote(first.text)})\n"
        )


def _print_table(job: Job, buffer: IO[bytes]) -> None:
    from .rich_output import print_table

    assert isinstance(buffer, io.BytesIO)
    lines = buffer.getvalue().decode().splitlines()
    if len(lines) > TABLE_ROWS:
        raise UsageError(f"--format table shows at most {TABLE_ROWS} rows; use plain, tsv or csv")
    rows = [line.split("\t") for line in lines if line]
    print_table(("x", *job.columns), rows)
