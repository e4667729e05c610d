"""The commonest stream without numpy: one number per line, a correctly rounded logistic result.

`sigmoid eval < data` with σ, 1 − σ, log σ, σ', L·σ(k(x − x0)) or logit: orjson reads the chunk
(its newlines as commas, one JSON array), the compiled kernels (numeric/_rounded_c) compute
every value in place in an ``array('d')``, and orjson prints the results; the few values the
kernels leave open are computed one by one as `sigmoid eval VALUE` computes them. Importing
numpy costs a worker about 80 ms, as long as this path takes for 500,000 lines: a stream that
never needs it never imports it (cli/launch.py chooses the warm-up: reader.warm_up_lean).

Anything else returns None and goes on to the vector path (vector.py), which prints the same
bytes: another layout or format, a blank line, nan, a word, a value outside logit's domain,
no compiled kernels.
"""

from __future__ import annotations

from array import array
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .chunk import ChunkResult, Task

# Bytes that rule out one plain number per line for orjson: values on a line, CRLF, and what
# orjson reads as something else (true, false, null, strings, arrays, objects).
_NOT_ONE_PER_LINE = b',\r"tfl[]{}'
_FORMATS = ("plain", "tsv", "csv", "jsonl")  # one result per line: the same text in each


def likely(options: dict[str, Any]) -> bool:
    """Whether eval's or grad's options (cli/quick.py's reading of them) make a task that
    ``kernel`` takes, so that the workers can leave numpy out of their warm-up (a wrong guess
    costs only time)."""
    return (
        options["fn"] == "logistic"
        and options.get("order", 0) <= 1
        and options.get("wrt", "x") == "x"
        and not options.get("check", False)
        and str(options["fmt"]) in _FORMATS
        and str(options["dtype"]) == "float64"
        and options["digits"] is None
        and not options["exact"]
        and not options["with_input"]
        and options["fields"] is None
    )


def kernel(task: Task) -> tuple[Any, ...] | None:
    """The compiled kernel's function and arguments for this task's results, or None when this
    path does not apply to the task."""
    job = task.job
    if (
        task.fmt not in _FORMATS
        or task.with_input
        or task.fields is not None
        or not job.vectorised
        or job.float32
        or job.wrt not in (None, "x")
    ):
        return None
    from sigmoid_cli.numeric import curve as numeric

    return numeric.compiled_kernel(job.curve)


def column(task: Task, chunk: bytes) -> ChunkResult | None:
    """The chunk's output when every line is one number this path computes, else None."""
    call = kernel(task)
    if call is None or not chunk or any(byte in chunk for byte in _NOT_ONE_PER_LINE):
        return None
    import orjson

    from sigmoid_cli.errors import DataError
    from sigmoid_cli.numeric import curve as numeric

    from .chunk import ChunkResult

    try:
        values = array("d", orjson.loads(b"[" + chunk[:-1].replace(b"\n", b",") + b"]"))
    except (orjson.JSONDecodeError, TypeError):  # a blank line, nan, two values on a line...
        return None
    if not values:  # one blank line
        return None
    function, *arguments = call
    for index in array("q", function(values, values, *arguments)).tolist():  # in place
        try:
            values[index] = numeric.float_value(task.job.curve, values[index])
        except DataError:  # outside logit's domain: the vector path says where
            return None
    text = _respelled(orjson.dumps(values.tolist()))
    if b"null" in text:  # a result that is not a JSON number (inf, nan): the vector path
        return None
    count = len(values)
    if task.fmt == "jsonl":
        return ChunkResult(text.replace(b",", b"]\n[") + b"\n", lines=count, values=count)
    lines = memoryview(text.replace(b",", b"\n"))
    return ChunkResult(b"".join((lines[1:-1], b"\n")), lines=count, values=count)


def _respelled(text: bytes) -> bytes:
    """``text`` respelled by _spelling.c, or by ``respelled`` where it was not built."""
    try:
        from ._spelling import respell  # type: ignore[import-not-found]
    except ImportError:
        return respelled(text)
    return respell(text)  # type: ignore[no-any-return]


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
