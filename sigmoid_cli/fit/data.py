"""The columns a fit uses, read from a table: a header or none, columns by name or 1-based
number (the --fields machinery of the stream: each line's own separator, RFC 4180 quotes), and
every used value a finite number, or an error naming its line."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sigmoid_cli.errors import DataError, UsageError
from sigmoid_cli.numeric.text import quote, read_float
from sigmoid_cli.stream.fields import parse_fields, resolve, split_values

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

_PLAIN = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


@dataclass(frozen=True)
class Column:
    """A column asked for: the option that named it, its 0-based index and its name."""

    option: str
    index: int
    name: str


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


@dataclass
class Table:
    """The used columns as float64 arrays (one row per data line kept), each row's line number,
    and the lines left out under --on-error skip."""

    columns: list[Column]
    values: npt.NDArray[np.float64]  # rows × columns
    lines: list[int]
    skipped: list[Problem]
    header: bytes | None
    texts: list[bytes]  # every input line after the header, for --predict


def column(option: str, text: str, names: list[str] | None) -> Column:
    """``--x GPA`` or ``--x 2``: one column, by its header name or its 1-based number."""
    try:
        spec = parse_fields(text, names is not None)
        if names is not None:
            spec = resolve(spec, names)
    except UsageError as error:
        raise UsageError(str(error).replace("--fields", option, 1)) from None
    if len(spec.ranges) != 1 or spec.ranges[0][0] != spec.ranges[0][1]:
        raise UsageError(f"{option} {quote(text)}: name one column")
    index = spec.ranges[0][0] - 1
    name = names[index] if names is not None and index < len(names) else f"${index + 1}"
    return Column(option, index, name)


def number(text: str) -> float:
    """A used cell as a finite float64; a DataError says why not. Plain numbers go straight
    to float(); anything else (pi/4, '1_0', nan, words) through the whitelist reader."""
    try:
        quick = float(text)
    except ValueError:
        quick = math.nan
    if math.isfinite(quick) and "_" not in text:
        return quick
    value = float(text) if _PLAIN.fullmatch(text) else read_float(text) if text else math.nan
    if not text:
        raise DataError("an empty field")
    if not math.isfinite(value):
        raise DataError(f"{quote(text)} is not a finite number")
    return value


def _fields(line: bytes) -> list[str]:
    """A line's field texts: by bytes.split where no quote can hide a separator (the common
    case, about 5× faster), else by the stream's RFC 4180 splitter; the same fields either way."""
    if b'"' in line or b"\r" in line:
        return split_values(line)
    text = line.decode("utf-8", "replace")
    if "," in text:
        return text.split(",")
    if "\t" in text:
        return text.split("\t")
    return [part for part in text.strip(" ").split(" ") if part]


def _uniform(lines: list[bytes], columns: list[Column]) -> npt.NDArray[np.float64] | None:
    """The used columns of a plain CSV or TSV (one separator, the same number of fields on every
    line, no quotes, CRs, blanks or underscores) converted by numpy in one pass; None for any
    other table, or when a value is not a finite number (the line-by-line reader then says where)."""
    import numpy as np

    if not lines:
        return None
    sep = b"," if b"," in lines[0] else b"\t" if b"\t" in lines[0] else None
    if sep is None:
        return None
    body = b"\n".join(lines)
    if b'"' in body or b"\r" in body or b"_" in body or b"\n\n" in body:
        return None
    width = lines[0].count(sep) + 1
    if any(line.count(sep) != width - 1 for line in lines) or max(c.index for c in columns) >= width:
        return None
    cells = np.array(body.replace(b"\n", sep).split(sep)).reshape(len(lines), width)
    try:
        values = cells[:, [c.index for c in columns]].astype(np.float64)
    except ValueError:
        return None
    return values if np.isfinite(values).all() else None


def read_table(data: bytes, wanted: list[tuple[str, str]], header: bool, skip: bool) -> Table:
    """The columns ``wanted`` ((option, column) pairs) of ``data``; blank lines are not rows."""
    import numpy as np

    data = data.removeprefix(b"\xef\xbb\xbf")
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    names: list[str] | None = None
    first = 0
    head: bytes | None = None
    if header:
        if not lines:
            raise DataError("no header line: the input is empty")
        head = lines[0].removesuffix(b"\r")
        names = split_values(head)
        first = 1
    columns = [column(option, text, names) for option, text in wanted]
    quick = _uniform(lines[first:], columns)
    if quick is not None:
        every = list(range(first + 1, len(lines) + 1))
        return Table(columns, quick, every, [], head, lines[first:])
    rows: list[list[float]] = []
    numbers: list[int] = []
    skipped: list[Problem] = []
    for offset in range(first, len(lines)):
        raw = lines[offset]
        if not raw.strip():
            continue
        fields = _fields(raw)
        try:
            row = []
            for chosen in columns:
                if chosen.index >= len(fields):
                    count = len(fields)
                    raise DataError(
                        f"no column {chosen.index + 1} for {chosen.option} {chosen.name} "
                        f"(the line has {count} field{'s' * (count != 1)})"
                    )
                try:
                    row.append(number(fields[chosen.index].strip()))
                except DataError as error:
                    raise DataError(f"{chosen.option} {chosen.name}: {error}") from None
        except DataError as error:
            problem = Problem(offset + 1, str(error))
            if not skip:
                raise DataError(f"line {problem.line}: {problem.message}") from None
            skipped.append(problem)
            continue
        rows.append(row)
        numbers.append(offset + 1)
    values = np.array(rows, dtype=np.float64).reshape(len(rows), len(columns))
    return Table(columns, values, numbers, skipped, head, lines[first:])
