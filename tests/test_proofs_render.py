"""Renderers of proofs: snapshots of plain, Markdown and LaTeX output, the LaTeX compile check,
rich output, and the shape of the JSON.

Snapshots live in tests/snapshots/derive_<name>.<txt|md|tex>, rendered at width 80 with NO_COLOR
set. After a deliberate change of the output, regenerate them and review the diff:

    SIGMOID_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_proofs_render.py -k snapshot

The LaTeX compile test runs pdflatex when it is installed (apt-get install texlive-latex-base
texlive-latex-recommended) and KaTeX when node can load it (npm install katex; NODE_PATH set),
and is skipped otherwise. By hand:

    sigmoid derive --format latex --standalone > proof.tex && pdflatex -halt-on-error proof.tex
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from sigmoid_cli.proofs import derive
from sigmoid_cli.proofs.render import latex, markdown, plain, render, to_data, wrap

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
UPDATE = os.environ.get("SIGMOID_UPDATE_SNAPSHOTS") == "1"

CASES: dict[str, dict[str, Any]] = {
    "default": {},
    "log": {"log": True},
    "complement": {"complement": True},
    "log_complement": {"log": True, "complement": True},
    "order2": {"order": 2},
    "tanh": {"fn": "tanh"},
    "hardsigmoid": {"fn": "hardsigmoid"},
    "silu": {"expr": "x*sigmoid(x)"},
    "default_ja": {"lang": "ja"},
    "log_ko": {"log": True, "lang": "ko"},
}
CURATED: dict[str, dict[str, Any]] = {
    "default": {},
    "log": {"log": True},
    "complement": {"complement": True},
    "log_complement": {"log": True, "complement": True},
    "order3": {"order": 3},
    "form_exp": {"form": "exp"},
    **{name: {"fn": name} for name in ("tanh", "arctan", "gd", "erf", "algebraic", "softsign")},
    "normal_cdf": {"fn": "normal-cdf"},
    "hardsigmoid": {"fn": "hardsigmoid"},
    "smoothstep": {"fn": "smoothstep"},
}
_PROOFS: dict[str, Any] = {}


def _proof(name: str, options: dict[str, Any]) -> Any:
    if name not in _PROOFS:
        _PROOFS[name] = derive(**options)
    return _PROOFS[name]


def _compare(path: Path, text: str) -> None:
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"{path.name} did not exist and was written; check it and run again")
    assert text == path.read_text(encoding="utf-8"), f"{path.name} differs (see the docstring to regenerate)"


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize(("fmt", "suffix"), [("plain", "txt"), ("markdown", "md"), ("latex", "tex")])
def test_snapshot(name: str, fmt: str, suffix: str) -> None:
    text = render(_proof(name, CASES[name]), fmt, width=80)
    _compare(SNAPSHOTS / f"derive_{name}.{suffix}", text)


def test_plain_fits_80_columns_except_long_formulas() -> None:
    from sigmoid_cli.proofs.layout import width

    for name in ("default", "log", "default_ja", "log_ko"):
        for line in plain(_proof(name, CASES[name])).splitlines():
            if width(line) > 80:
                assert line.lstrip().startswith(("=", "d/dx", "Result", "結果", "결과")), line


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "ja", "ko"])
def test_plain_never_breaks_a_line_inside_a_formula(lang: str) -> None:
    # The templates' own formulas once broke as "(u −" / "1)/u" and "dy/du ·" / "du/dx".
    for name, options in CURATED.items():
        for width in (80, 60):
            for line in plain(_proof(name, options), lang, width).splitlines():
                assert not line.endswith((" −", " +", " =", " ·", " ×")), (name, width, line)


@pytest.mark.parametrize("lang", ["en", "ja", "ko"])
def test_lemma_titles_speak_to_the_reader_not_of_our_source_files(lang: str) -> None:
    # "seed 000" means nothing to a reader, and Japanese had it as 種 (a plant's seed).
    for name in ("log", "complement", "log_complement"):
        text = plain(_proof(name, CURATED[name]), lang)
        assert "seed" not in text and "種" not in text, text


@pytest.mark.parametrize(
    ("expr", "lang", "caveat"),
    [
        ("abs(x)", "en", "This holds for x ≠ 0; at x = 0 there is no derivative."),
        ("abs(x)", "ja", "ただし、これは x ≠ 0 のときです。"),
        ("abs(x)", "ko", "단, 이는 x ≠ 0일 때입니다."),
        ("abs(sin(x))", "en", "This holds where sin(x) ≠ 0"),
    ],
)
def test_the_derivative_of_abs_says_where_it_holds(expr: str, lang: str, caveat: str) -> None:
    # d/dx |x| = sign(x) was stated with no word about the corner at 0.
    data = to_data(derive(expr=expr, verify=False), lang)
    assert caveat in data["steps"][0]["explanation"]


def test_wrap_breaks_japanese_between_characters_not_before_punctuation() -> None:
    lines = wrap("定義より 1/(1 + e^(−x)) = σ(x) なので、σ に置き換えます。" * 3, 30, "  ")
    from sigmoid_cli.proofs.layout import width

    assert all(width(line) <= 30 for line in lines)
    assert not any(line.lstrip().startswith(("、", "。")) for line in lines)


def test_markdown_uses_display_blocks() -> None:
    proof = _proof("default", {})
    text = markdown(proof)
    assert text.count("$$") == 2 * len(proof.all_steps()) + 2  # every step and the result
    assert "### Step 1: Definition of σ ✓ proved" in text


def test_latex_is_one_align_block() -> None:
    text = latex(_proof("default", {}))
    assert text.count(r"\begin{align*}") == 1 and text.count(r"\end{align*}") == 1
    assert r"\frac{d}{dx} \sigma(x) &= \frac{d}{dx}\left[\frac{1}{1 + e^{-x}}\right]" in text


def test_json_shape() -> None:
    data = json.loads(render(_proof("default", {}), "json"))
    assert list(data)[:2] == ["problem", "problem_latex"]
    assert data["problem"] == "Derivative(sigmoid(x), x)"
    assert data["result"] == "sigmoid(x)*(1 - sigmoid(x))"
    assert data["verified"] is True and data["status"] == "proved"
    step = data["steps"][0]
    assert step["index"] == 1 and step["rule"] == "definition_sigma"
    assert step["verified"] is True and step["verification"]["status"] == "proved"
    assert step["verification"]["points"] >= 3


def test_json_in_every_language() -> None:
    for lang in ("en", "ja", "ko"):
        data = to_data(_proof("log", {"log": True}), lang)
        assert all(step["explanation"] for step in data["steps"])
        assert data["lang"] == lang


def test_rich_output() -> None:
    from rich.console import Console

    from sigmoid_cli.cli.rich_output import print_proof

    buffer = io.StringIO()
    console = Console(file=buffer, width=80, no_color=True, force_terminal=False)
    proof = _proof("default", {})
    print_proof(proof, console=console)
    text = buffer.getvalue()
    assert text.count("✓ proved") == len(proof.all_steps()) + 1  # every step and the cross-check
    assert "Result" in text and "╭" in text  # the framed result
    assert "─────" in text  # 2-D fractions


# --- LaTeX compiles -------------------------------------------------------------------------------


def _katex() -> str | None:
    node = shutil.which("node")
    if node is None:
        return None
    probe = subprocess.run([node, "-e", "require('katex')"], capture_output=True, check=False)
    return node if probe.returncode == 0 else None


_KATEX_CHECK = """
const katex = require("katex");
const body = require("fs").readFileSync(0, "utf8").split("\\n").filter(l => !l.startsWith("%")).join("\\n");
katex.renderToString(body, {displayMode: true, throwOnError: true, strict: "error"});
"""


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CURATED))
def test_latex_compiles(name: str, tmp_path: Path) -> None:
    pdflatex, node = shutil.which("pdflatex"), _katex()
    if pdflatex is None and node is None:
        pytest.skip("neither pdflatex nor KaTeX (node + katex) is installed")
    proof = _proof(f"curated_{name}", CURATED[name])
    if pdflatex is not None:
        (tmp_path / "proof.tex").write_text(latex(proof, standalone=True), encoding="utf-8")
        run = subprocess.run(
            [pdflatex, "-interaction=nonstopmode", "-halt-on-error", "proof.tex"],
            cwd=tmp_path,
            capture_output=True,
            timeout=60,
            check=False,
        )
        assert run.returncode == 0, run.stdout.decode(errors="replace")[-2000:]
        assert (tmp_path / "proof.pdf").exists()
    if node is not None:
        run = subprocess.run(
            [node, "-e", _KATEX_CHECK],
            input=latex(proof).encode(),
            capture_output=True,
            timeout=60,
            check=False,
        )
        assert run.returncode == 0, run.stderr.decode(errors="replace")
