"""Time limits for symbolic and high-precision work (SymPy can run for minutes on
innocent-looking input).

SIGALRM interrupts the block, so this works only on the main thread of a Unix process;
elsewhere the block runs without a limit, and callers that care check ``alarms_available()``.

Three things make the limit hold whatever the work does inside:

- OutOfTime is a BaseException, like KeyboardInterrupt: an ``except Exception`` that the
  alarm happens to land in (SymPy's, mpmath's, a finaliser's, ours) cannot swallow it.
- Once the time is up, the alarm rings again every REPEAT_SECONDS until the block has
  ended, so even an interruption that is lost is followed by another. Python discards an
  exception raised in ``__del__``, in a collected generator and in a garbage-collector
  callback: the one that Hypothesis registers once swallowed the only ring, and a test run
  spent more than 15 minutes in one sympy.expand.
- Blocks nest: an inner block (one simplification) keeps the outer one's deadline (the whole
  derivation) armed. An inner block turns only its own ring into OutOfTime; an outer ring
  passes through the inner block and its ``except OutOfTime`` to the outer block.

The alarm never interrupts an import. SymPy imports parts of itself lazily, and an import
cut short leaves its package half-initialised in ``sys.modules``: every later use then fails
(``module 'sympy' has no attribute 'polys'``). So when the time is up during an import, the
alarm rings again a little later, once the import is done.
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from types import FrameType
from typing import Any

from .errors import OutOfTime

__all__ = ["OutOfTime", "alarms_available", "time_limit"]

RETRY_SECONDS = 0.02  # while an import finishes
REPEAT_SECONDS = 0.05  # after a ring that the work survived


class _Ring(BaseException):
    """What the alarm raises inside the work; the block whose deadline it is turns it into
    OutOfTime, so that an inner block's ``except OutOfTime`` never catches an outer ring."""


_deadlines: list[float] = []  # time.monotonic() deadlines of the open blocks, outermost first
_saved: dict[str, Any] = {}  # the handler and unraisable hook the outermost block replaced


def alarms_available() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _importing(frame: FrameType | None) -> bool:
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            return True
        frame = frame.f_back
    return False


def _arm(seconds: float) -> None:
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 1e-6))


def _bookkeeping(frame: FrameType | None) -> bool:
    """In time_limit's own entry or exit: a ring there would leave the deadlines half-updated."""
    for _ in range(3):
        if frame is None:
            return False
        if frame.f_code in _OWN_CODE:
            return True
        frame = frame.f_back
    return False


def _ring(signum: int, frame: FrameType | None) -> None:
    if not _deadlines:
        return
    if _importing(frame) or _bookkeeping(frame):
        _arm(RETRY_SECONDS)
        return
    left = min(_deadlines) - time.monotonic()
    if left > 0:  # rang early (the timer's resolution): wait for the rest
        _arm(left)
        return
    _arm(REPEAT_SECONDS)  # again, until the block ends, in case this one is swallowed
    raise _Ring


def _quiet_unraisable(unraisable: Any) -> None:
    """A ring lost in a finaliser is not news (the next ring follows); anything else is."""
    if unraisable.exc_type is not _Ring:
        _saved["hook"](unraisable)


class time_limit:  # lower case: it reads as a function, `with time_limit(1.0):`
    """Interrupt the block with OutOfTime after ``seconds`` (main thread only, see above)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline: float | None = None

    def __enter__(self) -> None:
        if self.seconds <= 0:
            raise OutOfTime
        if not alarms_available():
            return
        if not _deadlines:
            _saved["handler"] = signal.signal(signal.SIGALRM, _ring)
            _saved["hook"] = sys.unraisablehook
            sys.unraisablehook = _quiet_unraisable
        self.deadline = time.monotonic() + self.seconds
        _deadlines.append(self.deadline)
        _arm(min(_deadlines) - time.monotonic())

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: Any) -> None:
        if self.deadline is None:
            return
        _deadlines.pop()
        if _deadlines:
            _arm(min(_deadlines) - time.monotonic())
        else:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, _saved.pop("handler"))
            sys.unraisablehook = _saved.pop("hook")
        if exc_type is _Ring and (time.monotonic() >= self.deadline or not _deadlines):
            raise OutOfTime from None
        # any other ring is an outer block's deadline: it passes through to that block


_OWN_CODE = frozenset({time_limit.__enter__.__code__, time_limit.__exit__.__code__, _arm.__code__})
