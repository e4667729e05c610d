"""Correct rounding of σ, 1 − σ, σ' and L·σ(k(x − x0)) (numeric/rounded.py) against mpmath at
400 bits, on both paths, with the exact fallback exercised on inputs built to need it."""

from __future__ import annotations

import math
import random
from fractions import Fraction

import mpmath
import numpy as np
import pytest

from sigmoid_cli.numeric import rounded as R
from sigmoid_cli.numeric.curve import Curve, array_values, float_value

rng = random.Random(20261201)
XS = (
    [rng.gauss(0, 10) for _ in range(700)]
    + [rng.uniform(-750, 750) for _ in range(300)]
    + [math.copysign(10 ** rng.uniform(-320, 3), rng.choice((-1, 1))) for _ in range(300)]
    + [0.0, -0.0, 5e-324, -5e-324, 36.7, -36.7, 709.8, -709.8, 745.1, -745.1, 745.2, -745.2, 1e300, -1e300]
)
HARD = [2.0**-52, -(2.0**-53), 3 * 2.0**-52, 3 * 2.0**-300]  # σ(x) = ½ + x/4 − x³/48: just off a midpoint
PARAMETERS = [(1.0, 0.0, 1.0), (2.5, -1.25, 3.0), (-0.7, 10.0, 1e-300), (1e-3, 0.0, 1e300)]


def _truth(x: float, k: float, x0: float, big_l: float, complement: bool, grad: bool) -> float:
    with mpmath.workprec(3000):
        t = mpmath.mpf(k) * (mpmath.mpf(x) - mpmath.mpf(x0))
        t = -t if complement else t
        e = mpmath.exp(-abs(t))
        if grad:
            value = mpmath.mpf(big_l) * mpmath.mpf(k) * (-1 if complement else 1) * e / (1 + e) ** 2
        else:
            value = mpmath.mpf(big_l) * (1 if t >= 0 else e) / (1 + e)
        sign, man, exp, _ = value._mpf_
    return R.nearest_double(-man if sign else man, exp)


def _same(a: float, b: float) -> bool:
    return a == b and math.copysign(1, a) == math.copysign(1, b)


@pytest.mark.parametrize(("k", "x0", "big_l"), PARAMETERS)
@pytest.mark.parametrize("complement", [False, True])
@pytest.mark.parametrize("grad", [False, True])
def test_every_result_is_the_nearest_double(
    k: float, x0: float, big_l: float, complement: bool, grad: bool
) -> None:
    curve = Curve(k=k, x0=x0, L=big_l, complement=complement, order=int(grad))
    xs = XS + HARD
    arrays, _ = array_values(curve, np.array(xs))
    wrong = []
    for i, x in enumerate(xs):
        truth = _truth(x, k, x0, big_l, complement, grad)
        scalar = float_value(curve, x) if i % 8 == 0 or x in HARD else truth
        if not (_same(float(arrays[i]), truth) and _same(scalar, truth)):
            wrong.append((x.hex(), float(arrays[i]), scalar, truth))
    assert not wrong, wrong[:5]


def test_inputs_next_to_a_midpoint_take_the_exact_fallback() -> None:
    before = R.fallbacks()
    # x/4 lands on a midpoint and −x³/48 decides: ½ + 2^−54 − …, ½ − 2^−55 + …, ½ + 3·2^−54 − …
    assert float_value(Curve(), 2.0**-52) == 0.5
    assert float_value(Curve(), -(2.0**-53)) == 0.5
    assert float_value(Curve(), 3 * 2.0**-52) == 0.5 + 2.0**-53
    assert R.fallbacks() == before + 3


def test_nearest_double_rounds_dyadics_as_exact_division_does() -> None:
    for _ in range(3000):
        n = rng.getrandbits(rng.randint(1, 200)) * rng.choice((-1, 1))
        e = rng.randint(-1300, 900)
        exact = Fraction(n) * Fraction(2) ** e
        try:
            expected = float(exact)
        except OverflowError:
            expected = math.copysign(math.inf, n)
        assert _same(R.nearest_double(n, e), expected) or (n == 0 and R.nearest_double(n, e) == 0)


def test_the_table_of_powers_of_two_is_right_to_2_to_the_minus_104() -> None:
    with mpmath.workprec(200):
        for j, (hi, lo) in enumerate(R._pairs()):
            exact = mpmath.mpf(2) ** (mpmath.mpf(j) / 256)
            assert abs((mpmath.mpf(hi) + lo) / exact - 1) < mpmath.mpf(2) ** -104


def _truth32(x: float, kind: str) -> float:
    with mpmath.workprec(3000):
        t = mpmath.mpf(x)
        e = mpmath.exp(-abs(t))
        if kind == "value":
            value = (1 if t >= 0 else e) / (1 + e)
        elif kind == "grad":
            value = e / (1 + e) ** 2
        else:
            value = -mpmath.log1p(mpmath.exp(-t)) if t >= 0 else t - mpmath.log1p(mpmath.exp(t))
        sign, man, exp, _ = value._mpf_
    return R.nearest_double(-man if sign else man, exp, R.SINGLE)


@pytest.mark.parametrize("kind", ["value", "grad", "log"])
def test_float32_results_are_the_nearest_float32_not_a_float64_rounded_again(kind: str) -> None:
    xs = [*[x for x in XS if abs(x) < 200][:600], -103.0, -103.3, 88.7, 2.0**-30]
    curve = Curve(log=kind == "log", order=int(kind == "grad"), float32=True)
    arrays, _ = array_values(curve, np.array(xs))
    for x, got in zip(xs, arrays.tolist(), strict=True):
        truth = _truth32(x, kind)
        assert _same(got, truth) and _same(float_value(curve, x), truth), (x.hex(), got, truth)
        assert float(np.float32(got)) == got


def _double_input_hitting(m: float) -> float:
    """A double x whose float64 σ(x) is exactly m (near 0.6, σ steps by 0.13 ulp per ulp of x)."""
    x = float(R.evaluate("logit", m))
    for _ in range(200):
        y = R.evaluate("value", x)
        if y == m:
            return x
        x = math.nextafter(x, math.inf if y < m else -math.inf)
    raise AssertionError(m)


def test_a_float32_midpoint_in_float64_is_rounded_once() -> None:
    """σ at doubles x whose correctly rounded float64 is exactly a float32 midpoint: rounding that
    double again (ties to even) picks the wrong float32 for about half of them; ours never."""
    wrong_twice = 0
    for step in range(1, 40):
        m = float(np.float32(0.6)) + step * 2.0**-24 + 2.0**-25  # halfway between two float32
        x = _double_input_hitting(m)
        truth = _truth32(x, "value")
        assert R.evaluate("value", x, float32=True) == truth == float_value(Curve(float32=True), x)
        wrong_twice += float(np.float32(m)) != truth
    assert wrong_twice > 5  # the double rounding the float32 path avoids


MAX = 1.7976931348623157e308


@pytest.mark.parametrize(
    ("kind", "x", "k", "x0", "big_l", "complement", "expected"),
    [
        # x = x0: the exact value L·k/4 is a midpoint (ties to even, not Ziv's loop forever)
        ("grad", 5.0, -0.7, 5.0, 3.0, False, "-0x1.0ccccccccccccp-1"),
        ("grad", 0.0, 1 + 2.0**-52, 0.0, 3.0, False, "0x1.8000000000002p-1"),
        ("log-grad", 0.0, 1 + 2.0**-52, 0.0, 3.0, False, "0x1.8000000000002p+0"),
        ("value", 0.0, 1.0, 0.0, 3 * 2.0**-1074, True, "0x0.0000000000002p-1022"),
        # L·log σ(t), t ≪ 0: L·t a midpoint, the far smaller −L·log1p(e^t) decides
        ("log", -(1 + 2.0**-52) * 2.0**22, 1.0, 0.0, -3.0, False, "0x1.8000000000002p+23"),
        ("log", -(1 + 2.0**-52) * 2.0**652, 1.0, 0.0, -3.0, False, "0x1.8000000000002p+653"),
        # results at the top of the doubles, and |L·k| past 2^1024 with |t| past 1700
        ("value", 0.0, 1.0, 0.0, 1.7e308, False, "0x1.e42d130773b76p+1022"),
        ("grad", 0.0, 1.0, 0.0, 1.7e308, False, "0x1.e42d130773b76p+1021"),
        ("grad", float.fromhex("0x1.4ed8b04671da4p-986"), 1e300, 0.0, 1e308, False, "0x1.4487364bd77eap-866"),
    ],
)
def test_the_review_cases(
    kind: str, x: float, k: float, x0: float, big_l: float, complement: bool, expected: str
) -> None:
    """Inputs a second reading of rounded.py found misrounded, or crashing, before they were fixed."""
    want = float.fromhex(expected)
    assert _same(R.evaluate(kind, x, k, x0, big_l, complement), want)
    assert _same(float(R.evaluate(kind, np.array([x, 1.0]), k, x0, big_l, complement)[0]), want)


def test_results_past_the_largest_double_are_infinite_on_both_paths() -> None:
    assert float_value(Curve(k=1e300, L=-1e308, order=1), 0.0) == -math.inf
    assert float_value(Curve(L=-1e308, log=True), -MAX) == math.inf
    values, _ = array_values(Curve(L=-1e308, log=True), np.array([-MAX, -1.0]))
    assert values[0] == math.inf
