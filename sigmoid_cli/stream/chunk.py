"""What crosses between the stream's parts: the task a worker runs, and a chunk's result."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

from sigmoid_cli.errors import DataError
from sigmoid_cli.jobs import Job
from sigmoid_cli.numeric.text import quote, read_float

Policy = Literal["fail", "nan", "skip"]
Format = Literal["plain", "tsv", "csv", "json", "jsonl"]


# Every byte a number line may hold (vector.py's ALPHABET); any other byte sends its line to
# the careful path.
NUMBER_LINE_BYTES = b"0123456789.eE+-naifNAIF \t\r\n,\x0b\x0c"


@dataclass(frozen=True, eq=False)
class Decline:
    """A fast path cannot print this chunk: ``line`` (0-based) is the first line that needs the
    careful path (a bad value under --on-error fail, or any bad value with -i); with ``odd``,
    the chunk has lines with bytes no number line holds (a word: `abc`), which the reader cuts
    out all at once."""

    line: int
    odd: bool = False


@dataclass(eq=False)
class Problem:
    """A value that could not be read or computed."""

    line: int
    index: int  # 1-based position of the value on its line
    text: str
    message: str
    file: str = ""  # with --input: the file's name

    @property
    def place(self) -> str:
        """Its line as an error names it: `line 3`, or `data.csv, line 3` with --input."""
        return line_place(self.file, self.line)


def line_place(file: str, line: int) -> str:
    return f"{file}, line {line}" if file else f"line {line}"


@dataclass(repr=False, eq=False)
class ChunkResult:
    """A chunk's output; problems count lines from 1 at the chunk's first line."""

    output: bytes
    lines: int = 0
    problems: list[Problem] = field(default_factory=list)
    fatal: Problem | None = None  # under --on-error fail: stop after ``output``
    values: int = 0


class FieldSpec(Protocol):
    """--fields (fields.py implements it): a chunk's lines with only the chosen fields
    computed, and the header line with the fields' names looked up in it."""

    def process(self, task: Task, chunk: bytes) -> ChunkResult: ...

    def with_header(self, task: Task, line: bytes) -> tuple[Task, bytes]: ...


@dataclass(frozen=True, eq=False)
class Task:
    """Everything a worker needs to turn a chunk into output bytes."""

    job: Job
    fmt: Format
    with_input: bool
    policy: Policy
    fields: FieldSpec | None = None
    header: bool = False  # the first line passes through, not computed


def domain_message(job: Job, text: str) -> str:
    from sigmoid_cli.numeric.curve import check_inverse_domain

    if job.expression is not None:  # its own words: "the expression divides by zero there"
        try:
            job.scalar(text)
        except DataError as error:
            return str(error)
    try:
        check_inverse_domain(job.curve, read_float(text), text)
    except DataError as error:
        return str(error)
    return f"{quote(text)} is outside the domain"
