"""`sigmoid check`: a derivation someone wrote, every '=' verified, the first wrong step named.

Run the way users run it (`sigmoid check`, the derivation on stdin) and judged by what they
read: the exit status, the step named on stderr, the json verdicts."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.helpers import sigmoid

# σ' = σ(1 − σ) in the classic ten steps, as a student writes it in our syntax.
STUDENT = """\
# the derivative of the logistic sigmoid
d/dx sigmoid(x)
= d/dx [1/(1 + e^(-x))]
= d/dx [(1 + e^(-x))^(-1)]
= -(1 + e^(-x))^(-2) * (-e^(-x))
= (1 + e^(-x))^(-2) * e^(-x)
= e^(-x) / (1 + e^(-x))^2
= 1/(1 + e^(-x)) * e^(-x)/(1 + e^(-x))
= sigmoid(x) * e^(-x)/(1 + e^(-x))
= sigmoid(x) * ((1 + e^(-x)) - 1)/(1 + e^(-x))
= sigmoid(x) * (1 - 1/(1 + e^(-x)))
= sigmoid(x) * (1 - sigmoid(x))
"""

# The same in LaTeX, pasted from a document: \mathrm{d}, juxtaposition, \left…\right, \cdot.
STUDENT_LATEX = r"""
Using the definition of $\sigma$ and the chain rule:
\begin{align*}
\frac{\mathrm{d}}{\mathrm{d}x} \sigma(x)
  &= \frac{\mathrm{d}}{\mathrm{d}x} \left[ \frac{1}{1 + e^{-x}} \right] \\
  &= \frac{\mathrm{d}}{\mathrm{d}x} \left[ \left(1 + e^{-x}\right)^{-1} \right] \\
  &= -\left(1 + e^{-x}\right)^{-2} \cdot \left(-e^{-x}\right) \\
  &= \left(1 + e^{-x}\right)^{-2} e^{-x} \\
  &= \frac{e^{-x}}{\left(1 + e^{-x}\right)^2} \\
  &= \frac{1}{1 + e^{-x}} \cdot \frac{e^{-x}}{1 + e^{-x}} \\
  &= \sigma(x) \frac{e^{-x}}{1 + e^{-x}} \\
  &= \sigma(x) \frac{(1 + e^{-x}) - 1}{1 + e^{-x}} \\
  &= \sigma(x) \left(1 - \frac{1}{1 + e^{-x}}\right) \\
  &= \sigma(x) \left(1 - \sigma(x)\right)
\end{align*}
which is the well-known result.
"""

# One step made wrong in each of four ways: (the line replaced, its new text, the step number).
WRONG = {
    "lost minus sign": ("= -(1 + e^(-x))^(-2) * (-e^(-x))", "= -(1 + e^(-x))^(-2) * e^(-x)", 3),
    "missing inner derivative": ("= -(1 + e^(-x))^(-2) * (-e^(-x))", "= -(1 + e^(-x))^(-2)", 3),
    "wrong power": ("= e^(-x) / (1 + e^(-x))^2", "= e^(-x) / (1 + e^(-x))^3", 5),
    "wrong cancellation": ("= sigmoid(x) * (1 - 1/(1 + e^(-x)))", "= sigmoid(x) * (1 - 1/e^(-x))", 9),
}
WRONG_LATEX = {
    "lost minus sign": (r"\cdot \left(-e^{-x}\right)", r"\cdot e^{-x}", 3),
    "missing inner derivative": (r"^{-2} \cdot \left(-e^{-x}\right)", "^{-2}", 3),
    "wrong power": (r"{\left(1 + e^{-x}\right)^2}", r"{\left(1 + e^{-x}\right)^3}", 5),
    "wrong cancellation": (r"\left(1 - \frac{1}{1 + e^{-x}}\right)", r"\left(1 - \frac{1}{e^{-x}}\right)", 9),
}


def check(text: str, *args: str) -> tuple[int, dict[str, Any], str]:
    run = sigmoid("check", "--format", "json", *args, stdin=text)
    report = json.loads(run.out) if run.code in (0, 3) else {}
    return run.code, report, run.stderr.decode()


@pytest.mark.parametrize("text", [STUDENT, STUDENT_LATEX], ids=["ours", "latex"])
def test_the_ten_steps_are_all_proved(text: str) -> None:
    code, report, err = check(text)
    assert (code, err) == (0, "")
    assert [step["status"] for step in report["steps"]] == ["proved"] * 10
    assert report["steps"][0]["before_text"] == "d/dx σ(x)"  # the problem is the first side
    assert report["result"] == {
        "form": "σ(x)·(1 - σ(x))",
        "status": "proved",
        "point": None,
        "expected": None,
    }
    assert report["ok"] is True


def test_plain_output_gives_every_verdict_and_the_result() -> None:
    run = sigmoid("check", stdin=STUDENT)
    assert run.code == 0
    assert run.out.count(", step: proved") == 10
    assert "line 12, step" in run.out and run.out.endswith("Every step holds.\n")


@pytest.mark.parametrize("mistake", list(WRONG))
def test_a_wrong_step_is_named_with_a_point(mistake: str) -> None:
    line, wrong, number = WRONG[mistake]
    assert line in STUDENT
    code, report, err = check(STUDENT.replace(line, wrong))
    assert code == 3
    assert report["first_wrong"] == number
    statuses = [step["status"] for step in report["steps"]]
    assert statuses[: number - 1] == ["proved"] * (number - 1) and statuses[number - 1] == "wrong"
    point = report["steps"][number - 1]["point"]
    assert point["before"] != point["after"] and "x" in point
    assert err.startswith(
        f"sigmoid: error: step {number} (line {number + 2}) is wrong: the sides differ at x = "
    )
    assert err.count("\n") == 1


# What each mistake is named, and the line it should have been (the correct form).
DIAGNOSES = {
    "lost minus sign": (
        "sign_lost_inner",
        "sign lost: the chain rule misses the inner derivative −1 (of -x)",
        "(1 + e^(-x))^(-2)·e^(-x)",
    ),
    "missing inner derivative": (
        "missing_inner",
        "the chain rule misses the inner derivative -e^(-x) (of 1 + e^(-x))",
        "-(1 + e^(-x))^(-2)·(-e^(-x))",
    ),
    "wrong power": (
        "wrong_power",
        "wrong power: (1 + e^(-x))^3 should be (1 + e^(-x))^2",
        "e^(-x)/(1 + e^(-x))^2",
    ),
    "wrong cancellation": (
        "wrong_cancellation",
        "wrong cancellation: 1 is a term of a sum, not a factor, so it cannot be cancelled in "
        "σ(x)·(1 + e^(-x) - 1)/(1 + e^(-x))",
        "σ(x)·e^(-x)/(1 + e^(-x))",
    ),
}


@pytest.mark.parametrize("mistake", list(WRONG))
def test_a_wrong_step_gets_the_mistake_named_and_the_correct_line(mistake: str) -> None:
    line, wrong, number = WRONG[mistake]
    kind, named, correct = DIAGNOSES[mistake]
    code, report, err = check(STUDENT.replace(line, wrong))
    assert code == 3
    diagnosis = report["steps"][number - 1]["diagnosis"]
    assert (diagnosis["kind"], diagnosis["text"], diagnosis["correct"]) == (
        kind,
        f"probable mistake: {named}",
        correct,
    )
    assert f"; probable mistake: {named}" in err  # still one line
    run = sigmoid("check", stdin=STUDENT.replace(line, wrong))
    block = run.out.split(f"\n{number}. ")[1].split(f"\n{number + 1}. ")[0]
    assert f"   probable mistake: {named}\n   the line should be: {correct}" in block


@pytest.mark.parametrize("mistake", list(WRONG_LATEX))
def test_a_mistake_in_latex_is_named_too(mistake: str) -> None:
    piece, wrong, number = WRONG_LATEX[mistake]
    _, report, _ = check(STUDENT_LATEX.replace(piece, wrong))
    assert report["steps"][number - 1]["diagnosis"]["kind"] == DIAGNOSES[mistake][0]


@pytest.mark.parametrize(
    ("lang", "named", "should"),
    [
        (
            "ja",
            "考えられる誤り:合成関数の微分で、内側の関数 1 + e^(-x) の微分 -e^(-x) を掛け忘れています",
            "この行は正しくは:",
        ),
        (
            "ko",
            "예상되는 실수: 연쇄 법칙에서 안쪽 함수 1 + e^(-x)의 도함수 -e^(-x)을(를) 곱하지 않았습니다",
            "이 줄은 이렇게 되어야 합니다: ",
        ),
    ],
)
def test_verdicts_and_diagnoses_speak_the_language(lang: str, named: str, should: str) -> None:
    line, wrong, _ = WRONG["missing inner derivative"]
    run = sigmoid("check", "--lang", lang, stdin=STUDENT.replace(line, wrong))
    assert run.code == 3
    assert named in run.out and should + "-(1 + e^(-x))^(-2)·(-e^(-x))" in run.out
    assert "wrong" not in run.out and "step" not in run.out.replace("d/dx", "")


def test_a_step_that_no_known_mistake_explains_still_gets_the_correct_line() -> None:
    code, report, _ = check("d/dx sigmoid(x)\n= sigmoid(x)*(1 + sigmoid(x))\n")
    assert code == 3
    assert report["steps"][0]["diagnosis"]["kind"] == "should_be"
    assert report["steps"][0]["diagnosis"]["correct"] == "σ(x)·(1 - σ(x))"


@pytest.mark.parametrize("fmt", ["rich", "markdown", "latex"])
def test_every_format_gives_the_verdicts_and_the_diagnosis(fmt: str) -> None:
    line, wrong, _ = WRONG["wrong power"]
    run = sigmoid("check", "--format", fmt, stdin=STUDENT.replace(line, wrong))
    assert run.code == 3
    assert run.out.count("proved") >= 8 and "wrong" in run.out
    assert "wrong power" in run.out
    good = sigmoid("check", "--format", fmt, stdin=STUDENT)
    assert good.code == 0 and "Every step holds." in good.out


def test_check_latex_output_reads_back_with_the_same_verdicts() -> None:
    line, wrong, number = WRONG["wrong power"]
    first = sigmoid("check", "--format", "latex", stdin=STUDENT.replace(line, wrong))
    assert first.out.count("\\checkmark") == 8  # steps 5 and 6 are wrong
    code, report, _ = check(first.out)
    assert code == 3 and report["first_wrong"] == number
    assert sigmoid("check", stdin=sigmoid("check", "--format", "latex", stdin=STUDENT).out).code == 0


def test_json_steps_have_the_keys_of_derives_steps() -> None:
    derived = json.loads(sigmoid("derive", "--format", "json").out)
    _, report, _ = check(STUDENT)
    assert set(derived["steps"][0]) <= set(report["steps"][0])
    step = report["steps"][2]
    assert step["rule"] == "step" and step["verification"]["status"] == "proved" and step["verified"] is True
    assert step["before_latex"] == r"\frac{d}{dx}\left[\left(1 + e^{-x}\right)^{-1}\right]"


def test_a_chain_on_one_line_names_steps_by_column() -> None:
    text = "d/dx log(sigmoid(x)) = 1/sigmoid(x) * d/dx sigmoid(x) = 1 + sigmoid(x)\n"
    code, report, err = check(text)
    assert code == 3
    assert [(s["line"], s["column"]) for s in report["steps"]] == [(1, 24), (1, 57)]
    assert err.startswith("sigmoid: error: step 2 (line 1, column 57) is wrong")
    assert text[56:] == "1 + sigmoid(x)\n"
    bad = sigmoid("check", stdin="d/dx x^2 = 2*x = 2*x )\n")
    assert bad.code == 1 and "line 1, column 22" in bad.stderr.decode()


@pytest.mark.parametrize("mistake", list(WRONG_LATEX))
def test_a_wrong_step_in_latex_is_named(mistake: str) -> None:
    piece, wrong, number = WRONG_LATEX[mistake]
    assert STUDENT_LATEX.count(piece) == 1
    code, report, _ = check(STUDENT_LATEX.replace(piece, wrong))
    assert code == 3
    assert report["first_wrong"] == number
    assert report["steps"][number - 1]["line"] == number + 4  # the row's line in the document


def test_true_equalities_that_end_at_the_wrong_derivative_are_reported() -> None:
    text = "d/dx log(sigmoid(x))\n= 1/(1 + e^(-x))\n= sigmoid(x)\n"
    code, report, err = check(text)
    assert code == 3
    assert [step["status"] for step in report["steps"]] == ["wrong", "proved"]
    assert report["result"]["status"] == "wrong" and report["result"]["point"] is not None
    # what the derivative is, said for the result and for the first line
    assert report["result"]["expected"] == "1 - σ(x)"
    assert report["steps"][0]["diagnosis"]["correct"] == "1 - σ(x)"
    assert err.startswith("sigmoid: error: step 1 (line 2) is wrong")
    assert err.rstrip().endswith("the line should be: 1 - σ(x)")
    run = sigmoid("check", stdin=text)
    assert "  is not d/dx log(σ(x)): the sides differ at x = 0.37" in run.out
    assert "  the derivative is 1 - σ(x)\n" in run.out


def test_problem_forms_and_one_line_chains() -> None:
    for text in (
        "diff(log(sigmoid(x)), x) = 1 - sigmoid(x)",
        "d/dw w^3 = 3*w^2\n",
        "d/dx x^2\n2*x",
        "d^2/dx^2 sigmoid(x) = d/dx [sigmoid(x)*(1 - sigmoid(x))]\n"
        "= sigmoid(x)*(1 - sigmoid(x))*(1 - 2*sigmoid(x))",
    ):
        code, report, err = check(text)
        assert (code, err) == (0, ""), text
    _, report, _ = check("d/dw w^3 = 3*w^2")
    assert report["variable"] == "w"
    code, report, _ = check("d^2/dx^2 x^3 = 3*x^2")  # the first derivative where the second is due
    assert code == 3 and report["first_wrong"] == 1


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("\\input{/etc/passwd}\n", "line 1, column 1: \\input is not allowed"),
        ("$$\n\\frac{d}{dx} x = 1\n$$\n\\def\\x{2}\n", "line 4, column 1: \\def is not allowed"),
        ("{" * 1_000_000, "more than 100000 characters"),
        ("d/dx " + "(" * 10_000 + "x" + ")" * 10_000 + " = 1", "nested more than"),
        ("d/dx sigmoid(x)\n= 1 +* x\n", "line 2, column 6"),
        ("$$\\frac{d}{dx} \\foo{x} = 1$$", "line 1, column 16: unknown LaTeX command \\foo"),
        ("", "empty"),
        (
            "Some prose.\n\\newcommand{\\x}{1}\n$$\\frac{d}{dx} x = 1$$\n",
            "line 2, column 1: \\newcommand is not",
        ),
        ("\\catcode`\\@=11\n", "line 1, column 1: \\catcode is not allowed"),
        ("$$\\frac{d}{dx} " + "\\left(" * 50_000 + "x$$", "more than 100000 characters"),
        ("$$\\frac{d}{dx} " + "\\left(" * 41 + "x" + "\\right)" * 41 + " = 1$$", "nested more than 40 deep"),
        ("d/dx x\n= " + "sqrt(" * 45 + "x" + ")" * 45, "line 2, column "),
    ],
    ids=[
        "input",
        "def",
        "braces",
        "nesting",
        "syntax",
        "unknown",
        "empty",
        "newcommand",
        "catcode",
        "left-1mb",
        "left-deep",
        "deep-calls",
    ],
)
def test_unreadable_input_is_one_line_and_exit_1(text: str, where: str) -> None:
    run = sigmoid("check", stdin=text)
    err = run.stderr.decode()
    assert run.code == 1 and run.out == ""
    assert err.startswith("sigmoid: error: ") and err.count("\n") == 1 and "Traceback" not in err
    assert where in err


def test_usage_errors_exit_2() -> None:
    assert sigmoid("check", "a", "b").code == 2
    assert sigmoid("check", "--format", "html", stdin=STUDENT).code == 2
    assert sigmoid("check", "--lang", "fr", stdin=STUDENT).code == 2


def test_a_megabyte_of_braces_in_a_file_is_refused_unread(tmp_path: Any) -> None:
    path = tmp_path / "braces.tex"
    path.write_text("{" * 1_000_000, encoding="utf-8")
    run = sigmoid("check", str(path))
    assert run.code == 1 and run.stderr.decode().count("\n") == 1
    assert "more than 100000 characters" in run.stderr.decode()


def test_nested_cases_read() -> None:
    text = (
        "$$\\frac{d}{dx} \\begin{cases} \\begin{cases} x & \\text{if } x < -1 \\\\ "
        "0 & \\text{if } x > -1 \\end{cases}"
        " & \\text{if } x < 0 \\\\ 0 & \\text{if } x > 0 \\end{cases} = 1$$"
    )
    code, report, err = check(text)
    assert code == 3 and report["first_wrong"] == 1 and err.count("\n") == 1
    assert (
        report["steps"][0]["diagnosis"]["correct"] == "{ { 1 if x < -1; 0 if x > -1 } if x < 0; 0 if x > 0 }"
    )


def test_a_file_argument_and_a_missing_file(tmp_path: Any) -> None:
    path = tmp_path / "steps.txt"
    path.write_text(STUDENT, encoding="utf-8")
    assert sigmoid("check", str(path)).code == 0
    missing = sigmoid("check", str(tmp_path / "nothing.txt"))
    assert missing.code == 1 and "No such file" in missing.stderr.decode()


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("--log",),
        ("--complement",),
        ("--log", "--complement"),
        ("--fn", "tanh"),
        ("--standalone", "--lang", "ja"),
        ("--order", "3", "--log", "--lang", "ko"),
        ("--fn", "tanh", "--order", "2"),
    ],
    ids=[
        "logistic",
        "log",
        "complement",
        "log-complement",
        "tanh",
        "standalone-ja",
        "order-3-ko",
        "tanh-order-2",
    ],
)
def test_derive_latex_checks_clean(args: tuple[str, ...]) -> None:
    derived = sigmoid("derive", "--format", "latex", *args)
    assert derived.code == 0
    code, report, err = check(derived.out)
    assert (code, err) == (0, "")
    assert report["ok"] is True and len(report["steps"]) >= 5
    if not args:  # derive's worked-out sub-steps (\qquad rows) are checked too, beside the chain
        assert [s["kind"] for s in report["steps"]].count("step") == 9
        assert "side" in {s["kind"] for s in report["steps"]}


def test_the_command_line_limit_is_the_readers() -> None:
    from sigmoid_cli.cli import check as command
    from sigmoid_cli.proofs import check as reader

    assert command.MAX_INPUT == reader.MAX_INPUT


FAMILY = [
    "logistic",
    "tanh",
    "arctan",
    "gd",
    "erf",
    "algebraic",
    "softsign",
    "normal-cdf",
    "hardsigmoid",
    "smoothstep",
]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "ja", "ko"])
@pytest.mark.parametrize("fn", FAMILY)
def test_every_family_members_latex_checks_clean(fn: str, lang: str) -> None:
    """\\int (erf), cases (hardsigmoid, smoothstep), \\Phi, \\operatorname{gd}, sgn, sech read back."""
    derived = sigmoid("derive", "--fn", fn, "--format", "latex", "--lang", lang)
    assert derived.code == 0
    code, report, err = check(derived.out)
    assert (code, err) == (0, ""), fn
    assert {step["status"] for step in report["steps"]} == {"proved"}
    assert report["result"]["status"] == "proved"


def test_the_family_list_is_derives() -> None:
    from sigmoid_cli.cli.options import LOGISTIC_ALIASES, Fn

    assert [member.value for member in Fn if member.value not in LOGISTIC_ALIASES] == FAMILY


@pytest.mark.parametrize(
    "text",
    [
        "d/dx [2/sqrt(pi) * integral(e^(-t^2), t, 0, x)] = 2/sqrt(pi) * e^(-x^2)",
        "d/dx cases(0 if x <= -3; (x + 3)/6 if -3 < x < 3; 1 if x >= 3)\n"
        "= cases(0 if x < -3; 1/6 if -3 < x < 3; 0 if x > 3)",
        "d/dx gd(x) = sech(x)",
        "d/dx [x/(1 + abs(x))] = (1 + abs(x) - x*sign(x))/(1 + abs(x))^2",
        "d/dx Phi(x) = e^(-x^2/2)/sqrt(2*pi)",
    ],
    ids=["integral", "cases", "gd", "softsign", "Phi"],
)
def test_integrals_cases_and_the_family_in_our_syntax(text: str) -> None:
    code, _report, err = check(text)
    assert (code, err) == (0, "")


def test_a_wrong_piece_of_cases_is_wrong() -> None:
    code, report, _ = check(
        "d/dx cases(0 if x <= -3; (x + 3)/6 if -3 < x < 3; 1 if x >= 3)\n"
        "= cases(0 if x < -3; 1/3 if -3 < x < 3; 0 if x > 3)"
    )
    assert code == 3 and report["first_wrong"] == 1


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (
            "$$\\frac{d}{dx} \\begin{cases} x & \\text{if } x < 0 \\\\ 0 & \\text{if } x > 0 = 1$$",
            "\\end{cases} is missing",
        ),
        ("$$\\frac{d}{dx} \\int_{0}^{x} t = 1$$", "line 1, column 16: the integral has no d(variable)"),
        (
            "$$\\frac{d}{dx} \\begin{matrix} x \\end{matrix} = 1$$",
            "line 1, column 16: the environment 'matrix'",
        ),
        ("$$" + "\\frac{1}{" * 5_000 + "x" + "}" * 5_000 + "$$", "nested more than 40 deep"),
        ("d/dx cases(x if y < 1) = 1", "line 1, column 16: a condition of cases"),
        ("d/dx integral(x, 1, 0, x) = x", "line 1, column 15: write integral(f, t, a, b)"),
    ],
    ids=["cases-unclosed", "int-no-dt", "matrix", "deep-frac", "cases-condition", "integral-args"],
)
def test_unreadable_integrals_and_cases_are_one_line(text: str, where: str) -> None:
    run = sigmoid("check", stdin=text)
    err = run.stderr.decode()
    assert run.code == 1 and run.out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert where in err, err


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ("--fn", "gd", "--order", "2", "--lang", "ja"),
        ("--fn", "softsign", "--order", "3"),
        ("--fn", "erf", "--order", "3"),
    ],
    ids=["gd-2-ja", "softsign-3", "erf-3"],
)
def test_long_forms_broken_over_rows_read_back(args: tuple[str, ...]) -> None:
    """derive breaks a long side over rows (`{} = …`, `{} \\cdot …`): each row goes on its form."""
    derived = sigmoid("derive", "--format", "latex", *args)
    assert "{} " in derived.out or args[1] == "erf"
    code, report, err = check(derived.out)
    assert (code, err) == (0, "")
    assert report["ok"] is True
