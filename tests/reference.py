"""Reference values from mpmath at 60 significant digits, and errors in units in the last place."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence

import mpmath

PRECISION_DIGITS = 60


def ulp(x: float) -> float:
    """The spacing of float64 at x (at least the smallest subnormal)."""
    return math.ulp(x) if x != 0 else 5e-324


def ulp_error(computed: float, exact: mpmath.mpf) -> float:
    """|computed − exact| in ulps of the correctly rounded result."""
    rounded = float(exact)
    if math.isinf(rounded) or math.isnan(rounded):
        return 0.0 if computed == rounded or (math.isnan(computed) and math.isnan(rounded)) else math.inf
    if math.isnan(computed) or math.isinf(computed):
        return math.inf
    return float(abs(mpmath.mpf(computed) - exact) / mpmath.mpf(ulp(rounded)))


def worst(
    computed: Callable[[float], float], exact: Callable[[mpmath.mpf], mpmath.mpf], xs: Iterable[float]
) -> tuple[float, float]:
    """The largest ulp error over xs, and where it happens."""
    return worst_of([computed], exact, xs)[0]


def worst_of(
    computed: Sequence[Callable[[float], float]],
    exact: Callable[[mpmath.mpf], mpmath.mpf],
    xs: Iterable[float],
) -> list[tuple[float, float]]:
    """``worst`` for each of several computations of one function (the scalar and the numpy
    path, say), each x's reference value computed once: it costs far more than ours."""
    results = [(0.0, math.nan)] * len(computed)
    with mpmath.workdps(PRECISION_DIGITS):
        for x in xs:
            reference = exact(mpmath.mpf(x))
            for index, function in enumerate(computed):
                error = ulp_error(function(x), reference)
                if error > results[index][0]:
                    results[index] = (error, x)
    return results
