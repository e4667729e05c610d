"""The stdin stream: values in, results out, line for line, in bounded chunks.

A chunk is a run of whole lines. Each chunk goes through one of two paths:
- fast: one plain number per line and nothing unusual — orjson reads the whole chunk into
  a float64 array, numpy computes, orjson prints it back (shortest round-trip digits,
  patched to Python's repr spelling);
- careful: line by line, token by token, with our whitelist parser, line and value
  positions for errors, and the layout of each line mirrored in the output.
Large inputs are split over two processes (see ``run``); output order is input order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any, Literal

from .errors import DataError
from .jobs import Job
from .values import quote, read_float

Policy = Literal["fail", "nan", "skip"]
Format = Literal["plain", "tsv", "csv", "json", "jsonl"]

CHUNK_BYTES = 1 << 20
MAX_LINE_BYTES = 16 << 20
_SEPARATORS = re.compile(rb"[\s,]+")
# Anything here means a chunk is not simply one JSON-compatible number per line.
_NOT_FAST = (b",", b"\n\n", b"t", b"f", b"n", b"N", b'"', b"[", b"{", b"_", b"I")
_EXPONENT = re.compile(rb"e([+-])(\d)(?!\d)")
_SMALL = re.compile(rb"(-?)0\.0000([1-9])(\d*)")


@dataclass
class Problem:
    """A value that could not be read or computed."""

    line: int
    index: int  # 1-based position of the value on its line
    text: str
    message: str

    def describe(self) -> str:
        return f"line {self.line}, value {self.index}: {self.message}"


@dataclass
class ChunkResult:
    output: bytes
    problems: list[Problem] = field(default_factory=list)
    fatal: Problem | None = None  # under --on-error fail: stop after ``output``
    values: int = 0


@dataclass(frozen=True)
class Task:
    """Everything a worker needs to turn a chunk into output bytes."""

    job: Job
    fmt: Format
    with_input: bool
    policy: Policy


# --- output of one line -----------------------------------------------------------------------


def _json_text(result: str) -> str:
    """A result as a JSON value: numbers stay numbers, inf and nan become null."""
    if result in ("nan", "inf", "-inf"):
        return "null"
    if _is_json_number(result):
        return result
    return '"' + result.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _is_json_number(text: str) -> bool:
    return re.fullmatch(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?", text) is not None


def _json_string(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def format_line(task: Task, inputs: list[str], results: list[list[str]], raw: bytes) -> str | None:
    """One input line's output in the task's format (None: write nothing for this line)."""
    fmt = task.fmt
    columns = task.job.columns
    if fmt in ("json", "jsonl"):
        items = []
        for text, row in zip(inputs, results, strict=True):
            if task.with_input or len(columns) > 1:
                fields = ([f'"x": {_json_string(text)}'] if task.with_input else []) + [
                    f"{_json_string(name)}: {_json_text(value)}" for name, value in zip(columns, row, strict=True)
                ]
                items.append("{" + ", ".join(fields) + "}")
            else:
                items.append(_json_text(row[0]))
        if fmt == "jsonl":
            return "[" + ", ".join(items) + "]"
        return ", ".join(items) if items else None
    inner = "\t" if len(columns) > 1 or task.with_input or fmt == "tsv" else " "
    separator = {"tsv": "\t", "csv": ","}.get(fmt, "," if b"," in raw else inner)
    if fmt == "csv":
        inner = ","
    cells = []
    for text, row in zip(inputs, results, strict=True):
        cells.append(inner.join([text, *row] if task.with_input else row))
    return separator.join(cells)


# --- the careful path ------------------------------------------------------------------------------


def _careful(task: Task, chunk: bytes, first_line: int) -> ChunkResult:
    """Line by line: every value read on its own, errors located, layout mirrored."""
    job = task.job
    result = ChunkResult(b"")
    lines = chunk.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    # Read every value first (cheap), then compute the readable ones together.
    parsed: list[list[tuple[str, float | None, str | None]]] = []
    numbers: list[float] = []
    for offset, raw in enumerate(lines):
        row = []
        for index, token in enumerate(t for t in _SEPARATORS.split(raw.strip()) if t):
            text, error = _decode(token)
            number: float | None = None
            if error is None and job.vectorised:
                try:
                    number = read_float(text)
                    numbers.append(number)
                except DataError as problem:
                    error = str(problem)
            row.append((text, number, error))
            if error is not None and task.policy == "fail":
                result.fatal = Problem(first_line + offset, index + 1, text, error)
                break
        parsed.append(row)
        if result.fatal:
            break
    computed = _compute(job, numbers) if job.vectorised and numbers else []
    position = 0
    out: list[str] = []
    for offset, row in enumerate(parsed):
        line_no = first_line + offset
        if result.fatal is not None and line_no == result.fatal.line:
            break
        inputs, outputs = [], []
        for index, (text, number, error) in enumerate(row):
            values: list[str] | None = None
            if number is not None:
                values = computed[position]
                position += 1
                if values is None:
                    error = _domain_message(job, text)
            elif error is None:
                try:
                    values = job.scalar(text)
                except DataError as problem:
                    error = str(problem)
            if error is not None or values is None:
                problem = Problem(line_no, index + 1, text, error or "")
                if task.policy == "fail":
                    result.fatal = problem
                    break
                result.problems.append(problem)
                if task.policy == "skip":
                    continue
                values = ["nan"] * len(job.columns)
            inputs.append(text)
            outputs.append(values)
        if result.fatal is not None:
            break
        text_line = format_line(task, inputs, outputs, lines[offset])
        if text_line is not None:
            out.append(text_line)
        result.values += len(inputs)
    separator = ",\n" if task.fmt == "json" else "\n"
    body = separator.join(out)
    result.output = (body + ("\n" if task.fmt != "json" else "")).encode() if out else b""
    return result


def _decode(token: bytes) -> tuple[str, str | None]:
    if b"\x00" in token:
        return token.replace(b"\x00", b"\\0").decode("utf-8", "replace"), "NUL byte in value"
    try:
        return token.decode("utf-8"), None
    except UnicodeDecodeError:
        return token.decode("utf-8", "replace"), "invalid UTF-8"


def _compute(job: Job, numbers: list[float]) -> list[list[str] | None]:
    """Results of many floats at once; None for a value outside the inverse's domain."""
    import numpy as np

    x = np.array(numbers, dtype=np.float64)
    columns, bad = job.float_columns(x)
    texts = [[job.format(v) for v in column.tolist()] for column in columns]
    return [None if bad[i] else [column[i] for column in texts] for i in range(len(numbers))]


def _domain_message(job: Job, text: str) -> str:
    from .numeric import check_inverse_domain

    try:
        check_inverse_domain(job.curve, read_float(text))
    except DataError as error:
        return str(error)
    return f"{quote(text)} is outside the domain"


# --- the fast path ----------------------------------------------------------------------------------


def _fast(task: Task, chunk: bytes) -> ChunkResult | None:
    """One plain number per line, plain output: all of it in C. None when it does not apply."""
    if task.with_input or task.fmt not in ("plain", "tsv", "csv") or len(task.job.columns) != 1:
        return None
    if not task.job.vectorised or chunk.startswith(b"\n") or any(m in chunk for m in _NOT_FAST):
        return None
    import numpy as np
    import orjson

    try:
        numbers = orjson.loads(b"[" + chunk[:-1].replace(b"\n", b",") + b"]")
    except orjson.JSONDecodeError:
        return None
    if len(numbers) != chunk.count(b"\n"):
        return None
    x = np.array(numbers, dtype=np.float64)
    (y,), bad = task.job.float_columns(x)
    if bad.any():
        return None
    if task.job.float32:
        return None
    text = orjson.dumps(y, option=orjson.OPT_SERIALIZE_NUMPY)
    if b"null" in text:  # inf or nan: JSON cannot say them
        return None
    text = text[1:-1].replace(b",", b"\n") + b"\n"
    if b"e" in text:
        text = _EXPONENT.sub(rb"e\g<1>0\2", text)
    if b"0.0000" in text:
        text = _SMALL.sub(_small_to_exponent, text)
    return ChunkResult(text, values=len(numbers))


def _small_to_exponent(match: re.Match[bytes]) -> bytes:
    """orjson writes 1.5e-05 as 0.000015; Python's repr (our format) says 1.5e-05."""
    sign, first, rest = match.groups()
    return sign + first + (b"." + rest if rest else b"") + b"e-05"


def process(task: Task, chunk: bytes, first_line: int) -> ChunkResult:
    """A chunk of whole lines (ending in a newline) to output bytes."""
    fast = _fast(task, chunk)
    return fast if fast is not None else _careful(task, chunk, first_line)


# --- reading --------------------------------------------------------------------------------------


def chunks(source: IO[bytes], interactive: bool) -> Iterator[tuple[int, bytes]]:
    """(first line number, whole lines) from ``source``; line by line when interactive."""
    line_no = 1
    if interactive:
        while True:
            line = source.readline(MAX_LINE_BYTES + 1)
            if not line:
                return
            if len(line) > MAX_LINE_BYTES:
                raise DataError(f"line {line_no} is longer than {MAX_LINE_BYTES >> 20} MiB")
            yield line_no, line if line.endswith(b"\n") else line + b"\n"
            line_no += 1
    pending = b""
    while True:
        block = source.read(CHUNK_BYTES)
        if not block:
            break
        pending += block
        cut = pending.rfind(b"\n")
        if cut < 0:
            if len(pending) > MAX_LINE_BYTES:
                raise DataError(f"line {line_no} is longer than {MAX_LINE_BYTES >> 20} MiB")
            continue
        whole, pending = pending[: cut + 1], pending[cut + 1 :]
        yield line_no, whole
        line_no += whole.count(b"\n")
    if pending:
        yield line_no, pending + b"\n"


# --- running ---------------------------------------------------------------------------------------


@dataclass
class Summary:
    values: int = 0
    problems: int = 0
    first: Problem | None = None
    fatal: Problem | None = None

    def add(self, result: ChunkResult) -> None:
        self.values += result.values
        self.problems += len(result.problems)
        if self.first is None and result.problems:
            self.first = result.problems[0]
        self.fatal = result.fatal


def run(task: Task, source: IO[bytes], sink: IO[bytes], interactive: bool) -> Summary:
    """Stream ``source`` to ``sink``. The first chunks run here; when the input turns out to
    be large, a second process takes every other chunk (2 cores: parse/format overlap)."""
    summary = Summary()
    writer = Writer(task, sink, interactive)
    reader = chunks(source, interactive)
    if interactive:
        for first_line, chunk in reader:
            if not writer.write(process(task, chunk, first_line), summary):
                break
        writer.close()
        return summary
    first = next(reader, None)
    if first is None:
        writer.close()
        return summary
    second = next(reader, None)
    if second is None:
        writer.write(process(task, first[1], first[0]), summary)
        writer.close()
        return summary
    _run_parallel(task, _prepend([first, second], reader), writer, summary)
    writer.close()
    return summary


def _prepend(items: list[tuple[int, bytes]], rest: Iterator[tuple[int, bytes]]) -> Iterator[tuple[int, bytes]]:
    yield from items
    yield from rest


def _run_parallel(task: Task, reader: Iterator[tuple[int, bytes]], writer: Writer, summary: Summary) -> None:
    """Chunks alternate between this process and one forked worker; output stays in order."""
    from .parallel import ordered_map

    for result in ordered_map(process, task, reader):
        if not writer.write(result, summary):
            return


class Writer:
    """Writes chunk output in order, and stops at the first fatal problem."""

    def __init__(self, task: Task, sink: IO[bytes], interactive: bool) -> None:
        self.task = task
        self.sink = sink
        self.interactive = interactive
        self.json_items = 0

    def write(self, result: ChunkResult, summary: Summary) -> bool:
        output = result.output
        if self.task.fmt == "json" and output:
            output = (b"[\n" if self.json_items == 0 else b",\n") + output
            self.json_items += 1
        if output:
            self.sink.write(output)
            if self.interactive:
                self.sink.flush()
        summary.add(result)
        return result.fatal is None

    def close(self) -> None:
        if self.task.fmt == "json":
            self.sink.write(b"\n]\n" if self.json_items else b"[]\n")
        self.sink.flush()

