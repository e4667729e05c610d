"""The test suite's own guard: a stuck test fails with its name instead of hanging the run
(pyproject.toml sets pytest-timeout's per-test limit; here it is shortened to 2 s)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.slow
def test_a_stuck_test_is_stopped_and_named(tmp_path: Path) -> None:
    stuck = tmp_path / "test_stuck.py"
    stuck.write_text("import time\n\ndef test_waits_forever():\n    while True:\n        time.sleep(0.1)\n")
    root = Path(__file__).resolve().parent.parent
    options = ["-c", str(root / "pyproject.toml"), "-o", "addopts=", "-o", "timeout=2", "-p", "conftest"]
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", *options, str(stuck)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(root / "tests")},  # our conftest, as a plugin
    )
    assert completed.returncode != 0
    report = completed.stdout + completed.stderr
    assert "Timeout" in report, report
    assert "test_waits_forever ran for more than 2 s; its stack follows" in report
