"""The vector path against the careful path: for any chunk of lines, every format, policy and
job, both print the same bytes and report the same problems at the same places."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sigmoid_cli.jobs import Job
from sigmoid_cli.numeric.curve import Curve
from sigmoid_cli.stream import reader as stream
from sigmoid_cli.stream.reader import Task, process
from sigmoid_cli.stream.vector import Decline, vector

_FLOATS = st.floats(allow_nan=False, allow_infinity=False, width=64)
_TOKENS = st.one_of(
    _FLOATS.map(repr),
    st.floats(-40, 40).map(repr),
    _FLOATS.map(lambda x: f"{x:.18e}"),
    st.integers(-(10**25), 10**25).map(str),
    st.sampled_from(
        [
            "nan",
            "inf",
            "-inf",
            "+inf",
            "NaN",
            "Inf",
            "-0",
            "-0.0",
            "0",
            ".5",
            "5.",
            "+1",
            "01",
            "1e999",
            "-1e999",
            "1e-400",
            "1E5",
            "1e5e",
            "--1",
            "-",
            "e",
            "naan",
            "infinity",
            "1_0",
            "0x10",
            "pi/4",
            "abc",
            "1e-320",
            "9.99e-5",
            "1.5e-5",
            "0.00001",
        ]
    ),
)
_SEPARATORS = st.sampled_from([" ", ",", "\t", ", ", "  ", " ,"])
_LINES = st.one_of(
    st.tuples(st.lists(_TOKENS, min_size=1, max_size=4), _SEPARATORS).map(lambda t: t[1].join(t[0])),
    st.sampled_from(["", " ", ",", "\t1", "1 ", " 1,2 ", "\x0c3"]),
)
_JOBS = {
    "sigmoid": Job(Curve()),
    "complement": Job(Curve(complement=True)),
    "log": Job(Curve(log=True)),
    "inverse": Job(Curve(inverse=True)),
    "float32": Job(Curve(), float32=True),
    "generalised": Job(Curve(k=2.0, x0=1.0, L=1e20)),
    "grad": Job(Curve(order=1), wrt="x"),
    "grad-all": Job(Curve(order=1), wrt="all"),
    "tanh": Job(Curve(fn="tanh")),
}


def _problems(result: stream.ChunkResult) -> list[tuple[int, int, str, str]]:
    found = [*result.problems, *([result.fatal] if result.fatal else [])]
    return [(p.line, p.index, p.text, p.message) for p in found]


def _chunk(lines: list[str], crlf: list[bool]) -> bytes:
    return b"".join((line + ("\r\n" if cr else "\n")).encode() for line, cr in zip(lines, crlf, strict=False))


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(_LINES, st.booleans()), min_size=1, max_size=12),
    st.sampled_from(["nan", "skip", "fail"]),
    st.sampled_from(["plain", "tsv", "csv", "json", "jsonl"]),
    st.booleans(),
    st.sampled_from(sorted(_JOBS)),
)
def test_vector_prints_what_careful_prints(
    lines: list[tuple[str, bool]], policy: str, fmt: str, with_input: bool, job: str
) -> None:
    chunk = _chunk([line for line, _ in lines], [cr for _, cr in lines])
    task = Task(_JOBS[job], fmt, with_input, policy)  # type: ignore[arg-type]
    got, want = process(task, chunk), stream._careful(task, chunk)
    assert got.output == want.output
    assert _problems(got) == _problems(want)
    assert (got.values, got.lines) == (want.values, want.lines)


@pytest.mark.parametrize(
    "chunk",
    [b"1,2\n3,4\n", b"0.5\r\n-1\r\n", b"\n\n1\n\n", b"nan\ninf\n-inf\n", b"1e-7\n-20\n-700\n"],
)
@pytest.mark.parametrize("fmt", ["plain", "tsv", "csv", "json", "jsonl"])
def test_number_chunks_stay_on_the_vector_path(chunk: bytes, fmt: str) -> None:
    task = Task(Job(Curve()), fmt, False, "fail")  # type: ignore[arg-type]
    got = vector(task, chunk)
    assert isinstance(got, stream.ChunkResult)
    assert got.output == stream._careful(task, chunk).output


def test_a_bad_value_under_fail_declines_at_its_line() -> None:
    for policy, with_input in (("fail", False), ("nan", True)):
        task = Task(Job(Curve()), "plain", with_input, policy)  # type: ignore[arg-type]
        got = vector(task, b"1\n2 3\n4 1e5e\n5\n")
        assert isinstance(got, Decline) and got.line == 2


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.floats(width=64), min_size=0, max_size=60),
    st.booleans(),
    st.booleans(),
)
def test_numbers_are_spelled_as_repr_over_the_whole_range(
    values: list[float], float32: bool, fmt_json: bool
) -> None:
    """orjson prints, the spelling is fixed in bulk: every value reads as format_float (or
    format_float32) prints it, and the boundaries are where the commas are."""
    import numpy as np

    from sigmoid_cli.numeric.text import format_float, format_float32
    from sigmoid_cli.stream.vector import print_numbers

    array = np.array(values, dtype=np.float64)
    with np.errstate(over="ignore"):
        text, boundaries = print_numbers(array, fmt_json, float32)
        rounded = array.astype(np.float32).tolist() if float32 else values
    want = [(format_float32 if float32 else format_float)(v) for v in rounded]
    if fmt_json:
        want = ["null" if w in ("nan", "inf", "-inf") else w for w in want]
    assert text == ("[" + ",".join(want) + "]").encode()
    assert bytes(text[i] for i in boundaries) == b"[" + b"," * max(len(values) - 1, 0) + b"]"


@pytest.mark.parametrize(
    "values",
    [[1.5e-5, -1.5e-5, 1e-5, 9.99e-5, 2e-5], [1.5e-6, -3e-7, 1e-9, 9.99e-10], [0.5, 1e-4, 12.0, -0.0]],
)
def test_small_numbers_in_bulk(values: list[float]) -> None:
    import numpy as np

    from sigmoid_cli.stream.vector import print_numbers

    text, _ = print_numbers(np.array(values), False)
    assert text.decode() == "[" + ",".join(map(repr, values)) + "]"


@pytest.mark.parametrize("seed", range(4))
def test_many_small_numbers_are_respelled_in_bulk(seed: int) -> None:
    """Past a few hundred, values below 1e-4 are respelled by whole-array edits, not one by one."""
    import numpy as np

    from sigmoid_cli.numeric.text import format_float
    from sigmoid_cli.stream import vector as engine

    rng = np.random.default_rng(seed)
    values = rng.choice([-1.0, 1.0], 5000) * 10.0 ** rng.uniform(-12, 2, 5000)
    values[::97] = np.nan
    assert ((np.abs(values) < 1e-4) & (np.abs(values) >= 1e-9)).sum() > engine._FEW
    text, boundaries = engine.print_numbers(values, False)
    assert text.decode() == "[" + ",".join(map(format_float, values.tolist())) + "]"
    assert bytes(text[i] for i in boundaries) == b"[" + b"," * (len(values) - 1) + b"]"
