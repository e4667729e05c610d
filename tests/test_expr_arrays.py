"""An --expr over a whole array (a stream chunk) gives, bit for bit, what the scalar path gives
each VALUE, errors included: with the compiled libm.c functions, with math value by value
(the build without a compiler), and through the stream in every layout."""

from __future__ import annotations

import math
import struct
from typing import Any

import numpy as np
import pytest
from helpers import sigmoid

from sigmoid_cli.errors import DataError
from sigmoid_cli.numeric import libm
from sigmoid_cli.numeric.expression import Expression

EXPRESSIONS = [
    "x*sigmoid(x)",
    "softplus(x)",
    "silu(x)",
    "swish(x) - x/2",
    "gelu(x)",
    "gelu_tanh(x)",
    "mish(x)",
    "relu(x) + abs(x)",
    "log1p(x)",
    "expm1(x)",
    "logit(x)",
    "erfc(x)",
    "erf(x/3)",
    "sech(x)",
    "log(1 + exp(x))",
    "1 - sigmoid(x)",
    "log(sigmoid(x))",
    "exp(x) - 1",
    "x^2 + x^3 - x^-2",
    "x^0.5 + x^(1/3)",
    "(-2)^x",
    "1/x + 1/(x - 1)",
    "sin(x)*cos(x) + tan(x/7)",
    "sinh(x/2) - cosh(x/3) + tanh(x)",
    "atan(x) + sqrt(abs(x))",
    "exp(-x^2/2)/sqrt(2*pi)",
    "log(x)^2",
    "sigmoid(beta*x)*x",
    "softplus(exp(x))",
    "pi + e",
]


def sample(seed: int, n: int = 3000) -> np.ndarray:
    rng = np.random.default_rng(seed)
    special = [0.0, -0.0, 1.0, -1.0, 0.5, 2.0, 5e-324, -5e-324, 1e-300, 1e300, -1e300, 709.8, -745.2]
    special += [math.inf, -math.inf, math.nan, 3.0, -3.0, 1e-8, 36.0, -36.0, 0.999999, 1e-17]
    parts = [
        rng.normal(0, 1, n // 3),
        rng.normal(0, 30, n // 3),
        np.exp(rng.uniform(-700, 700, n // 6)) * rng.choice([-1.0, 1.0], n // 6),
        rng.integers(-20, 20, n // 6).astype(np.float64),
        np.array(special),
    ]
    return np.concatenate(parts)


def scalar_results(expression: Expression, x: np.ndarray) -> tuple[list[float], list[bool]]:
    values, bad = [], []
    for v in x.tolist():
        try:
            values.append(expression.float_value(v))
            bad.append(False)
        except DataError:
            values.append(math.nan)
            bad.append(True)
    return values, bad


def bits(values: Any) -> list[bytes]:
    return [struct.pack("<d", v) if not math.isnan(v) else b"nan" for v in np.asarray(values).tolist()]


@pytest.mark.parametrize("text", EXPRESSIONS)
def test_an_array_gives_each_values_scalar_result(text: str) -> None:
    expression = Expression(text, bindings=(("beta", "1.702"),) if "beta" in text else ())
    x = sample(len(text))
    expected, expected_bad = scalar_results(expression, x)
    got, bad = expression.float_values(x)
    assert bad.tolist() == expected_bad
    assert bits(got) == bits(expected)


@pytest.mark.parametrize("text", ["gelu(x)", "x^3 - 1/x", "log(sigmoid(x)) + erfc(x)", "sech(x)"])
def test_without_the_extension_math_value_by_value_gives_the_same(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    expression = Expression(text)
    x = sample(7, 600)
    compiled, compiled_bad = expression.float_values(x)
    monkeypatch.setattr(libm, "_extension", lambda: None)
    fallback, fallback_bad = expression.float_values(x)
    assert fallback_bad.tolist() == compiled_bad.tolist()
    assert bits(fallback) == bits(compiled)


def test_the_array_functions_are_maths_own() -> None:
    """Each function of libm.py, value by value against math, where math gives a float."""
    x = sample(3, 6000)
    for name in libm.NAMES:
        function = getattr(math, name)
        got = libm.unary(name)(x).tolist()
        for v, g in zip(x.tolist(), got, strict=True):
            try:
                want = function(v)
            except (ValueError, OverflowError):
                continue
            assert struct.pack("<d", g) == struct.pack("<d", want) or (math.isnan(want) and math.isnan(g)), (
                name,
                v,
            )


def test_the_stream_prints_what_the_arguments_print() -> None:
    """Whole chunks through the vector path, one VALUE at a time as arguments: the same bytes,
    for one value per line, several per line, -i, csv and jsonl, bad values under nan."""
    x = sample(11, 1500)
    texts = [repr(v) for v in x.tolist() if math.isfinite(v)]
    for expr in ("x*sigmoid(x)", "softplus(x)", "gelu(x) + log1p(x)"):
        arguments = sigmoid("eval", "--expr", expr, "--on-error", "nan", "--", *texts)
        one_per_line = sigmoid("eval", "--expr", expr, "--on-error", "nan", stdin="\n".join(texts) + "\n")
        assert arguments.code == one_per_line.code == 0
        assert one_per_line.out == arguments.out
        pairs = "".join(f"{a},{b}\n" for a, b in zip(texts[::2], texts[1::2], strict=False))
        csv = sigmoid("eval", "--expr", expr, "--on-error", "nan", "-i", stdin=pairs)
        want = arguments.out.split("\n")
        expected = "".join(
            f"{a},{b},{want[2 * i]},{want[2 * i + 1]}\n"
            for i, (a, b) in enumerate(zip(texts[::2], texts[1::2], strict=False))
        )
        assert csv.out == expected
        jsonl = ("eval", "--expr", expr, "--format", "jsonl", "--on-error", "nan")
        streamed = sigmoid(*jsonl, stdin="\n".join(texts[:50]) + "\n")
        assert streamed.out == sigmoid(*jsonl, "--", *texts[:50]).out


def test_a_bad_value_in_a_chunk_is_named_as_the_arguments_name_it() -> None:
    lines = ["1.5"] * 300 + ["0"] + ["2"] * 300
    run = sigmoid("eval", "--expr", "1/x", stdin="\n".join(lines) + "\n")
    assert run.code == 1
    assert run.err == "sigmoid: error: line 301, value 1: the expression divides by zero there\n"
    assert run.out == "0.6666666666666666\n" * 300
    kept = sigmoid("eval", "--expr", "log(x)", "--on-error", "nan", stdin="1\n-1\n0\n2 -3\n")
    assert kept.out == "0.0\nnan\nnan\n0.6931471805599453 nan\n"
    assert kept.err.startswith("sigmoid: 3 values")


def test_blank_lines_words_and_a_field_of_a_table() -> None:
    """The lean path's cases (blank lines, nan, inf; `-f 2 -i`) give the arguments' digits."""
    texts = [repr(v) for v in sample(5, 900).tolist() if math.isfinite(v)]
    words = ["nan", "inf", "-inf"]
    for expr in ("gelu(x)", "log1p(x)"):
        arguments = sigmoid("eval", "--expr", expr, "--on-error", "nan", "--", *texts, *words).out.split("\n")
        lines = [*texts[:300], "", *words, *texts[300:]]
        run = sigmoid("eval", "--expr", expr, "--on-error", "nan", stdin="\n".join(lines) + "\n")
        want = [*arguments[:300], "", *arguments[len(texts) : len(texts) + 3], *arguments[300 : len(texts)]]
        assert run.out.split("\n")[:-1] == want
        table = "".join(f"{i},{t},label {i}\n" for i, t in enumerate(texts))
        fields = sigmoid("eval", "--expr", expr, "--on-error", "nan", "-f", "2", "-i", stdin=table)
        assert fields.out == "".join(f"{i},{t},label {i},{arguments[i]}\n" for i, t in enumerate(texts))
