"""`eval --expr` and `grad --expr`: your own function at VALUEs given as arguments, checked
against mpmath; stable forms of the known cancellations; Taylor-mode derivatives of any
order; --set, --var and --wrt; hostile expressions refused in one line."""

from __future__ import annotations

import math
from typing import Any

import mpmath
import numpy as np
import pytest
from helpers import sigmoid

from sigmoid_cli.numeric.expression import Expression

MP = mpmath.MPContext()
MP.prec = 256


def values(*args: str) -> list[float]:
    run = sigmoid(*args)
    assert run.code == 0 and run.err == "", run.err
    return [float(line) for line in run.lines]


def ulps(got: float, exact: object) -> float:
    nearest = float(exact)  # type: ignore[arg-type]
    if got == nearest:
        return 0.0
    return float(abs(MP.mpf(got) - exact)) / max(math.ulp(nearest), 2.0**-1074)  # type: ignore[operator]


def test_silu_at_three_points_is_mpmaths_value() -> None:
    got = values("eval", "--expr", "x*sigmoid(x)", "-1", "0", "1")
    assert got == [float(x / (1 + MP.exp(-x))) for x in (MP.mpf(-1), MP.mpf(0), MP.mpf(1))]


def test_the_second_derivative_of_silu_is_mpmaths() -> None:
    (got,) = values("grad", "--expr", "x*sigmoid(x)", "--order", "2", "0.5")
    exact = MP.diff(lambda t: t / (1 + MP.exp(-t)), MP.mpf(0.5), 2)
    assert got == float(exact)


@pytest.mark.parametrize(
    ("expr", "x", "exact"),
    [
        ("log(1+exp(x))", "-800", MP.exp(-800)),  # softplus: the formula would give 0
        ("log(1+exp(x))", "800", MP.mpf(800)),  # and overflow here
        ("1-sigmoid(x)", "40", 1 / (1 + MP.exp(40))),  # σ(−40), not 1 − 1 = 0
        ("log(sigmoid(x))", "-800", MP.mpf(-800)),
        ("log(1-sigmoid(x))", "50", -(50 + MP.log1p(MP.exp(-50)))),
        ("exp(x)-1", "1e-20", MP.expm1(MP.mpf("1e-20"))),
        ("e^x - 1", "1e-20", MP.expm1(MP.mpf("1e-20"))),
        ("log(1+x)", "1e-20", MP.log1p(MP.mpf("1e-20"))),
        ("1/(1+exp(-x))", "-745", 1 / (1 + MP.exp(745))),
    ],
)
def test_known_cancellations_are_computed_stably(expr: str, x: str, exact: object) -> None:
    (got,) = values("eval", "--expr", expr, x)
    assert ulps(got, exact) <= 2


# Four compositions and the new functions through --expr: float64 within 4 ulp (eval) and
# derivatives of orders 1-3 correctly rounded (grad: jets until two precisions agree).
COMPOSITIONS = {
    "x*sigmoid(x)": lambda t: t / (1 + MP.exp(-t)),
    "softplus(x) - log1p(x^2)": lambda t: MP.log1p(MP.exp(t)) - MP.log1p(t**2),
    "gelu(x)*tanh(x/2)": lambda t: t * MP.ncdf(t) * MP.tanh(t / 2),
    "mish(2*x) + sech(x)": lambda t: 2 * t * MP.tanh(MP.log1p(MP.exp(2 * t))) + MP.sech(t),
}


@pytest.mark.slow
@pytest.mark.parametrize("expr", sorted(COMPOSITIONS))
def test_compositions_in_float64_and_their_derivatives(expr: str) -> None:
    rng = np.random.default_rng(7)
    points = (10.0 ** rng.uniform(-6, 1.3, 60) * np.where(rng.random(60) < 0.5, -1, 1)).tolist()
    expression = Expression(expr)
    exact = COMPOSITIONS[expr]
    for x in points:
        assert ulps(expression.float_value(x), exact(MP.mpf(x))) <= 8, (
            x
        )  # a composition adds its parts' errors
        for order in (1, 2, 3):
            reference = MP.diff(exact, MP.mpf(x), order)
            assert expression.derivative(x, "x", order) == float(reference), (x, order)


@pytest.mark.parametrize(
    ("expr", "x", "order", "exact"),
    [
        # 1 + tanh(g) is 0 at every precision below 560 bits: the same wrong double twice
        (
            "gelu_tanh(x)",
            -17.244251519790826,
            1,
            lambda t: t / (1 + MP.exp(-2 * MP.sqrt(2 / MP.pi) * (t + MP.mpf("0.044715") * t**3))),
        ),
        ("1 + tanh(x)", -200.0, 1, lambda t: 1 + MP.tanh(t)),
        ("sech(x)", 6.434396746487972e-86, 1, MP.sech),  # e^u − e^−u cancels in every bit
        ("x*sigmoid(x)", -9.5024429190687e-212, 3, lambda t: t / (1 + MP.exp(-t))),
    ],
)
def test_derivatives_through_cancellation_are_right(expr: str, x: float, order: int, exact: Any) -> None:
    with MP.workprec(3000):
        reference = MP.diff(exact, MP.mpf(x), order)
    assert Expression(expr).derivative(x, "x", order) == float(reference)


def test_order_100_is_a_taylor_coefficient_not_a_difference() -> None:
    (got,) = values("grad", "--expr", "x*sigmoid(x)", "--order", "100", "0.3")
    with mpmath.workdps(120):
        f = lambda t: t / (1 + mpmath.exp(-t))  # noqa: E731
        exact = mpmath.taylor(f, mpmath.mpf("0.3"), 100)[100] * mpmath.factorial(100)
    assert got == pytest.approx(float(exact), rel=1e-12)


def test_set_binds_names_and_wrt_differentiates_by_one() -> None:
    args = ("--expr", "sigmoid(w*x+b)", "--set", "w=2", "--set", "b=-1", "0.5")
    (value,) = values("eval", *args)
    (by_w,) = values("grad", *args, "--wrt", "w")
    (by_b,) = values("grad", *args, "--wrt", "b")
    (by_x,) = values("grad", *args)
    s = 1 / (1 + MP.exp(-(2 * MP.mpf(0.5) - 1)))
    assert value == float(s)
    assert by_w == float(0.5 * s * (1 - s)) and by_b == float(s * (1 - s)) and by_x == float(2 * s * (1 - s))


def test_var_names_the_variable() -> None:
    assert values("eval", "--expr", "softplus(t)", "--var", "t", "0") == [math.log(2)]


def test_digits_and_exact() -> None:
    run = sigmoid("eval", "--expr", "x*sigmoid(x)", "--digits", "30", "1")
    assert run.out == "0.731058578630004879251159241822\n"
    assert sigmoid("eval", "--expr", "x*sigmoid(x)", "--exact", "0").out == "0\n"
    assert sigmoid("grad", "--expr", "x*sigmoid(x)", "--exact", "--order", "2", "0").out == "1/2\n"
    run = sigmoid("grad", "--expr", "softplus(x)", "--digits", "25", "-800")
    assert run.out == MP.nstr(1 / (1 + MP.exp(800)), 25, min_fixed=1, max_fixed=0).replace(".e", "e") + "\n"


def test_digits_hold_through_cancellation() -> None:
    # 1 + tanh(−200) is 0 at 60 digits and at 120: agreeing twice is not enough
    with MP.workprec(3000):
        exact = MP.nstr(1 + MP.tanh(-200), 20, strip_zeros=False, min_fixed=1, max_fixed=0).replace(".e", "e")
    assert sigmoid("eval", "--expr", "1+tanh(x)", "--digits", "20", "-200").out == exact + "\n"


def test_a_corner_has_no_derivative() -> None:
    assert sigmoid("grad", "--expr", "relu(x)", "0", "2").out == "nan\n1.0\n"


def test_the_logistics_other_names() -> None:
    assert sigmoid("eval", "--fn", "sigmoid", "1").out == sigmoid("eval", "--fn", "expit", "1").out
    assert sigmoid("eval", "--fn", "expit", "1").out == sigmoid("eval", "1").out


@pytest.mark.parametrize(
    ("expr", "message"),
    [
        ("__import__(x)", "unknown function '__import__'"),
        ("x; import os", "unexpected character ';'"),
        ("sigmoid(beta*x)", "the name 'beta' has no value: bind it with --set beta=VALUE"),
        ("x^99999999999", "too large to work with"),
        ("e^e^e^99", "too large to work with"),
        ("(" * 150 + "x" + ")" * 150, "nested more than 100 levels"),
        ("x+" * 6000 + "x", "the limit is 10000"),
        ("lambda*x", "'lambda' cannot be a name"),
    ],
)
@pytest.mark.parametrize("command", [("eval",), ("grad", "--order", "3"), ("eval", "--digits", "20")])
def test_hostile_expressions_are_one_line_errors(command: tuple[str, ...], expr: str, message: str) -> None:
    run = sigmoid(*command, "--expr", expr, "1")
    assert run.code == 2 and run.out == ""
    assert run.err.startswith("sigmoid: error: ") and run.err.count("\n") == 1 and message in run.err


def test_standard_input_gives_what_the_arguments_give() -> None:
    """A stream of an --expr: every layout and format of the stream, the digits of VALUEs."""
    texts = ["0.5", "-1", "1e-9", "-30", "700"]
    by_arguments = sigmoid("eval", "--expr", "x*sigmoid(x)", *texts)
    streamed = sigmoid("eval", "--expr", "x*sigmoid(x)", stdin="\n".join(texts) + "\n")
    assert (streamed.code, streamed.out) == (0, by_arguments.out)
    table = sigmoid(
        "eval", "--expr", "softplus(x)", "--header", "-f", "score", "-i", stdin="id,score\n1,0.5\n"
    )
    assert table.out == "id,score,softplus(score)\n1,0.5,0.9740769841801067\n"
    bad = sigmoid("eval", "--expr", "log(x)", "--on-error", "nan", stdin="1\n-1\nabc\n")
    assert bad.out == "0.0\nnan\nnan\n" and bad.code == 0
    assert "2 values" in bad.err


def test_expr_replaces_the_family_options() -> None:
    run = sigmoid("eval", "--expr", "softplus(x)", "--fn", "tanh", "1")
    assert (run.code, run.err) == (
        2,
        "sigmoid: error: --expr is the function: drop --fn (write it into the expression)\n",
    )
    run = sigmoid("grad", "--expr", "x^2", "--wrt", "k", "1")
    assert run.code == 2 and "one of the expression's names: x" in run.err


def test_a_subnormal_derivative_is_rounded_once() -> None:
    """−4020315496610756.66·2^−1074 is …757·2^−1074; float() of the mpf would round to 53 bits
    first and then to the subnormal grid, giving …756 (found by bench/expr_accuracy.py)."""
    (got,) = values("grad", "--expr", "gelu_tanh(x)", "--order", "3", "1.238598295126086e-308")
    assert got == -4020315496610757 * 2.0**-1074


@pytest.mark.parametrize("expr", ["log(x)", "log1p(x)", "sqrt(x)", "log(x)^2 + 1"])
def test_a_derivative_outside_the_domain_is_the_values_error(expr: str) -> None:
    """eval refuses log(−2); grad did print d/dx = 1/x there (and crashed on √): the same error."""
    for command in (("eval",), ("grad",), ("grad", "--order", "3")):
        run = sigmoid(*command, "--expr", expr, "--", "-2")
        assert (run.code, run.out) == (1, "")
        assert (
            run.err
            == "sigmoid: error: value 1: the expression is undefined there (outside a function's domain)\n"
        )
