"""The SIGALRM time limit: it ends the work on time whatever the work does with the alarm,
and never interrupts an import half-way.

Each test that reproduces a way the alarm was lost bounds its own work (a few seconds of busy
waiting), so that with a broken limit it fails with "DID NOT RAISE" instead of hanging.
"""

from __future__ import annotations

import contextlib
import gc
import signal
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from helpers import busy

from sigmoid_cli.deadline import OutOfTime, time_limit

LIMIT = 0.1
MARGIN = 2.0  # the ring, the repeat after a lost one, a loaded machine; a lost alarm costs 10 s


@contextlib.contextmanager
def _must_end_on_time(limit: float = LIMIT) -> Any:
    start = time.monotonic()
    with pytest.raises(OutOfTime):
        yield
    took = time.monotonic() - start
    assert took < limit + MARGIN, f"a {limit} s limit ended the work after {took:.2f} s"


def test_time_limit_interrupts_a_long_computation() -> None:
    with _must_end_on_time(), time_limit(LIMIT):
        busy(10)


def test_no_time_left_means_no_start() -> None:
    with pytest.raises(OutOfTime), time_limit(0):
        pytest.fail("the block must not run")


def test_a_ring_lost_in_a_garbage_collector_callback_is_followed_by_another() -> None:
    """The hang of issue 15. Hypothesis registers a gc callback; in the full test suite the
    one-shot alarm rang inside it, CPython discarded the exception ("Exception ignored in
    garbage collector"), and sympy.expand ran on for more than 15 minutes."""

    calls = []

    def slow_callback(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and not calls:  # slow once: the work's own collections stay quick
            calls.append(phase)
            busy(0.3)  # the time runs out in here

    gc.callbacks.append(slow_callback)
    try:
        with _must_end_on_time(), time_limit(LIMIT):
            gc.collect()  # the alarm rings in the callback, deterministically
            busy(10)  # the work goes on: only a second ring can end it
    finally:
        gc.callbacks.remove(slow_callback)


class _SlowFinaliser:
    def __del__(self) -> None:
        busy(0.3)  # the time runs out in here


def test_a_ring_lost_in_a_finaliser_is_followed_by_another() -> None:
    """Python also discards an exception raised in __del__ (and in a collected generator)."""
    with _must_end_on_time(), time_limit(LIMIT):
        _SlowFinaliser()  # dropped at once: __del__ runs, and the alarm rings inside it
        busy(10)


def test_an_except_exception_in_the_work_cannot_swallow_the_alarm() -> None:
    """The shape of SymPy's fallbacks and of our own ``_attempt``: try, and on any error go on."""

    def careless() -> None:
        with contextlib.suppress(Exception):
            busy(0.3)

    with _must_end_on_time(), time_limit(LIMIT):
        careless()
        busy(10)


def test_an_inner_limit_keeps_the_outer_one() -> None:
    """A derivation (outer) runs many simplifications (inner), each with its own limit that
    it catches; the outer deadline still ends the whole."""
    with _must_end_on_time(0.3), time_limit(0.3):
        for _ in range(500):
            with contextlib.suppress(OutOfTime), time_limit(1.0):
                busy(0.01)


def test_an_inner_block_does_not_catch_the_outer_deadline() -> None:
    caught_inside = False
    with _must_end_on_time(), time_limit(LIMIT):
        try:
            with time_limit(5.0):
                busy(10)
        except OutOfTime:
            caught_inside = True
    assert not caught_inside


def test_an_inner_deadline_is_the_inner_blocks_own() -> None:
    with time_limit(5.0):
        with pytest.raises(OutOfTime), time_limit(LIMIT):
            busy(10)
        busy(0.2)  # the outer block goes on with its own time


def test_the_alarm_is_put_back_as_it_was() -> None:
    previous = signal.getsignal(signal.SIGALRM)
    with pytest.raises(OutOfTime), time_limit(LIMIT):
        busy(10)
    with time_limit(5.0):
        pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is previous
    assert sys.unraisablehook is not None
    busy(0.2)  # no ring is left over


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

        busy(10)  # the alarm rings once the import is done
    assert sys.modules["slowpackage.part"].READY
    assert sys.modules["slowpackage"].part is sys.modules["slowpackage.part"]
