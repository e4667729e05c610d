"""An --expr's stable tree computed over a whole float64 array at once (a stream chunk).

The digits must be those of Expression.float_value, value by value, for every value: the
arithmetic (+ − × ÷ on doubles) is IEEE in numpy as in Python, and the elementary functions
come from libm.py, which are math's. Where the two could part — a step that is not finite
(overflow, nan), a division by zero, a power of a number that is not positive, where Python
raises or answers by its own rules — the value is marked open, and the caller computes it by
the scalar path, which says what happens there (a value, or the error of that VALUE).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from sigmoid_cli.grammar.arithmetic import Arithmetic, arithmetic, compute
from sigmoid_cli.grammar.parser import Node

from . import activations
from . import kernels as K


def compute_array(tree: Node, bindings: Mapping[str, float], var: str, x: Any) -> tuple[Any, Any]:
    """(values, open): the tree at every x; ``open`` marks the values to recompute one by one."""
    import numpy as np

    x = np.ascontiguousarray(x, dtype=np.float64)
    opened = ~np.isfinite(x)
    with np.errstate(all="ignore"):
        y = compute(tree, _array_arithmetic(opened), {**bindings, var: x})
        y = np.array(np.broadcast_to(y, x.shape), dtype=np.float64)  # a constant: one value each
    opened |= ~np.isfinite(y)
    return y, opened


def _array_arithmetic(opened: Any) -> Arithmetic:
    """The float64 arithmetic of text.float_backend over arrays, marking in ``opened`` the
    values where a step leaves the finite doubles (the scalar path may raise there)."""
    import math

    import numpy as np

    from . import libm

    xp = libm.namespace()

    def watched(function: Callable[[Any], Any]) -> Callable[[Any], Any]:
        def apply(u: Any) -> Any:
            result = function(u)
            opened[...] |= ~np.isfinite(result)
            return result

        return apply

    def divide(left: Any, right: Any) -> Any:
        opened[...] |= np.asarray(right) == 0  # Python raises ZeroDivisionError
        return np.true_divide(left, right)

    def power(base: Any, exponent: Any) -> Any:
        b, e = np.asarray(base), np.asarray(exponent)
        # Python raises for 0 to a negative power, and a negative base to a fraction is complex.
        opened[...] |= (b == 0) | ((b < 0) & (e != np.floor(e)))
        result = libm.power(b, e)
        opened[...] |= ~np.isfinite(result)
        return result

    own: dict[str, Callable[[Any], Any]] = {"sigmoid": lambda u: K.sigmoid(xp, u)}
    for name in activations.float_functions():
        own[name] = _kernel(activations.KERNELS[name], xp)
    plain = arithmetic(
        "math",
        _math_names(),
        float,
        {"pi": math.pi, "e": math.e, "inf": math.inf, "nan": math.nan},
        own=own,
        power=power,
        divide=divide,
    )
    functions = {name: watched(function) for name, function in plain.functions.items()}
    return Arithmetic(plain.number, plain.constants, functions, power, divide)


def _kernel(kernel: Callable[[Any, Any], Any], xp: Any) -> Callable[[Any], Any]:
    return lambda u: kernel(xp, u)


@cache
def _math_names() -> Any:
    """math's names (atan, abs...) for the grammar's arithmetic, bound to libm's array functions."""
    from types import SimpleNamespace

    import numpy as np

    from . import libm

    return SimpleNamespace(**libm.functions(), abs=np.abs)
