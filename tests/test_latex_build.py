"""`sigmoid derive -f latex --standalone` prints documents that compile and fit the page.

With pdflatex installed (apt-get install texlive-latex-base texlive-latex-recommended
texlive-latex-extra) and SIGMOID_LATEX_BUILDS=1, every case of tests/latex_cases.py is compiled:
exit 0, no line more than 20 pt too wide, no page left (nearly) blank before the last. The 64
derivations and builds take minutes, more than CI's budget of five for everything, so they run
when asked (tests/test_proofs_render.py compiles the curated documents whenever pdflatex is
there). The structural tests below (rows of bounded length, the explanations' formulas typeset
as mathematics, the refusal of what cannot fit) run everywhere.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import assert_one_error_line, compile_latex, sigmoid
from latex_cases import CURATED, EXPRESSIONS, cli_args, name

from sigmoid_cli.proofs import derive, latex_math
from sigmoid_cli.proofs.latex_math import MAX_DEPTH, MAX_LINES, TooLarge, lines
from sigmoid_cli.proofs.render import latex

OVERFULL_PT = 20.0
# Each page's natural height goes to the log: a page that ends early is a (nearly) blank one.
_MEASURE_PAGES = r"""\makeatletter
\let\sigmoid@makecol\@makecol
\def\@makecol{\setbox\z@\vbox{\unvcopy\@cclv}\typeout{PAGEFILL=\the\ht\z@/\the\textheight}\sigmoid@makecol}
\makeatother
"""
_TIME_LIMIT = "did not finish within the time limit"


def _compile(document: str, directory: Path) -> str:
    """The log of pdflatex on ``document`` (which must compile), with each page's fill measured."""
    return compile_latex(
        document.replace(r"\begin{document}", _MEASURE_PAGES + r"\begin{document}", 1), directory
    )


@pytest.mark.slow
@pytest.mark.parametrize("case", CURATED + EXPRESSIONS, ids=name)
def test_standalone_compiles_and_fits(case: dict[str, Any], tmp_path: Path) -> None:
    if shutil.which("pdflatex") is None:
        pytest.skip("pdflatex is not installed")
    if os.environ.get("SIGMOID_LATEX_BUILDS") != "1":
        pytest.skip("the 64 document builds run with SIGMOID_LATEX_BUILDS=1 (minutes)")
    run = sigmoid(*cli_args(case), "--format", "latex", "--standalone")
    if run.code == 2 and _TIME_LIMIT in run.err:
        pytest.skip("the derivation hit its time limit on this (busy) machine")
    assert run.code == 0, run.err
    log = _compile(run.out, tmp_path)
    overfull = [float(pt) for pt in re.findall(r"Overfull \\hbox \(([0-9.]+)pt too wide\)", log)]
    assert max(overfull, default=0.0) <= OVERFULL_PT, f"a line is {max(overfull)} pt too wide"
    fills = [
        float(used) / float(height) for used, height in re.findall(r"PAGEFILL=([0-9.]+)pt/([0-9.]+)pt", log)
    ]
    pages = int(re.findall(r"Output written on doc\.pdf \((\d+) pages?", log)[0])
    assert len(fills) == pages
    assert all(fill >= 0.4 for fill in fills[:-1]), f"a page is left (nearly) empty: {fills}"


# --- without pdflatex -----------------------------------------------------------------------------

QUICK: list[dict[str, Any]] = [
    {},
    {"fn": "gd", "order": 2},
    {"fn": "hardsigmoid"},
    {"expr": "-y*log(sigmoid(w*x+b)) - (1-y)*log(1-sigmoid(w*x+b))", "var": "w"},
    {"expr": "x*sigmoid(x)", "order": 2},
]
ROW_GLYPHS = 110  # about what a row of 500 pt holds; the logistic loss had rows of 240


def _glyphs(row: str) -> int:
    """Roughly the symbols a row of the align* block shows: a command is one, braces,
    spacing, alignment marks and the row's label none."""
    row = re.sub(r"\\tag\*\{.*\}\s*(\\\\)?$", "", row.strip())
    row = re.sub(r"\\(left|right|[bB]igg?[lr]|qquad|quad|[,;!])(?![A-Za-z])", "", row)
    row = re.sub(r"\\[A-Za-z]+", "c", row)
    return len(re.sub(r"[\s{}&]", "", row))


def _rows(document: str) -> list[str]:
    block = document.split(r"\begin{align*}")[1].split(r"\end{align*}", maxsplit=1)[0]
    return [row for row in block.split("\\\\\n") if row.strip()]


@pytest.mark.slow
@pytest.mark.parametrize("case", QUICK, ids=name)
def test_no_row_is_too_long(case: dict[str, Any]) -> None:
    document = latex(derive(**case), standalone=True)
    longest = max(_rows(document), key=_glyphs)
    assert _glyphs(longest) <= ROW_GLYPHS, longest
    assert r"\allowdisplaybreaks" in document  # a long block breaks across pages


def test_explanations_typeset_their_formulas_as_mathematics() -> None:
    document = latex(derive(), standalone=True)
    assert r"The sigmoid function is defined as $\sigma(x) = 1/(1 + e^{-x})$." in document
    assert r"$1/u = u^{-1}$" in document
    assert r"$v/u^{2} = (1/u) \cdot (v/u)$" in document
    assert r"\textasciicircum" not in document and "$($" not in document


def test_explanations_join_forms_with_the_formula_around_them() -> None:
    document = latex(derive(log=True), standalone=True)
    # "dy/d{x} = dy/d{u} · d{u}/d{x}": the variable is put in, one formula
    assert r"$dy/dx = dy/du \cdot du/dx$" in document
    # words in brackets and a function's name in a sentence stay prose
    assert "(see the lemma above)" in document and "the derivative of log is" in document
    document = latex(derive(order=2), standalone=True)
    assert r"$d/dx\,P(\sigma) = P'(\sigma) \cdot d\sigma/dx$" in document


def test_a_formula_too_long_for_the_page_is_refused() -> None:
    with pytest.raises(TooLarge, match="lines of the page"):
        lines(" + ".join(["x"] * (40 * MAX_LINES)), 400.0, 400.0)
    with pytest.raises(TooLarge, match="no place to break"):
        lines(r"\frac{1}{2}" + "x" * 200, 400.0, 400.0)


def test_a_formula_too_deep_for_tex_is_refused() -> None:
    nested = "x"
    for _ in range(MAX_DEPTH + 1):
        nested = rf"\sqrt{{1 + {nested}}}"
    with pytest.raises(TooLarge, match="levels deep, more than LaTeX can typeset"):
        lines(nested, 400.0, 400.0)


def test_the_command_says_so_in_one_line_with_status_2(monkeypatch: pytest.MonkeyPatch) -> None:
    """What `sigmoid` does with a formula that does not fit: one line and exit status 2 (here
    with a limit of 1 line, so that an ordinary derivation reaches it)."""
    monkeypatch.setattr(latex_math, "MAX_LINES", 1)
    run = sigmoid(
        "derive", "--expr", EXPRESSIONS[0]["expr"], "--var", "w", "--format", "latex", "--standalone"
    )
    assert_one_error_line(run, 2)
    assert "a formula would take" in run.err and "lines of the page (more than 1)" in run.err
    assert run.out == ""  # no broken document
