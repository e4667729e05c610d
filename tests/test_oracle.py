"""The correctly rounded oracle (tests/oracle.py) checked on its own: known values, plain
mpmath at 2000 bits, its rounding helper against Python's exactly rounded int/int division,
its error radius, and Ziv's loop."""

from __future__ import annotations

import math
import random
from fractions import Fraction

import mpmath
import pytest
from mpmath.libmp import from_man_exp
from oracle import (
    SIX,
    SLACK,
    Function,
    approximation,
    correctly_rounded,
    evaluate,
    round_dyadic,
    round_mpf,
    same,
)

GENERAL = [(2.5, -1.25, 3.0), (-0.7, 10.0, 1e-300), (1e-3, 0.5, 1e300)]


def _f(kind: str, params: tuple[float, float, float] = (1.0, 0.0, 1.0)) -> Function:
    return Function(kind, *params)


@pytest.mark.parametrize(
    ("kind", "x", "expected"),
    [
        ("sigmoid", 0.0, 0.5),
        ("sigmoid", -0.0, 0.5),
        ("complement", 0.0, 0.5),
        ("grad", 0.0, 0.25),
        ("logit", 0.5, 0.0),
        ("logit", 0.0, -math.inf),
        ("logit", -0.0, -math.inf),
        ("logit", 1.0, math.inf),
        ("logit", 1.5, math.nan),
        ("logit", -1e-300, math.nan),
        ("log_sigmoid", 0.0, -math.log(2.0)),
        ("sigmoid", math.inf, 1.0),
        ("sigmoid", -math.inf, 0.0),
        ("complement", math.inf, 0.0),
        ("log_sigmoid", math.inf, -0.0),
        ("log_sigmoid", -math.inf, -math.inf),
        ("log_complement", -math.inf, -0.0),
        ("log_complement", math.inf, -math.inf),
        ("grad", math.inf, 0.0),
        ("grad", -math.inf, 0.0),
        ("sigmoid", 40.0, 1.0),
        ("sigmoid", -746.0, 0.0),
        ("sigmoid", -745.0, 5e-324),  # e^-745 = 0.99 · 2^-1074 (no longer below the half)
        ("log_sigmoid", 746.0, -0.0),  # −e^{−746} ≈ −2^{−1076.3}: rounds to −0
        ("log_sigmoid", 745.0, -5e-324),
        ("log_sigmoid", -1e300, -1e300),
        ("log_sigmoid", -40.0, -40.0),  # −40 − 4.2e−18: far below half an ulp of 40
        ("log_complement", -746.0, -0.0),
        ("grad", 1e300, 0.0),
        ("logit", 5e-324, math.log(5e-324)),
        ("sigmoid", math.nan, math.nan),
        ("logit", math.nan, math.nan),
    ],
)
def test_known_values(kind: str, x: float, expected: float) -> None:
    assert same(correctly_rounded(_f(kind), x), expected)


def test_known_general_values() -> None:
    # At x = x0 the result is exactly L/2 or L·k/4, rounded directly: ties go to even.
    assert same(correctly_rounded(Function("general", 2.0, 1.0, 3.0), 1.0), 1.5)
    assert same(correctly_rounded(Function("general", 2.0, 1.0, 5e-324), 1.0), 0.0)
    assert same(correctly_rounded(Function("general", 2.0, 1.0, -5e-324), 1.0), -0.0)
    assert correctly_rounded(Function("general", 2.0, 1.0, 3 * 5e-324), 1.0) == 2 * 5e-324
    assert correctly_rounded(Function("general_grad", 2.0, 1.0, 3.0), 1.0) == 1.5
    # Infinite x: u = k·(x − x0) has the sign of k.
    assert same(correctly_rounded(Function("general", -0.7, 10.0, 1e-300), math.inf), 0.0)
    assert correctly_rounded(Function("general", -0.7, 10.0, 1e-300), -math.inf) == 1e-300
    assert same(correctly_rounded(Function("general_grad", -0.7, 10.0, 1e-300), math.inf), -0.0)
    assert same(correctly_rounded(Function("general", 1.0, 0.0, -2.0), -math.inf), -0.0)
    # The far tail shortcut and mpmath agree on each side of TAIL = 8192.
    f = Function("general", 1.0, 0.0, 1e300)
    assert correctly_rounded(f, 8191.0) == correctly_rounded(f, 8192.0) == 1e300
    # x − x0 is exact, not rounded: with x0 = 1 + 2^−52 and x = 1, u = −2^−52·k.
    g = Function("general", 2.0**60, 1.0 + 2.0**-52, 1.0)
    assert correctly_rounded(g, 1.0) == correctly_rounded(Function("sigmoid"), -(2.0**8))


def _naive(kind: str, x: mpmath.mpf, params: tuple[float, float, float]) -> mpmath.mpf:
    """The definitions, literally, in mpmath (2000 bits makes them accurate enough here)."""
    k, x0, L = (mpmath.mpf(v) for v in params)
    sigma = 1 / (1 + mpmath.exp(-x))
    return {
        "sigmoid": lambda: sigma,
        "complement": lambda: 1 - sigma,
        "log_sigmoid": lambda: mpmath.log(sigma),
        "log_complement": lambda: mpmath.log(1 - sigma),
        "logit": lambda: mpmath.log(x / (1 - x)),
        "grad": lambda: sigma * (1 - sigma),
        "general": lambda: L / (1 + mpmath.exp(-k * (x - x0))),
        "general_grad": lambda: L * k * mpmath.exp(-k * (x - x0)) / (1 + mpmath.exp(-k * (x - x0))) ** 2,
    }[kind]()


def _inputs(kind: str, rng: random.Random, n: int) -> list[float]:
    if kind == "logit":
        return (
            [rng.random() for _ in range(n // 2)]
            + [math.ldexp(1 + rng.random(), -rng.randrange(2, 900)) for _ in range(n // 4)]
            + [1 - math.ldexp(1 + rng.random(), -rng.randrange(2, 53)) for _ in range(n // 4)]
        )
    return [rng.uniform(-40, 40) for _ in range(n // 2)] + [rng.uniform(-700, 700) for _ in range(n // 2)]


CASES = [(kind, (1.0, 0.0, 1.0)) for kind in SIX] + [
    (kind, params) for params in GENERAL for kind in ("general", "general_grad")
]


@pytest.mark.parametrize(("kind", "params"), CASES)
def test_against_mpmath_at_2000_bits(kind: str, params: tuple[float, float, float]) -> None:
    """Ordinary inputs with normal results, where mpmath's own float() is correctly rounded
    (53-bit rounding, then an exact ldexp)."""
    rng = random.Random(f"{kind}{params}")
    f = _f(kind, params)
    xs = _inputs(kind, rng, 200)
    if kind.startswith("general"):
        k, x0, _ = params
        xs = [x0 + x / k for x in xs]
    compared = 0
    with mpmath.workprec(2000):
        for x in xs:
            expected = float(_naive(kind, mpmath.mpf(x), params))
            if not abs(expected) >= 2.0**-1022:
                continue  # float() may round twice (subnormal) or lose the sign of 0
            assert same(correctly_rounded(f, x), expected), (kind, params, x, x.hex())
            compared += 1
    assert compared >= 40  # L = 1e-300 sends half of the ±700 inputs below 2^-1022


@pytest.mark.parametrize(("kind", "params"), CASES)
def test_error_radius_holds(kind: str, params: tuple[float, float, float]) -> None:
    """The module docstring's bound: at precision p the approximation is within 2^(5−p)
    relative of the exact value (the radius used, 2^(SLACK−p), has 128 times more)."""
    rng = random.Random(f"radius{kind}{params}")
    f = _f(kind, params)
    xs = _inputs(kind, rng, 100)
    if kind.startswith("general"):
        k, x0, _ = params
        xs = [x0 + x / k for x in xs]
    worst = mpmath.mpf(0)
    for p in (53, 64, 113):
        for x in xs:
            approx = approximation(f, x, p)
            assert approx is not None
            with mpmath.workprec(3000):
                exact = _naive(kind, mpmath.mpf(x), params)
                error = abs(mpmath.mpf(approx) - exact) / abs(exact) * mpmath.mpf(2) ** p
            worst = max(worst, error)
    assert worst < 32 < 2**SLACK, float(worst)


def test_ziv_loop_widens_from_a_low_start() -> None:
    """Started at 16 bits (a radius of 2^−4: every interval straddles), the loop doubles until
    it decides, and agrees with the default start."""
    rng = random.Random(7)
    for kind in SIX:
        f = _f(kind)
        for _ in range(50):
            x = rng.random() if kind == "logit" else rng.uniform(-50, 50)
            result, bits = evaluate(f, x, start=16)
            assert bits >= 64
            assert same(result, correctly_rounded(f, x))


def _dyadics(rng: random.Random) -> list[tuple[bool, int, int]]:
    cases = []
    for _ in range(3000):
        bits = rng.choice([1, 2, 20, 52, 53, 54, 55, 60, 100, 200])
        man = rng.getrandbits(bits) | 1 << (bits - 1)
        top = rng.choice(
            [rng.randint(-1200, 1100), rng.randint(-1080, -1020), rng.randint(1015, 1030), rng.randint(-5, 5)]
        )
        cases.append((rng.random() < 0.5, man, top - bits + 1))
    # Exact ties and near-ties: a 53-bit odd/even mantissa plus exactly half an ulp (± a bit).
    for _ in range(1000):
        man = rng.getrandbits(52) | 1 << 52
        extra = rng.randint(2, 80)
        man = (man << extra) + (1 << (extra - 1)) + rng.choice([-1, 0, 0, 1])
        top = rng.choice([rng.randint(-1100, -1020), rng.randint(-30, 30), 1023])
        cases.append((rng.random() < 0.5, man, top - man.bit_length() + 1))
    # Around the smallest subnormal and the largest double.
    for man, exp in [(1, -1075), (3, -1076), (1, -1076), (3, -1075), (2**53 - 1, 971), (2**54 - 1, 970)]:
        cases.extend([(False, man, exp), (True, man, exp)])
    return cases


def _by_fraction(negative: bool, man: int, exp: int) -> float:
    value = Fraction(man) * 2**exp if exp >= 0 else Fraction(man, 2**-exp)
    try:
        result = float(value)  # int/int true division: correctly rounded, ties to even
    except OverflowError:
        result = math.inf
    if result == 0:
        return -0.0 if negative else 0.0
    return -result if negative else result


def test_round_dyadic_matches_fraction_division() -> None:
    rng = random.Random(2024)
    kinds = {"subnormal": 0, "overflow": 0, "zero": 0}
    for negative, man, exp in _dyadics(rng):
        expected = _by_fraction(negative, man, exp)
        got = round_dyadic(negative, man, exp)
        assert same(got, expected), (negative, man, exp, got, expected)
        kinds["subnormal"] += 0 < abs(got) < 2.0**-1022
        kinds["overflow"] += math.isinf(got)
        kinds["zero"] += got == 0
    assert min(kinds.values()) > 20, kinds


def test_round_mpf_beats_mpmath_float_on_subnormals() -> None:
    """Why the oracle rounds by itself: mpmath's float() rounds to 53 bits first and then
    again to the subnormal grid. 2^−1075·(1 + 2^−60) is above the midpoint 2^−1075, so the
    nearest double is 2^−1074; float() makes it 2^−1075 first, a tie, and then 0."""
    value = from_man_exp(2**60 + 1, -1075 - 60)
    assert round_mpf(value) == 5e-324
    assert float(mpmath.mpf(value)) == 0.0
