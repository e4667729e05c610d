"""End to end: outputs, exit codes and errors of the whole program (helpers.sigmoid runs it in this
process, as a subprocess would); pipes, Ctrl-C and start-up imports through a real subprocess."""

from __future__ import annotations

import json
import math
import os
import re
import signal
import subprocess
import sys
import time
from fractions import Fraction
from pathlib import Path

import mpmath
import pytest
from helpers import ROOT, assert_one_error_line, shell, sigmoid


def test_eval_half() -> None:
    run = sigmoid("eval", "0.5")
    assert (run.code, run.out, run.err) == (0, "0.6224593312018546\n", "")


@pytest.mark.parametrize("spelling", [["-3"], ["−3"], ["--", "-3"]])
def test_negative_values_as_arguments(spelling: list[str]) -> None:
    assert sigmoid("eval", *spelling).out == "0.04742587317756678\n"


def test_negative_value_mixed_with_options() -> None:
    run = sigmoid("eval", "-3", "--digits", "5", "-2")
    assert run.lines == ["0.047426", "0.11920"]


def test_option_value_may_be_negative() -> None:
    assert sigmoid("eval", "--x0", "-1", "0").out == sigmoid("eval", "1").out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["eval", "1", "-1e999"], "value 2: '-1e999' is out of the float64 range (write inf for infinity)"),
        (["eval", "-1abc"], "value 1: '-1abc' is not a number"),
        (["eval", "-(1", "-c"], "value 1: '-(1' is not a number (expected ')' but found nothing at the end)"),
        (["eval", "--inverse", "-0.5"], "value 1: '-0.5' is outside the domain [0, 1] of the inverse"),
    ],
)
def test_negative_bad_values_are_quoted_as_typed(args: list[str], message: str) -> None:
    """A bad negative VALUE is bad data (exit 1) quoted as the user typed it, not an
    unknown option (exit 2) or a respelled '−1e999'."""
    run = sigmoid(*args)
    assert_one_error_line(run, 1)
    assert run.err == f"sigmoid: error: {message}\n"


def test_negative_values_keep_their_order_among_options() -> None:
    run = sigmoid("eval", "-i", "-3", "2", "-c", "-2", "--k", "-1", "--", "-4")
    assert run.lines == [
        "-3\t0.04742587317756678",
        "2\t0.8807970779778824",
        "-2\t0.11920292202211756",
        "-4\t0.01798620996209156",  # σ(−4) = 0.0179862099620915580…: the nearer double
    ]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["eval", "ln(3)", "--exact"], "3/4"),
        (["eval", "log(3)", "--exact"], "3/4"),
        (["eval", "0", "--exact"], "1/2"),
        (["eval", "1", "--exact"], "E/(1 + E)"),
        (["eval", "1", "--exact", "--format", "latex"], r"\frac{e}{1 + e}"),
        (["grad", "0", "--exact"], "1/4"),
        (["grad", "0", "--order", "2", "--exact"], "0"),
        (["eval", "--inverse", "3/4", "--exact"], "log(3)"),
    ],
)
def test_exact(args: list[str], expected: str) -> None:
    run = sigmoid(*args)
    assert (run.code, run.out) == (0, expected + "\n"), run.err


def test_digits_50_is_correctly_rounded() -> None:
    run = sigmoid("eval", "1", "--digits", "50")
    with mpmath.workdps(80):
        exact = 1 / (1 + mpmath.exp(-1))
        assert run.out.strip() == mpmath.nstr(exact, 50, strip_zeros=False)
    assert len(run.out.strip().replace("0.", "", 1)) == 50


def test_values_as_expressions() -> None:
    run = sigmoid(
        "eval", "pi/4", "e", "2^-3", "2**-3", "sqrt(2)", "exp(-1)", ".5", "+2", "1e-3", "inf", "-inf", "nan"
    )
    expected = [
        1 / (1 + math.exp(-x))
        for x in (math.pi / 4, math.e, 0.125, 0.125, math.sqrt(2), math.exp(-1), 0.5, 2, 1e-3)
    ]
    got = [float(v) for v in run.lines]
    assert got[:9] == pytest.approx(expected, rel=1e-15)
    assert run.lines[9:] == ["1.0", "0.0", "nan"]


def _stream_values(*xs: float) -> list[str]:
    """What the numpy path prints for xs (it may differ from the scalar path in the last
    digit: both are within 2 ulp, and neither is always correctly rounded)."""
    import numpy as np

    from sigmoid_cli import sigmoid as sigma

    return [repr(v) for v in sigma(np.array(xs)).tolist()]


def test_stdin_mirrors_layout() -> None:
    run = sigmoid("eval", stdin="0.5\n\n1,2\n")
    half, one, two = _stream_values(0.5, 1, 2)
    assert run.out == f"{half}\n\n{one},{two}\n"
    assert half == "0.6224593312018546"


def test_stdin_with_input_beside_result() -> None:
    run = sigmoid("eval", "-i", stdin="0\n1 2\n")
    one, two = _stream_values(1, 2)
    # A line of several values: the line as it is, then its results (issue 10).
    assert run.lines == ["0\t0.5", f"1 2\t{one}\t{two}"]


def test_dash_reads_stdin() -> None:
    assert sigmoid("eval", "-", stdin="0\n").out == "0.5\n"


def test_formats() -> None:
    assert json.loads(sigmoid("eval", "0", "1", "-o", "json").out) == [0.5, 0.7310585786300049]
    jsonl = [json.loads(line) for line in sigmoid("eval", "-o", "jsonl", "-i", stdin="0\n\n1 2\n").lines]
    one, two = (float(v) for v in _stream_values(1, 2))
    assert jsonl == [[{"x": 0, "y": 0.5}], [], [{"x": 1, "y": one}, {"x": 2, "y": two}]]
    assert sigmoid("eval", "0", "-o", "csv", "-i").out == "0,0.5\n"
    assert sigmoid("eval", "0", "-o", "tsv", "-i").out == "0\t0.5\n"
    assert json.loads(sigmoid("eval", "--inverse", "1", "-o", "json").out) == [None]  # JSON has no infinity


def test_table_format_is_a_table() -> None:
    from sigmoid_cli import sigmoid as sigma

    run = sigmoid("eval", "0", "-2", "-o", "table")
    assert run.code == 0, run.err
    assert "0.5" in run.out and repr(sigma(-2.0)) in run.out
    assert "\x1b[" not in run.out


def test_dtype_float32_rounds_once_and_prints_shortest() -> None:
    assert sigmoid("eval", "0.5", "--dtype", "float32").out == "0.62245935\n"


def test_grad_defaults() -> None:
    assert sigmoid("grad", "0").out == "0.25\n"
    assert float(sigmoid("grad", "-745").out) > 0


def test_grad_log_is_one_minus_sigma() -> None:
    assert sigmoid("grad", "--log", "2").out == sigmoid("eval", "-2").out


def test_grad_wrt_all_is_a_row_of_four() -> None:
    run = sigmoid("grad", "--wrt", "all", "--k", "2", "--x0", "1", "--L", "3", "0.5")
    dx, dk, dx0, dL = (float(v) for v in run.out.split())
    s = 1 / (1 + math.exp(-2 * (0.5 - 1)))
    slope = s * (1 - s)
    assert (dx, dk, dx0, dL) == pytest.approx(
        (3 * 2 * slope, 3 * (0.5 - 1) * slope, -3 * 2 * slope, s), rel=1e-14
    )


def test_grad_check_passes_and_agrees() -> None:
    run = sigmoid("grad", "--order", "5", "--check", "0.7", "--fn", "erf")
    assert run.code == 0, run.err


def test_family_and_normalize() -> None:
    assert float(sigmoid("eval", "--fn", "tanh", "0.5").out) == pytest.approx(math.tanh(0.5), rel=1e-16)
    assert float(sigmoid("eval", "--fn", "tanh", "--normalize", "0.5").out) == pytest.approx(
        1 / (1 + math.exp(-1)), rel=1e-15
    )
    assert float(sigmoid("eval", "--fn", "arctan", "--normalize", "1").out) == pytest.approx(0.75, rel=1e-15)
    assert sigmoid("eval", "--fn", "hardsigmoid", "0").out == "0.5\n"


def test_generalised_logistic() -> None:
    run = sigmoid("eval", "--k", "2", "--x0", "1", "--L", "10", "1")
    assert run.out == "5.0\n"


def test_inverse_round_trip() -> None:
    assert float(sigmoid("eval", "--inverse", "0.75").out) == pytest.approx(math.log(3), rel=2**-51)
    assert sigmoid("eval", "--inverse", "0", "1").lines == ["-inf", "inf"]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["eval", ""], 1),
        (["eval", "1e999999"], 1),
        (["eval", "0x10"], 1),
        (["eval", "__import__('os')"], 1),
        (["eval", "1+"], 1),
        (["eval", "(" * 10_000 + "1" + ")" * 10_000], 1),
        (["eval", "x"], 1),
        (["eval", "abc"], 1),
        (["eval", "1/0"], 1),
        (["eval", "log(-1)"], 1),
        (["eval", "--inverse", "2"], 1),
        (["grad", "--order", "-1", "1"], 2),
        (["grad", "--order", "0", "1"], 2),
        (["grad", "--order", "10000", "1"], 2),
        (["eval", "--digits", "0", "1"], 2),
        (["eval", "--digits", "1000000000", "1"], 2),
        (["eval", "--bogus"], 2),
        (["eval", "--fn", "nope", "1"], 2),
        (["eval", "--k", "abc", "1"], 2),
        (["eval", "--k", "0", "1"], 2),
        (["eval", "--log", "--fn", "tanh", "1"], 2),
        (["eval", "--digits", "5", "--exact", "1"], 2),
        (["eval", "--format", "latex", "--fields", "1"], 2),
        (["nosuchcommand"], 2),
    ],
)
def test_bad_input_is_one_clear_line(args: list[str], code: int) -> None:
    assert_one_error_line(sigmoid(*args), code)


def test_error_message_names_the_value() -> None:
    run = sigmoid("eval", "1", "abc")
    assert run.err == "sigmoid: error: value 2: 'abc' is not a number\n"
    assert run.out == "0.7310585786300049\n"  # the good value before it is written


def test_stream_error_has_line_and_position() -> None:
    run = sigmoid("eval", stdin="1\n2 abc\n3\n")
    assert_one_error_line(run, 1)
    assert run.err == "sigmoid: error: line 2, value 2: 'abc' is not a number\n"
    assert run.out == "0.7310585786300049\n"


@pytest.mark.parametrize(
    "data",
    [b"1\n\x00\n", b"1\n\xff\xfe\n", b"1\n" + b"9" * (17 << 20) + b"\n"],
    ids=["NUL", "invalid UTF-8", "a 17 MB line"],
)
def test_hostile_stream_bytes(data: bytes) -> None:
    run = sigmoid("eval", stdin=data)
    assert_one_error_line(run, 1)
    assert "line 2" in run.err
    assert run.out == "0.7310585786300049\n"


def test_hundred_megabyte_line_is_refused_quickly() -> None:
    started = time.monotonic()
    run = sigmoid("eval", stdin=b"7" * (100 << 20))
    assert_one_error_line(run, 1)
    assert "longer than" in run.err
    assert time.monotonic() - started < 60


@pytest.mark.parametrize("policy", ["nan", "skip"])
def test_on_error_nan_and_skip_go_on_and_summarise(policy: str) -> None:
    run = sigmoid("eval", "--on-error", policy, stdin="1 abc 3\n4\nxyz\n")
    assert run.code == 0
    expected = {
        "nan": ["0.7310585786300049 nan 0.9525741268224333", "0.9820137900379085", "nan"],
        "skip": ["0.7310585786300049 0.9525741268224333", "0.9820137900379085", ""],
    }[policy]
    assert run.lines == expected
    assert run.err == "sigmoid: 2 values could not be read (first: line 1 'abc')\n"


def test_help_has_examples_for_every_command() -> None:
    for command in ("eval", "grad", "derive", "plot-ascii"):
        run = sigmoid(command, "--help")
        assert run.code == 0
        assert "Example" in run.out, command
    assert "Examples" in sigmoid("--help").out


def test_version() -> None:
    from sigmoid_cli import __version__

    assert sigmoid("--version").out == f"sigmoid {__version__}\n"


def test_eval_imports_nothing_heavy() -> None:
    """`sigmoid eval 0.5` runs on the standard library: start-up is what users feel."""
    code = (
        "import sys; sys.argv = ['sigmoid', 'eval', '0.5']\n"
        "from sigmoid_cli.cli.launch import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "loaded = {m.split('.')[0] for m in sys.modules}\n"
        "heavy = sorted(loaded & {'numpy', 'sympy', 'mpmath', 'rich', 'orjson', 'pydantic'})\n"
        "print('HEAVY', heavy)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, stdin=subprocess.DEVNULL
    )
    assert completed.stdout.splitlines() == ["0.6224593312018546", "HEAVY []"]


@pytest.mark.slow
def test_closed_pipe_is_quiet() -> None:
    data = "".join(f"{i / 1000}\n" for i in range(300_000)).encode()
    reader = subprocess.Popen(
        f"{sys.executable} -m sigmoid_cli eval | head -1",
        shell=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    out, err = reader.communicate(data, timeout=60)
    assert out == b"0.5\n"
    assert err == b""


@pytest.mark.slow
def test_closed_pipe_exit_status_is_zero() -> None:
    script = f"set -o pipefail; seq 1 200000 | {sys.executable} -m sigmoid_cli eval | head -1 >/dev/null"
    completed = subprocess.run(["bash", "-c", script], capture_output=True, check=False, timeout=60)
    assert (completed.returncode, completed.stderr) == (0, b"")


def test_ctrl_c_exits_130_without_traceback() -> None:
    # As from a terminal: a job that a script starts in the background (`cmd &`) inherits
    # SIGINT ignored, and a program rightly keeps it so; then Ctrl-C cannot reach it at all.
    process = subprocess.Popen(
        [sys.executable, "-m", "sigmoid_cli", "eval", "--unbuffered"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # noqa: PLW1509
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(b"0\n")
    process.stdin.flush()
    assert process.stdout.readline() == b"0.5\n"  # written before more input arrives
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert b"Traceback" not in err


def test_debug_variable_shows_a_traceback() -> None:
    run = sigmoid("eval", "abc", env={"SIGMOID_DEBUG": "1"})
    assert "Traceback" in run.err


def test_exact_value_is_exact() -> None:
    run = sigmoid("eval", "--exact", "log(1/3)")
    assert Fraction(run.out.strip()) == Fraction(1, 4)


@pytest.mark.skipif(not os.path.exists("/usr/bin/mawk"), reason="mawk absent")
def test_mawk_agrees_to_its_six_digits() -> None:
    data = "".join(f"{x / 7}\n" for x in range(-50, 50))
    ours = [float(v) for v in sigmoid("eval", stdin=data).lines]
    theirs = subprocess.run(
        ["mawk", "{print 1/(1+exp(-$1))}"], input=data, capture_output=True, text=True, check=True
    )
    assert ours == pytest.approx([float(v) for v in theirs.stdout.split()], rel=1e-5)


def _help_examples() -> list[tuple[str, str]]:
    """(example, what the example says it prints) from the --help of every command."""
    examples = []
    for command in ("", "eval", "grad", "derive", "plot-ascii"):
        text = sigmoid(*command.split(), "--help").out
        for raw in text.split("Examples:", 1)[1].splitlines()[1:]:
            line = raw.strip(" │")  # Rich draws some help inside a box
            if not line:
                break
            example, *says = re.split(r"\s{2,}", line, maxsplit=1)
            examples.append((example, says[0] if says else ""))
    return examples


@pytest.mark.slow
def test_every_help_example_runs_and_prints_what_it_says(tmp_path: Path) -> None:
    examples = _help_examples()
    assert len(examples) >= 20
    for example, says in examples:
        # As sh runs it, `sigmoid` being `python -m sigmoid_cli`, so pipes and redirections work.
        run = shell(example, {**os.environ, "PYTHONPATH": str(ROOT)}, program="sh", cwd=tmp_path)
        assert run.code == 0 and run.err == "", (example, run.err)
        if re.fullmatch(r"[\d./]+", says):
            assert run.out == says + "\n", example


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--fn", "algebraic", "inf", "-inf"], ["1.0", "-1.0"]),
        (["--fn", "softsign", "inf", "-inf"], ["1.0", "-1.0"]),
        (["--fn", "algebraic", "--inverse", "1", "-1"], ["inf", "-inf"]),
        (["--fn", "softsign", "--inverse", "1", "-1"], ["inf", "-inf"]),
        (["--fn", "softsign", "--normalize", "--inverse", "0", "1"], ["-inf", "inf"]),
        (["--fn", "arctan", "--normalize", "--inverse", "0", "1"], ["-inf", "inf"]),
        (["--fn", "gd", "--normalize", "--inverse", "0", "1"], ["-inf", "inf"]),
        (["--fn", "smoothstep", "--inverse", "1", "-1"], ["1.0", "-1.0"]),
        (["--fn", "smoothstep", "--inverse", "--digits", "5", "1", "0.9999"], ["1.0000", "0.99182"]),
        (["--fn", "softsign", "--inverse", "--digits", "5", "1"], ["inf"]),
        (["--fn", "algebraic", "--digits", "5", "inf"], ["1.0000"]),
    ],
)
def test_family_at_the_ends_of_its_range(args: list[str], expected: list[str]) -> None:
    """The limits, not nan or an internal error (x/(1−|x|) at 1), nor a rounding away
    (tan(float(π/2)) = 1.6e16); the stream (numpy) says the same as the arguments."""
    run = sigmoid("eval", *args)
    assert (run.code, run.lines, run.err) == (0, expected, "")
    if "--digits" not in args:
        options = [a for a in args if a not in ("inf", "-inf", "0", "1", "-1")]
        values = [a for a in args if a in ("inf", "-inf", "0", "1", "-1")]
        streamed = sigmoid("eval", *options, stdin="\n".join(values) + "\n")
        assert streamed.lines == expected


def test_digits_one_prints_numbers_without_a_trailing_point() -> None:
    run = sigmoid("eval", "--digits", "1", "0.5", "40", "-1000", "inf")
    assert (run.code, run.lines) == (0, ["0.6", "1", "5e-435", "1"])


@pytest.mark.parametrize("value", ["-1e99999", "1e99999999999", "exp(exp(exp(10)))"])
def test_digits_refuses_values_beyond_float64_like_the_other_modes(value: str) -> None:
    """Not an attempt at σ(−1e99999), whose exponent has 100,000 digits (it ran away)."""
    run = sigmoid("eval", "--digits", "5", "--", value, timeout=20)
    assert_one_error_line(run, 1)
    assert "out of the float64 range" in run.err


@pytest.mark.slow
def test_exact_goes_up_to_order_30() -> None:
    """σ⁽²⁹⁾(0) exactly; sympy.diff on σ gave up (10 s) from order 15 on."""
    run = sigmoid("grad", "--exact", "--order", "29", "0")
    assert (run.code, run.out) == (0, "86125672563201181/4\n"), run.err
    with mpmath.workdps(40):
        reference = mpmath.diff(lambda x: 1 / (1 + mpmath.exp(-x)), 0, 29)
        assert mpmath.almosteq(mpmath.mpf(86125672563201181) / 4, reference, rel_eps=mpmath.mpf(10) ** -25)
    # Order 30 is accepted and computed (tanh is odd: its even derivatives vanish at 0). Not at
    # 0.5, which takes 7 of its 10 s on a busy machine: a test must not race the time limit.
    run = sigmoid("grad", "--exact", "--order", "30", "--fn", "tanh", "0")
    assert (run.code, run.out) == (0, "0\n"), run.err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["eval", "--exact", "nan"], ["nan"]),
        (["grad", "--exact", "--wrt", "all", "nan"], ["nan\tnan\tnan\tnan"]),
        (["eval", "--exact", "--inverse", "0", "1", "0.75"], ["-inf", "inf", "log(3)"]),
        (["eval", "--exact", "--inverse", "--format", "latex", "0"], [r"-\infty"]),
        (["eval", "--exact", "--fn", "softsign", "--inverse", "1"], ["inf"]),
        (["eval", "--exact", "--fn", "arctan", "--normalize", "--inverse", "0"], ["-inf"]),
        (["eval", "--exact", "--log", "--", "-inf", "inf"], ["-inf", "0"]),
        (["eval", "--exact", "--fn", "softsign", "inf"], ["1"]),
        (["grad", "--exact", "--wrt", "all", "inf"], ["0\t0\t0\t1"]),
    ],
)
def test_exact_says_what_float64_says_at_nan_and_the_ends(args: list[str], expected: list[str]) -> None:
    """Not 'the exact result is undefined' where the float path prints nan or ±inf."""
    run = sigmoid(*args)
    assert (run.code, run.lines, run.err) == (0, expected, "")


@pytest.mark.parametrize("wrt", ["x", "k", "all"])
def test_grad_check_exits_3_when_the_derivative_is_wrong(
    wrt: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--check must look at what is printed, --wrt partials included (it skipped them)."""
    from sigmoid_cli.cli import run as cli
    from sigmoid_cli.numeric import curve as numeric

    honest = numeric.float_value

    def off_by_a_percent(curve: numeric.Curve, x: float) -> float:
        return honest(curve, x) * (1.01 if curve.order == 1 else 1.0)

    monkeypatch.setattr(numeric, "float_value", off_by_a_percent)
    with pytest.raises(SystemExit) as stopped:
        cli.main(["grad", "--check", "--wrt", wrt, "0.7"])
    assert stopped.value.code == 3
    err = capsys.readouterr().err
    assert err.startswith("sigmoid: error: check failed for '0.7'") and err.count("\n") == 1


def test_grad_check_refuses_digits_and_exact() -> None:
    for mode in (["--digits", "5"], ["--exact"]):
        run = sigmoid("grad", "--check", *mode, "1")
        assert_one_error_line(run, 2)


def test_grad_wrt_all_at_infinity_is_the_limit_not_nan() -> None:
    expected = ["inf\t0.0\t0.0\t-0.0\t1.0", "-inf\t0.0\t0.0\t-0.0\t0.0", "1e308\t0.0\t0.0\t-0.0\t1.0"]
    arguments = sigmoid("grad", "--wrt", "all", "--check", "-i", "inf", "-inf", "1e308")
    assert (arguments.code, arguments.lines) == (0, expected), arguments.err
    streamed = sigmoid("grad", "--wrt", "all", "-i", stdin="inf\n-inf\n1e308\n")
    assert (streamed.code, streamed.lines, streamed.err) == (0, expected, "")


def test_table_never_drops_digits() -> None:
    run = sigmoid("grad", "--wrt", "all", "-o", "table", "0.5", env={"COLUMNS": "80"})
    assert run.code == 0 and "…" not in run.out
    cells = [line.split("│")[2].strip() for line in run.lines if line.startswith("│")]
    assert "".join(cells) == "0.2350037122015945"


def test_library_errors_use_argument_names_and_the_cli_its_flags() -> None:
    import sigmoid_cli
    from sigmoid_cli.errors import UsageError

    with pytest.raises(UsageError, match=r"^k must not be 0$"):
        sigmoid_cli.sigmoid(1.0, k=0)
    with pytest.raises(UsageError, match=r"^order must be between 1 and 100, not 500$"):
        sigmoid_cli.sigmoid_grad(1.0, order=500)
    assert sigmoid("eval", "--k", "0", "1").err == "sigmoid: error: --k must not be 0\n"
    run = sigmoid("eval", "--dtype", "float32", "--exact", "1")
    assert (
        run.err == "sigmoid: error: --dtype float32 applies to float64 results, not to --digits or --exact\n"
    )
