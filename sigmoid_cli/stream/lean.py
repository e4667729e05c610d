"""The commonest streams without numpy: one number per line (or `--fields N -i` of such a column)
for a result the compiled kernels give.

`sigmoid eval < data` with σ, 1 − σ, log σ, log(1 − σ), σ', σ'', L·σ(k(x − x0)) or logit:
orjson reads the chunk (its newlines as commas, one JSON array; blank lines and the words nan,
inf, -inf found by a search and read as placeholders), the compiled kernels (numeric/_rounded_c)
compute every value in place in an ``array('d')``, orjson prints the results and _spelling.c
spells them as repr does; the few values the kernels leave open are computed one by one as
`sigmoid eval VALUE` computes them. Importing numpy costs a worker about 80 ms, as long as
this path takes for 500,000 lines: a stream that never needs it never imports it
(cli/launch.py chooses the warm-up: reader.warm_up_lean).

Anything else returns None and goes on to the vector path (vector.py) or fields.py, which
print the same bytes: several values on a line, a word or an expression, a value outside
logit's domain, another function or format, no compiled kernels (tests/test_lean.py).

An --expr takes this path too, computed by numpy and libm.py (expression_arrays.py) in place
of a compiled kernel: the reading and printing here are the stream's fastest.
"""

from __future__ import annotations

from array import array
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sigmoid_cli.jobs import Job
    from sigmoid_cli.numeric.expression import Expression

    from .chunk import ChunkResult, Decline, Task

# What a line may hold here besides one JSON number: blank, or one of these words.
_WORDS = (b"nan", b"inf", b"-inf")
# What orjson reads that is no number: true, false, null (t, l), strings, arrays, objects. Any
# other byte out of place (a word, 1,2, .5) makes orjson fail: the vector path's turn.
# A comma: several values on a line (orjson would read them all before the count says so).
_JSON_ONLY = b',tl"[{'
_FORMATS = ("plain", "tsv", "csv", "jsonl")  # one result per line: the same text in each
_NEWLINE_TO_COMMA = bytes.maketrans(b"\n", b",")


def _spelling() -> tuple[Any, Any, Any, Any, Any]:
    """_spelling.c's beside, respell, pick, doubles and nulls (-i, repr's spelling, one field of
    every line, orjson's list as float64, blank lines as null: one pass each), or None for all
    where it was not built."""
    import importlib

    try:
        module = importlib.import_module("sigmoid_cli.stream._spelling")
    except ImportError:
        return None, None, None, None, None
    return module.beside, module.respell, module.pick, module.doubles, module.nulls


beside, _respell, pick, _doubles, _nulls = _spelling()  # beside: also fields.py's, for -i


def likely(options: dict[str, Any]) -> bool:
    """Whether eval's or grad's options (cli/quick.py's reading of them) make a task that
    ``kernel`` takes, so that the workers can leave numpy out of their warm-up (a wrong guess
    costs only time)."""
    return (
        getattr(options["fn"], "member", options["fn"]) == "logistic"  # --fn sigmoid, expit too
        and options.get("expr") is None
        and options.get("order", 0) <= 2
        and options.get("wrt", "x") == "x"
        and not options.get("check", False)
        and str(options["fmt"]) in _FORMATS
        and str(options["dtype"]) == "float64"
        and options["digits"] is None
        and not options["exact"]
        and not (options["with_input"] and str(options["fmt"]) == "jsonl")
        and (options["fields"] is None or _one_field(options))
    )


def _one_field(options: dict[str, Any]) -> bool:
    """`--fields N -i` or `--header -f NAME -i` (field_column's case), as cli/quick.py reads it."""
    fields = str(options["fields"])
    return bool(options["with_input"]) and "," not in fields and "-" not in fields and fields != "1"


def kernel(task: Task) -> tuple[Any, ...] | None:
    """The compiled kernel's function and arguments for this task's results, or None when this
    path does not apply to the task."""
    if (
        task.fmt not in _FORMATS
        or (task.with_input and (task.fmt == "jsonl" or beside is None))
        or task.fields is not None
    ):
        return None
    return _job_kernel(task.job)


def _job_kernel(job: Job) -> tuple[Any, ...] | None:
    if job.expression is not None:
        return (_expression_kernel, job.expression) if job.vectorised else None
    if not job.vectorised or job.float32 or job.wrt not in (None, "x"):
        return None
    from sigmoid_cli.numeric import curve as numeric

    return numeric.compiled_kernel(job.curve)


def _expression_kernel(values: array[float], out: array[float], expression: Expression) -> bytes:
    """An --expr over ``values`` into ``out``, as the compiled kernels do it: the indexes of
    the values left open (as theirs: every result that is not finite, its x left in ``out``)
    as int64 bytes."""
    import numpy as np

    y, _ = expression.float_values(np.frombuffer(values, dtype=np.float64))
    finite = np.isfinite(y)
    np.copyto(np.frombuffer(out, dtype=np.float64), y, where=finite)  # an open value keeps its x
    return np.flatnonzero(~finite).astype(np.int64).tobytes()


def _float_value(job: Job, x: float) -> float:
    """The job's float64 result at x, value by value (a DataError where it has none)."""
    if job.expression is not None:
        return job.expression.float_value(x)
    from sigmoid_cli.numeric import curve as numeric

    return numeric.float_value(job.curve, x)


def column(task: Task, chunk: bytes) -> ChunkResult | Decline | None:
    """The chunk's output when every line is one number this path computes, blank, nan, inf or
    -inf (line ends \n, or \r\n on every line), else None."""
    call = kernel(task)
    if call is None or not chunk:
        return None
    if several_on_first_line(chunk) or any(byte in chunk for byte in _JSON_ONLY):
        return None
    import orjson

    from .chunk import ChunkResult

    end = b"\r\n" if b"\r" in chunk else b"\n"  # a Windows file: \r\n at the end of every line
    if not chunk.endswith(end):
        return None
    if end == b"\n":
        body = chunk[:-1].translate(_NEWLINE_TO_COMMA)
    else:
        body = chunk[:-2].replace(b"\r\n", b",")
        if b"\r" in body or b"\n" in body:  # \r elsewhere, or lines ending both ways
            return None
    # Read first as if no line were blank or a word (their search costs about as much as the
    # reading); orjson stops at the first one, and only then are they looked for.
    document = b"[" + body + b"]"
    marks: list[tuple[int, bytes]] = []
    try:
        parsed = orjson.loads(document) if body else None  # no body: one blank line
    except orjson.JSONDecodeError as error:  # 1 2 on a line, .5, +1, a typo, a blank line, nan...
        if document[error.pos : error.pos + 1] not in (b",", b"]", b"n", b"i"):
            return _odd_line(chunk, error.pos - 1) if end == b"\n" else None
        parsed = None
    if parsed is None:
        if b"n" not in chunk and _nulls is not None:  # no word, blank lines: each one a null
            document = _nulls(body)
        else:
            document, marks = _document(body, b"n" in chunk)  # n: in nan and inf
            if not marks:
                return None
        try:
            parsed = orjson.loads(document)
        except orjson.JSONDecodeError:
            return None
    try:
        values, blanks = _array(parsed)
    except TypeError:  # [1] on a line
        return None
    count = chunk.count(b"\n")
    if len(values) != count:
        return None
    for index, word in marks:  # read as 0: a word's value, or a blank line (no result shown)
        if word:
            values[index] = float(word)
        else:
            blanks.append(index)
    text = _computed(task, call, values, blanks)
    if text is None:
        return None
    if task.with_input:  # each line as it is, then its result
        output = beside(chunk, text, b"," if task.fmt == "csv" else b"\t", end, True)
        return ChunkResult(output, lines=count, values=count - len(blanks))
    if task.fmt == "jsonl":
        return ChunkResult(
            text.replace(b",", b"]" + end + b"[") + end, lines=count, values=count - len(blanks)
        )
    if b"null" in text:  # a non-finite result that was not open: not expected, and not ours to print
        return None
    lines = memoryview(text.replace(b",", end))
    return ChunkResult(b"".join((lines[1:-1], end)), lines=count, values=count - len(blanks))


def several_on_first_line(chunk: bytes) -> bool:
    """Whether the first line holds a tab or a space between two tokens: a table, which a path
    for one value a line would only find out after reading the whole chunk (six scans of it)."""
    first = chunk[: chunk.find(b"\n")].strip()
    return b"\t" in first or b" " in first


def _odd_line(chunk: bytes, at: int) -> Decline | None:
    """Where orjson stopped (``at``, in the chunk: the document maps \n to ',' byte for byte):
    when a byte on that line is one no number line holds (a word: `abc`), the reader cuts such
    lines out of the chunk for the careful path, and need not look at the chunk again first;
    None for anything the vector path reads (1 2, .5, +1)."""
    from .chunk import NUMBER_LINE_BYTES, Decline

    start = chunk.rfind(b"\n", 0, at) + 1
    stop = chunk.find(b"\n", at)
    return Decline(-1, odd=True) if chunk[start:stop].translate(None, NUMBER_LINE_BYTES) else None


def _array(parsed: Any) -> tuple[array[float], list[int]]:
    """orjson's list of numbers as an array('d'), and where it held null (a blank line, read as
    0); TypeError for anything else ([1] on a line)."""
    if _doubles is None or type(parsed) is not list:
        return array("d", parsed), []
    read = _doubles(parsed)
    if read is None:
        raise TypeError("not a list of numbers")
    data, nulls = read
    values = array("d")
    values.frombytes(data)
    return values, nulls


def _computed(task: Task, call: tuple[Any, ...], values: array[float], blanks: list[int]) -> bytes | None:
    """The results of ``values`` as orjson's array spelled as repr ('[r,r,...]'): nan, inf and
    -inf in their own words (JSON Lines: null), a blank line's as nothing; None for a value
    outside logit's domain (the vector path says where)."""
    import orjson

    from sigmoid_cli.errors import DataError

    function, *arguments = call
    open_ = array("q", function(values, values, *arguments)).tolist()  # in place
    results: list[Any] = values.tolist()
    for index in open_:  # left open by the kernel: nan, ±inf, or its rounding test undecided
        try:
            value = _float_value(task.job, values[index])
        except DataError:
            return None
        # Strings are printed in quotes, which go below.
        results[index] = value if value - value == 0 or task.fmt == "jsonl" else repr(value)
    for index in blanks:
        results[index] = ""
    text = _respelled(orjson.dumps(results))
    return text.replace(b'"', b"") if blanks or open_ else text


def field_column(task: Task, chunk: bytes) -> ChunkResult | None:
    """`--fields N -i` (one field, N ≥ 2) on lines of comma or tab separated fields, where the
    field is a plain number on every line and no quote comes before it: each line as it is,
    then its result, with no numpy (_spelling.pick reads the field, beside writes the lines).
    None for anything else: fields.py's paths print the same bytes."""
    spec: Any = task.fields  # a fields.Fields (importing it here would be a cycle)
    ranges: tuple[Any, ...] = getattr(spec, "ranges", ())
    names: tuple[Any, ...] = getattr(spec, "names", ())
    if len(ranges) != 1 or names or not task.with_input:
        return None
    first, last = ranges[0]
    sep = b"," if b"," in chunk else b"\t"
    if first != last or first < 2 or task.fmt not in ("plain", {b",": "csv", b"\t": "tsv"}[sep]):
        return None
    call = _job_kernel(task.job)
    if call is None or pick is None or any(byte in chunk for byte in b"\r\x01\x02"):  # CR: fields.py
        return None
    document = pick(chunk, first - 1, sep)
    if document is None:
        return None
    import orjson

    from .chunk import ChunkResult

    try:
        values, nulls = _array(orjson.loads(document))
    except (orjson.JSONDecodeError, TypeError):  # nan, a word, 1e999, [1]
        return None
    if nulls:  # an empty field
        return None
    text = _computed(task, call, values, [])
    if text is None:
        return None
    return ChunkResult(beside(chunk, text, sep, b"\n", False), lines=len(values), values=len(values))


def _document(body: bytes, words: bool) -> tuple[bytes, list[tuple[int, bytes]]]:
    """The lines (``body``: their ends as commas) as one JSON array, with each blank line and
    each word (nan, inf, -inf: not JSON) as a 0; and (index, word) for those, b"" for a blank
    line. Each is found by a search for it, so the cost is that of the lines that have them."""
    spans: list[tuple[int, int, bytes]] = []  # (start, end, the word) in body
    at = body.find(b",,")
    while at >= 0:  # a blank line between two others
        spans.append((at + 1, at + 1, b""))
        at = body.find(b",,", at + 1)
    if body[:1] in (b",", b""):
        spans.append((0, 0, b""))
    if body[-1:] == b",":
        spans.append((len(body), len(body), b""))
    at = body.find(b"n") if words else -1
    while at >= 0:
        start = body.rfind(b",", 0, at) + 1
        end = body.find(b",", at)
        end = len(body) if end < 0 else end
        if body[start:end] in _WORDS:
            spans.append((start, end, body[start:end]))
        at = body.find(b"n", end)
    if not spans:
        return b"[" + body + b"]", []
    spans.sort()
    pieces = [b"["]
    marks = []
    index = last = 0
    for start, end, word in spans:
        index += body.count(b",", last, start)
        pieces += (body[last:start], b"0")
        marks.append((index, word))
        last = end
    pieces += (body[last:], b"]")
    return b"".join(pieces), marks


def _respelled(text: bytes) -> bytes:
    """``text`` respelled by _spelling.c, or by ``respelled`` where it was not built."""
    return respelled(text) if _respell is None else _respell(text)


def respelled(text: bytes) -> bytes:
    """orjson's numbers as repr spells them. They differ only for 1e-9 <= |v| < 1e-4: orjson
    writes 1.5e-6 and 0.000015 where repr writes 1.5e-06 and 1.5e-05. The first kind is fixed
    by a replace() per exponent (bulk, in C); the second, rarer, by a search for each."""
    if text.find(b"e") >= 0:  # one byte: memchr, several times faster than a search for b"e-"
        for digit in b"56789":
            text = text.replace(b"e-%c," % digit, b"e-0%c," % digit)
        if text[-4:-2] == b"e-" and text[-2] in b"56789":
            text = text[:-2] + b"0" + text[-2:]
    pieces: list[bytes] = []
    last = 0
    at = text.find(b"0.0000")
    while at >= 0:
        end = at + 6
        if text[at - 1] in b",[-":  # a number's start: 0.0000D..., not 10.00001
            while text[end] not in b",]":
                end += 1
            digits = text[at + 6 : end]  # D then the rest: at least one digit, never e
            pieces += (text[last:at], digits[:1], b"." if len(digits) > 1 else b"", digits[1:], b"e-05")
            last = end
        at = text.find(b"0.0000", end)
    if not pieces:
        return text
    pieces.append(text[last:])
    return b"".join(pieces)
