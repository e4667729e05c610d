"""An array (a stream chunk, the Python API) and a float (a VALUE) give the same bits for every
member of the family, with every option: both call the C library's exp, tanh, atan… (libm.py),
never numpy's SIMD loops, which differ from them in the last bit for a few values in a hundred."""

from __future__ import annotations

import itertools
import math
import struct

import numpy as np
import pytest

from sigmoid_cli.errors import SigmoidError
from sigmoid_cli.numeric import curve as numeric
from sigmoid_cli.numeric.curve import Curve
from sigmoid_cli.numeric.family import NAMES

OPTIONS = [
    {},
    {"normalize": True},
    {"complement": True},
    {"log": True},
    {"normalize": True, "complement": True, "log": True},
    {"inverse": True},
    {"order": 1},
    {"order": 2},
    {"order": 3},
    {"k": 1.702, "x0": -0.5, "L": 3.0},
]


def _values() -> np.ndarray:
    rng = np.random.default_rng(17)
    wide = np.exp(rng.uniform(-300, 300, 300)) * rng.choice([-1.0, 1.0], 300)
    return np.concatenate([rng.normal(0, 3, 600), wide, rng.uniform(-1, 1, 300), [0.0, -0.0, 1e-310]])


def _bits(values: list[float]) -> list[bytes]:
    return [b"nan" if math.isnan(v) else struct.pack("<d", v) for v in values]


@pytest.mark.parametrize(("fn", "index"), list(itertools.product(NAMES, range(len(OPTIONS)))))
def test_an_array_and_a_float_give_the_same_bits(fn: str, index: int) -> None:
    try:
        curve = Curve(fn=fn, **OPTIONS[index])  # type: ignore[arg-type]
    except SigmoidError:
        pytest.skip("not an option of this member")
    x = _values()
    array, bad = numeric.array_values(curve, x)
    one_by_one = []
    for value, outside in zip(x.tolist(), bad.tolist(), strict=True):
        one_by_one.append(math.nan if outside else numeric.float_value(curve, value))
    assert _bits(np.asarray(array).tolist()) == _bits(one_by_one)
