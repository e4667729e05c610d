"""A second reading of the stream's vector path (stream/vector.py) and --fields' whole-array
path (fields._uniform) against their references (reader._careful, and fields with _uniform
off). The ``test_once_*`` tests pin disagreements a review found, now fixed (minimal input,
task and both outputs in each docstring); the ``test_fuzz_*`` tests are wider searches."""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sigmoid_cli.jobs import Job
from sigmoid_cli.numeric.curve import Curve
from sigmoid_cli.stream import fields as F
from sigmoid_cli.stream import reader as stream
from sigmoid_cli.stream.reader import Task, process

JOBS = {
    "sigmoid": Job(Curve()),
    "complement": Job(Curve(complement=True)),
    "log": Job(Curve(log=True)),
    "logc": Job(Curve(log=True, complement=True)),
    "inverse": Job(Curve(inverse=True)),
    "inverse-L2": Job(Curve(inverse=True, L=2.0, k=-3.0, x0=1.0)),
    "float32": Job(Curve(), float32=True),
    "f32inv": Job(Curve(inverse=True), float32=True),
    "gen": Job(Curve(k=2.0, x0=1.0, L=1e20)),
    "gen2": Job(Curve(k=-3.0, x0=-2.0, L=1e-7)),
    "f32gen": Job(Curve(k=2.0, x0=1.0, L=1e20), float32=True),
    "grad": Job(Curve(order=1), wrt="x"),
    "grad2": Job(Curve(order=2), wrt="x"),
    "grad-all": Job(Curve(order=1), wrt="all"),
    "f32all": Job(Curve(order=1), wrt="all", float32=True),
    "tanh": Job(Curve(fn="tanh")),
    "invtanh": Job(Curve(fn="tanh", inverse=True)),
}


def _problems(result: stream.ChunkResult) -> list[tuple[int, int, str, str]]:
    found = [*result.problems, *([result.fatal] if result.fatal else [])]
    return [(p.line, p.index, p.text, p.message) for p in found]


def _both(task: Task, chunk: bytes) -> tuple[tuple, tuple]:
    got, want = process(task, chunk), stream._careful(task, chunk)
    return (
        (got.output, _problems(got), got.values, got.lines),
        (want.output, _problems(want), want.values, want.lines),
    )


def _fields_both(task: Task, chunk: bytes) -> tuple[tuple, tuple]:
    got = F.process_fields(task, chunk)
    with mock.patch.object(F, "_uniform", lambda *a: None):
        want = F.process_fields(task, chunk)
    return (
        (got.output, _problems(got), got.values, got.lines),
        (want.output, _problems(want), want.values, want.lines),
    )


# --- BUGS: these fail on the reviewed commit ----------------------------------------------------


@pytest.mark.parametrize("policy", ["nan", "skip", "fail"])
@pytest.mark.parametrize("chunk", [b"null\n", b" null\n", b"1\nnull\n"])
def test_once_null_is_a_bad_value_not_nan(chunk: bytes, policy: str) -> None:
    """BUG (vector._one_per_line): a one-number-per-line chunk holding the word `null` goes to
    orjson before the ALPHABET check; orjson reads null as None and np.fromiter turns None into
    nan. No problem is reported: `printf 'null\\n' | sigmoid eval --on-error fail` prints `nan`,
    exit 0. careful: "line 1, value 1: 'null' is not a number" (fail: nothing printed, exit 1;
    skip: an empty line). careful is right."""
    got, want = _both(Task(Job(Curve()), "plain", False, policy), chunk)  # type: ignore[arg-type]
    assert got == want


@pytest.mark.parametrize("job", ["tanh", "invtanh", "grad-all"])
@pytest.mark.parametrize("chunk", [b" -0\n", b"\t-0\n", b" -0\n1\n"])
def test_once_minus_zero_keeps_its_sign_after_leading_blanks(chunk: bytes, job: str) -> None:
    """BUG (vector._one_per_line): the -0 fix looks at the byte at the start of the *line*,
    not of the token, so ` -0` (orjson's integer 0) becomes +0.0. --fn tanh prints `0.0`
    where careful prints `-0.0` (grad --wrt all: d/dk `0.0` against `-0.0`). careful is right
    (tanh(-0.0) is -0.0; unindented `-0` gives -0.0 on both paths)."""
    got, want = _both(Task(JOBS[job], "plain", False, "nan"), chunk)
    assert got == want


@pytest.mark.parametrize("chunk", [b"1\r\r\n", b"0.0\r\r\n2\r\n", b"\r\r\n"])
def test_once_a_cr_before_crlf_is_a_separator(chunk: bytes) -> None:
    """DISAGREEMENT (vector's all-CRLF shortcut): for a line ending `\\r\\r\\n`, careful takes the
    first \\r as a separator and keeps one \\r (`0.7310585786300049\\r\\n`); vector strips the
    \\r\\n, sees `1\\r`, mirrors its \\r, then adds \\r\\n back: `0.7310585786300049\\r\\r\\n`.
    The spec says careful is the reference; for the user it means the number of CRs printed
    depends on the rest of the chunk (a chunk that is mostly odd lines goes careful)."""
    got, want = _both(Task(Job(Curve()), "plain", False, "nan"), chunk)
    assert got == want


@pytest.mark.parametrize(
    ("chunk", "job", "with_input"),
    [
        (b"1,x\n2\n", "sigmoid", True),  # uniform: `2,0.88...`  line path: `2 0.88...`
        (b"1\t2\n3\n", "sigmoid", True),  # uniform: `3\t0.95...` line path: `3 0.95...`
        (b"3\n1,2\n", "float32", True),
        (b"1\n0.0,0.0\n", "grad-all", False),  # uniform: `0.19..,0.19..,..` line path: spaces
    ],
)
def test_once_a_one_field_line_keeps_its_own_separator(chunk: bytes, job: str, with_input: bool) -> None:
    """BUG (fields._uniform, plain format): the separator is chosen once for the chunk (comma
    if any line has one, else tab). A line with a single field (no comma, no tab) is a
    space-separated line to the line-by-line path (docs: 'a line's separator is its own'), so
    `-f 1 -i` on `1,x\\n2\\n` prints `2 0.8807970779778824` there but `2,0.8807970779778824`
    on the whole-array path. End to end the output depends on chunking:
    `printf '1,x\\n2\\n' | sigmoid eval -f 1 -i` prints `2,0.88...`, with --unbuffered
    `2 0.88...`. The line path is right (its rule is the documented one and it does not depend
    on the other lines of the chunk)."""
    task = Task(JOBS[job], "plain", with_input, "nan", fields=F.parse_fields("1", False))
    got, want = _fields_both(task, chunk)
    assert got == want


# --- wider searches (these pass) ----------------------------------------------------------------

_TOKENS = st.one_of(
    st.floats(width=64).map(repr),
    st.floats(-1, 1).map(repr),
    st.floats(-800, 800).map(lambda v: f"{v:.25g}"),
    st.floats(1e-12, 1e-3).map(repr),
    st.integers(-(2**70), 2**70).map(str),
    st.sampled_from(
        [
            "nan",
            "NaN",
            "-nan",
            "+nan",
            "inf",
            "-inf",
            "+inf",
            "Inf",
            "-Infinity",
            "infinity",
            "-0",
            "+0",
            "0",
            "-0.0",
            "-0e0",
            "1e-5",
            "9.999999999999999e-05",
            "1e-10",
            "1E5",
            "1e+5",
            "1.",
            "-.5",
            ".5",
            "+1",
            "01",
            "-01",
            "1e999",
            "1e-400",
            "-1e-400",
            "0.9999999999999999",
            "1.0000000000000002",
            "-1",
            "1",
            "2",
            "0.5",
            "-",
            "+",
            "e",
            "E",
            "ee",
            "1e",
            "1e+",
            "a",
            "f",
            "naN",
            "NAN",
            "nana",
            "9007199254740993.0000000000000000000001",
            "0." + "0" * 30 + "1",
            "1" * 40,
            "1" * 400,
            "-" + "9" * 25,
            "18446744073709551615",
            "-9223372036854775809",
            "5e-324",
            "2.4703282292062328e-324",
            "1e16",
            "1.7976931348623157e308",
            "1e-7",
            "-2.5e-7",
            "0.00001",
            "0.0001",
            "1e-4",
        ]
    ),
)
_SEPARATORS = st.sampled_from(
    [" ", ",", "\t", ", ", "  ", " ,", ",,", "\x0b", "\x0c", " \t", "\t,", "\r", " \r"]
)
_LINES = st.one_of(
    st.tuples(
        st.lists(_TOKENS, min_size=1, max_size=4),
        _SEPARATORS,
        st.sampled_from(["", " ", ",", "\t", "\x0c"]),
        st.sampled_from(["", " ", ",", "\t", "\r"]),
    ).map(lambda t: t[2] + t[1].join(t[0]) + t[3]),
    st.sampled_from(["", " ", ",", "\t", "\r", " ,", "\x0b", "\x0c"]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(st.tuples(_LINES, st.booleans()), min_size=1, max_size=8),
    st.sampled_from(["nan", "skip", "fail"]),
    st.sampled_from(["plain", "tsv", "csv", "json", "jsonl"]),
    st.booleans(),
    st.sampled_from(sorted(JOBS)),
)
def test_fuzz_vector_against_careful(
    lines: list[tuple[str, bool]], policy: str, fmt: str, with_input: bool, job: str
) -> None:
    # Kept out (pinned by test_once_a_cr_before_crlf_is_a_separator): a \r before a CRLF end.
    chunk = b"".join(
        ((line.rstrip("\r") if cr else line) + ("\r\n" if cr else "\n")).encode() for line, cr in lines
    )
    got, want = _both(Task(JOBS[job], fmt, with_input, policy), chunk)  # type: ignore[arg-type]
    assert got == want


_ONE_LINE = st.one_of(
    st.tuples(
        st.sampled_from(["", " ", "\t", "  "]),
        st.one_of(_TOKENS, st.floats(-1e-3, 1e-3).map(repr), st.floats(1e15, 1e25).map(repr)),
        st.sampled_from(["", " ", "\t"]),
    ).map("".join),
    st.just(""),
)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(_ONE_LINE, min_size=1, max_size=10),
    st.sampled_from(["nan", "skip", "fail"]),
    st.sampled_from(["plain", "tsv", "csv", "json", "jsonl"]),
    st.booleans(),
    st.sampled_from(sorted(JOBS)),
)
def test_fuzz_one_value_per_line(lines: list[str], policy: str, fmt: str, with_input: bool, job: str) -> None:
    # Kept out (pinned by test_once_minus_zero_keeps_its_sign_after_leading_blanks).
    assume(not any(line.strip().startswith("-0") and line[:1] in (" ", "\t") for line in lines))
    chunk = "".join(line + "\n" for line in lines).encode()
    got, want = _both(Task(JOBS[job], fmt, with_input, policy), chunk)  # type: ignore[arg-type]
    assert got == want


_FIELD_JOBS = ["sigmoid", "inverse", "float32", "gen", "grad-all", "tanh"]
_NUMBERS = st.one_of(
    st.floats(width=64, allow_nan=False, allow_infinity=False).map(repr),
    st.floats(-5, 5).map(repr),
    st.floats(1e-12, 1e-3).map(repr),
    st.floats(-1e-3, -1e-12).map(repr),
    st.floats(-40, 40).map(lambda v: f"{v:.20e}"),
    st.integers(-(2**70), 2**70).map(str),
    st.sampled_from(["-0", "0", "-0.0", "1e-5", "1E5", "1E+5", "-0e0", "2", "0.5", "1e-7", "5e-324", "1e16"]),
)
_SPECS = st.sampled_from(["1", "2", "3", "1,3", "2-", "-2", "1-", "2,2", "3-4", "2,1"])


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.integers(1, 4),
    st.lists(
        st.tuples(
            st.lists(_NUMBERS, min_size=4, max_size=4), st.sampled_from(["a", '"x,y"', '"q"', "", "b c"])
        ),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from([",", "\t"]),
    st.booleans(),
    _SPECS,
    st.sampled_from(["nan", "skip", "fail"]),
    st.sampled_from(["plain", "tsv", "csv"]),
    st.booleans(),
    st.sampled_from(_FIELD_JOBS),
)
def test_fuzz_fields_uniform_chunks(
    width: int, rows: list, sep: str, crlf: bool, spec: str, policy: str, fmt: str, with_input: bool, job: str
) -> None:
    end = "\r\n" if crlf else "\n"
    chunk = b"".join((sep.join([*numbers[:width], text]) + end).encode() for numbers, text in rows)
    task = Task(JOBS[job], fmt, with_input, policy, fields=F.parse_fields(spec, False))  # type: ignore[arg-type]
    got, want = _fields_both(task, chunk)
    assert got == want


_FIELD_VALUES = st.one_of(
    _NUMBERS,
    st.sampled_from(
        [
            "nan",
            "inf",
            "-inf",
            "1.",
            "01",
            ".5",
            "+1",
            "1e999",
            "",
            " 1",
            "1 ",
            "x",
            '"1"',
            '"a,b"',
            "null",
            "true",
            "-",
        ]
    ),
)
_FIELD_LINES = st.one_of(
    st.tuples(st.lists(_FIELD_VALUES, min_size=1, max_size=5), st.sampled_from([",", "\t"])).map(
        lambda t: t[1].join(t[0])
    ),
    st.sampled_from(["", " ", ",", "\t", "1", "a b", "1 2"]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(st.tuples(_FIELD_LINES, st.booleans()), min_size=1, max_size=6),
    _SPECS,
    st.sampled_from(["nan", "skip", "fail"]),
    st.sampled_from(["plain", "tsv", "csv"]),
    st.booleans(),
    st.sampled_from(_FIELD_JOBS),
)
def test_fuzz_fields_any_chunks(
    lines: list[tuple[str, bool]], spec: str, policy: str, fmt: str, with_input: bool, job: str
) -> None:
    # Kept out (pinned by test_once_a_one_field_line_keeps_its_own_separator).
    assume(
        not (
            fmt == "plain" and any(line.strip() and "," not in line and "\t" not in line for line, _ in lines)
        )
    )
    chunk = b"".join((line + ("\r\n" if cr else "\n")).encode() for line, cr in lines)
    task = Task(JOBS[job], fmt, with_input, policy, fields=F.parse_fields(spec, False))  # type: ignore[arg-type]
    got, want = _fields_both(task, chunk)
    assert got == want
