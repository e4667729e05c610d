"""bench/expr_accuracy.py runs end to end on a few points (its full run is in docs/accuracy.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "bench" / "expr_accuracy.py"


@pytest.mark.slow
def test_the_accuracy_table_on_a_few_points() -> None:
    words = ["--points", "50", "--grad-points", "3", "--jobs", "1", "--only", "logit(x)", "sech(x)"]
    command = [sys.executable, str(SCRIPT), *words]
    run = subprocess.run(command, check=False, capture_output=True, text=True, timeout=240)
    assert run.returncode == 0, run.stderr
    rows = [line for line in run.stdout.splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == ["logit(x)", "sech(x)"]
    assert "OVER" not in run.stdout
