"""--softmax, --log-softmax and --logsumexp in a stream: each line is one vector.

A chunk of number lines is read as the vector path reads it (vector.py: numpy finds the
tokens, orjson reads them); its lines are grouped by how many values they hold, each group is
one matrix whose rows numeric.softmax.rows computes in C, correctly rounded (the rows it leaves
open, about one in 10^6 of random lines, are computed by numeric.softmax.vector, as the careful
path computes every line), and the results are printed in the layout of the input, as eval's
are. A line with a bad value goes to the careful path alone (Decline), which says where.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .chunk import ChunkResult, Decline, Task


def applies(task: Task) -> bool:
    """Whether the task is one of the three, in a layout this path prints as the careful one."""
    job = task.job
    if job.softmax is None or job.mode != "float":
        return False
    if task.with_input:  # the input beside results: vector.py's layout of the line formats
        return job.softmax != "logsumexp" and task.fmt not in ("json", "jsonl")
    return True


def lines(task: Task, chunk: bytes) -> ChunkResult | Decline | None:
    """The chunk's output; Decline for a line with a bad value (or too many values); None when
    a byte outside a number line's alphabet is in it."""
    import numpy as np

    from sigmoid_cli.numeric import softmax

    from . import vector
    from .chunk import ChunkResult, Decline

    if chunk.translate(None, vector.ALPHABET):
        return None
    if vector.windows_lines(task, chunk):
        return vector.as_windows_lines(lines(task, chunk.replace(b"\r\n", b"\n")))
    tokens = vector._tokenize(chunk)
    x, problems = vector._read(tokens, chunk)
    counts = np.bincount(tokens.line, minlength=tokens.lines)
    too_long = np.flatnonzero(counts > softmax.MAX_VALUES)
    if problems or len(too_long):
        bad = [int(tokens.line[i]) for i in problems] + too_long.tolist()
        return Decline(min(bad))
    kind = task.job.softmax
    assert kind is not None
    temperature = task.job.temperature
    first = np.concatenate(([0], np.cumsum(counts)[:-1]))  # each line's first token
    per_line = kind == "logsumexp"
    y = np.empty(tokens.lines if per_line else len(x))
    for width in np.unique(counts[counts > 0]).tolist():
        rows = np.flatnonzero(counts == width)
        at = first[rows][:, None] + np.arange(width)
        z = x[at]
        results, left = softmax.rows(z, kind, temperature)
        for row in left.tolist():
            exact = softmax.vector(z[row].tolist(), kind, temperature)
            results[row] = exact[0] if per_line else exact
        if per_line:
            y[rows] = results
        else:
            y[at] = results
    vectors = int(np.count_nonzero(counts))  # logsumexp: one value for a line's values
    result = ChunkResult(b"", lines=tokens.lines, values=vectors if per_line else len(x))
    if per_line:  # one result a line: printed as if each line held one value, its first
        filled = np.flatnonzero(counts > 0)
        starts = tokens.starts[first[filled]]
        tokens = replace(tokens, starts=starts, ends=starts + 1, line=filled, single=False)
        y = y[filled]
    if task.with_input:
        result.output = vector._with_input(task, chunk, tokens, x, y.reshape(-1, 1))
    else:
        result.output = vector._results(task, tokens, y.reshape(-1, 1))
    return result
