"""Running the real program in a subprocess, the way users and scripts do."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

TIMEOUT = 60
ROOT = Path(__file__).resolve().parent.parent  # the source under test, not an installed copy


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


def sigmoid(
    *args: str, stdin: bytes | str | None = None, env: dict[str, str] | None = None, timeout: float = TIMEOUT
) -> Run:
    """`python -m sigmoid_cli ARGS` with NO_COLOR set and the given stdin (none: empty)."""
    environment = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT), **(env or {})}
    environment.pop("FORCE_COLOR", None)
    data = stdin.encode() if isinstance(stdin, str) else stdin
    completed = subprocess.run(
        [sys.executable, "-m", "sigmoid_cli", *args],
        input=data if data is not None else b"",
        capture_output=True,
        env=environment,
        timeout=timeout,
        check=False,
    )
    return Run(
        completed.returncode,
        completed.stdout.decode(errors="replace"),
        completed.stderr.decode(errors="replace"),
    )


def assert_one_error_line(run: Run, code: int) -> None:
    """The contract for every failure: the exit code, and exactly one line on stderr."""
    assert run.code == code, (run.code, run.err)
    lines = run.err.splitlines()
    assert len(lines) == 1, run.err
    assert lines[0].startswith("sigmoid: error: "), lines[0]
    assert "Traceback" not in run.err


def busy(seconds: float) -> None:
    """Work in Python bytecode (where a signal handler can run) for ``seconds``."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        sum(range(100))
