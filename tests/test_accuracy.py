"""Float64 results against mpmath at 60+ digits, over random and extreme inputs, in ulps.

Both paths are checked: the scalar one (pure math, what `sigmoid eval 0.5` runs) and the
numpy one (what streams run).
"""

from __future__ import annotations

import math
import random

import mpmath
import numpy as np
import pytest
import sympy
from reference import ulp_error, worst_of

from sigmoid_cli.numeric.curve import Curve, array_values, float_value, mp_value
from sigmoid_cli.numeric.family import MEMBERS, NAMES

rng = random.Random(20261123)


def _spread(count: int, low: float = -320, high: float = 3) -> list[float]:
    """Magnitudes 10^low … 10^high, both signs."""
    return [math.copysign(10 ** rng.uniform(low, high), rng.choice((-1, 1))) for _ in range(count)]


EXTREMES = [
    0.0,
    -0.0,
    5e-324,
    -5e-324,
    1e-300,
    36.7,
    -36.7,
    37.5,
    709.78,
    -709.78,
    745.0,
    -745.0,
    745.13,
    -745.13,
    -744.4,
    800.0,
    -800.0,
    1e300,
    -1e300,
    1.7976931348623157e308,
    -1.7976931348623157e308,
]
XS = (
    [rng.uniform(-40, 40) for _ in range(1500)]
    + [rng.uniform(-800, 800) for _ in range(500)]
    + _spread(600)
    + EXTREMES
)
PS = (
    [rng.random() for _ in range(800)]
    + [10 ** rng.uniform(-320, 0) for _ in range(400)]  # p near 0
    + [1 - 10 ** rng.uniform(-16, 0) for _ in range(400)]  # p near 1
    + [0.5 + rng.uniform(-1e-3, 1e-3) for _ in range(300)]  # p near ½
    + [0.0, 0.5, 0.25, 0.75, 5e-324, 1e-300, 1 - 2**-53, 1.0]
)


def _reference(curve: Curve):
    return lambda x: mp_value(mpmath.mp, curve, x)


def _numpy(curve: Curve):
    """The numpy path over the whole sample at once (as a stream would)."""

    def at(xs: list[float]) -> dict[float, float]:
        result, _ = array_values(curve, np.array(xs))
        return dict(zip(xs, result.tolist(), strict=True))

    return at


CORE = [
    ("σ", Curve(), XS, 2.0),
    ("1−σ", Curve(complement=True), XS, 2.0),
    ("log σ", Curve(log=True), XS, 2.0),
    ("log(1−σ)", Curve(log=True, complement=True), XS, 2.0),
    ("logit", Curve(inverse=True), PS, 2.0),
    ("σ'", Curve(order=1), XS, 3.0),
]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "curve", "points", "bound"), CORE, ids=[c[0] for c in CORE])
def test_core_functions_within_their_ulp_bound_on_both_paths(
    name: str, curve: Curve, points: list[float], bound: float
) -> None:
    table = _numpy(curve)(points)
    scalar, vector = worst_of([lambda x: float_value(curve, x), table.__getitem__], _reference(curve), points)
    assert scalar[0] <= bound, f"{name} scalar path: {scalar[0]:.2f} ulp at x={scalar[1]!r}"
    assert vector[0] <= bound, f"{name} numpy path: {vector[0]:.2f} ulp at x={vector[1]!r}"


def test_tails_are_neither_zero_nor_nan() -> None:
    # 1/(1+exp(-x)) gives 0 on [-745.1, -709.8]; the true values are subnormal.
    assert float_value(Curve(), -740.0) > 0
    assert float_value(Curve(order=1), -745.0) > 0  # σ'(−745) is not 0
    assert float_value(Curve(log=True), -800.0) == -800.0
    assert float_value(Curve(log=True), 800.0) == -0.0 or float_value(Curve(log=True), 800.0) < 0
    assert float_value(Curve(inverse=True), 0.0) == -math.inf
    assert float_value(Curve(inverse=True), 1.0) == math.inf
    assert math.isnan(float_value(Curve(), math.nan))


# The raw members are as good as the library functions they stand on; the derived forms
# (normalised, complement, log, derivative, inverse) carry the bounds measured here.
FAMILY_BOUNDS = {
    # name: (f, N and 1−N, log N, f', inverse)
    "logistic": (2, 2, 2, 2, 2),
    "tanh": (2, 2, 2.5, 2, 2),
    "arctan": (2, 2, 2.5, 2, 2),
    "gd": (2, 2.5, 2.5, 2, None),  # gd⁻¹ near ±π/2 is ill-conditioned (sec y)
    "erf": (2, 2.5, 3, 2, 2),
    "algebraic": (2, 4, 4, 5, 2),
    "softsign": (2, 2, 2, 3, 2),
    "normal-cdf": (2, 2.5, 3, 3, 4),
    "hardsigmoid": (2, 2, 2, 2, 2),
    "smoothstep": (2, 2, 2, 2, 2),
}
FAMILY_XS = (
    [rng.uniform(-10, 10) for _ in range(500)]
    + [rng.uniform(-60, 60) for _ in range(200)]
    + _spread(200, -300, 5)
    + [0.0, 1e-300, -2.9999, 2.5, -0.999, 0.999, -3.0, 3.0, -1.0, 1.0]
)


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_family_members_within_measured_bounds(name: str) -> None:
    f_bound, unit_bound, log_bound, grad_bound, inverse_bound = FAMILY_BOUNDS[name]
    member = MEMBERS[name]
    variants = [
        ("f", Curve(name), f_bound, FAMILY_XS),
        ("N", Curve(name, normalize=True), unit_bound, FAMILY_XS),
        ("1−N", Curve(name, normalize=True, complement=True), unit_bound, FAMILY_XS),
        ("log N", Curve(name, normalize=True, log=True), log_bound, FAMILY_XS),
        ("f'", Curve(name, order=1), grad_bound, FAMILY_XS),
    ]
    if inverse_bound is not None:
        low, high = (0.0, 1.0) if member.unit_range else (member.low, member.high)
        own = random.Random(f"{name} inverse")  # the same sample whatever ran before
        ys = [own.uniform(low, high) for _ in range(300)]
        if not member.kinks:  # near the ends of a smooth member's range (erf⁻¹(1 − 10⁻¹³) was 10⁷ ulp off)
            ends = [10.0**-k for k in range(1, 16)]
            ys += [high - (high - low) * e for e in ends] + [low + (high - low) * e for e in ends]
        variants.append(("inverse", Curve(name, inverse=True), inverse_bound, ys))
    for label, curve, bound, points in variants:
        table = _numpy(curve)(points)
        scalar, vector = worst_of(
            [lambda x, c=curve: float_value(c, x), table.__getitem__], _reference(curve), points
        )
        assert scalar[0] <= bound, f"{name} {label} scalar: {scalar[0]:.2f} ulp at {scalar[1]!r}"
        assert vector[0] <= bound, f"{name} {label} numpy: {vector[0]:.2f} ulp at {vector[1]!r}"


_t = sympy.Symbol("t")
_SYMPY_FORMS = {
    "logistic": 1 / (1 + sympy.exp(-_t)),
    "tanh": sympy.tanh(_t),
    "arctan": sympy.atan(_t),
    "gd": 2 * sympy.atan(sympy.tanh(_t / 2)),
    "erf": sympy.erf(_t),
    "algebraic": _t / sympy.sqrt(1 + _t**2),
    "normal-cdf": (1 + sympy.erf(_t / sympy.sqrt(2))) / 2,
}
ORDER_XS = (
    [rng.uniform(-30, 30) for _ in range(25)] + [rng.uniform(-700, 700) for _ in range(8)] + [0.3, -1.7, 12.0]
)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "order"), [(n, k) for n in _SYMPY_FORMS for k in (2, 3, 7)] + [("logistic", 15)]
)
def test_higher_derivatives_relative_1e12_against_sympy(name: str, order: int) -> None:
    """The reference differentiates symbolically and evaluates at 500 digits."""
    reference = sympy.lambdify(_t, sympy.diff(_SYMPY_FORMS[name], _t, order), "mpmath")
    curve = Curve(name, order=order)
    vector, _ = array_values(curve, np.array(ORDER_XS))
    for x, from_array in zip(ORDER_XS, vector.tolist(), strict=True):
        with mpmath.workdps(500):
            exact = reference(mpmath.mpf(x))
        for got in (float_value(curve, x), from_array):
            if abs(exact) < 1e-300:  # below float64's normal range: only absolute sense
                assert abs(got - float(exact)) <= 1e-300
            else:
                assert abs((mpmath.mpf(got) - exact) / exact) <= 1e-12, (name, order, x, got)


@pytest.mark.parametrize("order", [25, 60, 100])
def test_order_up_to_100_relative_1e12(order: int) -> None:
    """σ⁽ⁿ⁾ from the Eulerian form, evaluated independently at 400 digits."""
    from sigmoid_cli.numeric.curve import eulerian_row

    points = [0.3, -2.0, 5.5, -40.0, 150.0, -700.0]
    vector, _ = array_values(Curve(order=order), np.array(points))
    for x, from_array in zip(points, vector.tolist(), strict=True):
        with mpmath.workdps(400):
            s = 1 / (1 + mpmath.exp(-mpmath.mpf(x)))
            exact = sum(
                (-1) ** k * a * s ** (k + 1) * (1 - s) ** (order - k)
                for k, a in enumerate(eulerian_row(order))
            )
        for got in (float_value(Curve(order=order), x), from_array):
            assert abs((mpmath.mpf(got) - exact) / exact) <= 1e-12, (order, x, got, exact)


def _closed_form_derivative(name: str, n: int, x: mpmath.mpf) -> mpmath.mpf:
    """Textbook n-th derivatives (n ≥ 1) that share no code with ours: Hermite polynomials
    for erf and Φ, the sine formula for atan, the rational form of softsign."""
    if name == "erf":
        return 2 / mpmath.sqrt(mpmath.pi) * (-1) ** (n - 1) * mpmath.hermite(n - 1, x) * mpmath.exp(-x * x)
    if name == "normal-cdf":  # He_m(x) = 2^(−m/2) H_m(x/√2)
        m = n - 1
        he = mpmath.mpf(2) ** (-mpmath.mpf(m) / 2) * mpmath.hermite(m, x / mpmath.sqrt(2))
        return (-1) ** m * he * mpmath.npdf(x)
    if name == "arctan":  # (n−1)! (−1)^(n−1) sin(n·acot x) / (1+x²)^(n/2), acot in (0, π)
        angle = mpmath.pi / 2 - mpmath.atan(x)
        return (
            mpmath.factorial(n - 1)
            * (-1) ** (n - 1)
            * mpmath.sin(n * angle)
            / (1 + x * x) ** (mpmath.mpf(n) / 2)
        )
    assert name == "softsign"  # x/(1+x) = 1 − 1/(1+x) for x > 0; x/(1−x) = 1/(1−x) − 1 for x < 0
    if x > 0:
        return (-1) ** (n + 1) * mpmath.factorial(n) / (1 + x) ** (n + 1)
    return mpmath.factorial(n) / (1 - x) ** (n + 1)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "order"), [(n, k) for n in ("erf", "normal-cdf", "arctan", "softsign") for k in (12, 40, 100)]
)
def test_family_orders_up_to_100_against_closed_forms(name: str, order: int) -> None:
    points = [0.3, -1.7, 2.5, -6.0, 11.0]
    vector, _ = array_values(Curve(name, order=order), np.array(points))
    for x, from_array in zip(points, vector.tolist(), strict=True):
        with mpmath.workdps(400):
            exact = _closed_form_derivative(name, order, mpmath.mpf(x))
        for got in (float_value(Curve(name, order=order), x), from_array):
            assert abs((mpmath.mpf(got) - exact) / exact) <= 1e-12, (name, order, x, got, exact)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "log", "normalize"),
    [
        ("gd", False, False),
        ("gd", True, True),
        ("algebraic", True, True),
        ("erf", True, True),
        ("normal-cdf", True, False),
    ],
)
def test_family_log_and_normalized_orders_against_numerical_differentiation(
    name: str, log: bool, normalize: bool
) -> None:
    """Against mpmath's numerical differentiation of our order-0 value at 60 digits (enough
    for 12 correct digits up to order 20; it takes seconds where series take milliseconds)."""
    from sigmoid_cli.numeric.curve import mp_value

    base = Curve(name, log=log, normalize=normalize)
    for order in (2, 9, 20):
        curve = Curve(name, order=order, log=log, normalize=normalize)
        for x in (-2.0, 0.7, 4.5):
            with mpmath.workdps(60):
                exact = mpmath.diff(lambda t: mp_value(mpmath.mp, base, t), mpmath.mpf(x), order)
            got = float_value(curve, x)
            assert abs((mpmath.mpf(got) - exact) / exact) <= 1e-12, (name, order, x, got, exact)


@pytest.mark.parametrize(
    ("name", "kink"), [("hardsigmoid", -3.0), ("hardsigmoid", 3.0), ("softsign", 0.0), ("smoothstep", 1.0)]
)
def test_no_second_derivative_at_a_corner(name: str, kink: float) -> None:
    """The first derivative jumps or has a corner there: orders 2 and up do not exist."""
    for order in (2, 3):
        assert math.isnan(float_value(Curve(name, order=order), kink))
        assert not math.isnan(float_value(Curve(name, order=order), kink + 0.25))


def test_log_where_the_member_is_zero_has_no_slope() -> None:
    """hardsigmoid is 0 below −3: log is −inf on a whole piece, its derivatives are nan
    (this was a ZeroDivisionError, reported as an internal error)."""
    for order in (1, 2, 5):
        assert math.isnan(float_value(Curve("hardsigmoid", log=True, order=order), -5.0))
        vector, _ = array_values(Curve("hardsigmoid", log=True, order=order), np.array([-5.0, 0.0]))
        assert math.isnan(vector[0]) and vector[1] != 0
    assert float_value(Curve("hardsigmoid", log=True, order=2), 0.0) == pytest.approx(-1 / 9, rel=1e-15)


def test_eulerian_rows_are_permutation_counts() -> None:
    from sigmoid_cli.numeric.curve import eulerian_row

    assert eulerian_row(1) == (1,)
    assert eulerian_row(3) == (1, 4, 1)
    assert eulerian_row(5) == (1, 26, 66, 26, 1)
    assert all(sum(eulerian_row(n)) == math.factorial(n) for n in range(1, 30))


def test_ulp_error_helper_counts_ulps() -> None:
    assert ulp_error(1.0, mpmath.mpf(1)) == 0
    assert ulp_error(1.0 + 2**-52, mpmath.mpf(1)) == pytest.approx(1.0)


@pytest.mark.parametrize("order", [2, 3, 4, 5, 6, 8, 10, 15])
def test_higher_derivatives_within_one_ulp_over_the_range(order: int) -> None:
    """σ⁽ⁿ⁾ through w = σ(x)σ(−x) in double-double: within 1 ulp against 1,200 digits, from
    subnormal inputs to the far tails (the Eulerian sum it replaced reached 10 ulp)."""
    from sigmoid_cli.numeric.curve import eulerian_row

    rng = np.random.default_rng(order)
    points = [*rng.normal(0, 5, 60), *rng.normal(0, 0.01, 10), *rng.uniform(-745, 745, 20)]
    points += [0.0, 1e-300, -1e-20, 5e-324, 1.3169578969248166, 700.0, -740.0]
    vector, _ = array_values(Curve(order=order), np.array(points))
    for x, got in zip(points, vector.tolist(), strict=True):
        with mpmath.workdps(1200):
            s = 1 / (1 + mpmath.exp(-mpmath.mpf(x)))
            c = 1 / (1 + mpmath.exp(mpmath.mpf(x)))
            exact = mpmath.fsum(
                (-1) ** k * a * s ** (k + 1) * c ** (order - k) for k, a in enumerate(eulerian_row(order))
            )
        assert (got == 0.0 and abs(exact) < 2.0**-1075) or ulp_error(got, exact) <= 1.0, (order, x, got)
        assert (
            got == float_value(Curve(order=order), x)
            or ulp_error(float_value(Curve(order=order), x), exact) <= 1.0
        )


def test_higher_derivatives_near_the_centre_need_no_mpmath() -> None:
    """Near 0 the Eulerian sum cancelled and sent every value to mpmath (13 s for 100,000
    zeros at order 2); through w only the neighbourhoods of P's roots are left to it."""
    from sigmoid_cli.numeric.curve import _sigmoid_derivative

    centre = np.concatenate([np.zeros(1000), np.linspace(-1.0, 1.0, 1001)])
    for order in range(2, 13):  # from about 15 on, P's own cancellation near w = 1/4 takes over
        _, unsure = _sigmoid_derivative(np, order, centre)
        assert unsure.mean() < 0.01, order
    _, unsure = _sigmoid_derivative(np, 3, np.array([1.3169578969248166]))  # σ''' = w(1 − 6w) = 0 there
    assert unsure.all()


@pytest.mark.parametrize("order", [2, 5])
def test_higher_derivatives_of_a_long_array_are_the_scalar_values(order: int) -> None:
    """Long arrays go block by block: the same bits as one value at a time."""
    x = np.random.default_rng(order).normal(0, 5, 20_011)
    vector, _ = array_values(Curve(order=order), x)
    for i in range(0, len(x), 97):
        assert vector[i] == float_value(Curve(order=order), float(x[i])), (order, x[i])


@pytest.mark.slow
@pytest.mark.parametrize("order", [3, 5, 8])
def test_the_rounding_test_decides_the_cancelling_values_rightly(
    order: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Near a zero of σ⁽ⁿ⁾ the polynomial in w cancels past 2^−60: those values are rounded by
    the rounding test where its bound allows, and must be mpmath's correctly rounded double;
    mpmath is left with fewer than 1 value in 10^4 (issue 17)."""
    import numpy as np

    from sigmoid_cli.numeric import curve as C

    x = np.random.default_rng(order).normal(0, 5, 400_000)
    values, unsure = C._sigmoid_derivative(C.K.numpy_namespace(), order, x)
    assert unsure.mean() < 1e-4
    with monkeypatch.context() as patch:  # without the test: every cancelling value is unsure
        patch.setattr(C, "_tested", lambda *arguments: (arguments[-2], arguments[-1]))
        _, cancelling = C._sigmoid_derivative(C.K.numpy_namespace(), order, x)
    decided = np.flatnonzero(cancelling & ~unsure)
    assert len(decided) >= 5
    for i in decided.tolist():
        assert values[i] == C._mp_fallback(Curve(order=order), float(x[i])), x[i]
