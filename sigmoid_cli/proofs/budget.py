"""The budget of a derivation: the limits it works within, checked before and while working.

Hostile or merely enormous input is refused with a UsageError (exit 2) that says which limit
it met, never attempted until it hangs:

- ``--order`` from 1 to MAX_ORDER;
- any form shown in a proof has at most MAX_NODES nodes, and a proof at most MAX_STEPS steps
  (estimated from the raw derivative before any SymPy work, then enforced while building);
- the whole derivation, verification included, gives up after TIME_LIMIT seconds (an alarm
  around all of it, see sigmoid_cli.deadline, besides the checks between steps);
- one symbolic check (SymPy) gets SYMBOLIC_BUDGET seconds, all of them together
  SYMBOLIC_TOTAL; when SymPy cannot decide in time the step is checked numerically instead
  and says so.
"""

from __future__ import annotations

import time

from sigmoid_cli.deadline import OutOfTime, alarms_available, time_limit
from sigmoid_cli.errors import UsageError

__all__ = ["Budget", "OutOfTime", "alarms_available", "check_size", "time_limit"]

MAX_ORDER = 20
MAX_NODES = 4000
MAX_STEPS = 400
TIME_LIMIT = 20.0
SYMBOLIC_BUDGET = 1.0
SYMBOLIC_TOTAL = 8.0
# One algebraic simplification of a result (factor, simplify, σ form, ...). Ordinary ones take
# 0.1-0.9 s; at 1 s a busy machine dropped some and printed another proof (issue 12).
SIMPLIFY_BUDGET = 3.0


class Budget:
    """The clock and the counters of one derivation."""

    def __init__(self, time_limit: float | None = None, symbolic_total: float = SYMBOLIC_TOTAL) -> None:
        self.start = time.monotonic()
        self.limit = TIME_LIMIT if time_limit is None else time_limit
        self.symbolic_left = symbolic_total
        self.steps = 0

    def elapsed(self) -> float:
        return time.monotonic() - self.start

    def check_time(self) -> None:
        if self.elapsed() > self.limit:
            raise self.out_of_time()

    def out_of_time(self) -> UsageError:
        return UsageError(
            f"the derivation did not finish within the time limit of {self.limit:g} s; "
            "try a smaller expression or a lower --order"
        )

    def count_step(self, count: int = 1) -> None:
        self.steps += count
        if self.steps > MAX_STEPS:
            raise UsageError(
                f"the proof would take more than {MAX_STEPS} steps; "
                "try a smaller expression or a lower --order"
            )

    def symbolic_allowance(self) -> float:
        return min(SYMBOLIC_BUDGET, self.symbolic_left, self.limit - self.elapsed())

    def spend_symbolic(self, seconds: float) -> None:
        self.symbolic_left -= seconds


def check_size(nodes: int, what: str) -> None:
    if nodes > MAX_NODES:
        raise UsageError(
            f"{what} would have more than {MAX_NODES} terms ({nodes} counted); "
            "refusing: no proof of that size is readable. Try a smaller expression or a lower --order"
        )
