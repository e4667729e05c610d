"""Tables of values for documents: `--format latex` (a booktabs tabular) and `--format markdown`.

The cells arrive as the stream prints them (the shortest digits that read back as the same
double); a LaTeX cell writes the same digits in math mode, an exponent as × 10^{…}, so the
number in the document is the number the terminal shows.
"""

from __future__ import annotations

import re

_NUMBER = re.compile(r"(-?)(\d+(?:\.\d*)?|\.\d+)(?:e([+-]?\d+))?")
_SPECIAL = {"nan": r"\mathrm{NaN}", "inf": r"\infty", "-inf": r"-\infty"}
_TEX_SPECIALS = str.maketrans({c: "\\" + c for c in "&%$#_{}"} | {"\\": r"\textbackslash{}", "~": r"\~{}"})


def latex_number(cell: str) -> str:
    """A printed number as LaTeX math: -1.5e-300 → $-1.5 \\times 10^{-300}$."""
    if cell in _SPECIAL:
        return f"${_SPECIAL[cell]}$"
    match = _NUMBER.fullmatch(cell)
    if match is None:  # an exact result is LaTeX already
        return f"${cell}$"
    sign, digits, exponent = match.groups()
    shown = f"{sign}{digits}"
    if exponent is not None:
        shown += rf" \times 10^{{{int(exponent)}}}"
    return f"${shown}$"


def latex_table(headers: tuple[str, ...], rows: list[list[str]]) -> str:
    """A booktabs tabular (the preamble needs \\usepackage{booktabs})."""
    head = " & ".join(rf"\texttt{{{name.translate(_TEX_SPECIALS)}}}" for name in headers)
    lines = [
        r"% needs \usepackage{booktabs}",
        r"\begin{tabular}{" + "r" * len(headers) + "}",
        r"\toprule",
        head + r" \\",
        r"\midrule",
        *(" & ".join(latex_number(cell) for cell in row) + r" \\" for row in rows),
        r"\bottomrule",
        r"\end{tabular}",
    ]
    return "\n".join(lines) + "\n"


def markdown_table(headers: tuple[str, ...], rows: list[list[str]]) -> str:
    """A GitHub-flavoured Markdown table, numbers right-aligned."""
    lines = [
        "| " + " | ".join(name.replace("|", "\\|") for name in headers) + " |",
        "|" + "|".join("---:" for _ in headers) + "|",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]
    return "\n".join(lines) + "\n"
