"""Worker processes for the stdin stream: two forked workers compute, this process reads and writes.

Parsing and printing numbers hold Python's GIL, so threads would not overlap them. The
workers are forked at launch when the command line asks for a stream (see cli/launch.py), so
they import what chunks need (orjson, and numpy where the lean path of stream/lean.py does
not apply: about 80 ms) while this process still reads its command line.
Chunks and their output cross through a shared memory map; a pipe carries only small
pickled notes. Chunks are dealt round-robin and each worker holds two at a time (one it
computes, one waiting), so it never idles while this process writes; results come back in
input order. Workers ignore Ctrl-C, never touch stdout, and leave
when their pipe closes; ``close`` also ends them on every other way out.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import pickle
import signal
import struct
import sys
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

WORKERS = 2  # this machine class has 2 cores; more only adds copying
DEPTH = 2  # chunks in flight per worker, each with its own slot each way
SLOT_BYTES = 8 << 20  # a chunk (or an output) larger than this goes through the pipe instead
_HEADER = struct.Struct("<Q")


class HasOutput(Protocol):
    output: bytes


R = TypeVar("R", bound=HasOutput)
Function = Callable[[Any, bytes], R]


class _Channel:
    """One direction of traffic: small pickled notes in a pipe, bulk bytes in shared slots.

    Both ends count the messages, and message n uses slot n % DEPTH: a slot is written
    again only after the message that used it before has been read on the other side.
    """

    def __init__(self, fd: int, slots: list[memoryview]) -> None:
        self.fd = fd
        self.slots = slots
        self.turn = 0

    def _next_slot(self) -> memoryview:
        slot = self.slots[self.turn % len(self.slots)]
        self.turn += 1
        return slot

    def send(self, note: object, bulk: bytes = b"") -> None:
        slot = self._next_slot()
        in_slot = len(bulk) <= len(slot)
        if in_slot:
            slot[: len(bulk)] = bulk
        data = pickle.dumps((note, len(bulk) if in_slot else bulk), protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(_HEADER.pack(len(data)) + data)
        while view:
            view = view[os.write(self.fd, view) :]

    def receive(self) -> tuple[Any, bytes] | None:
        header = _read_exactly(self.fd, _HEADER.size)
        body = _read_exactly(self.fd, _HEADER.unpack(header)[0]) if header else None
        if body is None:
            return None
        slot = self._next_slot()
        note, bulk = pickle.loads(body)  # noqa: S301  (our own forked worker, over our own pipe)
        return note, (bytes(slot[:bulk]) if isinstance(bulk, int) else bulk)


def _read_exactly(fd: int, size: int) -> bytes | None:
    parts = []
    while size:
        part = os.read(fd, min(size, 1 << 22))
        if not part:
            return None
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


def _widen(fd: int) -> None:
    """Ask for a 1 MiB pipe buffer (Linux), so a note never waits for the reader."""
    try:
        import fcntl

        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except OSError:
        pass


def _warm_up(preload: str | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    # numpy's OpenBLAS would start a spinning thread per core; we never call BLAS, and those
    # threads would take the cores from this process and the parent.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    import orjson  # noqa: F401  (imported now, while the parent still reads its command line)

    if preload:  # 'module:function' (named by the caller: this pool knows nothing above it)
        import importlib

        module, _, function = preload.partition(":")
        getattr(importlib.import_module(module), function)()


def _serve(inbox: _Channel, outbox: _Channel) -> None:
    """A worker's life: turn chunks into results until the pipe closes."""
    func: Any = None
    task: Any = None
    while (message := inbox.receive()) is not None:
        note, chunk = message
        if note is not None:
            func, task = note
            continue
        try:
            result = func(task, chunk)
        except Exception as error:  # a bug: hand it to the parent, which reports it
            outbox.send(("error", error))
            continue
        output, result.output = result.output, b""
        outbox.send(("ok", result), output)


def _lead(channels: list[tuple[_Channel, _Channel]], preload: str | None) -> None:
    """The first worker warms up once (numpy, if its warm-up imports it), then forks the others,
    which inherit what it imported."""
    _warm_up(preload)
    mine = 0
    for index in range(1, len(channels)):
        if os.fork() == 0:
            mine = index
            break
    for index, (inbox, outbox) in enumerate(channels):
        if index != mine:
            os.close(inbox.fd)
            os.close(outbox.fd)
    _serve(*channels[mine])


class _Worker:
    def __init__(self, inbox: _Channel, outbox: _Channel) -> None:
        self.inbox = inbox  # ours to write: the worker's input
        self.outbox = outbox  # ours to read: the worker's results

    def result(self) -> Any:
        message = self.outbox.receive()
        if message is None:
            raise RuntimeError("a worker process ended unexpectedly")
        (status, value), output = message
        if status == "error":
            raise value
        value.output = output
        return value


class Pool:
    """Forked workers that map a function over chunks, in order."""

    def __init__(self, count: int = WORKERS, preload: str | None = None) -> None:
        # Untouched pages of the map cost no memory: a 1 MiB chunk uses 1 MiB of its slot.
        self.shared = mmap.mmap(-1, 2 * DEPTH * count * SLOT_BYTES)
        view = memoryview(self.shared)
        slots = [view[i * SLOT_BYTES : (i + 1) * SLOT_BYTES] for i in range(2 * DEPTH * count)]
        theirs: list[tuple[_Channel, _Channel]] = []
        self.workers: list[_Worker] = []
        for index in range(count):
            down_r, down_w = os.pipe()
            up_r, up_w = os.pipe()
            _widen(down_w)
            _widen(up_w)
            mine = slots[2 * DEPTH * index : 2 * DEPTH * (index + 1)]
            slots_in, slots_out = mine[:DEPTH], mine[DEPTH:]
            theirs.append((_Channel(down_r, slots_in), _Channel(up_w, slots_out)))
            self.workers.append(_Worker(_Channel(down_w, slots_in), _Channel(up_r, slots_out)))
        sys.stdout.flush()
        sys.stderr.flush()
        self.leader = os.fork()
        if self.leader == 0:
            for worker in self.workers:
                os.close(worker.inbox.fd)
                os.close(worker.outbox.fd)
            code = 0
            try:
                _lead(theirs, preload)
            except BaseException:
                code = 1
            os._exit(code)
        for inbox, outbox in theirs:
            os.close(inbox.fd)
            os.close(outbox.fd)

    def map(self, func: Function[R], task: Any, chunks: Iterator[bytes]) -> Iterator[R]:
        """func(task, chunk) for each chunk, computed by the workers, yielded in order."""
        for worker in self.workers:
            worker.inbox.send((func, task))
        pending: deque[_Worker] = deque()
        stopped: BaseException | None = None

        def feed(worker: _Worker) -> None:
            nonlocal stopped
            if stopped is not None:
                return
            try:
                chunk = next(chunks)
            except StopIteration as end:
                stopped = end
                return
            except Exception as error:  # reported once the chunks before it are out
                stopped = error
                return
            worker.inbox.send(None, chunk)
            pending.append(worker)

        for _ in range(DEPTH):
            for worker in self.workers:
                feed(worker)
        while pending:
            worker = pending.popleft()
            result = worker.result()
            feed(worker)
            yield result
        if stopped is not None and not isinstance(stopped, StopIteration):
            raise stopped

    def close(self) -> None:
        """Closing the pipes ends every worker (end of input); the leader is also told to go."""
        for worker in self.workers:
            for fd in (worker.inbox.fd, worker.outbox.fd):
                with contextlib.suppress(OSError):
                    os.close(fd)
        self.workers = []
        if self.leader:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.leader, signal.SIGTERM)
            os.waitpid(self.leader, 0)
            self.leader = 0


class InlinePool:
    """The same interface without processes (SIGMOID_WORKERS=0, or small machines)."""

    def map(self, func: Function[R], task: Any, chunks: Iterator[bytes]) -> Iterator[R]:
        for chunk in chunks:
            yield func(task, chunk)

    def close(self) -> None:
        pass


_started: Pool | None = None


def worker_count() -> int:
    try:
        return max(0, min(int(os.environ.get("SIGMOID_WORKERS", WORKERS)), 8))
    except ValueError:
        return WORKERS


def prestart(preload: str | None = None) -> None:
    """Fork the workers now, before the command line is parsed (see cli/launch.py); the
    leader calls ``preload`` ('module:function') before it forks the rest."""
    global _started
    if _started is None and worker_count() > 0:
        _started = Pool(worker_count(), preload)


def discard() -> None:
    """Close prestarted workers that the command turned out not to need."""
    global _started
    if _started is not None:
        _started.close()
        _started = None


@contextmanager
def workers() -> Iterator[Pool | InlinePool]:
    """The prestarted workers, or new ones; closed when the stream ends, however it ends."""
    global _started
    pool: Pool | InlinePool
    if _started is not None:
        pool, _started = _started, None
    else:
        pool = Pool(worker_count()) if worker_count() > 0 else InlinePool()
    try:
        yield pool
    finally:
        pool.close()
