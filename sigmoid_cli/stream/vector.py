"""The stream's vector path: a chunk of number lines read, computed and printed in C.

A chunk qualifies when every byte is one a number line can hold (digits, signs, points,
exponents, the letters of nan and inf, separators, line ends). Then, with no Python loop
over values:
1. numpy finds the tokens (runs of non-separator bytes) and the line of each;
2. orjson reads them all at once from one JSON array, made from the chunk by turning each
   run of separators into one comma. nan and inf are not JSON: those tokens, and any token
   orjson rejects (`.5`, `+1`, `1e999`, `1e5e`), are read one by one by the same function
   the careful path uses, so they give the same values and the same errors;
3. the job computes every value in one numpy pass;
4. orjson prints every result, shortest round-trip digits; a few regular expressions turn
   its spelling into Python's repr where they differ (1e-05, not 0.00001 or 1e-5);
5. the separators between results are written as one-byte codes while the buffer still
   has orjson's layout (one byte between values), then each code becomes its text.
The careful path (reader.py) is the reference: for every chunk both print the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sigmoid_cli.errors import DataError
from sigmoid_cli.numeric.text import format_float, format_float32, read_float

from .chunk import NUMBER_LINE_BYTES, Decline
from .lean import column, several_on_first_line

if TYPE_CHECKING:
    from .chunk import ChunkResult, Task

# Every byte a number line may hold; any other byte sends its line to the careful path.
ALPHABET = NUMBER_LINE_BYTES
_NEWLINE, _CR, _TAB, _SPACE, _COMMA = 10, 13, 9, 32, 44

# Codes written between results, one byte each, then replaced by their text (see _texts).
_LINE, _LINE_CR, _SEP_COMMA, _SEP_TAB, _SEP_SPACE, _INNER, _START, _NOTHING = range(1, 9)
_WORD_LETTERS = b"naifNAIF"  # of nan and inf: every other letter (but e, E) is a word's
_NOT_LETTERS = NUMBER_LINE_BYTES.translate(None, _WORD_LETTERS)
_TO_COMMA = bytes.maketrans(b"\t\n\x0b\x0c\r ", b",,,,,,")


@dataclass(eq=False)
class _Tokens:
    """Where the chunk's tokens are, as numpy arrays (token i: bytes starts[i]:ends[i])."""

    data: Any  # the chunk as uint8
    starts: Any
    ends: Any
    line: Any  # the 0-based line of each token
    newlines: Any  # position of each line's newline
    crlf: bool  # some line ends in \r\n
    single: bool  # exactly one separator byte after each token, none before the first

    @property
    def lines(self) -> int:
        return len(self.newlines)


def applies(task: Task) -> bool:
    """Whether the task's results are float64 numbers this path can print."""
    job = task.job
    if not job.vectorised:
        return False
    if task.fmt in ("json", "jsonl"):
        return not task.with_input and len(job.columns) == 1
    return True


def vector(task: Task, chunk: bytes) -> ChunkResult | Decline | None:
    """The chunk's output, or Decline, or None when a byte outside ALPHABET is in it."""
    from .chunk import ChunkResult, Problem

    lean = column(task, chunk)  # no numpy at all, where it applies
    if lean is not None:
        return lean
    # The letters of the chunk (in nan, inf, or a word), in one pass: any but these is a byte
    # no number line holds (first: the lines without such bytes may be lean's).
    letters = chunk.translate(None, _NOT_LETTERS)
    if letters.translate(None, _WORD_LETTERS):
        return None
    if windows_lines(task, chunk):
        return as_windows_lines(vector(task, chunk.replace(b"\r\n", b"\n")))
    single = _one_per_line(task, chunk)
    if single is not None:
        return single

    tokens = _tokenize(chunk)
    x, problems = _read(tokens, chunk, bool(letters))
    result = ChunkResult(b"", lines=tokens.lines)
    import numpy as np

    columns, bad = task.job.float_columns(x)
    for i in np.flatnonzero(bad).tolist():
        problems.setdefault(i, _domain_message(task, chunk, tokens, i))
    if problems and (task.policy == "fail" or task.with_input):
        return Decline(min(int(tokens.line[i]) for i in problems))
    y = np.column_stack(columns) if len(columns) > 1 else columns[0].reshape(-1, 1)
    keep = None
    if problems:
        order = sorted(problems)
        first = _first_token_of_line(tokens)
        for i in order:
            line = int(tokens.line[i])
            text = chunk[tokens.starts[i] : tokens.ends[i]].decode()
            result.problems.append(Problem(line + 1, i - int(first[line]) + 1, text, problems[i]))
        if task.policy == "skip":
            keep = np.ones(len(x), dtype=bool)
            keep[order] = False
        else:
            y = y.copy()
            y[order] = np.nan
    if keep is not None:
        starts, ends, line = tokens.starts[keep], tokens.ends[keep], tokens.line[keep]
        tokens = replace(tokens, starts=starts, ends=ends, line=line, single=False)
        y = y[keep]
    result.values = len(y)
    if task.with_input:
        result.output = _with_input(task, chunk, tokens, x, y)
    else:
        result.output = _results(task, tokens, y)
    return result


def windows_lines(task: Task, chunk: bytes) -> bool:
    """Whether every line ends in \r\n (a Windows file), for a format that keeps line ends: such
    a chunk is computed as \n lines, then given its \r back (as_windows_lines)."""
    if b"\r" not in chunk or task.fmt == "json":
        return False
    return chunk.count(b"\r") == chunk.count(b"\r\n") == chunk.count(b"\n")


def as_windows_lines(result: ChunkResult | Decline | None) -> ChunkResult | Decline | None:
    """The result of the chunk's \n lines, with \r\n line ends again."""
    from .chunk import ChunkResult

    if isinstance(result, ChunkResult):
        result.output = result.output.replace(b"\n", b"\r\n")
    return result


# --- one number per line -----------------------------------------------------------------------

# The commonest stream, one number per line: orjson reads it once its newlines are commas.
# Values on a line, CRLF, and what orjson reads as something else: true, false, null, strings.
_NOT_ONE_PER_LINE = (b",", b"\r", b"t", b"f", b"l", b'"')


def _one_per_line(task: Task, chunk: bytes) -> ChunkResult | None:
    """One number per line, nothing else: one orjson pass each way. None when the chunk is
    anything else (orjson then finds two values on a line, a blank line, nan...), or when a
    result is out of its domain: the general path says where."""
    if several_on_first_line(chunk) or any(byte in chunk for byte in _NOT_ONE_PER_LINE):
        return None
    import numpy as np
    import orjson

    from .chunk import ChunkResult

    # Read first as if no line were blank (a search for b"\n\n" costs as much as the
    # reading): orjson stops at the first blank line's ',,', and only then is it looked for.
    blank = False
    document = _as_array(chunk)
    try:
        values = orjson.loads(document)
        x = np.fromiter(values, np.float64, len(values))
    except (orjson.JSONDecodeError, TypeError, ValueError):  # not numbers alone: [..], {..}
        blank = b"\n\n" in chunk or chunk.startswith(b"\n")
        if not blank or task.with_input or len(task.job.columns) > 1:
            return None
        # A blank line reads as null (twice: \n\n\n is two blank lines).
        lines = (b"\n" + chunk).replace(b"\n\n", b"\nnull\n").replace(b"\n\n", b"\nnull\n")[1:]
        try:
            x = np.array(orjson.loads(_as_array(lines)), np.float64)
        except (orjson.JSONDecodeError, TypeError, ValueError):
            return None
    if not len(x) or x.ndim != 1:
        return None
    empty = np.flatnonzero(np.isnan(x)) if blank else np.empty(0, np.int64)
    zeros = np.flatnonzero(x == 0)
    if len(zeros):  # orjson reads -0 as the integer 0; the sign matters (tanh(-0) = -0.0)
        x[_negative(chunk, zeros)] = -0.0
    columns, bad = task.job.float_columns(x)
    if bad.any():
        return None
    count = len(x)
    if task.with_input:
        echoed = _echo(task, x, columns, document, count)
        if not isinstance(echoed, list):
            return echoed
        columns = echoed
    width = len(columns)
    flat = np.column_stack(columns).ravel() if width > 1 else columns[0]
    if width == 1 and not len(empty) and task.fmt != "json" and not task.job.float32:
        plain = _plain_column(task, flat)
        if plain is not None:
            return ChunkResult(plain, lines=count, values=count)
    text, boundaries = print_numbers(
        flat, task.fmt in ("json", "jsonl"), task.job.float32 and not task.with_input
    )
    codes = np.full(count * width + 1, _INNER, np.uint8)
    codes[::width] = _LINE
    codes[0] = _START
    if len(empty):  # a blank line's value: no text (and in json, no line either)
        which = empty * width
        text, boundaries = _patch(text, boundaries, which, [b""] * len(which))
        if task.fmt == "json":
            codes[which + 1] = _NOTHING  # the line end after it
    buffer = np.frombuffer(text, np.uint8).copy()
    buffer[boundaries] = codes
    return ChunkResult(_spell(task, buffer.tobytes()), lines=count, values=count - len(empty))


def _as_array(lines: bytes) -> bytes:
    """Lines as one JSON array: their newlines as commas, in brackets (two copies of the
    chunk: replace() is several times faster than translate() for one byte)."""
    commas = memoryview(lines.replace(b"\n", b","))
    return b"".join((b"[", commas[:-1], b"]"))


def _negative(chunk: bytes, zeros: Any) -> Any:
    """Which of the lines ``zeros`` (indexes of lines holding one value each) start with '-'
    once their leading blanks are skipped."""
    import numpy as np

    data = np.frombuffer(chunk, np.uint8)
    starts = np.concatenate(([0], np.flatnonzero(data == _NEWLINE) + 1))[zeros]
    signs = [chunk[start : chunk.find(b"\n", start)].lstrip(b" \t")[:1] == b"-" for start in starts.tolist()]
    return zeros[np.array(signs, dtype=bool)]


def _echo(
    task: Task, x: Any, columns: list[Any], document: bytes, count: int
) -> ChunkResult | list[Any] | None:
    """--with-input on one number per line: the inputs printed by orjson beside the results,
    only where orjson's spelling of each input is the input's own text (repr's output, as most
    files are). The chunk's output, or the columns to print (inputs first), or None."""
    import numpy as np
    import orjson

    from .chunk import ChunkResult

    if task.job.float32:
        return None
    if _spelled_alike(x):
        if orjson.dumps(x, option=orjson.OPT_SERIALIZE_NUMPY) != document:
            return None
        if len(columns) == 1 and task.fmt != "json" and _spelled_alike(columns[0]):
            # Each line 'x<TAB>y': orjson prints the pairs, '[[x,y],[x,y]]'.
            pairs = orjson.dumps(np.column_stack([x, columns[0]]), option=orjson.OPT_SERIALIZE_NUMPY)
            inner = b"," if task.fmt == "csv" else b"\t"
            output = pairs[2:-2].replace(b"],[", b"\n").replace(b",", inner) + b"\n"
            return ChunkResult(output, lines=count, values=count)
    elif print_numbers(x, fmt_json=False)[0] != document:
        return None
    return [x, *columns]


_FEW = 200  # values to respell one by one rather than in bulk (about the cost of one bulk pass)


def _spelled_alike(y: Any) -> bool:
    """Whether orjson prints every float64 of ``y`` as repr does (finite, and not in
    1e-9 <= |v| < 1e-4: see print_numbers)."""
    import numpy as np

    size = np.abs(y)
    return bool(np.isfinite(size).all() and not ((size < 1e-4) & (size >= 1e-9)).any())


def _plain_column(task: Task, y: Any) -> bytes | None:
    """One result per line, none that orjson spells unlike repr: orjson's text with its commas
    as newlines (jsonl: as ']\n['). None when a value needs its spelling fixed."""
    import orjson

    if not _spelled_alike(y):
        return None
    text = orjson.dumps(y, option=orjson.OPT_SERIALIZE_NUMPY)
    if task.fmt == "jsonl":
        return text.replace(b",", b"]\n[") + b"\n"
    lines = memoryview(text.replace(b",", b"\n"))
    return b"".join((lines[1:-1], b"\n"))


# --- reading ------------------------------------------------------------------------------------


def _tokenize(chunk: bytes) -> _Tokens:
    import numpy as np

    data = np.frombuffer(chunk, np.uint8)
    # In ALPHABET, the bytes up to ',' are separators and line ends, except '+'.
    separator = (data <= _COMMA) & (data != 43)
    edges = np.flatnonzero(separator[1:] != separator[:-1]) + 1  # token starts and ends, in turn
    if len(data) and not separator[0]:
        starts, ends = np.concatenate(([0], edges[1::2])), edges[0::2]
    else:
        starts, ends = edges[0::2], edges[1::2]
    newlines = np.flatnonzero(data == _NEWLINE)
    single = len(starts) > 0 and starts[0] == 0 and len(chunk) - int((ends - starts).sum()) == len(starts)
    if single:  # one byte between tokens: a line ends where that byte is a newline
        line = np.zeros(len(starts), np.int64)
        np.cumsum(data[ends[:-1]] == _NEWLINE, out=line[1:])
    else:
        line = np.searchsorted(newlines, starts)
    return _Tokens(data, starts, ends, line, newlines, _CR in chunk, single)


def _read(tokens: _Tokens, chunk: bytes, has_letters: bool | None = None) -> tuple[Any, dict[int, str]]:
    """Every token as float64, and {token: error} for those that are not numbers (``has_letters``:
    whether the chunk has letters other than e and E, when the caller knows)."""
    import numpy as np

    starts, ends = tokens.starts, tokens.ends
    count = len(starts)
    lengths = ends - starts
    # The JSON array: each token followed by one comma (the last by ']').
    at = np.empty(count + 1, dtype=np.int64)
    at[0] = 1
    np.cumsum(lengths + 1, out=at[1:])
    at[1:] += 1  # at[i]: where token i starts in the document
    if tokens.single:
        body = chunk  # one separator byte after each token already
    else:
        keep = ~((tokens.data <= _COMMA) & (tokens.data != 43))
        keep[ends] = True
        body = tokens.data[keep].tobytes()
    document = bytearray(b"[") + body.translate(_TO_COMMA)
    if count == 0:
        return np.empty(0), {}
    document[-1] = 93  # ']'
    special: dict[int, float | str] = {}
    # Letters other than e/E: nan or inf (or a typo); read them the careful way.
    letters = np.empty(0, np.int64)
    if chunk.translate(None, _NOT_LETTERS) if has_letters is None else has_letters:
        letters = np.flatnonzero((tokens.data >= 65) & (tokens.data != 69) & (tokens.data != 101))
    if len(letters):
        for i in np.unique(np.searchsorted(starts, letters, side="right") - 1).tolist():
            special[i] = _careful_value(chunk[starts[i] : ends[i]])
            document[at[i] : at[i] + lengths[i]] = b"0" + b" " * (int(lengths[i]) - 1)
    values = _load(document, at, lengths, special, tokens, chunk)
    x = np.fromiter(values, np.float64, count)
    restore_negative_zeros(x, tokens.data, starts)
    problems: dict[int, str] = {}
    for i, value in special.items():
        if isinstance(value, str):
            problems[i] = value
            x[i] = np.nan
        else:
            x[i] = value
    return x, problems


def _load(
    document: bytearray, at: Any, lengths: Any, special: dict[int, float | str], tokens: _Tokens, chunk: bytes
) -> list[Any]:
    """orjson over the document; a token it rejects is read the careful way (into ``special``)
    and orjson resumes after it, so each bad token costs its own reading, not the chunk's."""
    import numpy as np
    import orjson

    values: list[Any] = []
    position = 1
    while True:
        try:
            values += orjson.loads(b"[" + document[position:])
            break
        except orjson.JSONDecodeError as error:
            failed = position - 1 + error.pos  # in the document
            i = int(np.searchsorted(at, failed, side="right")) - 1
            if at[i] > position:
                values += orjson.loads(b"[" + document[position : at[i] - 1] + b"]")
            values.append(0)
            special[i] = _careful_value(chunk[tokens.starts[i] : tokens.ends[i]])
            position = int(at[i] + lengths[i]) + 1
            if position >= len(document):
                break
    return values


def restore_negative_zeros(x: Any, data: Any, starts: Any) -> None:
    """orjson reads -0 as the integer 0, and the sign of zero matters (tanh(-0) = -0.0): each
    zero whose token (at ``starts`` in the uint8 ``data``) begins with '-' gets its sign back."""
    import numpy as np

    zeros = np.flatnonzero(x == 0)
    x[zeros[data[starts[zeros]] == 45]] = -0.0


def _careful_value(token: bytes) -> float | str:
    """A token as the careful path reads it: its float64 value or the error message."""
    try:
        return read_float(token.decode())
    except DataError as problem:
        return str(problem)


def _domain_message(task: Task, chunk: bytes, tokens: _Tokens, i: int) -> str:
    from .chunk import domain_message

    return domain_message(task.job, chunk[tokens.starts[i] : tokens.ends[i]].decode())


def _first_token_of_line(tokens: _Tokens) -> Any:
    import numpy as np

    return np.searchsorted(tokens.line, np.arange(tokens.lines))


# --- printing -----------------------------------------------------------------------------------


def print_numbers(values: Any, fmt_json: bool, float32: bool = False) -> tuple[bytes, Any]:
    """A flat array printed by orjson, '[a,b,...]', each value spelled as repr spells it (JSON:
    null for nan and inf), and where the byte before each value is (one more: the ']')."""
    import numpy as np
    import orjson

    if float32:
        with np.errstate(over="ignore"):
            values = values.astype(np.float32)
    text = orjson.dumps(values, option=orjson.OPT_SERIALIZE_NUMPY)
    boundaries = np.concatenate(
        ([0], np.flatnonzero(np.frombuffer(text, np.uint8) == _COMMA), [len(text) - 1])
    )
    size = np.abs(values)
    if float32:
        # orjson's float32 spelling differs from repr's below 1e-4 and (by digit count) above 1e7:
        # values are spelled one by one (float32 output is rare, and so are such values).
        again = (((size < 1e-4) & (size > 0)) | (size >= 1e7)) & np.isfinite(values)
        if not fmt_json:
            again |= ~np.isfinite(values)
        which = np.flatnonzero(again)
        if len(which):
            texts = [format_float32(v).encode() for v in values[which].tolist()]
            text, boundaries = _patch(text, boundaries, which, texts)
        return text, boundaries
    # orjson and repr differ on 1e-9 <= |v| < 1e-4: orjson writes 0.000015 and 1.5e-6 where
    # repr writes 1.5e-05 and 1.5e-06; both are fixed in bulk (_respell). A double is below
    # 1e-5 exactly when its shortest digits are, so the thresholds can be tested on values.
    five = np.flatnonzero((size >= 1e-5) & (size < 1e-4))
    short = np.flatnonzero((size >= 1e-9) & (size < 1e-5))
    few = len(five) + len(short) <= _FEW  # then one by one: bulk work costs passes over the text
    if not few:
        text, boundaries = _respell(text, boundaries, five, short, values)
    if not fmt_json or few:  # orjson writes null for nan and inf: those are spelled one by one
        again = ~np.isfinite(values) if not fmt_json else np.zeros(len(values), dtype=bool)
        if few:
            again[five] = again[short] = True
        which = np.flatnonzero(again)
        if len(which):
            texts = [format_float(v).encode() for v in values[which].tolist()]
            text, boundaries = _patch(text, boundaries, which, texts)
    return text, boundaries


def _respell(text: bytes, boundaries: Any, five: Any, short: Any, values: Any) -> tuple[bytes, Any]:
    """orjson's 0.0000DR as D.Re-05 (values ``five``), and its e-D as e-0D (values ``short``),
    by whole-array deletions and insertions; the boundaries move with them."""
    import numpy as np

    buffer = np.frombuffer(text, np.uint8).copy()
    start = boundaries[five] + 1 + (values[five] < 0)  # where '0.0000' begins
    end = boundaries[five + 1]
    several = end - start > 7  # more digits than one after 0.0000
    buffer[start + 5] = buffer[start + 6]  # the first digit moves to just before the point
    buffer[start[several] + 6] = 46  # '.', before the other digits
    deleted = np.concatenate([*(start + j for j in range(5)), start[~several] + 6])
    keep = np.ones(len(buffer), dtype=bool)
    keep[deleted] = False
    buffer = buffer[keep]
    # Bytes taken out and put in, value by value: what moves each later position.
    taken = np.zeros(len(boundaries), np.int64)
    taken[five + 1] = np.where(several, 5, 6)
    put = np.zeros(len(boundaries), np.int64)
    put[five + 1] = 4
    put[short + 1] = 1
    taken_before = np.cumsum(taken)  # [j]: bytes taken out of values before value j
    # Inserted: '0' before a short exponent's digit, 'e-05' at the end of each ``five`` value
    # (np.insert keeps the order of equal positions).
    at = np.concatenate(
        [boundaries[short + 1] - 1 - taken_before[short], np.repeat(end - taken_before[five + 1], 4)]
    )
    digits = np.frombuffer(b"e-05", np.uint8)
    inserted = np.concatenate([np.full(len(short), 48, np.uint8), np.tile(digits, len(end))])
    moved = boundaries - taken_before + np.cumsum(put)
    return np.insert(buffer, at, inserted).tobytes(), moved


def _patch(text: bytes, boundaries: Any, which: Any, texts: list[bytes]) -> tuple[bytes, Any]:
    """``text`` with value ``which[j]`` replaced by ``texts[j]``, and the boundaries moved."""
    import numpy as np

    starts = boundaries[which] + 1
    stops = boundaries[which + 1]
    pieces: list[bytes] = []
    last = 0
    for start, stop, new in zip(starts.tolist(), stops.tolist(), texts, strict=True):
        pieces += (text[last:start], new)
        last = stop
    pieces.append(text[last:])
    growth = np.zeros(len(boundaries), np.int64)
    growth[which + 1] = np.fromiter(map(len, texts), np.int64, len(texts)) - (stops - starts)
    return b"".join(pieces), boundaries + np.cumsum(growth)


def _line_separators(task: Task, tokens: _Tokens) -> Any:
    """Each line's separator code as plain mirrors it: comma if the line has one, else tab if
    one is between its values, else space (see below); tsv and csv use theirs."""
    import numpy as np

    if task.fmt == "tsv":
        return np.full(tokens.lines, _SEP_TAB, np.uint8)
    if task.fmt == "csv":
        return np.full(tokens.lines, _SEP_COMMA, np.uint8)
    # A line of space-separated values: a space between single results, a tab when each value
    # has several (its results, or its input beside them), as between those.
    several = len(task.job.columns) > 1 or task.with_input
    codes = np.full(tokens.lines, _SEP_TAB if several else _SEP_SPACE, np.uint8)
    if tokens.single:  # every separator is the byte after a token
        between = tokens.data[tokens.ends[:-1]]
        codes[tokens.line[:-1][between == _TAB]] = _SEP_TAB
        codes[tokens.line[:-1][between == _COMMA]] = _SEP_COMMA
        return codes
    data = tokens.data
    tabs = np.flatnonzero(data == _TAB)
    if len(tabs) and len(tokens.starts):
        after = np.searchsorted(tokens.ends, tabs, side="right") - 1  # the token before the tab
        inside = (after >= 0) & (after + 1 < len(tokens.starts))
        after = after[inside]
        same = tokens.line[after] == tokens.line[after + 1]
        codes[tokens.line[after[same]]] = _SEP_TAB
    commas = np.flatnonzero(data == _COMMA)
    if len(commas):
        codes[np.searchsorted(tokens.newlines, commas)] = _SEP_COMMA
    return codes


def _line_ends(tokens: _Tokens) -> Any:
    """The code that ends each line: \\n, or \\r\\n where the line had it."""
    import numpy as np

    codes = np.full(tokens.lines, _LINE, np.uint8)
    if tokens.crlf:
        newlines = tokens.newlines
        before = newlines[newlines > 0] - 1
        cr = tokens.data[before] == _CR
        codes[np.flatnonzero(newlines > 0)[cr]] = _LINE_CR
    return codes


def _boundary_codes(task: Task, tokens: _Tokens, columns: int) -> tuple[Any, Any, Any]:
    """The code before each result value (and one after the last), and where whole lines with
    no value (blank lines) go: (codes, insert_after_boundary, inserted_codes)."""
    import numpy as np

    count = len(tokens.starts)
    line = tokens.line
    ends = _line_ends(tokens)
    codes = np.full(count * columns + 1, _INNER, np.uint8)
    token_codes = np.empty(count + 1, np.uint8)
    token_codes[0] = _START
    if count:
        new_line = line[1:] != line[:-1]
        token_codes[1:-1] = np.where(new_line, ends[line[:-1]], _line_separators(task, tokens)[line[1:]])
        token_codes[-1] = ends[line[-1]]
    codes[::columns] = token_codes
    # Lines without values: each adds its own line end, after the boundary where it falls.
    has_value = np.zeros(tokens.lines, dtype=bool)
    has_value[line] = True
    empty = np.flatnonzero(~has_value)
    if task.fmt == "json" or not len(empty):
        return codes, np.empty(0, np.int64), np.empty(0, np.uint8)
    # The boundary before the first token on a later line (count: the end of the chunk).
    boundary = np.searchsorted(line, empty) * columns
    return codes, boundary, ends[empty]


def _texts(task: Task) -> dict[int, bytes]:
    """What each code stands for: JSON joins a line's values with ', '; jsonl opens and closes
    each line's array; the line formats keep the line's separator (tsv and csv: theirs)."""
    if task.fmt in ("json", "jsonl"):
        between = dict.fromkeys((_SEP_COMMA, _SEP_TAB, _SEP_SPACE), b", ")
        if task.fmt == "json":
            return {_NOTHING: b"", _START: b"", _LINE: b",\n", _LINE_CR: b",\n", **between}
        return {_NOTHING: b"", _START: b"[", _LINE: b"]\n[", _LINE_CR: b"]\r\n[", **between}
    return {
        _NOTHING: b"",
        _START: b"",
        _LINE: b"\n",
        _LINE_CR: b"\r\n",
        _SEP_COMMA: b",",
        _SEP_TAB: b"\t",
        _SEP_SPACE: b" ",
        _INNER: b"," if task.fmt == "csv" else b"\t",
    }


def _results(task: Task, tokens: _Tokens, y: Any) -> bytes:
    """The output of a chunk without --with-input: each line's results in its layout."""
    import numpy as np

    text, boundaries = print_numbers(y.ravel(), task.fmt in ("json", "jsonl"), task.job.float32)
    codes, after, inserted = _boundary_codes(task, tokens, y.shape[1])
    if len(y) == 0:
        codes = np.array([_START, _NOTHING], np.uint8)  # no value: no line of its own
    buffer = np.frombuffer(text, np.uint8).copy()
    buffer[boundaries] = codes
    if len(after):
        buffer = np.insert(buffer, boundaries[after] + 1, inserted)
    return _spell(task, buffer.tobytes())


def _spell(task: Task, coded: bytes) -> bytes:
    """Codes to their texts; the last line end closes the chunk (json: nothing; jsonl: ']\\n')."""
    texts = _texts(task)
    single = {code: text for code, text in texts.items() if len(text) == 1}
    table = bytearray(range(256))
    for code, text in single.items():
        table[code] = text[0]
    deleted = bytes(code for code, text in texts.items() if not text)
    out = coded.translate(bytes(table), deleted)
    for code, text in texts.items():
        if len(text) > 1:
            out = out.replace(bytes([code]), text)
    if task.fmt == "json":
        return out[:-2] if out.endswith(b",\n") else out
    if task.fmt == "jsonl":
        return out[:-1]  # the '[' the last line end opened
    return out


# --- with --with-input --------------------------------------------------------------------------


def _with_input(task: Task, chunk: bytes, tokens: _Tokens, x: Any, y: Any) -> bytes:
    """Each line as it is, then its results, with the line's separator (one value: a tab)."""
    import numpy as np

    results = _results(task, tokens, y).split(b"\n")
    lines = chunk.split(b"\n")
    counts = np.bincount(tokens.line, minlength=tokens.lines).tolist()
    fixed = {"tsv": b"\t", "csv": b","}.get(task.fmt)
    if fixed is None:
        texts = {_SEP_COMMA: b",", _SEP_TAB: b"\t", _SEP_SPACE: b" "}
        separators = [texts[code] for code in _line_separators(task, tokens).tolist()]
    joined = []
    for number, (raw, result, count) in enumerate(zip(lines, results, counts, strict=False)):
        if not count:
            joined.append(result)  # nothing, or the \r of an empty CRLF line
        elif fixed is not None:
            joined.append(fixed.join(raw.replace(b",", b" ").split()) + fixed + result)
        else:
            between = separators[number] if count > 1 else b"\t"
            joined.append(raw.strip() + between + result)
    return b"\n".join(joined) + b"\n"


# --- for --fields ---------------------------------------------------------------------------------


def cells(task: Task, x: Any, separator: bytes, per_line: int = 1) -> list[bytes] | None:
    """The results of ``per_line`` values at a time as one cell each, all columns joined by
    the one-byte ``separator``, printed as the rest of the stream prints them; None when a
    value is out of its domain."""
    import numpy as np

    columns, bad = task.job.float_columns(x)
    if bad.any():
        return None
    width = len(columns)
    flat = np.column_stack(columns).ravel() if width > 1 else columns[0]
    text, boundaries = print_numbers(flat, fmt_json=False, float32=task.job.float32)
    buffer = np.frombuffer(text, np.uint8).copy()
    codes = np.full(len(boundaries), separator[0], np.uint8)
    codes[:: width * per_line] = _NEWLINE
    buffer[boundaries] = codes
    return buffer[1:-1].tobytes().split(b"\n")
