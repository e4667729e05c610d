"""--fields: compute chosen columns of each line and pass every other byte through, like cut and awk.

A line's separator is its own: a comma if it has one outside quotes, else a tab if it has
one, else runs of spaces (awk's default; leading and trailing spaces are not fields). RFC 4180
quotes keep `"a, b"` one field, and `""` inside them is a quote; a quoted number (`"0.5"`)
reads as that number. A quoted field cannot span lines: each line is one record.

The splitter is hand-written rather than the csv module: csv gives a field's value, not its
bytes, so a field such as `"x"` could not come back exactly as it came in. Measured on 33,000
lines: without quotes bytes.split takes half csv.reader's time; with quotes our regexes take
about six times csv.reader's (0.1 s against 0.015 s), the price of keeping the bytes.

The selected fields of a whole chunk are read in one orjson call and computed in one numpy
pass (reader._compute); anything orjson does not take as a plain number goes through the
whitelist parser one value at a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from sigmoid_cli.errors import DataError, UsageError
from sigmoid_cli.jobs import Job
from sigmoid_cli.numeric.text import quote, read_float

from .chunk import ChunkResult, Problem, Task, domain_message
from .reader import _compute, _decode

# --format's choices: `-f csv` is most likely the old short option of --format.
FORMAT_NAMES = ("plain", "tsv", "csv", "json", "jsonl", "table", "latex")
_RANGE = re.compile(r"(\d*)-(\d*)")
_SPACES = re.compile(rb"( +)")
_QUOTED = re.compile(rb'"[^"]*"?')
_QUOTED_FIELDS = {  # each field followed by its separator (a comma line gets one more at its end)
    b",": re.compile(rb'((?:"[^"]*"?|[^,"]+)*),'),
    b"\t": re.compile(rb'((?:"[^"]*"?|[^\t"]+)*)\t'),
    b" ": re.compile(rb'((?:"[^"]*"?|[^ "]+)+)( +|$)'),
}
# The bytes of a joined column of plain JSON numbers: with any other, read_float reads the values.
_JSON_NUMBER_BYTES = b"0123456789eE.+-,"
_TO_COMMA = bytes.maketrans(b"\t\n", b",,")
_NAMES_SHOWN = 20  # of a header in an error message


def moved_format_error(value: str) -> UsageError:
    return UsageError(
        f"-f is --fields in eval and grad (as in cut); for the output format write --format {value} "
        f"(or -o {value})"
    )


@dataclass(frozen=True)
class Fields:
    """A --fields LIST (chunk.FieldSpec): 1-based inclusive ranges (end None: to the line's last
    field), and header names still to be looked up (``names``) or already found (``header``)."""

    text: str
    ranges: tuple[tuple[int, int | None], ...] = ()
    names: tuple[str, ...] = ()
    header: tuple[str, ...] = ()

    def select(self, count: int) -> tuple[list[int], list[int]]:
        """0-based indices of the selected fields a line of ``count`` fields has, and of those
        it lacks (a number or closed range beyond its end), both ascending, without repeats."""
        present: set[int] = set()
        missing: set[int] = set()
        for start, end in self.ranges:
            last = count if end is None else end
            for number in range(start, last + 1):
                (present if number <= count else missing).add(number - 1)
        return sorted(present), sorted(missing)

    def label(self, index: int) -> str:
        """A field's name: the header's, or `$N` (awk's) where there is none."""
        return self.header[index] if index < len(self.header) else f"${index + 1}"

    def process(self, task: Task, chunk: bytes) -> ChunkResult:
        return process_fields(task, chunk)

    def with_header(self, task: Task, line: bytes) -> tuple[Task, bytes]:
        return with_header(task, line)


def parse_fields(text: str, header: bool) -> Fields:
    """cut's LIST (`2`, `2,4-5`, `3-`, `-3`), or header names under --header."""
    ranges: list[tuple[int, int | None]] = []
    names: list[str] = []
    for part in text.split(","):
        item = part.strip()
        found = _RANGE.fullmatch(item) if item != "-" else None
        if item.isdigit() or found:
            start, end = found.groups() if found else (item, item)
            first = int(start) if start else 1
            last = int(end) if end else None
            if first < 1 or (last is not None and last < 1):
                raise UsageError(f"--fields {quote(text)}: fields are numbered from 1")
            if last is not None and last < first:
                raise UsageError(f"--fields {quote(text)}: the range {item} decreases")
            ranges.append((first, last))
        elif not item:
            raise UsageError(f"--fields {quote(text)}: an empty item")
        elif header:
            names.append(item)
        elif text.strip() in FORMAT_NAMES:
            raise moved_format_error(text.strip())
        else:
            raise UsageError(
                f"--fields {quote(text)}: {quote(item)} is not a field number or range (names need --header)"
            )
    return Fields(text, tuple(ranges), tuple(names))


def resolve(spec: Fields, header: list[str]) -> Fields:
    """The spec with its names looked up in the header, and open ranges ending at its last column."""
    ranges = [(start, len(header) if end is None else end) for start, end in spec.ranges]
    for name in spec.names:
        if name in header:
            ranges.append((header.index(name) + 1, header.index(name) + 1))
            continue
        if spec.text.strip() == name and name in FORMAT_NAMES:
            raise moved_format_error(name)
        shown = ", ".join(header[:_NAMES_SHOWN]) + (", …" if len(header) > _NAMES_SHOWN else "")
        raise UsageError(f"--fields: no column {quote(name)} in the header; its columns: {shown}")
    return Fields(spec.text, tuple(ranges), (), tuple(header))


# --- a line's fields ----------------------------------------------------------------------------


class _Row:
    """A non-blank line cut into fields; gaps are the runs of spaces between fields (None: each
    gap is ``sep``), ``lead`` and ``tail`` the spaces around them and a CR."""

    __slots__ = ("fields", "gaps", "lead", "sep", "tail")

    def __init__(self, line: bytes) -> None:
        self.lead = self.tail = b""
        self.gaps: list[bytes] | None = None
        if line.endswith(b"\r"):
            line, self.tail = line[:-1], b"\r"
        if b'"' in line:
            self._split_quoted(line)
        elif b"," in line:
            self.sep, self.fields = b",", line.split(b",")
        elif b"\t" in line:
            self.sep, self.fields = b"\t", line.split(b"\t")
        else:
            self.sep = b" "
            core = self._strip(line)
            parts = _SPACES.split(core)
            self.fields, self.gaps = parts[0::2], parts[1::2]

    def _strip(self, line: bytes) -> bytes:
        core = line.strip(b" ")
        start = line.find(core) if core else len(line)
        self.lead, self.tail = line[:start], line[start + len(core) :] + self.tail
        return core

    def _split_quoted(self, line: bytes) -> None:
        # One regex call per step (C speed, unlike a loop over the quotes): a field is a run of
        # quoted parts (`"a, b"`, `"a""b"` is two of them) and bytes other than the separator
        # and quotes; an unclosed quote takes the rest of the line.
        outside = _QUOTED.sub(b"", line)
        self.sep = b"," if b"," in outside else b"\t" if b"\t" in outside else b" "
        if self.sep == b" ":
            pairs = _QUOTED_FIELDS[b" "].findall(self._strip(line))
            self.fields = [field for field, _ in pairs]
            self.gaps = [gap for _, gap in pairs[:-1]]
        else:
            self.fields = _QUOTED_FIELDS[self.sep].findall(line + self.sep)

    def join(self, sep: bytes, csv: bool = False, fields: list[bytes] | None = None) -> bytes:
        """The line again (with ``fields`` in place of its own): byte for byte in its own
        separators, or in ``sep`` (tsv, csv)."""
        fields = self.fields if fields is None else fields
        if sep == self.sep and self.gaps is not None:
            gaps = self.gaps + [b" "] * (len(fields) - 1 - len(self.gaps))
            parts = [self.lead]
            for field, gap in zip(fields, [*gaps, self.tail], strict=True):
                parts += (field, gap)
            return b"".join(parts)
        if csv and sep != self.sep:
            fields = [_csv_quoted(f) for f in fields]
        return sep.join(fields) + (b"\r" if self.tail.endswith(b"\r") else b"")


def _csv_quoted(field: bytes) -> bytes:
    """A field as a CSV cell: quoted when it holds a comma or a quote and is not quoted yet."""
    if (b"," in field or b'"' in field) and not (len(field) > 1 and field[0] == field[-1] == 34):
        return b'"' + field.replace(b'"', b'""') + b'"'
    return field


def _value(field: bytes) -> bytes:
    """The text of a field: without the spaces around it, and without its quotes."""
    text = field.strip()
    if len(text) > 1 and text[0] == text[-1] == 34:
        return text[1:-1].replace(b'""', b'"').strip()
    return text


def split_values(line: bytes) -> list[str]:
    """The texts of a line's fields, as --fields reads them (its own separator, RFC 4180
    quotes taken off): what `sigmoid fit` reads its columns from."""
    return [_value(field).decode("utf-8", "replace") for field in _Row(line).fields]


def _cell(text: str, sep: bytes) -> bytes:
    """A name written into a header line, quoted if it holds the separator or a quote."""
    data = text.encode()
    if sep in data or b'"' in data:
        return b'"' + data.replace(b'"', b'""') + b'"'
    return data


# --- a chunk -----------------------------------------------------------------------------------


@dataclass(eq=False)
class _Line:
    row: _Row | None  # None: a blank line
    present: list[int]
    missing: list[int]
    first: int = 0  # its first value in the chunk's list of values


def process_fields(task: Task, chunk: bytes) -> ChunkResult:
    """A chunk of whole lines to output bytes: the selected fields computed, the rest as they came."""
    spec = task.fields
    assert isinstance(spec, Fields)
    from .lean import field_column

    lean = field_column(task, chunk)  # one field beside each line, with no numpy, where it applies
    if lean is not None:
        return lean
    uniform = _uniform(task, spec, chunk)
    if uniform is None and b"\r" in chunk and chunk.count(b"\r\n") == chunk.count(b"\n"):
        # A CRLF file (as spreadsheets write it): as LF lines, then given their CR back.
        uniform = _uniform(task, spec, chunk.replace(b"\r\n", b"\n"))
        if uniform is not None:
            uniform.output = uniform.output.replace(b"\n", b"\r\n")
    if uniform is not None:
        return uniform
    lines = chunk.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    selections: dict[int, tuple[list[int], list[int]]] = {}
    parsed: list[_Line] = []
    texts: list[bytes] = []
    for raw in lines:
        if not raw.strip():
            parsed.append(_Line(None, [], []))
            continue
        row = _Row(raw)
        count = len(row.fields)
        if count not in selections:
            selections[count] = spec.select(count)
        present, missing = selections[count]
        parsed.append(_Line(row, present, missing, len(texts)))
        fields = row.fields
        texts += [_value(fields[index]) for index in present]
    results, errors = _results(task, texts)
    return _assemble(task, lines, parsed, texts, results, errors)


def _locate(spec: Fields, data: Any, sep: bytes, count: int) -> tuple[list[int], Any, Any] | None:
    """The selected fields of every line (``count`` lines, as uint8 ``data``): their indices, and
    each one's start and end, line by line; None when a line lacks one or a quote comes first."""
    import numpy as np

    separators = np.flatnonzero(data == sep[0])
    newlines = np.flatnonzero(data == 10)
    if len(newlines) != count or not len(separators):
        return None
    line_starts = np.concatenate(([0], newlines[:-1] + 1))
    first = np.searchsorted(separators, line_starts)  # each line's first separator
    fields_on_line = np.searchsorted(separators, newlines) - first + 1
    if any(end is None for _, end in spec.ranges):  # `3-`: to each line's end, so alike lines only
        if (fields_on_line != fields_on_line[0]).any():
            return None
        present, missing = spec.select(int(fields_on_line[0]))
    else:
        present, missing = spec.select(max(end or 0 for _, end in spec.ranges))
    # A line without the separator is a line of its own kind (spaces): the line path cuts it.
    if missing or not present or (fields_on_line <= max(present[-1], 1)).any():
        return None
    # Field j of a line: from just after its separator j-1 (or the line's start) to its
    # separator j (or the newline).
    padded = np.concatenate((separators, newlines[-1:]))
    at = first[:, None] + np.array(present)
    ends = np.where(
        fields_on_line[:, None] > np.array(present) + 1,
        padded[np.minimum(at, len(separators))],
        newlines[:, None],
    )
    starts = np.where(np.array(present) > 0, padded[np.maximum(at - 1, 0)] + 1, line_starts[:, None])
    quotes = np.flatnonzero(data == 34)
    if len(quotes):  # a quote before the last selected field's end could hide a separator
        first_quote = np.searchsorted(quotes, line_starts)
        seen = first_quote < len(quotes)
        if (quotes[np.minimum(first_quote, len(quotes) - 1)][seen] < ends[seen, -1]).any():
            return None
    return present, starts.ravel(), ends.ravel()


def _uniform(task: Task, spec: Fields, chunk: bytes) -> ChunkResult | None:
    """The common chunk, with whole-array operations in place of a loop over its lines: one
    separator (comma or tab), no CR, every selected field on every line, no quote before the
    last selected field ends (a quoted text column after it is fine: it passes through), and
    every value good. None for any other chunk (the line-by-line path takes it)."""
    if not chunk or b"\r" in chunk or b"\x01" in chunk or task.fmt in ("json", "jsonl"):
        return None
    if not task.job.vectorised or not spec.ranges:
        return None
    sep = b"," if b"," in chunk else b"\t"
    if {"tsv": b"\t", "csv": b","}.get(task.fmt, sep) != sep:
        return None
    import numpy as np
    import orjson

    from .lean import beside
    from .vector import cells as result_cells
    from .vector import print_numbers, restore_negative_zeros

    data = np.frombuffer(chunk, np.uint8)
    count = chunk.count(b"\n")
    located = _locate(spec, data, sep, count)
    if located is None:
        return None
    present, starts, ends = located
    # The selected fields' bytes, each with the separator after it: the JSON array to read.
    # Runs outside and inside the selected fields, in turn, from the chunk's start to its end.
    runs = np.empty(2 * len(starts) + 1, np.int64)
    runs[0] = starts[0]
    runs[1:-1:2] = ends - starts
    runs[2:-1:2] = starts[1:] - ends[:-1]
    runs[-1] = len(data) - ends[-1]
    inside = np.repeat(np.arange(len(runs)) % 2 == 1, runs)
    keep = inside.copy()
    keep[ends] = True
    body = data[keep].tobytes()
    if body.translate(None, _JSON_NUMBER_BYTES + sep + b"\n"):
        return None  # true, null, a word: read_float decides, line by line
    try:
        x = np.array(orjson.loads(b"[" + body[:-1].translate(_TO_COMMA) + b"]"), dtype=np.float64)
    except (orjson.JSONDecodeError, TypeError, ValueError):
        return None
    if len(x) != len(starts):
        return None
    restore_negative_zeros(x, data, starts)
    if task.with_input and len(present) == 1 and beside is not None:
        # -i with one field, the common case: each line, then its result, in one C pass.
        columns, bad = task.job.float_columns(x)
        if len(columns) == 1 and not bad.any():
            text, _ = print_numbers(columns[0], fmt_json=False, float32=task.job.float32)
            return ChunkResult(beside(chunk, text, sep, b"\n", False), lines=count, values=len(x))
    # -i: each line's results as one cell, after the line; else one cell per selected field.
    cells = result_cells(task, x, sep, per_line=len(present) if task.with_input else 1)
    if cells is None:
        return None
    if task.with_input:  # each line, then its results with its separator
        pieces = (sep + (b"\n" + sep).join(cells) + b"\n").splitlines(keepends=True)
        parts = chunk.split(b"\n")[:-1]
    else:  # each selected field's bytes replaced by its results
        pieces = cells
        lengths = ends - starts
        at = starts - np.concatenate(([0], np.cumsum(lengths)[:-1]))
        parts = np.insert(data[~inside], at, 1).tobytes().split(b"\x01")
    joined: list[bytes] = [b""] * (len(parts) + len(pieces))
    joined[0::2] = parts
    joined[1::2] = pieces
    return ChunkResult(b"".join(joined), lines=count, values=len(x))


def _results(task: Task, texts: list[bytes]) -> tuple[list[list[str] | None], dict[int, str]]:
    """Every value's result columns (None where it has none), and the errors by value."""
    job = task.job
    errors: dict[int, str] = {}
    results: list[list[str] | None] = [None] * len(texts)
    if not job.vectorised:  # --digits, --exact, --check: one value at a time
        for at, data in enumerate(texts):
            text, error = _decode(data)
            try:
                if error is not None:
                    raise DataError(error)
                results[at] = job.scalar(text)
            except DataError as problem:
                errors[at] = str(problem)
                if task.policy == "fail":
                    break
        return results, errors
    numbers = _numbers(texts)
    positions = list(range(len(texts)))
    if numbers is None:
        numbers, positions = [], []
        for at, data in enumerate(texts):
            text, error = _decode(data)
            try:
                if error is not None:
                    raise DataError(error)
                numbers.append(read_float(text))
                positions.append(at)
            except DataError as problem:
                errors[at] = str(problem)
                if task.policy == "fail":
                    break
    if numbers:
        for at, columns in zip(positions, _compute(job, numbers), strict=True):
            results[at] = columns
            if columns is None:
                errors[at] = domain_message(job, _decode(texts[at])[0])
    return results, errors


def _numbers(texts: list[bytes]) -> list[float] | None:
    """All the texts as floats in one orjson call; None when one of them is not a plain number."""
    if not texts:
        return []
    joined = b",".join(texts)
    if joined.translate(None, _JSON_NUMBER_BYTES):  # true, null, "…": orjson would take them
        return None
    import orjson

    try:
        numbers: list[float] = orjson.loads(b"[" + joined + b"]")
    except orjson.JSONDecodeError:  # .5, +1, 1e999, an empty field: read_float decides
        return None
    if len(numbers) != len(texts):
        return None
    import numpy as np

    # JSON's -0 is the integer 0: give it back its sign.
    for at in np.flatnonzero(np.array(numbers, dtype=np.float64) == 0).tolist():
        if texts[at].startswith(b"-"):
            numbers[at] = -0.0
    return numbers


def _assemble(
    task: Task,
    lines: list[bytes],
    parsed: list[_Line],
    texts: list[bytes],
    results: list[list[str] | None],
    errors: dict[int, str],
) -> ChunkResult:
    spec = task.fields
    assert isinstance(spec, Fields)
    result = ChunkResult(b"", lines=len(lines))
    width = len(task.job.columns)
    nans = ["nan"] * width
    json = task.fmt in ("json", "jsonl")
    out: list[bytes] = []
    for offset, line in enumerate(parsed):
        row = line.row
        if row is None:
            if task.fmt == "jsonl":
                out.append(b"{}")
            elif not json:
                out.append(lines[offset])
            continue
        # Each selected field, in field order (a missing one is past every present one): its
        # index and result columns.
        cells: list[tuple[int, list[str]]] = []
        bad = False
        for number, index in enumerate((*line.present, *line.missing)):
            if number < len(line.present):
                at = line.first + number
                columns = results[at]
                message = errors.get(at, "")
                text = _decode(texts[at])[0] if columns is None else ""
            else:
                count = len(row.fields)
                text, message = "", f"no field {index + 1} (the line has {count} field{'s' * (count > 1)})"
                columns = None
            if columns is None:
                problem = Problem(offset + 1, index + 1, text, message)
                if task.policy == "fail":
                    result.fatal = problem
                    break
                result.problems.append(problem)
                bad = True
                columns = nans
            cells.append((index, columns))
        if result.fatal is not None:
            break
        if bad and task.policy == "skip":
            continue  # the whole line: leaving out one field would shift the columns after it
        out.append(_json_line(task, spec, row, cells) if json else _text_line(task, row, cells))
        result.values += len(cells)
    if out:
        separator = b",\n" if task.fmt == "json" else b"\n"
        result.output = separator.join(out) + (b"" if task.fmt == "json" else b"\n")
    return result


def _text_line(task: Task, row: _Row, cells: list[tuple[int, list[str]]]) -> bytes:
    sep = {"tsv": b"\t", "csv": b","}.get(task.fmt, row.sep)
    csv = task.fmt == "csv"
    if task.with_input:
        appended = sep.decode().join(value for _, columns in cells for value in columns).encode()
        line = row.join(sep, csv)
        if not cells:
            return line
        tail = b"\r" if line.endswith(b"\r") else b""
        return line[: len(line) - len(tail)] + sep + appended + tail
    fields = list(row.fields)
    for index, columns in cells:
        if index >= len(fields):  # a missing field under nan: the ones before it stay empty
            fields += [b""] * (index + 1 - len(fields))
        fields[index] = sep.decode().join(columns).encode()
    return row.join(sep, csv, fields)


def _json_line(task: Task, spec: Fields, row: _Row, cells: list[tuple[int, list[str]]]) -> bytes:
    from .reader import _json_input, _json_string, _json_text

    computed = dict(cells)
    items: list[str] = []
    names = task.job.columns
    for index, field in enumerate(row.fields):
        label = spec.label(index)
        if index in computed and not task.with_input:
            items += _json_results(task.job, label, computed.pop(index), names)
        else:
            text = _value(field).decode("utf-8", "replace")
            # A computed field's input is a number (-i); the others pass through as text.
            shown = _json_input(text) if index in computed else _json_string(text)
            items.append(f"{_json_string(label)}: {shown}")
    for index, columns in cells:
        if task.with_input or index in computed:  # with -i: every result; without: missing fields
            items += [
                f"{_json_string(name)}: {_json_text(value)}"
                for name, value in zip(task.job.result_names(spec.label(index)), columns, strict=True)
            ]
    return ("{" + ", ".join(items) + "}").encode()


def _json_results(job: Job, label: str, columns: list[str], names: tuple[str, ...]) -> list[str]:
    from .reader import _json_string, _json_text

    if len(names) == 1:
        return [f"{_json_string(label)}: {_json_text(columns[0])}"]
    return [
        f"{_json_string(name)}: {_json_text(value)}"
        for name, value in zip(job.result_names(label), columns, strict=True)
    ]


# --- the header ------------------------------------------------------------------------------------


def with_header(task: Task, line: bytes) -> tuple[Task, bytes]:
    """The first line (read in the main process, before any chunk goes to a worker): the task
    with --fields' names looked up, and the line as it is written."""
    raw = line.removesuffix(b"\n")
    row = _Row(raw) if raw.strip() else None
    names = [_value(field).decode("utf-8", "replace") for field in row.fields] if row else []
    assert isinstance(task.fields, Fields)
    spec = resolve(task.fields, names)
    task = replace(task, fields=spec)
    if not line or task.fmt in ("json", "jsonl"):
        return task, b""  # JSON keys are the header's names: the line itself is not written
    if row is None:
        return task, raw + b"\n"
    sep = {"tsv": b"\t", "csv": b","}.get(task.fmt, row.sep)
    present, missing = spec.select(len(row.fields))
    if task.with_input:
        named = [*present, *missing]  # a field past the header's end is named by its number
        appended = sep.join(_cell(n, sep) for i in named for n in task.job.result_names(spec.label(i)))
        text = row.join(sep, task.fmt == "csv")
        tail = b"\r" if text.endswith(b"\r") else b""
        body = text[: len(text) - len(tail)]
        return task, (body + sep + appended + tail if named else text) + b"\n"
    if len(task.job.columns) > 1:  # one column becomes several: name each, so the columns line up
        for index in present:
            row.fields[index] = sep.join(_cell(n, sep) for n in task.job.result_names(spec.label(index)))
    return task, row.join(sep, task.fmt == "csv") + b"\n"
