"""The distributions a fit's report needs: the normal (z tests) and Student's t (curve fits).

The normal from math.erfc and statistics.NormalDist; Student's t from the regularised incomplete
beta function of mpmath (which comes with SymPy), so no scipy is needed at run time.
"""

from __future__ import annotations

import math
from statistics import NormalDist

_NORMAL = NormalDist()


def normal_two_sided(z: float) -> float:
    """P(|Z| ≥ |z|) for a standard normal Z, accurate in the tails (erfc, not 1 − cdf)."""
    return math.erfc(abs(z) / math.sqrt(2.0))


def normal_quantile(p: float) -> float:
    return _NORMAL.inv_cdf(p)


def normal_cdf(x: float) -> float:
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


def t_two_sided(t: float, df: float) -> float:
    """P(|T| ≥ |t|) for Student's t with ``df`` degrees of freedom: I_{df/(df+t²)}(df/2, 1/2)."""
    if math.isnan(t):
        return math.nan
    if math.isinf(t):
        return 0.0
    import mpmath

    x = df / (df + t * t)
    return float(mpmath.betainc(df / 2, 0.5, 0, x, regularized=True))


def t_quantile(p: float, df: float) -> float:
    """The p-quantile of Student's t (0.5 < p < 1 is what intervals use), by bisection on the
    two-sided tail probability, then sign by symmetry."""
    if p == 0.5:
        return 0.0
    tail = 2 * (1 - p) if p > 0.5 else 2 * p  # the two-sided probability beyond the quantile
    low, high = 0.0, 1.0
    while t_two_sided(high, df) > tail:
        high *= 2
    for _ in range(200):
        middle = (low + high) / 2
        if t_two_sided(middle, df) > tail:
            low = middle
        else:
            high = middle
        if high - low <= 1e-15 * high:
            break
    value = (low + high) / 2
    return value if p > 0.5 else -value
