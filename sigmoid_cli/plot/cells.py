"""Text in terminal cells: one cell per terminal column, and 7-bit text for ``--charset ascii``.

Every cell is one terminal column: the braille block (U+2800, 2×4 dots a cell), the half
blocks ▀▄█ (1×2 pixels a cell) and box-drawing characters are all one column wide in a
non-CJK terminal; wide characters (CJK in a title) take two cells, the second one empty.
"""

from __future__ import annotations

import re

_ASCII_WORDS = {
    "σ": "sigma",
    "Φ": "Phi",
    "π": "pi",
    "−": "-",
    "–": "-",
    "—": "-",
    "·": "*",
    "×": "x",
    "√": "sqrt",
    "…": "...",
    "∈": " in ",
}
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺⁽⁾", "0123456789-+()")
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉₋₊", "0123456789-+")
_SCRIPT_RUN = re.compile(r"([⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺⁽⁾]+)|([₀₁₂₃₄₅₆₇₈₉₋₊]+)")


def to_ascii(text: str) -> str:
    """7-bit printable text: 'd²/dx² σ(x)' → 'd^2/dx^2 sigma(x)', 'tanh₀₁' → 'tanh_01'."""
    if text.isascii() and text.isprintable():
        return text
    text = _SCRIPT_RUN.sub(
        lambda m: "^" + m[1].translate(_SUPERSCRIPTS) if m[1] else "_" + m[2].translate(_SUBSCRIPTS), text
    )
    out = "".join(_ASCII_WORDS.get(ch, ch) for ch in text)
    return "".join(ch if " " <= ch <= "~" else "?" for ch in out)


def to_cells(text: str) -> list[str]:
    """One entry per terminal column: a wide character is followed by an empty cell.
    Control characters become spaces and zero-width ones are dropped, so a line can never
    end up wider or narrower than its cells say."""
    if text.isascii():
        return [ch if ch.isprintable() else " " for ch in text]
    import unicodedata

    # Composed first: 'e' + U+0301 keeps its accent as 'é', and decomposed Hangul (as macOS
    # writes file names) becomes whole syllables; a vowel jamo left alone would be counted a
    # cell here but take none in the terminal, and the line would come out short.
    text = unicodedata.normalize("NFC", text)
    cells: list[str] = []
    for ch in text:
        category = unicodedata.category(ch)
        if category in ("Mn", "Me", "Cf") or "\u1160" <= ch <= "\u11ff" or "\ud7b0" <= ch <= "\ud7ff":
            continue  # zero width (combining marks, format characters, conjoining jamo): dropped
        if category[0] in "CZ" and ch != " ":
            cells.append(" ")
        elif unicodedata.east_asian_width(ch) in ("W", "F"):
            cells += [ch, ""]
        else:
            cells.append(ch)
    return cells


def fit(text: str, width: int, ellipsis: str) -> list[str]:
    """The cells of ``text``, cut to at most ``width`` with an ellipsis when too long."""
    cells = to_cells(text)
    if len(cells) <= width:
        return cells
    keep = cells[: max(width - len(ellipsis), 0)]
    if keep and cells[len(keep)] == "":  # the cut would split a wide character
        keep[-1] = " "
    return (keep + list(ellipsis))[:width]
