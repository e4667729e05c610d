"""stream/lean.py, one number per line without numpy: the same bytes as the vector path, for
the jobs and formats it takes, and None (the vector path's turn) for everything else."""

from __future__ import annotations

import random

import pytest

from sigmoid_cli.jobs import Job
from sigmoid_cli.numeric import compiled
from sigmoid_cli.numeric.curve import Curve
from sigmoid_cli.stream import lean, vector
from sigmoid_cli.stream.chunk import Decline
from sigmoid_cli.stream.reader import ChunkResult, Task, process

needs_kernels = pytest.mark.skipif(compiled.module() is None, reason="the compiled kernels were not built")

JOBS = {
    "sigma": Job(Curve()),
    "complement": Job(Curve(complement=True)),
    "log": Job(Curve(log=True)),
    "log-complement": Job(Curve(log=True, complement=True)),
    "grad": Job(Curve(order=1), wrt="x"),
    "general": Job(Curve(k=2.5, x0=-1.0, L=1e20)),
    "logit": Job(Curve(inverse=True)),
    "second": Job(Curve(order=2), wrt="x"),
    "second-general": Job(Curve(order=2, k=-1.5, x0=2.0, L=7.0, complement=True), wrt="x"),
}


def _inputs(seed: int, count: int = 3000) -> list[str]:
    """Numbers as files hold them: repr, integers, %.18e, exponents, -0, tails."""
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        x = rng.choice([rng.gauss(0, 1), rng.gauss(0, 30), rng.uniform(-800, 800)])
        texts.append(rng.choice([repr(x), str(round(x)), f"{x:.18e}", f"{x:.3E}", "-0", "0", " 2 "]))
    return texts


def _vector_only(task: Task, chunk: bytes, monkeypatch: pytest.MonkeyPatch) -> bytes:
    with monkeypatch.context() as patch:
        patch.setattr(vector, "column", lambda task, chunk: None)
        result = vector.vector(task, chunk)
    assert isinstance(result, ChunkResult)
    return result.output


@needs_kernels
@pytest.mark.parametrize(
    ("fmt", "with_input"),
    [(f, False) for f in ("plain", "tsv", "csv", "jsonl")] + [(f, True) for f in ("plain", "tsv", "csv")],
)
@pytest.mark.parametrize("name", list(JOBS))
def test_it_prints_what_the_vector_path_prints(
    name: str, fmt: str, with_input: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    task = Task(JOBS[name], fmt, with_input, "fail")
    texts = _inputs(len(name) * 7 + len(fmt))
    if name == "logit":  # its domain: p in [0, 1]
        texts = [repr(random.Random(i).random()) for i in range(3000)] + ["0.5", "1e-300", "0.9999999999"]
    chunk = ("\n".join(texts) + "\n").encode()
    result = lean.column(task, chunk)
    assert result is not None
    assert (result.lines, result.values) == (len(texts), len(texts))
    assert result.output == _vector_only(task, chunk, monkeypatch)


DIRTY = [
    b"\n",
    b"\n\n0.5\n",
    b"0.5\n\n\n1\n\n",
    b"nan\n",
    b"inf\n-inf\nnan\nnan\n2\n",
    b"1\r\n\r\n-inf\r\n",
    b"0.5\n1e-300\n-1e-300\n",
]


@needs_kernels
@pytest.mark.parametrize(
    ("fmt", "with_input"),
    [("plain", False), ("csv", False), ("jsonl", False), ("plain", True), ("csv", True)],
)
@pytest.mark.parametrize("name", ["sigma", "log", "grad", "logit"])
@pytest.mark.parametrize("chunk", DIRTY)
def test_blank_lines_nan_and_inf_as_the_vector_path_prints_them(
    chunk: bytes, name: str, fmt: str, with_input: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    task = Task(JOBS[name], fmt, with_input, "fail")
    result = lean.column(task, chunk)
    want = vector.vector(task, chunk)
    if not isinstance(want, ChunkResult):  # logit of a value outside [0, 1]: an error to place
        assert result is None
        return
    assert result is not None
    assert (result.output, result.lines, result.values) == (
        _vector_only(task, chunk, monkeypatch),
        want.lines,
        want.values,
    )


@needs_kernels
@pytest.mark.parametrize(
    "chunk",
    [b"1,2\n", b"1 2\n", b"1\r\n2\n", b".5\n", b"+1\n", b"[1]\n", b"nane\n", b" nan\n", b"true\n"],
)
def test_other_lines_are_the_vector_paths(chunk: bytes) -> None:
    assert lean.column(Task(JOBS["sigma"], "plain", False, "fail"), chunk) is None


@needs_kernels
def test_a_word_is_cut_out_where_orjson_stopped() -> None:
    """A line with a byte no number line holds goes to the careful path alone: lean says so
    where orjson stopped, so that the reader cuts such lines out without another look first."""
    task = Task(JOBS["sigma"], "plain", False, "nan")
    chunk = b"0.5\n-1\nabc\n2\n"
    declined = lean.column(task, chunk)
    assert isinstance(declined, Decline) and declined.odd
    assert lean.column(task, b".5\n") is None  # the vector path reads it
    whole = process(task, chunk)
    assert whole.output == b"0.6224593312018546\n0.2689414213699951\nnan\n0.8807970779778824\n"
    assert [(p.line, p.text) for p in whole.problems] == [(3, "abc")]
