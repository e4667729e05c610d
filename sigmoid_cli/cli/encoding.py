"""Output for any terminal: what to write when stdout's encoding cannot show σ.

With a UTF-8 output (nearly every terminal, and Python's own choice under LC_ALL=C) nothing
changes. With another encoding (PYTHONIOENCODING=ascii, a latin-1 terminal) English output is
written in ASCII forms (sigma, -, sqrt, *), JSON with \\u escapes (the same document), and
the rich format falls back to plain text; Japanese and Korean cannot be written in ASCII at
all, which is a usage error that says what to do, never a crash or a row of question marks.
"""

from __future__ import annotations

import codecs
import sys
from typing import TextIO

from sigmoid_cli.errors import UsageError

from .options import ProofFormat

# Every character the English proofs, explanations and marks use (tests/test_terminals.py
# checks that each output comes out as pure ASCII through this table).
ASCII_FORMS = {
    "σ": "sigma",
    "Φ": "Phi",
    "φ": "phi",
    "π": "pi",
    "θ": "theta",
    "·": "*",
    "−": "-",
    "–": "-",
    "—": "--",
    "√": "sqrt",
    "∫": "integral",
    "²": "^2",
    "³": "^3",
    "≤": "<=",
    "≥": ">=",
    "≠": "!=",
    "≈": "~",  # also the mark of a step checked numerically
    "→": "->",
    "✓": "[v]",
    "✗": "[x]",
    "…": "...",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "\u00a0": " ",
}
_TABLE = str.maketrans(ASCII_FORMS)


def ascii_forms(text: str) -> str:
    """``text`` with the characters of ASCII_FORMS replaced (for stderr's one-line messages)."""
    return text.translate(_TABLE)


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except ValueError:  # closed
        return False


def proof_format(fmt: ProofFormat | None) -> ProofFormat:
    """What derive and check print: ``fmt``, else rich on a terminal and plain otherwise; rich
    (a 2-D layout drawn in Unicode) becomes plain, which has ASCII forms, where stdout cannot
    show Unicode."""
    chosen = fmt or (ProofFormat.rich if is_terminal(sys.stdout) else ProofFormat.plain)
    if chosen is ProofFormat.rich and not shows_unicode(sys.stdout):
        return ProofFormat.plain
    return chosen


def shows_unicode(stream: TextIO) -> bool:
    """Whether ``stream`` can show σ (its encoding is one of the UTFs)."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


def for_output(text: str, stream: TextIO, *, fmt: str, lang: str) -> str:
    """``text`` as ``stream`` can show it (see the module's docstring)."""
    if shows_unicode(stream):
        return text
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        text.encode(encoding)
        return text
    except UnicodeEncodeError:
        pass
    if fmt == "json":
        import json

        return json.dumps(json.loads(text), ensure_ascii=True, indent=2) + "\n"
    shown = text.translate(_TABLE)
    try:
        shown.encode(encoding)
    except UnicodeEncodeError:
        name = {"ja": "Japanese", "ko": "Korean"}.get(lang)
        hint = " or use --lang en" if name else ""
        raise UsageError(
            f"this output's encoding ({encoding}) cannot show {name or 'this output'}: "
            f"set PYTHONIOENCODING=utf-8{hint}"
        ) from None
    return shown
