"""Time limits for symbolic work (SymPy can run for minutes on innocent-looking input).

SIGALRM interrupts the block with OutOfTime, so this works only on the main thread of a
Unix process; elsewhere the block runs without a limit, and callers that care check
``alarms_available()`` first.

The alarm never interrupts an import. SymPy imports parts of itself lazily, and an import
cut short leaves its package half-initialised in ``sys.modules``: every later use then fails
(``module 'sympy' has no attribute 'polys'``). So when the time is up during an import, the
alarm rings again a little later, once the import is done.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

RETRY_SECONDS = 0.02


class OutOfTime(Exception):
    """Raised inside a ``time_limit`` block when its time is up."""


def alarms_available() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _importing(frame: FrameType | None) -> bool:
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            return True
        frame = frame.f_back
    return False


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block with OutOfTime after ``seconds`` (main thread only, see above)."""
    if seconds <= 0:
        raise OutOfTime
    if not alarms_available():
        yield
        return

    def ring(signum: int, frame: FrameType | None) -> None:
        if _importing(frame):
            signal.setitimer(signal.ITIMER_REAL, RETRY_SECONDS)
            return
        raise OutOfTime

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
