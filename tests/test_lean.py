"""stream/lean.py, one number per line without numpy: the same bytes as the vector path, for
the jobs and formats it takes, and None (the vector path's turn) for everything else."""

from __future__ import annotations

import random
import subprocess
import sys

import orjson
import pytest

from sigmoid_cli.jobs import Job
from sigmoid_cli.numeric import compiled
from sigmoid_cli.numeric.curve import Curve
from sigmoid_cli.stream import lean, vector
from sigmoid_cli.stream.reader import ChunkResult, Task

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
    [b"1,2\n", b"1 2\n", b"1\r\n2\n", b".5\n", b"+1\n", b"abc\n", b"[1]\n", b"nane\n", b" nan\n", b"true\n"],
)
def test_other_lines_are_the_vector_paths(chunk: bytes) -> None:
    assert lean.column(Task(JOBS["sigma"], "plain", False, "fail"), chunk) is None


@needs_kernels
@pytest.mark.parametrize("chunk", [b"1.5\n", b"-0.25\n"])
def test_logit_outside_its_domain_is_the_vector_paths(chunk: bytes) -> None:
    """An error there says where."""
    assert lean.column(Task(JOBS["logit"], "plain", False, "fail"), chunk) is None


@pytest.mark.parametrize(
    "task",
    [
        Task(JOBS["sigma"], "json", False, "fail"),
        Task(JOBS["sigma"], "jsonl", True, "fail"),
        Task(Job(Curve(fn="tanh")), "plain", False, "fail"),
        Task(Job(Curve(order=3), wrt="x"), "plain", False, "fail"),
        Task(Job(Curve(), float32=True), "plain", False, "fail"),
        Task(Job(Curve(order=1), wrt="all"), "plain", False, "fail"),
    ],
)
def test_other_tasks_are_the_vector_paths(task: Task) -> None:
    assert lean.kernel(task) is None


def _spelled(values: list[float]) -> list[bytes]:
    return [repr(v).encode() for v in values]


@pytest.mark.parametrize("seed", range(3))
def test_respelling_gives_repr(seed: int) -> None:
    """Both respellings (C, and Python where it is not built) on every kind of number."""
    rng = random.Random(seed)
    values = [rng.choice([-1, 1]) * 10 ** rng.uniform(-12, 20) for _ in range(20000)]
    values += [1e-5, 9.99e-5, 1e-4, 1e-9, 5e-6, 1.5e-9, 9e-10, 0.0, -0.0, 5e-324, 1e300, 10.00001, -2e-5]
    rng.shuffle(values)
    for tail in ([], [1e-6], [2e-5], [0.5], [-7e-6], [10.00001]):
        text = orjson.dumps(values + tail)
        assert lean.respelled(text)[1:-1].split(b",") == _spelled(values + tail)
        assert lean._respelled(text)[1:-1].split(b",") == _spelled(values + tail)


def _compiled_switch() -> dict[str, str]:
    """SIGMOID_NO_COMPILED as this test process has it (CI runs these tests both ways)."""
    import os

    value = os.environ.get("SIGMOID_NO_COMPILED")
    return {} if value is None else {"SIGMOID_NO_COMPILED": value}


def test_a_plain_stream_never_imports_numpy() -> None:
    """The point of the lean path (this test process has numpy: a subprocess, inline workers)."""
    code = "\n".join(
        (
            "import sys; from sigmoid_cli.cli.launch import main",
            "sys.argv = ['sigmoid', 'eval', '--log']",
            "try: main()",
            "except SystemExit: pass",
            "print('numpy' in sys.modules, file=sys.stderr)",
        )
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        input=b"0.5\n-3\n1e-9\n",
        capture_output=True,
        check=False,
        timeout=60,
        env={"SIGMOID_WORKERS": "0", "PATH": "/usr/bin:/bin", **_compiled_switch()},
    )
    from sigmoid_cli import log_sigmoid

    assert done.stdout.decode().split() == [repr(log_sigmoid(x)) for x in (0.5, -3.0, 1e-9)]
    expected = b"True\n" if compiled.module() is None else b"False\n"
    assert done.stderr == expected


@needs_kernels
@pytest.mark.parametrize("sep", [",", "\t"])
@pytest.mark.parametrize("fmt", ["plain", "csv", "tsv"])
def test_one_field_beside_each_line_as_fields_py_prints_it(
    sep: str, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sigmoid_cli.stream import fields as columns
    from sigmoid_cli.stream.fields import parse_fields

    rng = random.Random(len(sep) + len(fmt))
    rows = []
    for i in range(2000):
        label = f'"item {i}{sep} batch"' if i % 7 == 0 else f"item{i}"
        value = rng.choice([repr(rng.gauss(0, 30)), str(rng.randint(-50, 50)), "1e-300", " 0.5 "])
        rows.append(sep.join([str(i), value, label] + ["x"] * (i % 3)))
    chunk = ("\n".join(rows) + "\n").encode()
    task = Task(JOBS["sigma"], fmt, True, "fail", parse_fields("2", False))
    result = lean.field_column(task, chunk)
    if fmt != "plain" and fmt != {",": "csv", "\t": "tsv"}[sep]:  # the format's separator: not this one
        assert result is None
        return
    assert result is not None
    monkeypatch.setattr(lean, "field_column", lambda *_: None)
    want = columns.process_fields(task, chunk)
    assert (result.output, result.lines, result.values) == (want.output, want.lines, want.values)


@needs_kernels
@pytest.mark.parametrize(
    "chunk",
    [b'"a",0.5\n', b"1,0.5\n2\n", b"1,,x\n", b"1,0.5\r\n", b"1,nan\n", b'1,"0.5"\n', b"1,abc\n", b"1 0.5\n"],
)
def test_other_field_lines_are_fields_pys(chunk: bytes) -> None:
    from sigmoid_cli.stream.fields import parse_fields

    assert (
        lean.field_column(Task(JOBS["sigma"], "plain", True, "fail", parse_fields("2", False)), chunk) is None
    )
