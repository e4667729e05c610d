"""`plot-ascii --curve SPEC`: family members with their own k, x0 and L beside --fn and --expr,
readable legends (σ(1.702x), σ(2(x−1))), the dashed lines at one curve's own midpoint (x0, L/2),
and a one-line usage error naming whatever in a spec is wrong."""

from __future__ import annotations

from functools import partial

import pytest
from helpers import Run, assert_one_error_line, sigmoid

from sigmoid_cli.cli.plot import parse_curve, reference_point
from sigmoid_cli.errors import UsageError
from sigmoid_cli.numeric.curve import Curve, argument, float_value, label
from sigmoid_cli.plot.figure import Series
from sigmoid_cli.plot.layout import draw


def plot(*args: str) -> Run:
    return sigmoid("plot-ascii", *args)


@pytest.mark.parametrize(
    ("k", "x0", "text"),
    [
        (1, 0, "x"),
        (1.702, 0, "1.702x"),
        (2, 1, "2(x−1)"),
        (1, 1, "x−1"),
        (1, -2, "x+2"),
        (-1, 0, "−x"),
        (-1, 1, "−(x−1)"),
        (-2, -0.5, "−2(x+0.5)"),
        (1e-5, 0, "1e-05·x"),
    ],
)
def test_the_argument_reads_as_written_by_hand(k: float, x0: float, text: str) -> None:
    assert argument(k, x0) == text


def test_legend_labels() -> None:
    assert label(Curve(k=1.702)) == "σ(1.702x)"
    assert label(Curve(k=2, x0=1, L=10)) == "10·σ(2(x−1))"
    assert label(Curve("normal-cdf")) == "Φ(x)"
    assert label(Curve(k=2, order=1)) == "d/dx σ(2x)"


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("logistic,k=1.702", ("logistic", {"k": 1.702})),
        ("normal-cdf", ("normal-cdf", {})),
        ("logistic, k=2, x0=1, L=10", ("logistic", {"k": 2.0, "x0": 1.0, "L": 10.0})),
        ("sigmoid,x0=-1", ("logistic", {"x0": -1.0})),
        ("expit,k=pi", ("logistic", {"k": 3.141592653589793})),
        ("TANH,L=2", ("tanh", {"L": 2.0})),
    ],
)
def test_specs(spec: str, expected: tuple[str, dict[str, float]]) -> None:
    assert parse_curve(spec) == expected


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("foo,k=1", "--curve 'foo,k=1': unknown function 'foo'; choose one of: logistic, tanh"),
        ("logistic,q=1", "--curve 'logistic,q=1': unknown parameter 'q'; a curve takes k, x0 and L"),
        ("logistic,k=1,k=2", "--curve 'logistic,k=1,k=2': k was given twice"),
        ("logistic,k", "--curve 'logistic,k': 'k' is not NAME=VALUE"),
        ("logistic,=2", "--curve 'logistic,=2': '=2' is not NAME=VALUE"),
        ("logistic,k=nan", "--curve 'logistic,k=nan': k must be a finite number, not nan"),
        ("logistic,k=0", "--curve 'logistic,k=0': k must not be 0"),
        ("logistic,k=two", "--curve 'logistic,k=two': k: "),
        ("", "--curve '': the spec names no function"),
    ],
)
def test_a_bad_spec_is_one_line_naming_it(spec: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_curve(spec)
    assert str(caught.value).startswith(message), str(caught.value)
    run = plot("--curve", spec, "--width", "40", "--height", "10")
    assert_one_error_line(run, 2)
    assert message in run.err and run.out == ""


def test_two_curves_with_their_own_parameters() -> None:
    run = plot("--curve", "logistic,k=1.702", "--curve", "normal-cdf", "--width", "60", "--height", "16")
    assert run.code == 0, run.err
    assert "σ(1.702x)" in run.out and "Φ(x)" in run.out
    assert "sigma(1.702(x-0))" not in run.out and "(x−0)" not in run.out
    ascii_run = plot("--curve", "logistic,k=1.702", "--width", "60", "--height", "16", "--charset", "ascii")
    assert ascii_run.lines[0].strip() == "sigma(1.702x)"


@pytest.mark.parametrize("charset", ["braille", "block", "ascii"])
@pytest.mark.parametrize(("width", "height"), [(40, 12), (77, 23)])
def test_exact_size_and_the_same_bytes_every_time(charset: str, width: int, height: int) -> None:
    args = ("--curve", "logistic,k=2,x0=1,L=10", "--curve", "tanh,k=0.5", "--grad", "--charset", charset)
    first = plot(*args, "--width", str(width), "--height", str(height))
    assert first.code == 0, first.err
    assert [len(line) for line in first.lines] == [width] * height
    assert plot(*args, "--width", str(width), "--height", str(height)).out == first.out


def test_a_curve_draws_what_fn_with_its_options_draws() -> None:
    size = ("--width", "60", "--height", "16", "--charset", "ascii")
    spec = plot("--curve", "logistic,k=2,x0=1,L=10", *size)
    options = plot("--k", "2", "--x0", "1", "--L", "10", *size)
    assert spec.code == options.code == 0
    assert spec.out == options.out


def test_one_generalised_logistic_has_its_reference_lines_at_its_midpoint() -> None:
    run = plot("--k", "2", "--x0", "1", "--L", "10", "--width", "60", "--height", "16", "--charset", "ascii")
    curve = Curve(k=2, x0=1, L=10)
    expected = draw(
        [Series(label(curve), partial(float_value, curve))],
        width=60,
        height=16,
        charset="ascii",
        title="10·σ(2(x−1))",
        ref_at=(1.0, 5.0),
    )
    assert run.lines == [
        line.replace("σ", "sigma").replace("·", "*").replace("−", "-") for line in expected.lines
    ]
    dashed = [line for line in run.lines if "- - - -" in line]
    assert len(dashed) == 1 and dashed[0].startswith(" 5 +")
    # The vertical line is at x = 1: in the column of the point (1, 5) it crosses the dashed one.
    column = run.lines[1].index(":")
    assert all(line[column] in ":*" for line in run.lines[1:13])


def test_the_reference_point() -> None:
    assert reference_point([Curve()], 0) == (0.0, 0.5)
    assert reference_point([Curve(k=2, x0=1, L=10)], 0) == (1.0, 5.0)
    assert reference_point([Curve(x0=1, L=10), Curve(x0=1, L=10, order=1)], 0) == (1.0, 5.0)  # --grad
    assert reference_point([Curve(x0=1, L=10, order=2)], 0) == (1.0, 0.5)  # a derivative: x only
    assert reference_point([Curve(x0=1), Curve(x0=2)], 0) == (0.0, 0.5)  # several: the classic lines
    assert reference_point([Curve(x0=1)], 1) == (0.0, 0.5)  # with an --expr
    assert reference_point([Curve("tanh", x0=1)], 0) == (1.0, 0.5)  # range (−1, 1): y as before


def test_several_curves_keep_the_classic_lines() -> None:
    run = plot("--curve", "logistic,x0=2", "--curve", "logistic,x0=-2", "--width", "60", "--height", "16")
    dashed = [line for line in run.lines if "┄┄┄" in line]
    assert len(dashed) == 1 and dashed[0].startswith("0.5 ┤")


def test_fn_and_curve_combine_and_repeats_are_drawn_once() -> None:
    run = plot("--fn", "tanh", "--curve", "logistic,k=2", "--curve", "logistic,k=2", "--width", "60")
    assert run.code == 0, run.err
    legend = run.lines[-1]
    assert "tanh(x)" in legend and "σ(2x)" in legend and legend.count("σ(2x)") == 1
    same = plot("--fn", "logistic", "--curve", "logistic", "--width", "60", "--height", "16")
    assert same.out == plot("--width", "60", "--height", "16").out  # one curve, the default figure


def test_fn_keeps_its_options_beside_a_curve() -> None:
    run = plot(
        "--fn", "logistic", "--k", "3", "--curve", "logistic,k=1.702", "--width", "70", "--height", "16"
    )
    assert run.code == 0, run.err
    assert "σ(3x)" in run.out and "σ(1.702x)" in run.out


def test_fn_options_without_fn_are_refused_with_curve() -> None:
    run = plot("--curve", "logistic", "--k", "2")
    assert_one_error_line(run, 2)
    assert "--k applies to --fn; a --curve takes its own" in run.err


def test_curve_with_expr_and_grad() -> None:
    run = plot(
        "--curve", "logistic,k=2", "--expr", "softplus(x)", "--grad", "--width", "80", "--height", "20"
    )
    assert run.code == 0, run.err
    for name in ("σ(2x)", "d/dx σ(2x)", "softplus(x)", "d/dx softplus(x)"):
        assert name in run.out
    log = plot("--curve", "tanh", "--log")
    assert_one_error_line(log, 2)
    assert "add --normalize" in log.err
