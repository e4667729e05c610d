"""--softmax, --log-softmax and --logsumexp of stream lines on the fast path (stream/
softmax_lines.py, numeric/_rounded.c's softmax_rows) against the careful path, which computes
each line by Ziv's loop in mpmath: for any chunk, format, policy and temperature, the same bytes
and the same problems; and the compiled rows against that loop on many random rows."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_vector import _LINES, _chunk, _problems

from sigmoid_cli.jobs import Job
from sigmoid_cli.numeric import compiled
from sigmoid_cli.numeric import softmax as vectors
from sigmoid_cli.numeric.curve import Curve
from sigmoid_cli.stream import reader as stream
from sigmoid_cli.stream import softmax_lines
from sigmoid_cli.stream.reader import Task, process

needs_compiled = pytest.mark.skipif(compiled.module() is None, reason="the compiled rows are not built")


@settings(max_examples=120, deadline=None)
@given(
    st.lists(st.tuples(_LINES, st.booleans()), min_size=1, max_size=10),
    st.sampled_from(["nan", "skip", "fail"]),
    st.sampled_from(["plain", "tsv", "csv", "json", "jsonl"]),
    st.booleans(),
    st.sampled_from(vectors.KINDS),
    st.sampled_from([1.0, 0.5, 3.0]),
)
def test_softmax_lines_print_what_careful_prints(
    lines: list[tuple[str, bool]], policy: str, fmt: str, with_input: bool, kind: str, temperature: float
) -> None:
    chunk = _chunk([line for line, _ in lines], [cr for _, cr in lines])
    job = Job(Curve(), softmax=kind, temperature=temperature)  # type: ignore[arg-type]
    task = Task(job, fmt, with_input, policy)  # type: ignore[arg-type]
    got, want = process(task, chunk), stream._careful(task, chunk)
    assert got.output == want.output
    assert _problems(got) == _problems(want)
    assert (got.values, got.lines) == (want.values, want.lines)


@pytest.mark.parametrize("kind", vectors.KINDS)
def test_number_lines_take_the_fast_path(kind: str) -> None:
    chunk = b"1,2,3\n1000 1001 1002\n\n-1\t0.5\t2\n7\n"
    task = Task(Job(Curve(), softmax=kind), "plain", False, "fail")  # type: ignore[arg-type]
    assert softmax_lines.applies(task)
    fast = softmax_lines.lines(task, chunk)
    assert isinstance(fast, stream.ChunkResult)
    assert fast.output == stream._careful(task, chunk).output


@needs_compiled
@pytest.mark.parametrize("kind", vectors.KINDS)
@pytest.mark.parametrize("temperature", [1.0, 0.7, 4.0])
def test_compiled_rows_are_the_correctly_rounded_ones(kind: str, temperature: float) -> None:
    """Random rows of 1 to 6 values over several scales, with ties, zeros, huge and tiny values:
    every row the compiled code decides has the digits of the Ziv loop (tests/test_softmax.py
    checks that loop against mpmath at 400 bits)."""
    rng = np.random.default_rng(len(kind) + int(temperature * 10))
    for width in range(1, 7):
        for scale in (1e-6, 1.0, 30.0, 800.0):
            z = rng.normal(0.0, scale, (250, width))
            z[::7] = np.round(z[::7])
            z[1] = 1000.0 + np.arange(width)
            z[2] = 0.0
            z[3, 0] = -5000.0
            z[4, 0] = 1e300
            z[5] = 5e-324
            results, left = vectors.rows(z, kind, temperature)  # type: ignore[arg-type]
            assert len(left) < 0.9 * len(z)
            open_rows = set(left.tolist())
            for i, row in enumerate(z.tolist()):
                if i in open_rows:
                    continue
                want = vectors.vector(row, kind, temperature)  # type: ignore[arg-type]
                got = [float(results[i])] if kind == "logsumexp" else results[i].tolist()
                assert [repr(v) for v in got] == [repr(v) for v in want], (row, kind, temperature)
