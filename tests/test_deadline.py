"""The SIGALRM time limit: interrupts work, but never an import half-way."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from sigmoid_cli.deadline import OutOfTime, time_limit


def test_time_limit_interrupts_a_long_computation() -> None:
    start = time.monotonic()
    with pytest.raises(OutOfTime), time_limit(0.05):
        while True:
            sum(range(1000))
    assert time.monotonic() - start < 5


def test_no_time_left_means_no_start() -> None:
    with pytest.raises(OutOfTime), time_limit(0):
        pytest.fail("the block must not run")


def test_an_import_is_finished_before_the_alarm_rings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SymPy imports parts of itself lazily; an import cut short once left `sympy` without
    its `polys` attribute for the rest of the run (`sigmoid derive` with a cold bytecode cache)."""
    package = tmp_path / "slowpackage"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "part.py").write_text("import time\ntime.sleep(0.3)\nREADY = True\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(OutOfTime), time_limit(0.05):
        import slowpackage.part  # noqa: F401

        while True:  # the alarm rings once the import is done
            sum(range(1000))
    assert sys.modules["slowpackage.part"].READY
    assert sys.modules["slowpackage"].part is sys.modules["slowpackage.part"]
