"""The activation functions' float64 kernels (numeric/activations.py) against mpmath at 256 bits:
within 4 ulp over the whole range, tails included, on the math path and the numpy path."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import mpmath
import numpy as np
import pytest

import sigmoid_cli
from sigmoid_cli.numeric import activations as A
from sigmoid_cli.numeric import kernels as K

MP = mpmath.MPContext()
MP.prec = 256
POINTS = 10_000
SUBNORMAL_ULP = 2.0**-1074


def _softplus(x: Any) -> Any:
    return x + MP.log1p(MP.exp(-x)) if x > 0 else MP.log1p(MP.exp(x))


def _far(inner: Callable[[Any], Any], left: Callable[[Any], Any], right: Callable[[Any], Any]) -> Any:
    """mpmath's erfc and ncdf overflow past |x| = 1e150; there the value is a limit in every digit."""
    return lambda x: left(x) if x < -1e6 else right(x) if x > 1e6 else inner(x)


EXACT: dict[str, Callable[[Any], Any]] = {
    "softplus": _softplus,
    "silu": lambda x: x / (1 + MP.exp(-x)),
    "gelu": _far(lambda x: x * MP.ncdf(x), lambda x: MP.zero, lambda x: x),
    # ½x(1 + tanh(t/2)) as x·σ(t): 1 + tanh(t/2) cancels at any fixed precision far left
    "gelu_tanh": lambda x: x / (1 + MP.exp(-2 * MP.sqrt(2 / MP.pi) * (x + MP.mpf("0.044715") * x**3))),
    "mish": lambda x: x * MP.tanh(_softplus(x)),
    "relu": lambda x: max(x, MP.zero),
    "log1p": MP.log1p,
    "expm1": MP.expm1,
    "logit": lambda p: MP.log(p) - MP.log1p(-p),
    "erfc": _far(MP.erfc, lambda x: MP.mpf(2), lambda x: MP.zero),
    "sech": MP.sech,
}
# Points that each kernel's comments single out (tails, underflow, overflow edges).
EDGES = {
    "softplus": (-800.0, 800.0, -745.0, -37.0, 37.0, 0.0),
    "silu": (-745.0, -710.0, -700.0, -50.0, 710.0),
    "gelu": (-20.0, -37.0, -37.5, -38.0, -38.5, -40.0, 8.0),
    "gelu_tanh": (-10.0, -20.0, -21.9, -22.5, -30.0, 30.0),
    "mish": (-50.0, -700.0, -710.0, -745.0, 50.0),
    "logit": (0.5, 0.5 + 2**-53, 0.5 - 2**-54, 2**-1074, 1e-300, 1 - 2**-53, 0.25, 0.75),
    "log1p": (1e-300, -1e-300, -0.5, -1 + 2**-53, 1e300),
    "expm1": (1e-300, -1e-300, 709.78, -745.0, -800.0),
    "erfc": (26.0, 26.5, 27.0, -6.0, 1e-300),
    "sech": (709.0, 712.0, 745.0, 1e-300),
}


def sample(name: str) -> np.ndarray:
    """10⁴ seeded points: half log-uniform magnitudes over the whole float64 range, half
    log-uniform where the function does its work, both signs; logit's inside (0, 1)."""
    rng = np.random.default_rng(sum(map(ord, name)))
    half = POINTS // 2
    if name == "logit":
        tiny = 10.0 ** rng.uniform(-300, 0, half)
        mixed = np.concatenate([tiny[: half // 2], 1 - tiny[half // 2 :], rng.uniform(0, 1, half)])
        return np.concatenate([mixed, EDGES[name]])
    wide = 10.0 ** rng.uniform(-300, 300, half)
    working = 10.0 ** rng.uniform(-8, 3, half)
    signs = np.where(rng.random(POINTS) < 0.5, -1.0, 1.0)
    x = np.concatenate([wide, working]) * signs
    if name == "log1p":  # its domain is x > −1
        x = np.where(x > -1, x, -rng.uniform(0, 1, POINTS))
    return np.concatenate([x, EDGES.get(name, ())])


def ulps(got: float, exact: Any) -> float:
    """|got − exact| in units of the last place of the exact value (subnormal spacing below)."""
    nearest = float(exact)
    if math.isinf(nearest) or got == nearest:
        return 0.0 if got == nearest else math.inf
    return float(abs(MP.mpf(got) - exact)) / max(math.ulp(nearest), SUBNORMAL_ULP)


def worst_ulps(name: str) -> tuple[float, float]:
    x = sample(name)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        array = A.KERNELS[name](K.numpy_namespace(), x)
    worst = 0.0
    where = math.nan
    for value, from_array in zip(x.tolist(), array.tolist(), strict=True):
        exact = EXACT[name](MP.mpf(value))
        error = max(ulps(from_array, exact), ulps(float(A.KERNELS[name](K.MATH, value)), exact))
        if error > worst:
            worst, where = error, value
    return worst, where


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(A.KERNELS))
def test_within_4_ulp_over_the_whole_range(name: str) -> None:
    worst, where = worst_ulps(name)
    assert worst <= 4.0, f"{name}: {worst:.2f} ulp at {where!r}"


def test_the_tails_named_in_the_issue() -> None:
    assert sigmoid_cli.softplus(-800.0) == 0.0  # e^−800 is below the smallest subnormal
    assert sigmoid_cli.softplus(800.0) == 800.0
    assert sigmoid_cli.mish(-50.0) == pytest.approx(-50 * math.exp(-50), rel=4e-16)
    assert sigmoid_cli.gelu(-20.0) == pytest.approx(float(-20 * MP.ncdf(-20)), rel=4e-16)
    assert 0 > sigmoid_cli.gelu(-38.0) > -1e-310  # a subnormal, not 0
    assert sigmoid_cli.sech(712.0) > 0.0
    assert sigmoid_cli.expm1(1e-300) == 1e-300 and sigmoid_cli.log1p(-1e-300) == -1e-300


def test_the_api_behaves_like_a_ufunc() -> None:
    x = np.array([[-1.0, 0.0], [1.0, 2.0]])
    for name in sorted(A.KERNELS):
        function = getattr(sigmoid_cli, name)
        result = function(x if name != "logit" else x / 4 + 0.5)
        assert result.shape == (2, 2) and result.dtype == np.float64
        assert isinstance(function(np.float32(0.5)), np.float32)
        assert isinstance(function(0.5), float)
    assert math.isnan(sigmoid_cli.log1p(-2.0)) and np.isnan(sigmoid_cli.logit(np.array([2.0]))).all()
    assert sigmoid_cli.swish is sigmoid_cli.silu
    assert sigmoid_cli.silu(1.0) == pytest.approx(1 / (1 + math.exp(-1)), rel=1e-15)
