"""The stdin stream: values in, results out, line for line, in bounded chunks.

A chunk is a run of whole lines. Each chunk goes through one of two paths:
- vector (vector.py): lines of numbers, in any layout and format — numpy finds the values,
  orjson reads them all at once, numpy computes, orjson prints (shortest round-trip
  digits, spelled as repr), the layout is written in bulk;
- careful: line by line, token by token, with our whitelist parser, line and value
  positions for errors, and the layout of each line mirrored in the output. It is the
  reference the vector path is tested against, and takes the lines the vector path
  cannot (a word, an expression, a byte outside a number's alphabet).
Large inputs are split over two processes (see ``run``); output order is input order.
"""

from __future__ import annotations

import contextlib
import math
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from sigmoid_cli.errors import DataError, SigmoidError
from sigmoid_cli.jobs import Job
from sigmoid_cli.numeric.curve import Curve
from sigmoid_cli.numeric.text import read_float

from .chunk import (
    NUMBER_LINE_BYTES,
    ChunkResult,
    Decline,
    Format,
    Policy,
    Problem,
    Task,
    domain_message,
    line_place,
)

if TYPE_CHECKING:
    from .separators import Recode

BOM = b"\xef\xbb\xbf"  # a UTF-8 byte order mark (Excel writes one before a CSV)

__all__ = [
    "ChunkResult",
    "Format",
    "Policy",
    "Problem",
    "Task",
    "domain_message",
    "format_line",
    "process",
    "run",
]

CHUNK_BYTES = 1 << 20
# The lean path's chunks (lean.py) are smaller: they cost no numpy passes of fixed cost, and a
# 1 MiB chunk of short lines (integers) is 60 ms of one worker's time, left for the last.
LEAN_CHUNK_BYTES = 1 << 18
MAX_LINE_BYTES = 16 << 20
_SEPARATORS = rb"[\s,]+"


# --- output of one line -----------------------------------------------------------------------


def _json_text(result: str) -> str:
    """A result as a JSON value: numbers stay numbers, inf and nan become null."""
    if result in ("nan", "inf", "-inf"):
        return "null"
    if _is_json_number(result):
        return result
    return '"' + result.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _json_input(text: str) -> str:
    """An input as a JSON value (``-i``): a number as typed when JSON reads it so (`1e3`), else
    the float it reads as (`.5` is 0.5, `exp(-1)` 0.36787944117144233); null for nan and ±inf, as
    results; text that is no number stays a string."""
    shown = _echo(text.strip())
    if _is_json_number(shown):
        return shown
    try:
        value = read_float(shown)
    except SigmoidError:
        return _json_string(shown)
    return repr(value) if math.isfinite(value) else "null"


def _is_json_number(text: str) -> bool:
    return re.fullmatch(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?", text) is not None


def _json_string(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def _echo(text: str) -> str:
    """An input as --with-input shows it; the CLI spells `-3` as `−3` to get it past the option
    parser, and a leading U+2212 reads the same, so both come back as an ASCII minus."""
    return "-" + text[1:] if text.startswith("\u2212") else text


def format_line(task: Task, inputs: list[str], results: list[list[str]], raw: bytes) -> str | None:
    """One input line's output in the task's format (None: write nothing for this line).
    A line that ended in \r\n keeps its \r (json, one document, has no lines to keep)."""
    fmt = task.fmt
    columns = task.job.columns
    cr = "\r" if raw.endswith(b"\r") and fmt != "json" else ""
    if fmt in ("json", "jsonl"):
        items = []
        for text, row in zip(inputs, results, strict=True):
            if task.with_input or len(columns) > 1:
                fields = ([f'"x": {_json_input(text)}'] if task.with_input else []) + [
                    f"{_json_string(name)}: {_json_text(value)}"
                    for name, value in zip(columns, row, strict=True)
                ]
                items.append("{" + ", ".join(fields) + "}")
            else:
                items.append(_json_text(row[0]))
        if fmt == "jsonl":
            return "[" + ", ".join(items) + "]" + cr
        return ", ".join(items) if items else None
    inner = "\t" if len(columns) > 1 or task.with_input or fmt == "tsv" else " "
    # plain mirrors the line: a comma line stays a comma line, a tab line a tab line.
    mirrored = "," if b"," in raw else "\t" if b"\t" in raw.strip() else inner
    separator = {"tsv": "\t", "csv": ","}.get(fmt, mirrored)
    if fmt == "csv":
        inner = ","
    cells = separator.join(inner.join(row) for row in results)
    if not task.with_input or not inputs:
        return cells + cr
    # --with-input: the line as it is, then its results, with the line's separator (tsv and
    # csv write the values with theirs); a value alone on its line gets a tab (or theirs).
    line = raw.strip().decode("utf-8", "replace")
    if fmt in ("tsv", "csv") or not line:  # not line: a VALUE argument, not a stdin line
        line = separator.join(_echo(text) for text in inputs)
    between = separator if len(inputs) > 1 or fmt in ("tsv", "csv") else "\t"
    return _echo(line) + between + cells + cr


# --- the careful path ------------------------------------------------------------------------------


@dataclass(eq=False)
class _Value:
    """One token of a line on the careful path."""

    text: str
    number: float | None = None  # read as float64, for the numpy pass
    error: str | None = None
    results: list[str] | None = None


def _read_line(task: Task, raw: bytes) -> list[_Value]:
    """The tokens of one line, read as numbers where the job computes in float64."""
    row = []
    for token in re.split(_SEPARATORS, raw.strip()):
        if not token:
            continue
        text, error = _decode(token)
        if len(text) > 1 and text[0] == text[-1] == '"':  # a spreadsheet's quoted number: "0.5"
            text = text[1:-1].replace('""', '"')
        value = _Value(text, error=error)
        if error is None and (task.job.vectorised or task.job.softmax is not None):
            try:
                value.number = read_float(text)
            except DataError as problem:
                value.error = str(problem)
        row.append(value)
        if value.error is not None and task.policy == "fail":
            break
    return row


def _compute_all(task: Task, rows: list[list[_Value]]) -> None:
    """Fill in every value's results: float64 ones in one numpy pass, the rest one by one."""
    job = task.job
    if job.softmax is not None:  # a line is one vector: computed in _careful once it is read
        for value in (value for row in rows for value in row if value.error is None):
            value.results = []
        return
    numeric = [value for row in rows for value in row if value.number is not None]
    numbers = [value.number for value in numeric if value.number is not None]
    for value, results in zip(numeric, _compute(job, numbers) if numbers else [], strict=True):
        value.results = results
        if results is None:
            value.error = domain_message(job, value.text)
    for row in rows:
        for value in row:
            if value.error is None and value.results is None:
                try:
                    value.results = job.scalar(value.text)
                except DataError as problem:
                    value.error = str(problem)
            if value.error is not None and task.policy == "fail":
                return


def _careful(task: Task, chunk: bytes) -> ChunkResult:
    """Line by line: every value read on its own, errors located, layout mirrored."""
    lines = chunk.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    result = ChunkResult(b"", lines=len(lines))
    rows: list[list[_Value]] = []
    for raw in lines:
        rows.append(_read_line(task, raw))
        if task.policy == "fail" and any(value.error for value in rows[-1]):
            break  # nothing after the first bad value is needed
    _compute_all(task, rows)
    out: list[str] = []
    for offset, row in enumerate(rows):
        inputs, outputs, numbers = [], [], []
        for index, value in enumerate(row, start=1):
            if value.error is not None or value.results is None:
                problem = Problem(offset + 1, index, value.text, value.error or "")
                if task.policy == "fail":
                    result.fatal = problem
                    break
                result.problems.append(problem)
                if task.policy == "skip":
                    continue
            inputs.append(value.text)
            outputs.append(value.results or ["nan"] * len(task.job.columns))
            numbers.append(math.nan if value.number is None else value.number)
        if result.fatal is not None:
            break
        if task.job.softmax is not None and inputs:  # the line's values as one vector
            inputs, outputs = task.job.vector_rows(inputs, numbers)
        text_line = format_line(task, inputs, outputs, lines[offset])
        if text_line is not None:
            out.append(text_line)
        result.values += len(inputs)
    if out:
        separator = ",\n" if task.fmt == "json" else "\n"
        result.output = (separator.join(out) + ("" if task.fmt == "json" else "\n")).encode()
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


# --- choosing the path ----------------------------------------------------------------------------


def process(task: Task, chunk: bytes) -> ChunkResult:
    """A chunk of whole lines (ending in a newline) to output bytes. Number lines take the
    vector path (vector.py); a line it cannot take (a byte outside its alphabet, or a bad
    value where the careful path must place the error) goes careful alone, and the runs of
    lines between such lines stay on the vector path."""
    from . import softmax_lines, vector

    if task.fields is not None:
        return task.fields.process(task, chunk)
    fast = vector.vector
    if softmax_lines.applies(task):
        fast = softmax_lines.lines
    elif not vector.applies(task):
        return _careful(task, chunk)
    whole = fast(task, chunk)
    if isinstance(whole, ChunkResult):
        return whole  # the common case: nothing to split
    combined = ChunkResult(b"", lines=chunk.count(b"\n"))
    output = bytearray()
    line = 0  # lines of the chunk before the current part
    parts: deque[tuple[bytes, bool]] = deque()
    part, careful = chunk, False
    result: ChunkResult | Decline | None = whole  # the whole chunk's try, first
    while True:
        if result is None or (isinstance(result, Decline) and result.odd):  # odd bytes: split them out
            odd = _odd_lines(part)
            if odd is None:
                result = _careful(task, part)
            else:
                parts.extendleft(reversed(_pieces(part, odd)))
        elif isinstance(result, Decline):
            start = _line_start(part, result.line)
            stop = part.find(b"\n", start) + 1
            pieces = [(part[:start], False), (part[start:stop], True), (part[stop:], False)]
            parts.extendleft(reversed([piece for piece in pieces if piece[0]]))
        if isinstance(result, ChunkResult):
            for problem in (*result.problems, *([result.fatal] if result.fatal else [])):
                problem.line += line
            if task.fmt == "json" and output and result.output:
                output += b",\n"  # one document: the parts' items joined as the Writer joins chunks
            output += result.output
            combined.problems += result.problems
            combined.values += result.values
            if result.fatal is not None:
                combined.fatal = result.fatal
                break
            line += part.count(b"\n")
        if not parts:
            break
        part, careful = parts.popleft()
        result = _careful(task, part) if careful else fast(task, part)
    combined.output = bytes(output)
    return combined


def _pieces(chunk: bytes, odd: list[tuple[int, int]]) -> list[tuple[bytes, bool]]:
    """The chunk cut at its odd lines' spans: (bytes, careful) in order, none empty."""
    pieces = []
    position = 0
    for start, end in odd:
        if start > position:
            pieces.append((chunk[position:start], False))
        pieces.append((chunk[start:end], True))
        position = end
    if position < len(chunk):
        pieces.append((chunk[position:], False))
    return pieces


def _line_start(chunk: bytes, line: int) -> int:
    """Where the 0-based ``line`` of the chunk starts."""
    at = 0
    for _ in range(line):
        at = chunk.index(b"\n", at) + 1
    return at


# A byte no number line has: where the vector path declines a line. Each such byte becomes 1,
# every other 0: bytes.find then skips from one to the next at memchr's speed (a regular
# expression over the chunk took a quarter of a chunk's time with one bad line in 10,000).
_ODD_TABLE = bytes(0 if byte in NUMBER_LINE_BYTES else 1 for byte in range(256))


def _odd_lines(chunk: bytes) -> list[tuple[int, int]] | None:
    """The byte spans of the chunk's odd lines (newline included), runs of them merged; None
    as soon as they make up more than half the chunk (no number runs worth splitting out)."""
    spans: list[tuple[int, int]] = []
    odd_bytes = 0
    marks = chunk.translate(_ODD_TABLE)
    at = marks.find(1)
    while at >= 0:
        start = chunk.rfind(b"\n", 0, at) + 1
        end = chunk.find(b"\n", at) + 1 or len(chunk)
        if spans and spans[-1][1] == start:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        odd_bytes += end - start
        if odd_bytes * 2 > len(chunk):
            return None
        at = marks.find(1, end)
    return spans


def warm_up() -> None:
    """Import and run, once, what computing a chunk needs, numpy first (a worker does it while
    the main process still reads its command line: about 30 ms off the first chunk; numpy
    itself takes about 80 ms, see stream/lean.py for the streams that do without it)."""
    import numpy  # noqa: F401

    # Two values on a line: the vector path's first calls (one per line would be lean.py's).
    process(Task(Job(Curve()), "plain", False, "fail"), b"0.5 -20\n")


def warm_up_lean() -> None:
    """The same for a stream that the lean path (lean.py) computes, leaving numpy out: a chunk
    that needs it imports it then."""
    process(Task(Job(Curve()), "plain", False, "fail"), b"0.5\n-20\n")


# --- reading --------------------------------------------------------------------------------------


class LineTooLong(Exception):
    """A line past MAX_LINE_BYTES: reported with its number once the lines before it are out."""


def chunks(source: IO[bytes], interactive: bool, size: int = CHUNK_BYTES) -> Iterator[bytes]:
    """Runs of whole lines from ``source``, each ending in a newline; one line at a time
    when interactive (a terminal, or --unbuffered), so results never wait for more input."""
    if interactive:
        while line := source.readline(MAX_LINE_BYTES + 1):
            if len(line) > MAX_LINE_BYTES:
                raise LineTooLong
            yield line if line.endswith(b"\n") else line + b"\n"
        return
    pending = b""
    while block := source.read(size):
        pending += block
        cut = pending.rfind(b"\n")
        if cut < 0:
            if len(pending) > MAX_LINE_BYTES:
                raise LineTooLong
            continue
        whole, pending = pending[: cut + 1], pending[cut + 1 :]
        yield whole
    if pending:
        yield pending + b"\n"


# --- running ---------------------------------------------------------------------------------------


@dataclass(repr=False, eq=False)
class Summary:
    """What was done so far; turns chunk-relative line numbers into absolute ones."""

    lines: int = 0  # of the current file
    values: int = 0
    problems: int = 0
    first: Problem | None = None
    fatal: Problem | None = None
    file: str = ""  # the current file's name; "" for stdin

    def start(self, name: str) -> None:
        self.file, self.lines = name, 0

    def add(self, result: ChunkResult) -> None:
        for problem in (*result.problems, *([result.fatal] if result.fatal else [])):
            problem.line += self.lines
            problem.file = self.file
        self.lines += result.lines
        self.values += result.values
        self.problems += len(result.problems)
        if self.first is None and result.problems:
            self.first = result.problems[0]
        self.fatal = result.fatal


def skip_bom(source: IO[bytes]) -> None:
    """Skip a UTF-8 byte order mark at the start (Excel writes one before a CSV)."""
    peek = getattr(source, "peek", None)
    if peek is not None:
        if peek(len(BOM))[: len(BOM)] == BOM:
            source.read(len(BOM))
    elif source.seekable():
        start = source.tell()
        if source.readline(len(BOM)) != BOM:  # readline: never past the first line
            source.seek(start)


Source = tuple[str, IO[bytes]]  # a file's name ("" for stdin) and its bytes


def run(
    task: Task,
    source: IO[bytes] | list[Source],
    sink: IO[bytes],
    interactive: bool,
    recode: Recode | None = None,
) -> Summary:
    """Stream ``source`` (or each named source in turn) to ``sink``: line by line here when
    interactive, otherwise chunk by chunk in the worker processes (see workers.py), in input
    order either way; through ``recode`` (-d, --decimal-comma) on the way in and out. With a
    header, each file's first line is its header: the first file's is written, a later file's
    must be the same."""
    sources = [("", source)] if not isinstance(source, list) else source
    from .lean import kernel

    lean_task = kernel(task) is not None
    summary = Summary()
    writer = Writer(task, sink, interactive, recode)
    first_header: bytes | None = None
    try:
        with contextlib.ExitStack() as stack:
            pool: Any = None
            for name, stream in sources:
                summary.start(name)
                skip_bom(stream)
                if task.header:
                    line = _header_line(stream, recode)
                    summary.lines = 1
                    if first_header is None:
                        first_header = line
                        task, shown = _header(task, line)
                        if shown:
                            writer.write(ChunkResult(shown), summary)
                    elif line.rstrip(b"\r\n") != first_header.rstrip(b"\r\n"):
                        raise DataError(f"{name}, line 1: the header differs from the first file's")
                lines = chunks(stream, interactive, LEAN_CHUNK_BYTES if lean_task else CHUNK_BYTES)
                if recode is not None:
                    lines = (recode.into(chunk) for chunk in lines)
                if interactive:
                    results: Iterator[ChunkResult] = (process(task, chunk) for chunk in lines)
                else:
                    if pool is None:
                        from .workers import workers

                        pool = stack.enter_context(workers())
                    results = pool.map(process, task, lines)
                for result in results:
                    if not writer.write(result, summary):
                        return summary
    except LineTooLong:
        limit = MAX_LINE_BYTES >> 20
        raise DataError(f"{line_place(summary.file, summary.lines + 1)} is longer than {limit} MiB") from None
    finally:
        writer.close()
    return summary


def _header_line(source: IO[bytes], recode: Recode | None) -> bytes:
    line = source.readline(MAX_LINE_BYTES + 1)
    if len(line) > MAX_LINE_BYTES:
        raise DataError(f"line 1 is longer than {MAX_LINE_BYTES >> 20} MiB")
    return recode.into(line) if recode is not None else line


def _header(task: Task, header: bytes) -> tuple[Task, bytes]:
    """The task with --fields' names looked up, and the header line as it is written; here,
    before any chunk: workers get the names looked up, line numbers stay absolute."""
    if task.fields is not None:
        return task.fields.with_header(task, header)
    if task.fmt in ("json", "jsonl"):
        return task, b""  # a JSON document has no place for it
    if task.with_input:  # the names of the results after the line, as values get theirs
        raw = header.rstrip(b"\n")
        names = [token.decode("utf-8", "replace") for token in re.split(_SEPARATORS, raw.strip()) if token]
        shown = format_line(task, names, [task.job.result_names(name) for name in names], raw) or ""
        return task, shown.encode() + b"\n"
    if header and not header.endswith(b"\n"):
        header += b"\n"
    return task, header


class Writer:
    """Writes chunk output in order, and stops at the first fatal problem."""

    def __init__(self, task: Task, sink: IO[bytes], interactive: bool, recode: Recode | None = None) -> None:
        self.task = task
        self.sink = sink
        self.interactive = interactive
        self.json_items = 0
        self.recode = recode

    def write(self, result: ChunkResult, summary: Summary) -> bool:
        output = result.output
        if self.recode is not None:
            output = self.recode.out(output, self.task.fmt)
            for problem in (*result.problems, *([result.fatal] if result.fatal else [])):
                problem.text, problem.message = (
                    self.recode.text(problem.text),
                    self.recode.text(problem.message),
                )
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
