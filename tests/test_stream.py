"""The stream engine: both paths agree, layout is mirrored, positions are absolute, chunks
and worker processes change nothing but speed."""

from __future__ import annotations

import io
import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sigmoid_cli.jobs import Job
from sigmoid_cli.numeric.curve import Curve
from sigmoid_cli.stream import reader as stream
from sigmoid_cli.stream.reader import Task, process, run
from sigmoid_cli.stream.vector import vector


def _task(
    policy: str = "fail", fmt: str = "plain", with_input: bool = False, curve: Curve | None = None
) -> Task:
    return Task(Job(curve or Curve()), fmt, with_input, policy)  # type: ignore[arg-type]


def _run(data: bytes, task: Task) -> tuple[bytes, stream.Summary]:
    sink = io.BytesIO()
    summary = run(task, io.BytesIO(data), sink, interactive=False)
    return sink.getvalue(), summary


@pytest.fixture(autouse=True)
def _inline_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIGMOID_WORKERS", "0")


def test_fast_and_careful_paths_print_the_same() -> None:
    rng = random.Random(7)
    xs = [rng.uniform(-800, 800) for _ in range(3000)] + [-10.0, -11.5, -9.9, 1e-300, 0.0, -0.0, 40.0, -40.0]
    chunk = "".join(f"{x!r}\n" for x in xs).encode()
    fast = vector(_task(), chunk)
    assert isinstance(fast, stream.ChunkResult)
    careful = stream._careful(_task(), chunk)
    assert bytes(fast.output) == careful.output
    assert fast.lines == careful.lines == len(xs)


def _problems(result: stream.ChunkResult) -> list[tuple[int, int, str, str]]:
    found = [*result.problems, *([result.fatal] if result.fatal else [])]
    return [(p.line, p.index, p.text, p.message) for p in found]


_ODD_LINES = [
    b"nan",
    b"inf",
    b"-inf",
    b"",
    b"abc",
    b" ",
    b"1 2",
    b"1,2",
    b"\r",
    b".5",
    b"+3",
    b"1e999",
    b"7.",
]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(st.floats(-800, 800).map(lambda x: repr(x).encode()), st.sampled_from(_ODD_LINES)),
        min_size=1,
    ),
    st.sampled_from(["nan", "skip", "fail"]),
)
def test_odd_lines_take_the_careful_path_alone_and_change_nothing(lines: list[bytes], policy: str) -> None:
    """A chunk with a few odd lines is split: plain runs fast, odd lines careful; the output,
    the problems and their line and value numbers are those of the careful path for it all."""
    chunk = b"\n".join([*([b"0.5"] * 50), *lines, *([b"-2.25"] * 50)]) + b"\n"
    task = _task(policy)
    split, whole = process(task, chunk), stream._careful(task, chunk)
    assert split.output == whole.output
    assert _problems(split) == _problems(whole)
    assert (split.values, split.lines) == (whole.values, whole.lines)


@pytest.mark.parametrize("odd, careful", [(b"abc", [1]), (b"nan", []), (b"1e999", []), (b"", [])])
def test_one_odd_line_leaves_the_rest_of_its_chunk_on_the_fast_path(
    monkeypatch: pytest.MonkeyPatch, odd: bytes, careful: list[int]
) -> None:
    """A word takes the careful path alone; nan, a bad number or a blank line not even that."""
    chunk = b"".join(f"{x}\n".encode() for x in range(-500, 500)) + odd + b"\n" + b"0.25\n" * 999
    careful_lines: list[int] = []
    original = stream._careful

    def counting(task: Task, part: bytes) -> stream.ChunkResult:
        careful_lines.append(part.count(b"\n"))
        return original(task, part)

    monkeypatch.setattr(stream, "_careful", counting)
    result = process(_task("nan"), chunk)
    assert careful_lines == careful
    assert result.lines == 2000 and result.output.count(b"\n") == 2000


@pytest.mark.parametrize(
    "chunk",
    [
        b"1,2\n",
        b"inf\n",
        b"nan\n",
        b".5\n",
        b"+1\n",
        b"1\n\n2\n",
        b"true\n",
        b'"1"\n',
        b"[1]\n",
        b" \n",
        b"1e400\n",
    ],
)
def test_vector_path_reads_what_the_careful_path_reads(chunk: bytes) -> None:
    for policy in ("nan", "skip", "fail"):
        task = _task(policy)
        split, whole = process(task, chunk), stream._careful(task, chunk)
        assert (split.output, _problems(split), split.values) == (
            whole.output,
            _problems(whole),
            whole.values,
        )


def test_small_results_are_spelled_like_repr() -> None:
    """orjson writes 0.00001 and 1e-7; our format (Python's repr) writes 1e-05 and 1e-07."""
    import numpy as np

    from sigmoid_cli import sigmoid

    xs = [-11.512925464970229, -16.11809565095832, -9.9, -700.0, 37.0]
    out = process(_task(), "".join(f"{x!r}\n" for x in xs).encode()).output
    assert bytes(out).decode().split() == [repr(v) for v in sigmoid(np.array(xs)).tolist()]
    assert "e-05" in bytes(out).decode() and "e-06" in bytes(out).decode()


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.lists(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6), max_size=4),
        min_size=1,
        max_size=30,
    ),
    st.sampled_from([" ", ",", "\t", ", "]),
)
def test_layout_is_mirrored(lines: list[list[float]], separator: str) -> None:
    data = "".join(separator.join(repr(v) for v in line) + "\n" for line in lines).encode()
    out, summary = _run(data, _task())
    got = out.decode().split("\n")[:-1]
    assert len(got) == len(lines)
    for values, text in zip(lines, got, strict=True):
        cells = [c for c in text.replace(",", " ").replace("\t", " ").split(" ") if c]
        assert len(cells) == len(values)
        if len(values) > 1:  # plain keeps the line's separator: comma, tab or space
            assert (separator.strip() or separator) in text
    assert summary.values == sum(len(line) for line in lines)


def test_positions_are_absolute_across_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream, "CHUNK_BYTES", 64)
    monkeypatch.setattr(stream, "LEAN_CHUNK_BYTES", 64)
    data = "".join(f"{i}\n" for i in range(500)).encode() + b"1 2 oops\n7\n"
    out, summary = _run(data, _task())
    assert summary.fatal is not None
    assert (summary.fatal.line, summary.fatal.index, summary.fatal.text) == (501, 3, "oops")
    assert out.decode().count("\n") == 500  # every line before it, not the half line


@pytest.mark.parametrize("workers", ["0", "2"])
def test_workers_change_nothing_but_speed(monkeypatch: pytest.MonkeyPatch, workers: str) -> None:
    monkeypatch.setenv("SIGMOID_WORKERS", workers)
    monkeypatch.setattr(stream, "CHUNK_BYTES", 4096)
    monkeypatch.setattr(stream, "LEAN_CHUNK_BYTES", 4096)
    rng = random.Random(3)
    lines = [repr(rng.gauss(0, 3)) for _ in range(20_000)]
    lines[12_345] = "pi/4, abc"
    data = ("\n".join(lines) + "\n").encode()
    out, summary = _run(data, _task("nan"))
    got = out.decode().split("\n")
    assert len(got) == 20_001 and got[12_345] == f"{1 / (1 + math.exp(-math.pi / 4))!r},nan"
    assert summary.problems == 1 and summary.first is not None and summary.first.line == 12_346


def test_chunks_too_big_for_a_slot_keep_their_place(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks and outputs over the shared slot's size go through the pipe, in between ones
    that fit; the order and every byte stay the same as without workers."""
    from sigmoid_cli.stream import workers as parallel

    monkeypatch.setattr(stream, "CHUNK_BYTES", 2048)

    monkeypatch.setattr(stream, "LEAN_CHUNK_BYTES", 2048)
    rng = random.Random(5)
    # Lines of one or nine values, so chunk and output sizes straddle the slot size.
    lines = [", ".join(repr(rng.gauss(0, 3)) for _ in range(rng.choice([1, 1, 9]))) for _ in range(3_000)]
    data = ("\n".join(lines) + "\n").encode()
    expected, _ = _run(data, _task("nan"))
    monkeypatch.setattr(parallel, "SLOT_BYTES", 2100)
    monkeypatch.setenv("SIGMOID_WORKERS", "2")
    got, summary = _run(data, _task("nan"))
    assert got == expected and summary.lines == 3_000


def test_long_line_error_names_its_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from sigmoid_cli.errors import DataError

    monkeypatch.setattr(stream, "MAX_LINE_BYTES", 1000)
    monkeypatch.setattr(stream, "CHUNK_BYTES", 256)
    monkeypatch.setattr(stream, "LEAN_CHUNK_BYTES", 256)
    sink = io.BytesIO()
    with pytest.raises(DataError, match="line 3 is longer"):
        run(_task(), io.BytesIO(b"1\n2\n" + b"3" * 5000 + b"\n"), sink, interactive=False)
    assert sink.getvalue() == b"0.7310585786300049\n0.8807970779778824\n"


def test_json_stream_is_one_document() -> None:
    import json

    out, _ = _run(b"0\n\n1 2\n", _task(fmt="json"))
    assert json.loads(out) == [0.5, 0.7310585786300049, 0.8807970779778824]
    empty, _ = _run(b"", _task(fmt="json"))
    assert json.loads(empty) == []


def test_interactive_mode_answers_line_by_line() -> None:
    class OneLineAtATime(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            raise AssertionError("interactive mode must not read ahead")

    sink = io.BytesIO()
    run(_task(), OneLineAtATime(b"0\n1\n"), sink, interactive=True)
    assert sink.getvalue() == b"0.5\n0.7310585786300049\n"


def test_domain_errors_in_a_stream() -> None:
    out, summary = _run(b"0.5\n2\n", _task("skip", curve=Curve(inverse=True)))
    assert out == b"0.0\n\n"
    assert summary.first is not None and "outside the domain" in summary.first.message
