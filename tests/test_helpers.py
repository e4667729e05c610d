"""The tests' own runner: helpers.run_here gives what a subprocess gives, byte for byte, and
leaves this process as it found it (most tests rely on both)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT, Run, busy, environment, run_here, run_process, shell, sigmoid, simple_command

# Light invocations (no sympy in the subprocess) through every way in and out: arguments, a
# stream (workers), errors, usage errors, help, rich, color, stdin as text, an exit without
# a command.
SAME = [
    (["eval", "0.5", "-3"], b"", {}),
    (["eval", "-i"], b"0\n1 2\n\n3,4\n", {}),
    (["eval", "--on-error", "nan"], b"1 abc\n\xff\n", {}),
    (["eval", "1", "abc"], b"", {}),
    (["grad", "--order", "0", "1"], b"", {}),
    (["eval", "--bogus"], b"", {}),
    (["eval", "--help"], b"", {"COLUMNS": "60"}),
    (["eval", "0", "-2", "-o", "table"], b"", {"COLUMNS": "50"}),
    (["plot-ascii", "--width", "40", "--height", "10"], b"", {"NO_COLOR": ""}),
    (["derive", "--expr", "-"], "x\r\n\udcff".encode(errors="surrogateescape"), {}),
    ([], b"", {}),
]


@pytest.mark.slow
@pytest.mark.parametrize(("args", "stdin", "env"), SAME, ids=[" ".join(case[0]) or "-" for case in SAME])
def test_in_process_is_the_subprocess(args: list[str], stdin: bytes, env: dict[str, str]) -> None:
    environ = environment(env)
    assert run_here(args, stdin, environ) == run_process(args, stdin, environ)


@pytest.mark.slow
def test_a_simple_command_line_is_the_shells(tmp_path: Path) -> None:
    environ = environment()
    command = "printf '1 x\\n2\\n' | sigmoid eval --on-error skip -i > out.txt"
    assert simple_command(command) is not None
    (tmp_path / "here").mkdir()
    (tmp_path / "there").mkdir()
    here = shell(command, environ, cwd=tmp_path / "here")
    there = shell(command, environ, cwd=tmp_path / "there", here=False)
    assert here == there
    assert (tmp_path / "here" / "out.txt").read_bytes() == (tmp_path / "there" / "out.txt").read_bytes()
    # -i prints each line as it is, then the results of its values (a skipped one has none).
    assert (tmp_path / "here" / "out.txt").read_bytes() == b"1 x\t0.7310585786300049\n2\t0.8807970779778824\n"


@pytest.mark.parametrize(
    ("command", "parsed"),
    [
        ("sigmoid eval 0.5", (None, ["eval", "0.5"], None)),
        ("sigmoid eval 'ln(3)' --exact", (None, ["eval", "ln(3)", "--exact"], None)),
        ("seq -5 5 | sigmoid eval -i", ("seq -5 5 ", ["eval", "-i"], None)),
        ("printf '0.5\\n' | sigmoid eval", ("printf '0.5\\n' ", ["eval"], None)),
        ("sigmoid derive --format latex > proof.tex", (None, ["derive", "--format", "latex"], "proof.tex")),
        ("sigmoid eval 1 --digits 50 | head -c 5", None),
        ("cat data | sigmoid eval", None),
        ("sigmoid eval $X", None),
        ('sigmoid eval "$X"', None),
        ("sigmoid eval 1; sigmoid eval 2", None),
        ("sigmoid eval 1 && echo ok", None),
        ("sigmoid eval * ", None),
        ("sigmoid eval ~", None),
        ("sigmoid eval 1 2>&1", None),
        ("X=1 sigmoid eval 1", None),
        ("sigmoid eval 'unclosed", None),
        ("python -m sigmoid_cli eval 1", None),
    ],
)
def test_simple_commands(command: str, parsed: tuple[str | None, list[str], str | None] | None) -> None:
    assert simple_command(command) == parsed


def _state() -> dict[str, Any]:
    handlers = {number: signal.getsignal(number) for number in signal.valid_signals()}
    return {
        "streams": (sys.stdin, sys.stdout, sys.stderr, sys.__stdin__, sys.__stdout__, sys.__stderr__),
        "argv": list(sys.argv),
        "environ": dict(os.environ),
        "cwd": os.getcwd(),
        "handlers": handlers,
        "timer": signal.getitimer(signal.ITIMER_REAL),
        "recursion": sys.getrecursionlimit(),
        "filters": list(warnings.filters),
        "hooks": (sys.excepthook, sys.unraisablehook, warnings.showwarning),
        "fds": [(os.fstat(fd).st_dev, os.fstat(fd).st_ino) for fd in (0, 1, 2)],
    }


def test_a_run_leaves_nothing_behind(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Whatever the program changes in its process, the next test does not see it."""
    from sigmoid_cli.cli import launch

    def untidy() -> None:
        signal.signal(signal.SIGUSR1, lambda *_: None)
        signal.signal(signal.SIGALRM, lambda *_: None)
        signal.setitimer(signal.ITIMER_REAL, 1000)
        os.environ["SIGMOID_LEFTOVER"] = "1"
        os.chdir(tmp_path)
        sys.setrecursionlimit(12345)
        sys.argv.append("--more")
        warnings.simplefilter("ignore")
        sys.stdout.write("out")
        print("err", file=sys.stderr)
        raise SystemExit(3)

    monkeypatch.setattr(launch, "main", untidy)
    before = _state()
    run = run_here(["eval"], b"", environment(), cwd=Path("/"))
    assert _state() == before
    assert run == Run(3, b"out", b"err\n")


def test_writing_past_sys_stdout_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bytes written to file descriptor 1 itself would reach a subprocess's stdout, not ours."""
    from sigmoid_cli.cli import launch

    monkeypatch.setattr(launch, "main", lambda: os.write(1, b"direct"))
    with pytest.raises(AssertionError, match="directly: b'direct'"):
        run_here(["eval"], b"", environment())


def test_a_run_has_a_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from sigmoid_cli.cli import launch

    monkeypatch.setattr(launch, "main", lambda: busy(60))
    with pytest.raises(subprocess.TimeoutExpired):
        run_here(["eval"], b"", environment(), timeout=0.2)


def test_what_the_interpreter_reads_at_start_up_goes_to_a_subprocess() -> None:
    """PYTHONIOENCODING cannot change this process's streams: such a run is a real subprocess."""
    run = sigmoid("eval", "σ", env={"PYTHONIOENCODING": "ascii:backslashreplace"})
    assert run.err == "sigmoid: error: value 1: '\\u03c3' is not a number\n"  # σ in ASCII, on stderr


def test_the_source_tree_is_under_test() -> None:
    import sigmoid_cli

    assert Path(sigmoid_cli.__file__).resolve().parent == ROOT / "sigmoid_cli"
