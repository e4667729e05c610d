"""Running a Job over the VALUE arguments or over stdin, and reporting what went wrong."""

from __future__ import annotations

import contextlib
import io
import math
import sys
from typing import IO, TYPE_CHECKING

from sigmoid_cli.errors import DataError, UsageError
from sigmoid_cli.jobs import Job
from sigmoid_cli.numeric.text import quote
from sigmoid_cli.stream.reader import (
    ChunkResult,
    Format,
    Policy,
    Problem,
    Source,
    Summary,
    Task,
    Writer,
    format_line,
)
from sigmoid_cli.stream.reader import run as run_stream

from .options import OnError, OutputFormat

if TYPE_CHECKING:
    from sigmoid_cli.stream.fields import Fields
    from sigmoid_cli.stream.separators import Recode

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
    inputs: list[str] | None = None,
    recode: Recode | None = None,
) -> None:
    """Compute ``job`` for each VALUE (or each value on stdin, or in the --input files) and
    write the results."""
    # A table (rich, Markdown, LaTeX of float results) is made from tsv lines once they are all in.
    table = fmt in (OutputFormat.table, OutputFormat.markdown) or (
        fmt is OutputFormat.latex and job.mode != "exact"
    )
    columns = "--fields" if fields is not None else "--header" if header else None
    arguments = bool(values) and values != ["-"]
    if arguments and inputs:
        raise UsageError("--input reads values from files: drop the VALUEs (or read them with --input -)")
    if columns and arguments:
        raise UsageError(f"{columns} is for columns of standard input: drop the VALUEs")
    if columns and table:
        raise UsageError(f"--format {fmt.value} cannot show {columns}: use plain, tsv, csv, json or jsonl")
    line_format = "tsv" if table else _line_format(fmt)
    task = Task(job, line_format, with_input or table, _policy(on_error), fields, header)
    sink: IO[bytes] = io.BytesIO() if table else sys.stdout.buffer
    if arguments:
        summary = _run_arguments(task, values, sink, recode)
    else:
        stdin: IO[bytes] = sys.stdin.buffer if sys.stdin is not None else io.BytesIO()
        with contextlib.ExitStack() as files:
            names = inputs or ["-"]
            sources = [_open(name, stdin, files, len(names) > 1) for name in names]
            interactive = unbuffered or (len(sources) == 1 and sources[0][1].isatty())
            summary = run_stream(task, sources, sink, interactive, recode)
    if table:
        _print_table(job, sink, fmt)
    _report(summary, from_stdin=not arguments)


def _open(name: str, stdin: IO[bytes], files: contextlib.ExitStack, several: bool) -> Source:
    """An --input file, opened before any work (a missing one stops the run before it starts);
    errors name it (and stdin, as (stdin), when there are several)."""
    if name == "-":
        return "(stdin)" if several else "", stdin
    try:
        return name, files.enter_context(open(name, "rb"))
    except OSError as error:
        raise DataError(f"{name}: {error.strerror or error}") from None


# Each `match` names every member: mypy reports one that a new choice leaves out.
def _line_format(fmt: OutputFormat) -> Format:
    """How each line is laid out: a table is made from tsv lines; latex (of --exact) is plain."""
    match fmt:
        case OutputFormat.plain | OutputFormat.latex:
            return "plain"
        case OutputFormat.tsv | OutputFormat.table | OutputFormat.markdown:
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


def _run_vector(task: Task, values: list[str], sink: IO[bytes], recode: Recode | None) -> Summary:
    """--softmax and its kin over the VALUEs: one vector, a result per line (logsumexp: one)."""
    from sigmoid_cli.numeric.text import read_float

    summary = Summary()
    writer = Writer(task, sink, interactive=False, recode=recode)
    first = ChunkResult(b"")
    texts: list[str] = []
    numbers: list[float] = []
    for index, typed in enumerate(values, start=1):
        text = recode.text_in(typed) if recode is not None else typed
        try:
            numbers.append(read_float(text))
        except DataError as error:
            problem = Problem(0, index, text, str(error) + _file_hint(typed))
            if task.policy == "fail":
                first.fatal = problem
                writer.write(first, summary)
                writer.close()
                return summary
            first.problems.append(problem)
            if task.policy == "skip":
                continue
            numbers.append(math.nan)
        texts.append(text)
    inputs, rows = task.job.vector_rows(texts, numbers)
    for text, row in zip(inputs, rows, strict=True):
        result, first = first, ChunkResult(b"")
        result.output, result.values = _printed(task, text, [row]), 1
        writer.write(result, summary)
    writer.close()
    return summary


def _run_arguments(task: Task, values: list[str], sink: IO[bytes], recode: Recode | None) -> Summary:
    if task.job.softmax is not None:
        return _run_vector(task, values, sink, recode)
    summary = Summary()
    writer = Writer(task, sink, interactive=False, recode=recode)
    for index, typed in enumerate(values, start=1):
        text = recode.text_in(typed) if recode is not None else typed
        result = ChunkResult(b"")
        try:
            rows = [task.job.scalar(text)]
        except DataError as error:
            problem = Problem(0, index, text, str(error) + _file_hint(typed))
            if task.policy == "fail":
                result.fatal = problem
                writer.write(result, summary)
                break
            result.problems.append(problem)
            rows = [] if task.policy == "skip" else [["nan"] * len(task.job.columns)]
        if rows:
            result.output, result.values = _printed(task, text, rows), 1
        writer.write(result, summary)
    writer.close()
    return summary


def _printed(task: Task, text: str, rows: list[list[str]]) -> bytes:
    """A VALUE's line of output (json: an item, which the Writer joins)."""
    line = format_line(task, [text], rows, b"")
    return (line or "").encode() + (b"" if task.fmt == "json" else b"\n")


def _file_hint(value: str) -> str:
    """A VALUE that names a file was meant to be read: say how."""
    import os

    return f" (to read the file {value}, write --input {value})" if os.path.isfile(value) else ""


def _where(problem: Problem) -> str:
    return f"{problem.place}, value {problem.index}" if problem.line else f"value {problem.index}"


def _report(summary: Summary, from_stdin: bool) -> None:
    if summary.fatal is not None:
        raise DataError(f"{_where(summary.fatal)}: {summary.fatal.message}")
    if summary.problems and summary.first is not None:
        first = summary.first
        where = first.place if from_stdin else f"value {first.index}"
        noun = "value" if summary.problems == 1 else "values"
        sys.stderr.write(
            f"sigmoid: {summary.problems} {noun} could not be read (first: {where} {quote(first.text)})\n"
        )


def _print_table(job: Job, buffer: IO[bytes], fmt: OutputFormat) -> None:
    assert isinstance(buffer, io.BytesIO)
    lines = buffer.getvalue().decode().splitlines()
    if len(lines) > TABLE_ROWS:
        raise UsageError(f"--format {fmt.value} shows at most {TABLE_ROWS} rows; use plain, tsv or csv")
    rows = [line.split("\t") for line in lines if line]
    if fmt is OutputFormat.table:
        from .rich_output import print_table

        print_table(("x", *job.columns), rows)
        return
    from .tables import latex_table, markdown_table

    headers = ("x", *job.result_names("x"))
    sys.stdout.write((latex_table if fmt is OutputFormat.latex else markdown_table)(headers, rows))
