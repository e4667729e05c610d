"""The Python API behaves like a numpy ufunc (issue 17): types, shapes, masks and domains as
scipy.special's users expect them."""

from __future__ import annotations

import math

import numpy as np
import pytest

from sigmoid_cli import log_sigmoid, logit, sigmoid, sigmoid_grad
from sigmoid_cli.errors import DataError


def test_python_numbers_give_floats_and_numpy_scalars_their_own_type() -> None:
    assert type(sigmoid(0.5)) is float and type(sigmoid(3)) is float
    assert type(sigmoid(np.float64(0.5))) is np.float64
    assert type(sigmoid(np.float32(0.5))) is np.float32
    assert type(sigmoid(np.int64(2))) is np.float64  # an integer has no sigmoid of its own type
    assert sigmoid(np.float64(0.5)) == sigmoid(0.5)


def test_float32_in_gives_correctly_rounded_float32_out() -> None:
    x = np.random.default_rng(3).normal(0, 5, 1000).astype(np.float32)
    got = sigmoid(x)
    assert got.dtype == np.float32 and got.shape == x.shape
    import mpmath

    for value, result in zip(x[:200].tolist(), got[:200].tolist(), strict=True):
        with mpmath.workdps(60):
            exact = 1 / (1 + mpmath.exp(-mpmath.mpf(value)))
        with mpmath.workprec(24):  # rounded once to float32's 24 bits (all normal here)
            nearest = float(+exact)
        assert result == nearest, value
    assert log_sigmoid(x).dtype == np.float32 and sigmoid_grad(x, 2).dtype == np.float32


def test_shapes_are_kept() -> None:
    assert sigmoid([[0.0, 1.0], [2.0, 3.0]]).shape == (2, 2)
    assert sigmoid(np.zeros((3, 0))).shape == (3, 0)


def test_outside_the_domain_is_nan_as_in_scipy_unless_asked_to_raise() -> None:
    got = logit(np.array([0.2, 1.5, -0.1, 1.0]))
    assert got[0] == pytest.approx(math.log(0.25)) and math.isnan(got[1]) and math.isnan(got[2])
    assert got[3] == math.inf
    assert math.isnan(logit(1.5))
    with pytest.raises(DataError):
        logit(np.array([0.2, 1.5]), errors="raise")
    with pytest.raises(DataError):
        logit(1.5, errors="raise")
    with pytest.raises(ValueError, match="errors must be"):
        logit(0.5, errors="ignore")


def test_a_masked_array_keeps_its_mask_and_complex_input_is_refused() -> None:
    masked = np.ma.array([0.0, 2.0, 5.0], mask=[False, True, False])
    got = sigmoid(masked)
    assert isinstance(got, np.ma.MaskedArray)
    assert got.mask.tolist() == [False, True, False] and got[0] == 0.5
    masked_logit = logit(np.ma.array([0.5, 7.0], mask=[False, True]))  # the masked 7 is never read
    assert masked_logit[0] == 0.0 and masked_logit.mask.tolist() == [False, True]
    with pytest.raises(TypeError, match="complex"):
        sigmoid(1 + 2j)
    with pytest.raises(TypeError, match="complex"):
        sigmoid(np.array([1 + 0j]))


def test_gradients_by_the_parameters_are_the_clis() -> None:
    from helpers import sigmoid as run

    got = sigmoid_grad(0.5, k=2, wrt="all")
    assert list(got) == ["x", "k", "x0", "L"]
    printed = run("grad", "--wrt", "all", "--k", "2", "0.5").out.split()
    assert [repr(value) for value in got.values()] == printed
    along = sigmoid_grad(np.array([[0.5, 1.0]]), k=2, x0=0.25, L=3, wrt="k")
    assert along.shape == (1, 2)
    assert along[0, 1] == float(run("grad", "--wrt", "k", "--k", "2", "--x0", "0.25", "--L", "3", "1").out)
    assert sigmoid_grad(0.5, 2, k=2) == float(run("grad", "--order", "2", "--k", "2", "0.5").out)
    with pytest.raises(Exception, match="first partial derivatives"):
        sigmoid_grad(0.5, 2, wrt="k")


def test_dir_lists_the_api() -> None:
    import sigmoid_cli

    assert {"sigmoid", "sigmoid_grad", "logit", "log_sigmoid", "derive", "Curve"} <= set(dir(sigmoid_cli))


def test_a_pandas_series_and_dataframe_come_back_with_their_index_and_columns() -> None:
    pd = pytest.importorskip("pandas")  # in the [test] extra: CI runs this

    series = pd.Series([0.0, 2.0, -1.0], index=["a", "b", "c"], name="score")
    got = sigmoid(series)
    assert isinstance(got, pd.Series) and got.name == "score" and list(got.index) == ["a", "b", "c"]
    assert got["a"] == 0.5 and got["b"] == sigmoid(2.0)
    frame = pd.DataFrame({"x": [0.0, 1.0], "y": [2.0, 3.0]}, index=[10, 20], dtype="float32")
    both = logit(sigmoid(frame))
    assert (
        isinstance(both, pd.DataFrame) and list(both.columns) == ["x", "y"] and list(both.index) == [10, 20]
    )
    assert (both.dtypes == "float32").all()
    assert both.loc[20, "y"] == pytest.approx(3.0, rel=1e-6)


def test_a_proof_shows_itself_in_a_notebook_and_gives_its_result_to_code() -> None:
    import sympy

    from sigmoid_cli import derive
    from sigmoid_cli.symbolic.sympy_bridge import sigmoid as sympy_sigmoid

    proof = derive(log=True)
    assert repr(proof) == "<Proof d/dx log(σ(x)) = 1 - σ(x): 7 steps, proved>"
    shown = proof._repr_markdown_()
    assert shown.startswith("## Problem: $\\frac{d}{dx}") and "$" in shown.splitlines()[-1] + shown
    x = sympy.Symbol("x", real=True)
    assert sympy.simplify(proof.sympy() - (1 - sympy_sigmoid(x))) == 0
    assert proof.numpy()(np.array([0.0, 2.0])).tolist() == [0.5, 1 - sigmoid(2.0)]
    loss = derive(expr="-y*log(sigmoid(w*x+b)) - (1-y)*log(1-sigmoid(w*x+b))", var="w", verify=False)
    assert loss.symbols == ("b", "w", "x", "y")
    assert loss.numpy()(0.1, 1.0, 0.5, 2.0) == pytest.approx(0.5 * (sigmoid(0.6) - 2.0), rel=1e-15)


def test_out_takes_the_result_as_a_ufuncs_does() -> None:
    import numpy as np

    import sigmoid_cli

    x = np.linspace(-40, 40, 1001)
    for call in (sigmoid_cli.sigmoid, sigmoid_cli.log_sigmoid, sigmoid_cli.sigmoid_grad):
        out = np.empty_like(x)
        assert call(x, out=out) is out
        assert np.array_equal(out.view(np.int64), call(x).view(np.int64))
    p = np.array([0.2, 0.5, 1.5], dtype=np.float32)
    out32 = np.empty(3, dtype=np.float32)
    assert sigmoid_cli.logit(p, out=out32) is out32
    assert out32[1] == 0 and np.isnan(out32[2])
    with pytest.raises(ValueError, match="dtype float32"):
        sigmoid_cli.logit(p, out=np.empty(3))
    with pytest.raises(ValueError, match="shape"):
        sigmoid_cli.sigmoid(x, out=np.empty(3))
    with pytest.raises(TypeError, match="numpy array"):
        sigmoid_cli.sigmoid(x, out=[0.0] * len(x))
    with pytest.raises(TypeError, match="dict"):
        sigmoid_cli.sigmoid_grad(x, wrt="all", out=np.empty_like(x))


def test_parameters_broadcast_as_a_ufuncs_arguments() -> None:
    """k, x0 and L may be arrays: numpy's broadcasting against x, each element the very double
    the call with that element's numbers gives (float32 stays float32)."""
    x = np.array([-3.0, -0.5, 0.0, 0.25, 4.0])
    k = np.array([1.0, 2.5, -1.0])
    grid = sigmoid(x[:, None], k=k, L=[1.0, 3.0, 0.5])
    assert grid.shape == (5, 3)
    for j, (k_j, l_j) in enumerate(zip(k.tolist(), [1.0, 3.0, 0.5], strict=True)):
        assert np.array_equal(grid[:, j], sigmoid(x, k=k_j, L=l_j))
    moved = sigmoid_grad(x, 2, x0=x)  # each value at its own midpoint: σ''(0) = 0
    assert moved.tolist() == [0.0] * 5
    assert np.array_equal(sigmoid_grad(0.5, k=k), [sigmoid_grad(0.5, k=v) for v in k])
    single = sigmoid(np.float32([0.5, 1.0]), k=np.array([1.0, 2.0]))
    assert single.dtype == np.float32
    assert single[1] == sigmoid(np.float32(1.0), k=2.0)
    out = np.empty((5, 3))
    assert sigmoid(x[:, None], k=k, out=out) is out
    assert np.array_equal(out, sigmoid(x[:, None], k=k))
