"""Real terminals and real files (issue 18): the help a bare `sigmoid` prints, tables that never
break a number, output that does not depend on the terminal's encoding or the locale."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import compile_latex, on_terminal, sigmoid, sigmoid_process


def test_bare_sigmoid_prints_the_help_as_help_does() -> None:
    bare = sigmoid()
    assert bare.code == 2  # a usage error for a script, as awk's and Click's
    assert bare.err == sigmoid("--help").out
    assert "Commands:" in bare.err and "\n  eval " in bare.err


@pytest.mark.parametrize("columns", ["40", "200"])
def test_a_piped_table_is_as_wide_as_its_numbers(columns: str) -> None:
    run = sigmoid("grad", "--wrt", "all", "-i", "-o", "table", stdin="0.5\n", env={"COLUMNS": columns})
    assert run.code == 0, run.err
    rows = [line for line in run.lines if line.startswith("│")]
    assert len(rows) == 1  # one line per value: no number folded onto a second line
    cells = [cell.strip() for cell in rows[0].strip("│").split("│")]
    expected = ["0.5", "0.2350037122015945", "0.11750185610079725"]
    expected += ["-0.2350037122015945", "0.6224593312018546"]
    assert cells == expected


@pytest.mark.slow
def test_a_table_too_wide_for_the_terminal_says_so() -> None:
    narrow = on_terminal(["grad", "--wrt", "all", "-o", "table", "0.5"], env={}, size=(30, 40))
    assert narrow.code == 2
    assert narrow.err.strip().startswith("sigmoid: error: --format table needs ")
    assert "use --format tsv" in narrow.err and "\n" not in narrow.err.strip()
    wide = on_terminal(["grad", "--wrt", "all", "-o", "table", "0.5"], env={}, size=(30, 120))
    assert wide.code == 0 and "0.11750185610079725" in wide.out


def test_json_inputs_that_are_numbers_are_json_numbers() -> None:
    import json

    run = sigmoid("eval", "-o", "json", "-i", stdin="0\n-2 .5\n1e3\nnan\n")
    rows = json.loads(run.out)
    assert [row["x"] for row in rows] == [0, -2, 0.5, 1000, None]
    assert [row["x"] > 0 for row in rows[:4]] == [False, False, True, True]  # jq's `.x > 0`
    fields = sigmoid("eval", "-o", "jsonl", "-i", "--header", "-f", "2", stdin="id,dose\nq7,2\n")
    # the computed field's input is a number; the other fields pass through as text
    row = json.loads(fields.out.splitlines()[0])
    assert row == {"id": "q7", "dose": 2, "sigmoid(dose)": 0.8807970779778824}


# --- any encoding ---------------------------------------------------------------------------------

ASCII = {"PYTHONIOENCODING": "ascii"}


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["plain", "markdown", "latex"])
@pytest.mark.parametrize("options", [[], ["--log"], ["--fn", "tanh"], ["--expr", "exp(-x^2/2)/sqrt(2*pi)"]])
def test_english_proofs_on_an_ascii_terminal_are_written_in_ascii_forms(fmt: str, options: list[str]) -> None:
    from sigmoid_cli.cli.encoding import ASCII_FORMS

    args = ["derive", *options, "-f", fmt, "--no-verify"]
    ascii_run = sigmoid_process(*args, env=ASCII)
    assert ascii_run.code == 0, ascii_run.err
    assert ascii_run.stdout.isascii()
    # the same proof, each Unicode character in its ASCII form, and nothing else changed
    utf8 = sigmoid(*args)
    assert ascii_run.out == utf8.out.translate(str.maketrans(ASCII_FORMS))
    assert fmt == "latex" or not utf8.stdout.isascii()  # there was something to write in ASCII


@pytest.mark.slow
def test_json_on_an_ascii_terminal_is_the_same_document_escaped() -> None:
    import json

    ascii_run = sigmoid_process("derive", "--log", "-f", "json", "--no-verify", "--lang", "ja", env=ASCII)
    assert ascii_run.code == 0 and ascii_run.stdout.isascii()
    assert json.loads(ascii_run.out) == json.loads(
        sigmoid("derive", "--log", "-f", "json", "--no-verify", "--lang", "ja").out
    )


@pytest.mark.slow
def test_rich_falls_back_to_plain_and_japanese_says_what_to_do() -> None:
    rich = sigmoid_process("derive", "-f", "rich", "--no-verify", env=ASCII)
    assert rich.code == 0 and rich.stdout.isascii() and "d/dx sigma(x)" in rich.out
    japanese = sigmoid_process("derive", "--lang", "ja", "-f", "plain", "--no-verify", env=ASCII)
    assert japanese.code == 2
    assert japanese.err.strip() == (
        "sigmoid: error: this output's encoding (ascii) cannot show Japanese: "
        "set PYTHONIOENCODING=utf-8 or use --lang en"
    )


@pytest.mark.slow
def test_plot_on_an_ascii_terminal_draws_in_ascii() -> None:
    run = sigmoid_process("plot-ascii", "--width", "40", "--height", "10", env=ASCII)
    assert run.code == 0 and run.stdout.isascii()
    assert "sigma(x) = 1/(1+e^-x)" in run.out
    assert run.out == sigmoid(
        "plot-ascii", "--width", "40", "--height", "10", "--charset", "ascii"
    ).out.replace("σ", "sigma")


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ["eval", "0.5", "1e-300", "-o", "json", "-i"],
        ["grad", "--wrt", "all", "0.5"],
        ["derive", "-f", "plain"],
    ],
)
def test_output_is_the_same_in_every_locale(args: list[str]) -> None:
    outputs = {
        locale: sigmoid_process(*args, env={"LC_ALL": locale, "LANG": locale}).stdout
        for locale in ("C", "C.UTF-8", "de_DE.UTF-8")
    }
    assert len(set(outputs.values())) == 1, outputs


# --- tables for documents -------------------------------------------------------------------------


def test_markdown_table_of_float_results() -> None:
    run = sigmoid("eval", "-o", "markdown", stdin="-2\n0\n1e-300\n")
    assert run.code == 0, run.err
    assert run.out == (
        "| x | sigmoid(x) |\n|---:|---:|\n| -2 | 0.11920292202211756 |\n| 0 | 0.5 |\n| 1e-300 | 0.5 |\n"
    )


def test_latex_table_writes_the_printed_digits_in_math() -> None:
    from sigmoid_cli.cli.tables import latex_number

    assert latex_number("-1.5e-300") == r"$-1.5 \times 10^{-300}$"
    assert latex_number("inf") == r"$\infty$" and latex_number("nan") == r"$\mathrm{NaN}$"
    run = sigmoid("grad", "--wrt", "all", "-o", "latex", "0.5")
    lines = run.out.splitlines()
    assert lines[1] == r"\begin{tabular}{rrrrr}" and lines[-1] == r"\end{tabular}"
    assert r"$0.5$ & $0.2350037122015945$ & $0.11750185610079725$" in run.out
    # --exact keeps its LaTeX expressions, one per value
    assert sigmoid("eval", "--exact", "-o", "latex", "0").out == "\\frac{1}{2}\n"


@pytest.mark.slow
def test_latex_table_compiles(tmp_path: Path) -> None:
    import shutil

    if shutil.which("pdflatex") is None:
        pytest.skip("pdflatex is not installed")
    table = sigmoid("eval", "-o", "latex", "-i", stdin="-3\n1e-300\nnan\ninf\n").out
    document = (
        "\\documentclass{article}\n\\usepackage{booktabs}\n\\begin{document}\n" + table + "\\end{document}\n"
    )
    compile_latex(document, tmp_path)


@pytest.mark.slow
def test_check_on_an_ascii_terminal_reads_utf8_and_writes_ascii() -> None:
    wrong = "d/dx log(σ(x))\n= 1 + σ(x)\n"
    run = sigmoid_process("check", "-f", "plain", stdin=wrong, env=ASCII)
    assert run.code == 3 and run.stdout.isascii() and run.stderr.isascii()
    assert "the line should be: 1 - sigma(x)" in run.out
    assert run.err.strip().endswith("the line should be: 1 - sigma(x)")  # not 1 - \u03c3(x)
