"""Two processes for one stream: this one and a forked worker take alternate chunks.

Parsing and printing numbers hold Python's GIL, so threads would not overlap them; a
forked worker inherits the imported modules and starts in about a millisecond. Results
come back in input order. The worker ignores Ctrl-C and never touches stdout; the parent
ends it on every way out (end of input, an error, a closed pipe, an interrupt).
"""

from __future__ import annotations

import os
import pickle
import signal
import struct
import sys
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

Item = tuple[int, bytes]
R = TypeVar("R")
_HEADER = struct.Struct("<Q")


def _send(fd: int, payload: object) -> None:
    data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]


def _receive(fd: int) -> Any:
    header = _read_exactly(fd, _HEADER.size)
    if header is None:
        return None
    data = _read_exactly(fd, _HEADER.unpack(header)[0])
    return pickle.loads(data or b"")  # noqa: S301  (our own child process, over our own pipe)


def _read_exactly(fd: int, size: int) -> bytes | None:
    parts = []
    while size:
        part = os.read(fd, min(size, 1 << 22))
        if not part:
            return None
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


def _serve(func: Callable[[Any, bytes, int], Any], task: Any, inbox: int, outbox: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    while (message := _receive(inbox)) is not None:
        first_line, chunk = message
        try:
            _send(outbox, ("ok", func(task, chunk, first_line)))
        except Exception as error:  # a bug: hand it to the parent, which reports it
            _send(outbox, ("error", error))


def ordered_map(func: Callable[[Any, bytes, int], R], task: Any, items: Iterator[Item]) -> Iterator[R]:
    """func(task, chunk, first_line) over items, in order, half of them in a worker process."""
    to_worker_r, to_worker_w = os.pipe()
    from_worker_r, from_worker_w = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the worker: serve until the parent closes its pipe, then leave at once
        os.close(to_worker_w)
        os.close(from_worker_r)
        code = 0
        try:
            _serve(func, task, to_worker_r, from_worker_w)
        except BaseException:
            code = 1
        os._exit(code)
    os.close(to_worker_r)
    os.close(from_worker_w)
    try:
        for local in _pairs(items):
            mine, theirs = local
            if theirs is not None:
                _send(to_worker_w, theirs)
            yield func(task, mine[1], mine[0])
            if theirs is not None:
                reply = _receive(from_worker_r)
                if reply is None:
                    raise RuntimeError("the worker process ended unexpectedly")
                status, value = reply
                if status == "error":
                    raise value
                yield value
    finally:
        os.close(to_worker_w)
        os.close(from_worker_r)
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)


def _pairs(items: Iterator[Item]) -> Iterator[tuple[Item, Item | None]]:
    iterator = iter(items)
    for first in iterator:
        yield first, next(iterator, None)
