"""The quick phase of correct rounding on arrays (numeric/rounded_quick.py): its values are within
the bound its rounding test assumes, what it decides is the nearest double, and arrays give the
same bits with it as rounded.py's accurate kernel alone and as the scalar path."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest

from sigmoid_cli.numeric import rounded as R
from sigmoid_cli.numeric import rounded_quick as Q


def _inputs(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    sign = rng.choice([-1.0, 1.0], 3000)
    return np.concatenate(
        [
            rng.normal(0, 5, 6000),
            rng.uniform(-745, 745, 2000),
            sign * 10.0 ** rng.uniform(-320, 2.9, 3000),  # tiny to wide, log-spaced
            rng.uniform(-1e-3, 1e-3, 500) + 36.7,
            rng.uniform(-1e-3, 1e-3, 500) - 36.7,
            rng.uniform(-1, 1, 500) + 699.5,  # the edge of the quick domain
            rng.uniform(-1, 1, 500) - 699.5,
            [0.0, -0.0, 5e-324, -5e-324, 2.0**-52, -(2.0**-53), 1.0, -1.0, 700.0, -700.0],
        ]
    )


CASES = [  # k, x0, L, complement
    (1.0, 0.0, 1.0, False),
    (1.0, 0.0, 1.0, True),
    (2.5, -1.25, 3.0, False),
    (-0.7, 10.0, 1e-300, True),
]


def _exact(x: float, k: float, x0: float, big_l: float, complement: bool, grad: bool) -> mpmath.mpf:
    t = mpmath.mpf(k) * (mpmath.mpf(x) - mpmath.mpf(x0))
    t = -t if complement else t
    e = mpmath.exp(-abs(t))
    if grad:
        return mpmath.mpf(big_l) * mpmath.mpf(k) * (-1 if complement else 1) * e / (1 + e) ** 2
    return mpmath.mpf(big_l) * (1 if t >= 0 else e) / (1 + e)


@pytest.mark.parametrize(("k", "x0", "big_l", "complement"), CASES)
@pytest.mark.parametrize("grad", [False, True])
def test_quick_values_are_within_the_bound(
    k: float, x0: float, big_l: float, complement: bool, grad: bool
) -> None:
    """2^S·(h + lo) against mpmath at 300 bits, for every lane the phase calls inside its domain."""
    x = _inputs(7)[::4]
    ops = R.array_ops()
    with np.errstate(all="ignore"):
        t_hi, t_lo = R._argument(ops, x, k, x0)
        if complement:
            t_hi, t_lo = -t_hi, -t_lo
        inside, scale, h, lo = Q._sigma(ops, t_hi, t_lo, grad)
        scale, h, lo = R._times(ops, scale, h, lo, big_l, (-k if complement else k) if grad else 1.0)
    worst = 0.0
    with mpmath.workprec(300):
        for i in np.flatnonzero(inside).tolist():
            got = mpmath.ldexp(mpmath.mpf(float(h[i])) + mpmath.mpf(float(lo[i])), int(scale[i]))
            exact = _exact(float(x[i]), k, x0, big_l, complement, grad)
            worst = max(worst, float(abs(got - exact) / abs(exact)))
    assert inside.mean() > 0.8
    assert worst < Q.QUICK_ERROR, math.log2(worst)


@pytest.mark.parametrize(("k", "x0", "big_l", "complement"), CASES)
@pytest.mark.parametrize("kind", ["value", "grad", "log-grad"])
def test_two_phases_give_the_accurate_kernels_bits(
    k: float, x0: float, big_l: float, complement: bool, kind: str
) -> None:
    x = _inputs(11)
    both = Q.evaluate(kind, x, k, x0, big_l, complement)
    accurate = R.evaluate(kind, x, k, x0, big_l, complement)
    assert np.array_equal(both.view(np.int64), accurate.view(np.int64))
    scalar = [R.evaluate(kind, float(v), k, x0, big_l, complement) for v in x[::50]]
    assert np.array_equal(both[::50].view(np.int64), np.array(scalar).view(np.int64))


def test_the_quick_phase_decides_most_values() -> None:
    """Its use is speed: on data like a user's, about 97% of values end in the quick phase."""
    x = np.random.default_rng(3).normal(0, 5, 50_000)
    with np.errstate(all="ignore"):
        _, decided = Q.logistic(R.array_ops(), x)
    assert decided.mean() > 0.95


def _probabilities(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    p = np.concatenate(
        [
            rng.random(6000),
            rng.random(1000) * 1e-8,
            1 - rng.random(1000) * 1e-8,
            0.5 + rng.normal(0, 1e-9, 1000),  # logit near 0
            0.25 + rng.normal(0, 1e-6, 500),  # the branch edges
            0.75 + rng.normal(0, 1e-6, 500),
            10.0 ** rng.uniform(-320, -1, 1000),
        ]
    )
    return p[(p > 0) & (p < 1) & (p != 0.5)]


@pytest.mark.parametrize(("k", "x0", "big_l", "complement"), CASES)
def test_quick_log_sigma_is_within_the_bound(k: float, x0: float, big_l: float, complement: bool) -> None:
    x = _inputs(13)[::4]
    with np.errstate(all="ignore"):
        inside, h, lo = Q._log_sigma(R.array_ops(), x, k, x0, complement)
    worst = 0.0
    with mpmath.workprec(300):
        for i in np.flatnonzero(inside).tolist():
            t = mpmath.mpf(k) * (mpmath.mpf(float(x[i])) - mpmath.mpf(x0))
            exact = -mpmath.log1p(mpmath.exp(t if complement else -t))
            got = mpmath.mpf(float(h[i])) + mpmath.mpf(float(lo[i]))
            worst = max(worst, float(abs(got - exact) / abs(exact)))
    assert inside.mean() > 0.8
    assert worst < Q.QUICK_LOG_ERROR, math.log2(worst)


def test_quick_logit_is_within_the_bound() -> None:
    p = _probabilities(17)[::2]
    p = p[p > 2.0**-1000]
    with np.errstate(all="ignore"):
        h, lo = Q._logit(R.array_ops(), p)
    worst = 0.0
    with mpmath.workprec(300):
        for i in range(len(p)):
            q = mpmath.mpf(float(p[i]))
            exact = mpmath.log(q / (1 - q))
            got = mpmath.mpf(float(h[i])) + mpmath.mpf(float(lo[i]))
            worst = max(worst, float(abs(got - exact) / abs(exact)))
    assert worst < Q.QUICK_LOG_ERROR, math.log2(worst)


@pytest.mark.parametrize(("k", "x0", "big_l", "complement"), CASES)
def test_two_phases_give_the_accurate_logs_bits(k: float, x0: float, big_l: float, complement: bool) -> None:
    x = _inputs(19)
    both = Q.evaluate("log", x, k, x0, big_l, complement)
    accurate = R.evaluate("log", x, k, x0, big_l, complement)
    assert np.array_equal(both.view(np.int64), accurate.view(np.int64))


def test_two_phases_give_the_accurate_logits_bits() -> None:
    p = _probabilities(23)
    both = Q.evaluate("logit", p)
    assert np.array_equal(both.view(np.int64), R.evaluate("logit", p).view(np.int64))
    scalar = [R.evaluate("logit", float(v)) for v in p[::40]]
    assert np.array_equal(both[::40].view(np.int64), np.array(scalar).view(np.int64))
