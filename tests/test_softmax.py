"""softmax, log-softmax and logsumexp: correctly rounded on the command line (against mpmath at
400 bits), stable for large values, the logistic as their two-class case, in streams line by
line, and scipy.special's shapes in the Python API."""

from __future__ import annotations

import math
import random

import mpmath
import numpy as np
import pytest
from helpers import assert_one_error_line, sigmoid

import sigmoid_cli
from sigmoid_cli.numeric import softmax as vectors


def _double(value: mpmath.mpf) -> float:
    """The nearest double, exactly (Python rounds a Fraction correctly; float() of an mpf
    does not round to nearest)."""
    from fractions import Fraction

    sign, man, exp, _ = value._mpf_
    exact = Fraction(man) * (Fraction(2) ** exp) if man else Fraction(0)
    return float(-exact if sign else exact)


def _reference(z: list[float], kind: str, temperature: float) -> list[float]:
    """At a precision where e^(−spread) still shows beside 1: an exact midpoint plus a tiny
    term (zᵢ − m needs 54 bits: every other pair of values) must round away from the tie."""
    spread = (max(z) - min(z)) / temperature
    with mpmath.workprec(400 + int(1.5 * spread)):
        scaled = [mpmath.mpf(v) / mpmath.mpf(temperature) for v in z]
        total = mpmath.fsum(mpmath.exp(s) for s in scaled)
        if kind == "softmax":
            return [_double(mpmath.exp(s) / total) for s in scaled]
        if kind == "log-softmax":  # log(1 + rest) by log1p: 1 + e^-430 would be 1 at 400 bits
            top = max(scaled)
            rest = (scaled.count(top) - 1) + mpmath.fsum(mpmath.exp(s - top) for s in scaled if s != top)
            return [_double((s - top) - mpmath.log1p(rest)) for s in scaled]
        return [_double(mpmath.log(total))]


def test_large_values_as_mpmath_rounds_them() -> None:
    run = sigmoid("eval", "--softmax", "1000", "1001", "1002")
    assert run.code == 0
    assert [float(line) for line in run.lines] == _reference([1000.0, 1001.0, 1002.0], "softmax", 1.0)


@pytest.mark.parametrize("kind", vectors.KINDS)
@pytest.mark.parametrize("seed", range(4))
def test_correctly_rounded_over_random_vectors(kind: vectors.Kind, seed: int) -> None:
    rng = random.Random(seed * 10 + len(kind))
    for _ in range(60):
        size = rng.randint(1, 8)
        scale = 10 ** rng.uniform(-3, 2.5)
        z = [rng.gauss(0, scale) for _ in range(size)]
        temperature = rng.choice([1.0, 0.5, 3.0, 0.7])
        assert vectors.vector(z, kind, temperature) == _reference(z, kind, temperature), (z, temperature)


def test_logsumexp_where_it_cancels() -> None:
    """m + log Σ near 0: m = -log 2 against log(1 + 1) (the loop must see the lost bits)."""
    z = [-math.log(2.0), -math.log(2.0)]
    assert vectors.vector(z, "logsumexp") == _reference(z, "logsumexp", 1.0)


@pytest.mark.parametrize(("a", "b"), [(1.0, -1.0), (0.5, 0.25), (30.0, 2.0), (-700.0, 0.0), (3.0, 3.0)])
def test_two_classes_are_the_logistic(a: float, b: float) -> None:
    """softmax(a, b) = (σ(a − b), σ(b − a)): the same doubles (a − b is exact here)."""
    assert vectors.vector([a, b], "softmax") == [sigmoid_cli.sigmoid(a - b), sigmoid_cli.sigmoid(b - a)]
    assert vectors.vector([a, b], "log-softmax") == [
        sigmoid_cli.log_sigmoid(a - b),
        sigmoid_cli.log_sigmoid(b - a),
    ]


def test_infinities_and_nan() -> None:
    inf = math.inf
    assert vectors.vector([inf, 1.0, inf], "softmax") == [0.5, 0.0, 0.5]
    assert vectors.vector([-inf, 0.0], "log-softmax") == [-inf, 0.0]
    assert vectors.vector([-inf, -inf], "logsumexp") == [-inf]
    assert all(math.isnan(v) for v in vectors.vector([math.nan, 1.0], "softmax"))


def test_each_line_of_a_stream_is_a_vector() -> None:
    run = sigmoid("eval", "--softmax", "--on-error", "nan", stdin="1,2,3\n1000 1001 1002\n\n-inf\t0\n1,abc\n")
    assert run.code == 0
    by_arguments = sigmoid("eval", "--softmax", "1", "2", "3").lines
    assert run.lines[0] == ",".join(by_arguments)
    assert run.lines[1] == " ".join(sigmoid("eval", "--softmax", "1000", "1001", "1002").lines)
    assert run.lines[2:] == ["", "0.0\t1.0", "nan,nan"]
    assert "line 5 'abc'" in run.err
    lse = sigmoid("eval", "--logsumexp", "-i", "--format", "csv", stdin="1,2,3\n0\n")
    assert lse.out == "1 2 3,3.40760596444438\n0,0.0\n"


def test_temperature_divides_first() -> None:
    hot = sigmoid("eval", "--softmax", "--temperature", "2", "2", "4").lines
    assert hot == sigmoid("eval", "--softmax", "1", "2").lines


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--softmax", "--fn", "tanh", "1"], "drop --fn"),
        (["--softmax", "--logsumexp", "1"], "choose one"),
        (["--softmax", "--digits", "30", "1"], "drop --digits"),
        (["--softmax", "--temperature", "0", "1"], "positive"),
        (["--temperature", "2", "1"], "--temperature applies"),
        (["--logsumexp", "--fields", "2"], "drop --fields"),
    ],
)
def test_what_does_not_combine_is_a_usage_error(args: list[str], message: str) -> None:
    run = sigmoid("eval", *args)
    assert_one_error_line(run, 2)
    assert message in run.err


def test_the_api_has_scipys_shapes() -> None:
    scipy = pytest.importorskip("scipy.special")
    x = np.random.default_rng(7).normal(0, 20, (5, 7))
    for axis in (None, 0, 1, (0, 1)):
        for ours, theirs in (
            (sigmoid_cli.softmax(x, axis=axis), scipy.softmax(x, axis=axis)),
            (sigmoid_cli.log_softmax(x, axis=axis), scipy.log_softmax(x, axis=axis)),
            (sigmoid_cli.logsumexp(x, axis=axis), scipy.logsumexp(x, axis=axis)),
        ):
            assert np.shape(ours) == np.shape(theirs)
            np.testing.assert_allclose(ours, theirs, rtol=4e-15, atol=1e-300)
    assert sigmoid_cli.softmax([1000, 1001, 1002]) == _reference([1000.0, 1001.0, 1002.0], "softmax", 1.0)
    assert sigmoid_cli.logsumexp([1, 2, 3]) == _reference([1.0, 2.0, 3.0], "logsumexp", 1.0)[0]
    with pytest.raises(ValueError, match="temperature"):
        sigmoid_cli.softmax([1.0], temperature=0)
