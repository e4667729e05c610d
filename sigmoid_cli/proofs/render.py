"""Renderers: plain text, LaTeX, Markdown and JSON, all from the same Proof.

They decide nothing: every word comes from texts/, every expression from forms/, every
verdict from the proof. (The rich renderer is sigmoid_cli.cli.rich_output, the one module that
imports rich.)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, TypeVar

from . import forms as F
from .citations import cited_step
from .formulas import formula
from .layout import width as cells
from .steps import Lemma, Proof, Step, Verification
from .texts import fill, pieces, template, word

_T = TypeVar("_T")

MARKS = {"proved": "✓", "checked numerically": "≈", "failed": "✗", "not checked": "·"}


# --- shared ---------------------------------------------------------------------------------------


def _in_notation(render: Callable[..., _T]) -> Callable[..., _T]:
    """A renderer whose formulas are written as the proof's language writes them (ln in Korean)."""

    @functools.wraps(render)
    def rendered(proof: Proof, lang: str | None = None, *args: Any, **kwargs: Any) -> _T:
        with F.notation(lang or proof.lang):
            return render(proof, lang, *args, **kwargs)

    return rendered


def rule_name(rule: str, params: tuple[tuple[str, Any], ...], lang: str) -> str:
    values = {key: str(value) for key, value in params if isinstance(value, int | str)}
    return fill(template(rule, lang, "name"), values)


def explanation(
    step: Step | None,
    rule: str,
    params: tuple[tuple[str, Any], ...],
    var: str,
    lang: str,
    math: Callable[[F.Form], str],
    prose: Callable[[str], str],
    equation: Callable[[F.Form, F.Form], str],
) -> str:
    """The explanation of a rule in ``lang``: prose through ``prose``, forms through ``math``."""
    del step
    values: dict[str, str] = {}
    for key, value in params:
        if isinstance(value, str):
            values[key] = prose(value)
        elif isinstance(value, int):
            values[key] = str(value)
        else:
            values[key] = math(value)
    values.setdefault("x", math(F.Sym(var)))
    general = formula(rule, var)
    if general is not None:
        values["formula"] = equation(*general)
    text = template(rule, lang)
    # Drop optional parts first (on the raw template), then render prose and mathematics apart.
    filled_markers = fill(text, {key: "{" + key + "}" for key in values})
    out = []
    for kind, piece in pieces(filled_markers):
        out.append(prose(piece) if kind == "text" else values.get(piece, piece))
    return "".join(out)


def status_text(verification: Verification, lang: str) -> str:
    return f"{MARKS[verification.status]} {word(verification.status, lang)}"


def summary(proof: Proof, lang: str) -> str:
    status = proof.status
    key = {
        "proved": "summary proved",
        "checked numerically": "summary numeric",
        "failed": "summary failed",
        "not checked": "summary not checked",
    }[status]
    if key == "summary proved" and proof.kind == "softmax":  # checked for some n, not every n
        key = "summary softmax"
    elif key == "summary proved" and not proof.mentions_sigma:
        key = "summary proved without σ"
    return word(key, lang)


def _number(path: tuple[int, ...]) -> str:
    return ".".join(str(i) for i in path)


# --- plain ----------------------------------------------------------------------------------------


def wrap(text: str, width: int, indent: str) -> list[str]:
    """Wrap at ``width`` terminal cells: between words, and between any two CJK characters."""
    lines: list[str] = []
    line = indent
    for token in _tokens(text):
        if token == " " and line.strip() == "":
            continue
        if cells(line) + cells(token) > width and line.strip():
            lines.append(line.rstrip())
            line = indent + ("" if token == " " else token)
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3" or "\u1100" <= ch <= "\u11ff" or "\u3130" <= ch <= "\u318f"


_NO_BREAK_BEFORE = set("、。,.:;!?)」』)]%")


def _tokens(text: str) -> list[str]:
    tokens: list[str] = []
    word_ = ""
    for ch in text:
        wide = cells(ch) == 2 and not _hangul(ch)  # Korean breaks between words, like English
        if ch == " ":
            if word_:
                tokens.append(word_)
                word_ = ""
            tokens.append(" ")
        elif wide or (ch in _NO_BREAK_BEFORE and tokens and not word_):
            if ch in _NO_BREAK_BEFORE and (word_ or tokens):
                if word_:
                    word_ += ch
                else:
                    tokens[-1] += ch
                continue
            if word_:
                tokens.append(word_)
                word_ = ""
            tokens.append(ch)
        elif ch == _NBSP and not word_ and tokens and tokens[-1] != " ":
            # A no-break space holds on to what comes before it, even a CJK character.
            word_ = tokens.pop() + ch
        else:
            word_ += ch
    if word_:
        tokens.append(word_)
    return tokens


@_in_notation
def plain(proof: Proof, lang: str | None = None, width: int = 80) -> str:
    """Plain text for a pipe or a file: numbered steps, rule names, verdicts, explanations.
    (The rule ids are for programs: only JSON has them.)"""
    lang = lang or proof.lang
    var = proof.variable
    out: list[str] = []
    head = f"{word('problem', lang)}: {F.plain(proof.problem)}"
    out.append(head)
    out.append("")
    if proof.lemmas:
        out.append(f"{word('lemmas', lang)}:")
        for lemma in proof.lemmas:
            out.extend(_plain_lemma(lemma, lang, width))
        out.append("")

    def step_lines(step: Step, path: tuple[int, ...], depth: int, previous: F.Form | None) -> None:
        indent = "   " + "    " * depth
        title = f"{'    ' * depth}{_number(path)}. {rule_name(step.rule, step.params, lang)}"
        out.append(f"{title}  {status_text(step.verification, lang)}")
        if step.verification.status == "failed" and step.verification.detail:
            out.append(f"{indent}({step.verification.detail})")
        if step.before != previous:
            out.append(f"{indent}  {F.plain(step.before)}")
        out.append(f"{indent}= {F.plain(step.after)}")
        text = explanation(
            step, step.rule, step.params, var, lang, _plain_math, _plain_prose, _plain_equation
        )
        if text:
            out.extend(_unbreak(wrap(text, width, indent)))
        last: F.Form | None = None
        for index, sub in enumerate(step.substeps, 1):
            step_lines(sub, (*path, index), depth + 1, last)
            last = sub.after

    previous: F.Form | None = None
    for index, step in enumerate(proof.steps, 1):
        step_lines(step, (index,), 0, previous)
        previous = step.after
        out.append("")
    out.append(f"{word('result', lang)}: {F.plain(proof.problem)} = {F.plain(proof.result)}")
    for rule, params in proof.notes:
        text = explanation(None, rule, params, var, lang, _plain_math, _plain_prose, _plain_equation)
        out.extend(_unbreak(wrap(f"{word('note', lang)}: {text}", width, "")))
    out.extend(_unbreak(wrap(_plain_prose(_check_line(proof, lang)), width, "")))
    out.extend(_unbreak(wrap(_plain_prose(summary(proof, lang)), width, "")))
    return "\n".join(out) + "\n"


def _plain_math(form: F.Form) -> str:
    """A form inside prose: its spaces do not break (wrap, then _unbreak)."""
    return F.plain(form).replace(" ", _NBSP)


# A space beside an operator in the templates' own mathematics ("(u − 1)/u = 1 − 1/u",
# "dy/du · du/dx"): the line must not break there, or a formula is cut in two.
_OPERATOR_SPACES = re.compile(r" ([−+=·×≠≤≥<>]) ")


def _plain_prose(text: str) -> str:
    return _OPERATOR_SPACES.sub(f"{_NBSP}\\1{_NBSP}", text)


def _plain_equation(left: F.Form, right: F.Form) -> str:
    return f"{_plain_math(left)}{_NBSP}={_NBSP}{_plain_math(right)}"


def _unbreak(lines: list[str]) -> list[str]:
    return [line.replace(_NBSP, " ") for line in lines]


_NBSP = "\u00a0"


def _plain_lemma(lemma: Lemma, lang: str, width: int) -> list[str]:
    title = (
        f"  {word('lemma', lang)}: {rule_name(lemma.name, (), lang)}  ({word('from', lang)} `{lemma.source}`)"
    )
    return [
        title,
        f"    {F.plain(lemma.lhs)} = {F.plain(lemma.rhs)}  {status_text(lemma.verification, lang)}",
    ]


def _method(check: Verification) -> str:
    """What the result was compared with: sympy.diff, or exact differentiation in e^x."""
    label = check.method.split(":")[0]
    return label or "sympy.diff"


def _check_line(proof: Proof, lang: str) -> str:
    check = proof.check
    key = "check failed" if check.status == "failed" else "check"
    if proof.order == 0 and check.status != "failed":  # an identity: its two ends compared
        key = "check direct"
    line = f"{word(key, lang)} ({_method(check)}): {status_text(check, lang)}"
    if check.status == "failed" and check.detail:
        line += f" ({check.detail})"
    return line


# --- LaTeX ----------------------------------------------------------------------------------------


@_in_notation
def latex(proof: Proof, lang: str | None = None, standalone: bool = False) -> str:
    """An ``align*`` block (amsmath; KaTeX renders it too); ``standalone``: a whole document
    that pdflatex compiles (the renderer is sigmoid_cli.proofs.latex)."""
    from .latex import Wording, document

    words = Wording(rule_name, explanation, status_text, summary, _number, _check_line)
    return document(proof, words, lang, standalone)


# --- Markdown -------------------------------------------------------------------------------------


@_in_notation
def markdown(proof: Proof, lang: str | None = None) -> str:
    """Markdown with ``$$`` display blocks and ``$...$`` inline mathematics."""
    lang = lang or proof.lang
    var = proof.variable
    out = [f"## {word('problem', lang)}: ${F.latex(proof.problem)}$", ""]
    if proof.lemmas:
        out.append(f"**{word('lemmas', lang)}**")
        out.append("")
        for lemma in proof.lemmas:
            out.append(
                f"- {rule_name(lemma.name, (), lang)}: ${F.latex(lemma.lhs)} = {F.latex(lemma.rhs)}$ "
                f"({word('from', lang)} `{lemma.source}`) {status_text(lemma.verification, lang)}"
            )
        out.append("")

    def visit(steps: tuple[Step, ...], path: tuple[int, ...]) -> None:
        for index, step in enumerate(steps, 1):
            here = (*path, index)
            level = "###" if len(here) == 1 else "####"
            out.append(
                f"{level} {word('step', lang)} {_number(here)}: {rule_name(step.rule, step.params, lang)} "
                f"{status_text(step.verification, lang)}"
            )
            out.append("")
            out.append("$$")
            out.append(f"{F.latex(step.before)} = {F.latex(step.after)}")
            out.append("$$")
            out.append("")
            text = explanation(step, step.rule, step.params, var, lang, _md_inline, _md_text, _md_equation)
            if step.verification.status == "failed" and step.verification.detail:
                text += f" ({step.verification.detail})"
            if text:
                out.append(text)
                out.append("")
            visit(step.substeps, here)

    visit(proof.steps, ())
    out.append(f"## {word('result', lang)}")
    out.append("")
    out.append("$$")
    out.append(f"{F.latex(proof.problem)} = {F.latex(proof.result)}")
    out.append("$$")
    out.append("")
    for rule, params in proof.notes:
        out.append(
            f"**{word('note', lang)}**: "
            + explanation(None, rule, params, var, lang, _md_inline, _md_text, _md_equation)
        )
        out.append("")
    out.append(_check_line(proof, lang))
    out.append("")
    out.append(summary(proof, lang))
    return "\n".join(out) + "\n"


def _md_inline(form: F.Form) -> str:
    return f"${F.latex(form)}$"


def _md_equation(left: F.Form, right: F.Form) -> str:
    return f"${F.latex(left)} = {F.latex(right)}$"


def _md_text(text: str) -> str:
    return text.replace("*", r"\*").replace("_", r"\_")


# --- JSON -----------------------------------------------------------------------------------------


@_in_notation
def to_data(proof: Proof, lang: str | None = None) -> dict[str, Any]:
    """The proof as plain data: what ``--format json`` prints."""
    lang = lang or proof.lang
    var = proof.variable

    def verdict(verification: Verification) -> dict[str, Any]:
        return {
            "status": verification.status,
            "method": verification.method,
            "points": verification.points,
            "detail": verification.detail,
        }

    def step_data(step: Step, index: int) -> dict[str, Any]:
        return {
            "index": index,
            "rule": step.rule,
            "rule_name": rule_name(step.rule, step.params, lang),
            "explanation": explanation(
                step, step.rule, step.params, var, lang, F.plain, str, _plain_equation
            ),
            "before": F.sympy_text(step.before),
            "after": F.sympy_text(step.after),
            "before_latex": F.latex(step.before),
            "after_latex": F.latex(step.after),
            "verified": step.verification.ok,
            "verification": verdict(step.verification),
            # A cited derivative: the number of the step that proved it (else null).
            "cites": cited_step(step),
            "substeps": [step_data(sub, i) for i, sub in enumerate(step.substeps, 1)],
        }

    return {
        "problem": F.sympy_text(proof.problem),
        "problem_latex": F.latex(proof.problem),
        "function": F.sympy_text(proof.function),
        "variable": var,
        "order": proof.order,
        "kind": proof.kind,
        "result": F.sympy_text(proof.result),
        "result_latex": F.latex(proof.result),
        "result_text": F.plain(proof.result),
        "steps": [step_data(step, i) for i, step in enumerate(proof.steps, 1)],
        "lemmas": [
            {
                "name": lemma.name,
                "lhs": F.sympy_text(lemma.lhs),
                "rhs": F.sympy_text(lemma.rhs),
                "source": lemma.source,
                "verified": lemma.verification.ok,
                "verification": verdict(lemma.verification),
            }
            for lemma in proof.lemmas
        ],
        "notes": [
            explanation(None, rule, params, var, lang, F.plain, str, _plain_equation)
            for rule, params in proof.notes
        ],
        "check": verdict(proof.check),
        "symbols": list(proof.symbols),
        "lang": lang,
        "verified": proof.verified,
        "status": proof.status,
    }


def json_text(proof: Proof, lang: str | None = None) -> str:
    import json

    return json.dumps(to_data(proof, lang), ensure_ascii=False, indent=2) + "\n"


def render(
    proof: Proof, fmt: str, *, lang: str | None = None, standalone: bool = False, width: int = 80
) -> str:
    """Any format but rich, as text."""
    if fmt == "plain":
        return plain(proof, lang, width)
    if fmt == "latex":
        return latex(proof, lang, standalone)
    if fmt == "markdown":
        return markdown(proof, lang)
    if fmt == "json":
        return json_text(proof, lang)
    raise ValueError(f"unknown format {fmt!r}")
