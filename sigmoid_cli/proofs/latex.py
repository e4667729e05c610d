"""The LaTeX renderer: an ``align*`` block of the steps, or a whole document that pdflatex
compiles and that fits its page.

Long right-hand sides are broken over several lines at top-level +, −, · (latex_math.py); the
formulas that the explanations spell out in plain notation are typeset as mathematics
(prose_math.py). A formula that cannot be made to fit raises latex_math.TooLarge.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import forms as F
from .latex_math import TEXT_WIDTH, inline, lines, width
from .prose_math import latex_prose, latex_text
from .steps import Proof, Step, Verification
from .texts import word

__all__ = ["Wording", "document", "latex_text"]

Params = tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class Wording:
    """The words every renderer shares (render.py's helpers), handed over by render.latex, so
    that the import goes one way: render.py → latex.py."""

    rule_name: Callable[[str, Params, str], str]
    explanation: Callable[..., str]
    status_text: Callable[[Verification, str], str]
    summary: Callable[[Proof, str], str]
    number: Callable[[tuple[int, ...]], str]
    check_line: Callable[[Proof, str], str]


_SAFE = 0.92 * TEXT_WIDTH  # the width estimate can be a few per cent short
_OWN_LINE = 0.3 * TEXT_WIDTH  # a left-hand side wider than this gets a line of its own
_INDENT = 20.0  # \qquad
_MAX_INDENT = 4  # sub-steps deeper than this are not indented further (their number says it)
_INLINE = 0.4 * TEXT_WIDTH  # wider inline formulas are made breakable into pieces this wide


def _equation(left: F.Form, right: F.Form) -> str:
    return f"${inline(F.latex(left) + ' = ' + F.latex(right), _INLINE)}$"


def _explain(words: Wording, proof: Proof, step: Step | None, rule: str, params: Params, lang: str) -> str:
    """The explanation with its forms as markers, so that prose_math typesets each with the
    formula of the text around it (σ({x}) = …) as one piece of mathematics."""
    formulas: list[str] = []

    def marker(latex: str) -> str:
        formulas.append(latex)
        return f"\x00{len(formulas) - 1}\x01"

    def math(form: F.Form) -> str:
        return marker(F.latex(form))

    def equation(left: F.Form, right: F.Form) -> str:
        return marker(f"{F.latex(left)} = {F.latex(right)}")

    text = words.explanation(step, rule, params, proof.variable, lang, math, str, equation)
    return latex_prose(text, formulas)


def _label(words: Wording, step: Step, path: tuple[int, ...], lang: str) -> str:
    name = latex_prose(words.rule_name(step.rule, step.params, lang))
    mark = "" if step.verification.status != "failed" else r" --- \textbf{FAILED}"
    return f"({words.number(path)}) {name}{mark}"


def _continued(line: str) -> str:
    """A continuation line starts with its operator: {} keeps it binary, not a sign."""
    return "{} " + line if line[:1] in "+-=" or line.startswith(r"\cdot") else line


class _Rows:
    """The rows of the align* block; ``tags``: labels as \\tag* (a document) or as a third
    column (a block for KaTeX)."""

    def __init__(self, words: Wording, proof: Proof, lang: str, tags: bool) -> None:
        self.words, self.proof, self.lang, self.tags = words, proof, lang, tags
        self.rows: list[str] = []
        self.left_width = max(
            (width(left) for left in self._lefts() if width(left) <= _OWN_LINE), default=0.0
        )
        self.budget = _SAFE - self.left_width

    def _lefts(self) -> list[str]:
        previous: F.Form | None = None
        found = []
        for step in self.proof.steps:
            if step.before != previous:
                found.append(F.latex(step.before))
            previous = step.after
        return found

    def add(self, first: str, label: str) -> None:
        self.rows.append(first + (rf" \tag*{{{label}}}" if self.tags else rf" && \text{{{label}}}"))

    def top(self, left: str, right: str, label: str) -> None:
        relation = width("=")  # the = after the left-hand side
        if left and width(left) > _OWN_LINE:
            parts = lines(left, self.budget, self.budget - _INDENT)
            self.add("&" + parts[0], label)
            self.rows.extend(r"&\qquad " + _continued(part) for part in parts[1:])
            left, label = "", ""
        parts = lines(right, self.budget - relation, self.budget - relation - _INDENT)
        first = f"{left} &= {parts[0]}"
        if label:
            self.add(first, label)
        else:
            self.rows.append(first)
        self.rows.extend(r"&\qquad " + _continued(part) for part in parts[1:])

    def sub(self, before: str, after: str, level: int, label: str) -> None:
        indent = min(level, _MAX_INDENT)
        room = self.budget - _INDENT * indent
        parts = lines(f"{before} = {after}", room, room - _INDENT)
        if len(parts) > 1:  # too long for one line: before, then = after, each broken as needed
            parts = lines(before, room, room - _INDENT) + lines(f"= {after}", room - _INDENT, room - _INDENT)
        self.add("&" + r"\qquad " * indent + parts[0], label)
        self.rows.extend("&" + r"\qquad " * (indent + 1) + _continued(part) for part in parts[1:])

    def visit(self, steps: tuple[Step, ...], path: tuple[int, ...]) -> None:
        previous: F.Form | None = None
        for index, step in enumerate(steps, 1):
            here = (*path, index)
            label = _label(self.words, step, here, self.lang)
            if len(here) == 1:
                left = F.latex(step.before) if step.before != previous else ""
                previous = step.after
                self.top(left, F.latex(step.after), label)
            else:
                self.sub(F.latex(step.before), F.latex(step.after), len(here) - 1, label)
            self.visit(step.substeps, here)


def _block(words: Wording, proof: Proof, lang: str, tags: bool) -> list[str]:
    rows = _Rows(words, proof, lang, tags)
    rows.visit(proof.steps, ())
    return ["\\begin{align*}", " \\\\\n".join(rows.rows), "\\end{align*}"]


def document(proof: Proof, words: Wording, lang: str | None = None, standalone: bool = False) -> str:
    """An ``align*`` block (amsmath; KaTeX renders it too); ``standalone``: a whole document
    that pdflatex compiles, with the explanations as a numbered list after the block."""
    lang = lang or proof.lang
    header = [
        f"% sigmoid derive: {F.plain(proof.problem)} = {F.plain(proof.result)}",
        f"% {words.summary(proof, 'en')}",
    ]
    if not standalone:
        return "\n".join([*header, *_block(words, proof, lang, tags=False)]) + "\n"
    body = [*_heading(proof, lang), *_lemmas(words, proof, lang), *_block(words, proof, lang, tags=True)]
    body += _explanations(words, proof, lang)
    body.append(latex_prose(f"{word('result', lang)}: ") + _equation(proof.problem, proof.result) + r".\par")
    for rule, params in proof.notes:
        body.append(
            latex_prose(f"{word('note', lang)}: ")
            + _explain(words, proof, None, rule, params, lang)
            + r"\par"
        )
    body.append(latex_prose(words.check_line(proof, lang)) + r"\par")
    body.append(latex_prose(words.summary(proof, lang)))
    return "\n".join([*header, *_wrapped(body, lang)]) + "\n"


def _heading(proof: Proof, lang: str) -> list[str]:
    """The problem in the heading when it fits there (\\section* is set \\Large, 1.44 times
    the text), else the plain word: the block's first row shows the problem anyway."""
    problem = F.latex(proof.problem)
    title = latex_prose(word("problem", lang))
    if width(problem) * 1.44 <= _SAFE * 0.8:
        title = latex_prose(f"{word('problem', lang)}: ") + f"${problem}$"
    return [r"\section*{" + title + "}"]


def _lemmas(words: Wording, proof: Proof, lang: str) -> list[str]:
    if not proof.lemmas:
        return []
    body = [r"\paragraph{" + latex_prose(word("lemmas", lang)) + "}", r"\begin{itemize}"]
    for lemma in proof.lemmas:
        body.append(
            r"\item "
            + latex_prose(words.rule_name(lemma.name, (), lang))
            + ": "
            + _equation(lemma.lhs, lemma.rhs)
            + " "
            + latex_text(f"({word('from', lang)} ")
            + r"\texttt{"
            + latex_text(lemma.source)
            + "}) "
            + latex_prose(word(lemma.verification.status, lang))
        )
    body.append(r"\end{itemize}")
    return body


def _explanations(words: Wording, proof: Proof, lang: str) -> list[str]:
    body = [r"\begin{description}"]

    def items(steps: tuple[Step, ...], path: tuple[int, ...]) -> None:
        for index, step in enumerate(steps, 1):
            here = (*path, index)
            text = _explain(words, proof, step, step.rule, step.params, lang)
            status = latex_prose(words.status_text(step.verification, lang))
            name = latex_prose(words.rule_name(step.rule, step.params, lang))
            body.append(rf"\item[({words.number(here)})] \textbf{{{name}}} ({status}). {text}")
            items(step.substeps, here)

    items(proof.steps, ())
    body.append(r"\end{description}")
    return body


def _wrapped(body: list[str], lang: str) -> list[str]:
    preamble = [
        r"\documentclass{article}",
        r"\usepackage[utf8]{inputenc}",
        r"\usepackage{amsmath,amssymb}",
        r"\usepackage[margin=2cm]{geometry}",
        # A long derivation breaks across pages instead of leaving a page blank before it.
        r"\allowdisplaybreaks",
        # A line of prose before a formula that cannot break may stretch instead of overflowing.
        r"\setlength{\emergencystretch}{3em}",
    ]
    begin_cjk, end_cjk = [], []
    if lang in ("ja", "ko"):
        # pdflatex reads Japanese and Korean through the CJK package (texlive-lang-cjk).
        preamble.append(r"\usepackage{CJKutf8}")
        font = "min" if lang == "ja" else "mj"
        begin_cjk, end_cjk = [rf"\begin{{CJK}}{{UTF8}}{{{font}}}"], [r"\end{CJK}"]
    return [*preamble, r"\begin{document}", *begin_cjk, *body, *end_cjk, r"\end{document}"]
