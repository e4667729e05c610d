"""What a time limit costs: the SIGALRM block that derive uses, against running each limited
piece of work in a forked child that could be killed (issue 15 asked to choose by measurement).

It times one empty ``time_limit`` block and one forked child that sends a result back
through a pipe (the least a killable child costs), counts the limited blocks of real
derivations, and prints what each way would add as a share of each derivation's own time.
A child's work would also not warm the parent's SymPy caches; that cost comes on top.

    python bench/time_limit.py
"""

from __future__ import annotations

import os
import pickle
import statistics
import time
from collections.abc import Callable
from typing import Any

from sigmoid_cli import deadline
from sigmoid_cli.proofs import derive

DERIVATIONS: list[dict[str, Any]] = [
    {},
    {"log": True},
    {"order": 3},
    {"fn": "tanh"},
    {"expr": "x*sigmoid(x)"},
    {"expr": "(3)/(2 + (sqrt(1 + (tanh(x))^2))^2)"},
]
ROUNDS = 5


def _in_child(action: Callable[[], Any]) -> Any:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, send, leave without running the parent's cleanup
        os.close(read)
        with os.fdopen(write, "wb") as out:
            pickle.dump(action(), out)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as source:
        result = pickle.load(source)  # noqa: S301 (our own child's bytes)
    os.waitpid(pid, 0)
    return result


def _blocks_per_derivation() -> list[int]:
    counts: list[int] = []
    original = deadline.time_limit.__enter__

    def counting(self: Any) -> None:
        counts[-1] += 1
        original(self)

    deadline.time_limit.__enter__ = counting  # type: ignore[method-assign]
    try:
        for options in DERIVATIONS:
            counts.append(0)
            derive(**options)
    finally:
        deadline.time_limit.__enter__ = original  # type: ignore[method-assign]
    return counts


def _median_seconds(action: Callable[[], Any], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _empty_block() -> None:
    with deadline.time_limit(5.0):
        pass


def main() -> None:
    for options in DERIVATIONS:  # warm SymPy's caches, as a long-running process has them
        derive(**options)
    alarm = _median_seconds(_empty_block, 2000)
    fork = _median_seconds(lambda: _in_child(lambda: None), 200)
    print(f"one time_limit block: {alarm * 1e6:.1f} µs; one forked child (fork, pipe, wait): ", end="")
    print(f"{fork * 1e3:.2f} ms")
    blocks = _blocks_per_derivation()
    print("derivation | limited blocks | time | alarm cost / time | fork cost / time")
    for options, count in zip(DERIVATIONS, blocks, strict=True):
        took = _median_seconds(lambda options=options: derive(**options), ROUNDS)
        arguments = ", ".join(f"{k}={v!r}" for k, v in options.items())
        print(
            f"derive({arguments}) | {count} | {took * 1e3:.0f} ms | {count * alarm / took:.5f} "
            f"| {count * fork / took:.3f}"
        )


if __name__ == "__main__":
    main()
