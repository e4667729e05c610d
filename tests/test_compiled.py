"""The compiled kernels (sigmoid_cli/numeric/_rounded.c) give the numpy path's bits.

Both paths are meant to be correctly rounded, so they must agree bit for bit on every input:
here on 10⁶ seeded values per default-parameter function (σ, 1 − σ, σ', log σ, log(1 − σ),
logit), for float64 and float32 results, plus rounding_samples.py's mixes (edges, subnormals,
specials) for every function there, the generalised L·σ(k(x − x0)) included. The numpy path is
the same code with the extension switched off (SIGMOID_NO_COMPILED's effect: compiled.module()
is None). CI builds the extension (.ci/run checks that it imports), so nothing here is skipped
there; SIGMOID_NO_COMPILED=1 runs the rest of the suite on the numpy path.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys

import numpy as np
import pytest
from oracle import SIX, Function
from rounding_samples import FUNCTIONS, curve_for, sample

import sigmoid_cli
from sigmoid_cli.numeric import compiled, rounded
from sigmoid_cli.numeric.curve import Curve, array_values, float_value

pytestmark = pytest.mark.skipif(
    compiled.module() is None, reason="the extension is not built (or switched off)"
)

N = 1_000_000


def whole_range(n: int, seed: int) -> np.ndarray:
    """n values: log-uniform magnitudes 2^−1080 … 2^1030 (subnormals, 0 and inf at the ends),
    both signs, a quarter N(0, 30), and the thresholds where σ, log σ and σ' change regime."""
    rng = np.random.default_rng(seed)
    with np.errstate(over="ignore"):
        magnitudes = 2.0 ** rng.uniform(-1080, 1030, n)
    x = np.where(rng.random(n) < 0.5, -magnitudes, magnitudes)
    x[: n // 4] = rng.normal(0, 30, n // 4)
    edges = [36.7, 37.43, 708.39, 709.78, 744.44, 745.13, 746.0, 2200.0, 2.0**-53, 2.0**-26, 1.0]
    near = np.concatenate([np.nextafter(np.array(edges), 0) + d for d in (0.0, 1e-9, -1e-6)])
    special = [
        0.0,
        -0.0,
        5e-324,
        -5e-324,
        2.2250738585072014e-308,
        math.inf,
        -math.inf,
        math.nan,
        1.7976931348623157e308,
    ]
    x[: 3 * len(edges) * 2 + len(special)] = np.concatenate([near, -near, special])
    return x


def probabilities(n: int, seed: int) -> np.ndarray:
    """n values for logit: σ of whole_range (0 and 1 among them), near ½, and outside [0, 1]."""
    x = whole_range(n, seed)
    with np.errstate(over="ignore", invalid="ignore"):
        p = np.where(x < 0, np.exp(x) / (1 + np.exp(x)), 1 / (1 + np.exp(-x)))
    p[:5] = [0.5, np.nextafter(0.5, 0), np.nextafter(0.5, 1), 1.5, -0.25]
    return p


def numpy_path(monkeypatch: pytest.MonkeyPatch, call: object, *args: object) -> object:
    with monkeypatch.context() as m:
        m.setattr(compiled, "module", lambda: None)
        return call(*args)  # type: ignore[operator]


def assert_same_bits(ours: np.ndarray, theirs: np.ndarray, x: np.ndarray) -> None:
    assert ours.dtype == theirs.dtype and ours.shape == theirs.shape
    width = np.int64 if ours.dtype == np.float64 else np.int32
    same = (ours.view(width) == theirs.view(width)) | (np.isnan(ours) & np.isnan(theirs))
    wrong = np.flatnonzero(~same)
    assert not len(wrong), [(float(x[i]), float(ours[i]), float(theirs[i])) for i in wrong[:5]]


API = {
    "sigmoid": sigmoid_cli.sigmoid,
    "complement": lambda x: sigmoid_cli.sigmoid(x, complement=True),
    "log_sigmoid": sigmoid_cli.log_sigmoid,
    "log_complement": lambda x: sigmoid_cli.log_sigmoid(x, complement=True),
    "logit": sigmoid_cli.logit,
    "grad": sigmoid_cli.sigmoid_grad,
}


@pytest.mark.slow
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("kind", SIX)
def test_a_million_values_give_the_numpy_paths_bits(
    monkeypatch: pytest.MonkeyPatch, kind: str, dtype: type
) -> None:
    with np.errstate(over="ignore"):  # float32: the largest magnitudes become ±inf
        x = (probabilities if kind == "logit" else whole_range)(N, seed=17 + SIX.index(kind)).astype(dtype)
    ours = API[kind](x)
    theirs = numpy_path(monkeypatch, API[kind], x)
    assert_same_bits(ours, theirs, x)


@pytest.mark.parametrize("f", FUNCTIONS, ids=str)
def test_the_rounding_samples_give_the_numpy_paths_bits(monkeypatch: pytest.MonkeyPatch, f: Function) -> None:
    """The generalised parameters too (L = 1e±300, k = 1e−3): through array_values, as the
    stream uses it, and through the scalar path (compiled.scalar) on a part of them."""
    x = np.array(sample(f, 20_000, seed="compiled"), dtype=np.float64)
    curve = curve_for(f)
    ours, _ = array_values(curve, x)
    theirs, _ = numpy_path(monkeypatch, array_values, curve, x)
    assert_same_bits(ours, theirs, x)
    single = Curve(**{**curve.__dict__, "float32": True})
    ours32, _ = array_values(single, x)
    theirs32, _ = numpy_path(monkeypatch, array_values, single, x)
    assert_same_bits(ours32, theirs32, x)
    few = x[:: len(x) // 500]
    scalar = np.array([float_value(curve, float(v)) for v in few])
    assert_same_bits(scalar, theirs[:: len(x) // 500], few)


def test_the_open_lanes_are_the_ones_rounded_py_leaves_open() -> None:
    """The C rounding test decides exactly the values the numpy accurate kernel decides: the
    count it leaves open equals rounded.py's fallbacks on the same inputs (near-midpoint ones:
    σ at tiny x, 1/2 − x/4 + …, is within 2^−56 of a midpoint for x = j·2^−55)."""
    x = np.concatenate([np.arange(1, 400) * 2.0**-55, np.random.default_rng(3).normal(0, 5, 2000)])
    for kind in ("value", "grad", "log"):
        before = rounded.fallbacks()
        expected = rounded.evaluate(kind, x)
        counted = rounded.fallbacks() - before
        out = np.empty_like(x)
        left = compiled.into(kind, x, out, 1.0, 0.0, 1.0, False, False)
        assert len(left) == counted
        decided = np.ones(len(x), dtype=bool)
        decided[left] = False
        assert_same_bits(out[decided], expected[decided], x[decided])
    assert counted > 0 or len(left) == 0


def test_out_may_be_the_input_and_float32_stays_float32() -> None:
    x = np.linspace(-30, 30, 10_001)
    expected = sigmoid_cli.sigmoid(x)
    left = compiled.into("value", x, x, 1.0, 0.0, 1.0, False, False)
    assert not len(left)
    assert_same_bits(x, expected, x)
    y = np.array([0.5, -3.0, np.inf, np.nan], dtype=np.float32)
    result = sigmoid_cli.sigmoid(y)
    assert result.dtype == np.float32
    assert result[2] == 1.0 and np.isnan(result[3])
    with pytest.raises(TypeError, match="float64 or float32"):
        compiled.into("value", np.arange(3), np.empty(3), 1.0, 0.0, 1.0, False, False)


def test_without_the_extension_nothing_imports_numpy_for_a_scalar() -> None:
    """SIGMOID_NO_COMPILED=1 switches it off, and the scalar path stays numpy-free either way."""
    code = (
        "import sys, sigmoid_cli; from sigmoid_cli.numeric import compiled;"
        "print(sigmoid_cli.sigmoid(0.5), compiled.module() is None, 'numpy' in sys.modules)"
    )
    for switch, off in (("1", "True"), ("", "False")):
        env = {**os.environ, "SIGMOID_NO_COMPILED": switch}
        shown = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        assert shown.stdout.split() == ["0.6224593312018546", off, "False"]


PHASE_CASES = [  # k, x0, L, complement: the defaults and generalised ones (rounded_quick's tests)
    (1.0, 0.0, 1.0, False),
    (1.0, 0.0, 1.0, True),
    (2.5, -1.25, 3.0, False),
    (-0.7, 10.0, 1e-300, True),
    (1e-3, 5.0, 1e300, False),
]


@pytest.mark.parametrize("single", [False, True], ids=["float64", "float32"])
@pytest.mark.parametrize(("k", "x0", "big_l", "complement"), PHASE_CASES)
@pytest.mark.parametrize("kind", ["value", "grad", "log-grad", "log", "logit"])
def test_each_phase_alone_decides_the_same_bits(
    kind: str, k: float, x0: float, big_l: float, complement: bool, single: bool
) -> None:
    """The quick phase (2^−59.5) and the accurate one (2^−78), each alone (phases 1 and 2), write
    the same bits wherever both decide, and together (3) leave open exactly what neither decides:
    a quick bound that were too small would show here as values the quick phase gets wrong."""
    if kind == "logit" and (k, x0, big_l, complement) != PHASE_CASES[0]:
        pytest.skip("logit has no parameters")
    n = 200_000
    x = (probabilities if kind == "logit" else whole_range)(n, seed=29)
    results, opened = [], []
    for phases in (1, 2, 3):
        out = np.full(n, np.nan)
        left = compiled.into(kind, x, out, k, x0, big_l, complement, single, phases)
        decided = np.ones(n, dtype=bool)
        decided[left] = False
        results.append(out)
        opened.append(decided)
    (quick, accurate, both), (by_quick, by_accurate, by_both) = results, opened
    assert np.array_equal(by_both, by_quick | by_accurate)
    common = by_quick & by_accurate
    assert common.mean() > 0.2  # logit: many of its p are 0, 1 or below 2^−1000
    assert_same_bits(quick[common], accurate[common], x[common])
    assert_same_bits(both[by_both], np.where(by_quick, quick, accurate)[by_both], x[by_both])


@pytest.mark.parametrize("single", [False, True], ids=["float64", "float32"])
@pytest.mark.parametrize("kind", ["value", "grad", "log", "logit"])
def test_the_quick_phase_leaves_a_few_percent_open(kind: str, single: bool) -> None:
    """Its use is speed: on data like a user's (N(0, 5), logit on σ of it) it decides about
    97% of values, and the accurate phase takes the rest (issue 17's two phases). For float32
    results 2^−59.5 is 2^−35 of a float32 ulp: it decides nearly all."""
    x = np.random.default_rng(3).normal(0, 5, 100_000)
    if kind == "logit":
        x = 1 / (1 + np.exp(-x))
        x = x[(x > 0) & (x < 1) & (x != 0.5)]
    out = np.empty_like(x)
    quick_open = len(compiled.into(kind, x, out, 1.0, 0.0, 1.0, False, single, 1)) / len(x)
    both_open = len(compiled.into(kind, x, out, 1.0, 0.0, 1.0, False, single, 3)) / len(x)
    assert (quick_open < 1e-4) if single else (0 < quick_open < 0.05), quick_open
    assert both_open < 1e-4


@pytest.mark.parametrize(
    "curve",
    [Curve(order=2), Curve(order=2, k=2.5, x0=-1.25, L=3.0), Curve(order=2, complement=True)],
    ids=["default", "general", "complement"],
)
def test_second_derivative_has_the_numpy_paths_bits(curve: Curve, monkeypatch: pytest.MonkeyPatch) -> None:
    """second() (σ'' of the lean stream and of arrays) against curve._w_form in numpy (the
    extension switched off) and on Python floats: normal, tiny, log-uniform over the whole
    range, beyond LIMIT, ±0, ±inf, nan, subnormals."""
    from sigmoid_cli.numeric.curve import compiled_kernel

    rng = np.random.default_rng(11)
    sizes = np.exp(rng.uniform(-800, 7.7, 200_000)) * rng.choice([-1.0, 1.0], 200_000)
    special = [0.0, -0.0, math.inf, -math.inf, math.nan, 1e-310, -1e-310, 5e-324, 36.7, 709.8, 745.1, 2201.0]
    x = np.concatenate([rng.normal(0, 5, 300_000), rng.normal(0, 1e-3, 50_000), sizes, special])
    with monkeypatch.context() as patch:
        patch.setattr(compiled, "module", lambda: None)
        want, _ = array_values(curve, x)  # curve._w_form in numpy
    call = compiled_kernel(curve)
    assert call is not None
    out = np.empty_like(x)
    assert call[0](x, out, *call[1:]) == b""  # nothing left open at this order
    same = (want.view(np.int64) == out.view(np.int64)) | (np.isnan(want) & np.isnan(out))
    assert same.all(), x[~same][:5]
    scalars = [float_value(curve, v) for v in x[-2000:].tolist()]
    assert np.array_equal(np.array(scalars), out[-2000:], equal_nan=True)
    assert np.array_equal(array_values(curve, x)[0], out, equal_nan=True)  # the array path uses it


@pytest.mark.parametrize("kind", ["value", "logit", "log"])
def test_threads_give_one_threads_bits_and_open_indexes(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A large array is cut into one slice per core: the same results, and the open indexes
    (here: logit's p outside (0, 1), non-finite values) counted from the array's start."""
    rng = np.random.default_rng(3)
    x = (
        rng.uniform(-0.5, 1.5, 3 * compiled._THREAD_MINIMUM + 17)
        if kind == "logit"
        else rng.normal(0, 20, 600_000)
    )
    x[::9_999] = np.nan
    monkeypatch.setattr(compiled, "_threads", lambda count: 3)
    out = np.empty_like(x)
    left = compiled.into(kind, x, out, 1.0, 0.0, 1.0, False, False)
    monkeypatch.setattr(compiled, "_threads", lambda count: 1)
    alone = np.empty_like(x)
    left_alone = compiled.into(kind, x, alone, 1.0, 0.0, 1.0, False, False)
    assert np.array_equal(left, left_alone)
    decided = np.ones(len(x), dtype=bool)
    decided[left] = False
    assert np.array_equal(out[decided], alone[decided])


def test_sigma_second_in_threads_gives_one_threads_bits(monkeypatch: pytest.MonkeyPatch) -> None:
    x = np.random.default_rng(4).normal(0, 5, 2 * compiled._THREAD_MINIMUM + 5)
    monkeypatch.setattr(compiled, "_threads", lambda count: 2)
    threaded = np.empty_like(x)
    compiled.second(x, threaded)
    monkeypatch.setattr(compiled, "_threads", lambda count: 1)
    alone = np.empty_like(x)
    compiled.second(x, alone)
    assert np.array_equal(threaded, alone)
