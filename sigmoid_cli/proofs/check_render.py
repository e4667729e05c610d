"""The renderers of a check report (check.py's Report): plain, markdown, latex and json, in
each language; rich lives in cli/rich_output.py and uses the texts made here.

Every renderer says the same things — a verdict per step, for a wrong one where the sides
differ, the probable mistake and what the line should be, then the result against an
independent differentiation — each in its own notation for the mathematics.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import Any

from . import forms as F
from .check import Checked, Point, Report
from .diagnose import Diagnosis
from .prose_math import latex_text
from .texts import check_word

Math = Callable[[F.Form], str]
MARKS = {"proved": "✓", "checked numerically": "≈", "failed": "✗"}


def _shared_lines(report: Report) -> set[int]:
    """Lines that hold more than one step: there a step is named by its column too."""
    counts = Counter(step.line for step in report.steps)
    return {line for line, count in counts.items() if count > 1}


def where(step: Checked, report: Report, lang: str) -> str:
    if step.line in _shared_lines(report):
        return check_word("line and column", lang, line=str(step.line), column=str(step.column))
    return check_word("line", lang, line=str(step.line))


def verdict(step: Checked, lang: str) -> str:
    return check_word(step.verification.status, lang)


def difference(point: Point | None, detail: str, lang: str) -> str:
    if point is None:
        base = check_word("differ", lang)
        return f"{base}: {detail}" if detail else base
    return check_word(
        "differ at", lang, x=point.variable, at=f"{point.at:g}", before=point.before, after=point.after
    )


def mistake(diagnosis: Diagnosis, lang: str, math: Math) -> str | None:
    """The probable mistake in words, or None when none of the known ones explains the step."""
    if diagnosis.kind == "should_be":
        return None
    named = check_word(diagnosis.kind, lang, **{name: math(form) for name, form in diagnosis.params})
    return check_word("mistake", lang, mistake=named)


def should_be(diagnosis: Diagnosis, lang: str, math: Math) -> str:
    return check_word("should be", lang, correct=math(diagnosis.correct))


def notes(step: Checked, lang: str, math: Math) -> list[str]:
    """What is said under a wrong step: where the sides differ, the mistake, the right line."""
    if step.verification.status != "failed":
        return []
    found = [difference(step.point, step.verification.detail, lang)]
    if step.diagnosis is not None:
        named = mistake(step.diagnosis, lang, math)
        found += [named] if named else []
        found.append(should_be(step.diagnosis, lang, math))
    return found


def result_notes(report: Report, lang: str, math: Math) -> list[str]:
    if report.check.status != "failed":
        return [check_word("agrees", lang, status=check_word(report.check.status, lang))]
    found = [
        check_word(
            "is not", lang, problem=math(report.problem), difference=difference(report.point, "", lang)
        )
    ]
    if report.expected is not None:
        found.append(check_word("derivative is", lang, expected=math(report.expected)))
    return found


def closing(report: Report, lang: str) -> str:
    wrong = report.first_wrong
    if wrong is not None:
        return check_word("first wrong", lang, number=str(wrong.number), where=where(wrong, report, lang))
    return check_word("every step holds" if report.ok else "ends elsewhere", lang)


def heading(step: Checked, report: Report, lang: str) -> str:
    method = step.verification.method
    shown = f" ({method})" if method and step.verification.status != "failed" else ""
    kind = check_word("side" if step.kind == "side" else "step", lang)
    return (
        check_word("heading", lang, where=where(step, report, lang), kind=kind, verdict=verdict(step, lang))
        + shown
    )


# --- plain ----------------------------------------------------------------------------------------


def plain(report: Report, lang: str = "en") -> str:
    lines = [f"{check_word('problem', lang)}: {F.plain(report.problem)}", ""]
    for step in report.steps:
        lines.append(f"{step.number}. {heading(step, report, lang)}")
        lines.append(f"     {F.plain(step.before)}")
        lines.append(f"   = {F.plain(step.after)}")
        lines += [f"   {note}" for note in notes(step, lang, F.plain)]
    lines += ["", f"{check_word('result', lang)}: {F.plain(report.result)}"]
    lines += [f"  {note}" for note in result_notes(report, lang, F.plain)]
    lines.append(closing(report, lang))
    return "\n".join(lines) + "\n"


# --- markdown -------------------------------------------------------------------------------------


def _md(form: F.Form) -> str:
    return f"${F.latex(form)}$"


def markdown(report: Report, lang: str = "en") -> str:
    lines = [f"## {check_word('problem', lang)}: {_md(report.problem)}", ""]
    for step in report.steps:
        mark = MARKS[step.verification.status]
        lines += [f"### {step.number}. {heading(step, report, lang)} {mark}", ""]
        lines += ["$$", f"{F.latex(step.before)} = {F.latex(step.after)}", "$$", ""]
        lines += [f"- {note}" for note in notes(step, lang, _md)]
        if step.verification.status == "failed":
            lines.append("")
    lines += [f"**{check_word('result', lang)}:** {_md(report.result)}", ""]
    lines += [f"- {note}" for note in result_notes(report, lang, _md)]
    lines += ["", f"**{closing(report, lang)}**"]
    return "\n".join(lines) + "\n"


# --- LaTeX ----------------------------------------------------------------------------------------


def _tex_words(text: str) -> str:
    """Prose that holds $…$ mathematics, for \\text{}: the prose escaped, the mathematics kept."""
    parts = text.split("$")
    return "".join(f"${part}$" if index % 2 else latex_text(part) for index, part in enumerate(parts))


def latex(report: Report, lang: str = "en") -> str:
    """An ``align*`` block of the chain as written, each row with its verdict after ``&&`` (so
    that the output reads back into ``sigmoid check``), the notes as comments below it."""
    rows: list[str] = []
    for step in report.steps:
        label = _tex_words(f"({step.number}) {MARKS[step.verification.status]} {verdict(step, lang)}")
        right = f"{F.latex(step.after)} && \\text{{{label}}}"
        if step.kind == "start":
            rows.append(f"{F.latex(step.before)} &= {right}")
        elif step.kind == "step":
            rows.append(f" &= {right}")
        else:
            rows.append(f"&\\qquad {F.latex(step.before)} = {right}")
    head = [f"% sigmoid check: {F.plain(report.problem)}"]
    for step in report.steps:
        head += [f"% ({step.number}) {note}" for note in notes(step, lang, F.plain)]
    tail = [f"% {note}" for note in result_notes(report, lang, F.plain)] + [f"% {closing(report, lang)}"]
    return "\n".join([*head, "\\begin{align*}", " \\\\\n".join(rows), "\\end{align*}", *tail]) + "\n"


# --- json -----------------------------------------------------------------------------------------


def _point(point: Point | None) -> dict[str, Any] | None:
    if point is None:
        return None
    return {point.variable: point.at, "before": point.before, "after": point.after}


def _diagnosis(diagnosis: Diagnosis | None, lang: str) -> dict[str, Any] | None:
    if diagnosis is None:
        return None
    return {
        "kind": diagnosis.kind,
        "text": mistake(diagnosis, lang, F.plain),
        "params": {name: F.plain(form) for name, form in diagnosis.params},
        "correct": F.plain(diagnosis.correct),
        "correct_latex": F.latex(diagnosis.correct),
    }


def to_data(report: Report, lang: str = "en") -> dict[str, Any]:
    """The report as data. Each step has the keys of a step of ``derive --format json``
    (index, rule, rule_name, explanation, before/after in SymPy syntax and LaTeX, verified,
    verification, substeps) and check's own (number, kind, line, column, before_text,
    after_text, status, method, point, diagnosis)."""

    def step(item: Checked) -> dict[str, Any]:
        verification = item.verification
        said = notes(item, lang, F.plain)
        return {
            "index": item.number,
            "rule": item.kind,
            "rule_name": check_word(item.kind if item.kind == "side" else "step", lang),
            "explanation": "; ".join(said),
            "before": F.sympy_text(item.before),
            "after": F.sympy_text(item.after),
            "before_latex": F.latex(item.before),
            "after_latex": F.latex(item.after),
            "verified": verification.ok,
            "verification": {
                "status": verification.status,
                "method": verification.method,
                "points": verification.points,
                "detail": verification.detail,
            },
            "substeps": [],
            "cites": None,  # derive's key: a check step proves itself
            "number": item.number,
            "kind": item.kind,
            "line": item.line,
            "column": item.column,
            "before_text": F.plain(item.before),
            "after_text": F.plain(item.after),
            "status": verdict(item, "en"),
            "method": verification.method,
            "point": _point(item.point),
            "diagnosis": _diagnosis(item.diagnosis, lang),
        }

    wrong = report.first_wrong
    return {
        "problem": F.plain(report.problem),
        "problem_latex": F.latex(report.problem),
        "variable": report.variable,
        "lang": lang,
        "steps": [step(item) for item in report.steps],
        "result": {
            "form": F.plain(report.result),
            "status": check_word(report.check.status, "en"),
            "point": _point(report.point),
            "expected": F.plain(report.expected) if report.expected is not None else None,
        },
        "ok": report.ok,
        "first_wrong": wrong.number if wrong is not None else None,
    }


def json_text(report: Report, lang: str = "en") -> str:
    return json.dumps(to_data(report, lang), ensure_ascii=False, indent=2) + "\n"


def render(report: Report, fmt: str, lang: str = "en") -> str:
    """Any format but rich, as text."""
    if fmt == "plain":
        return plain(report, lang)
    if fmt == "markdown":
        return markdown(report, lang)
    if fmt == "latex":
        return latex(report, lang)
    if fmt == "json":
        return json_text(report, lang)
    raise ValueError(f"unknown format {fmt!r}")


def failure(report: Report) -> str:
    """The one line on standard error for a report that is not ok (English, as every error)."""
    wrong = report.first_wrong
    if wrong is not None:
        said = notes(wrong, "en", F.plain)
        return f"step {wrong.number} ({where(wrong, report, 'en')}) is wrong: " + "; ".join(said[:2])
    text = f"the derivation ends at {F.plain(report.result)}, which is not {F.plain(report.problem)}: "
    text += difference(report.point, report.check.detail, "en")
    if report.expected is not None:
        text += f"; the derivative is {F.plain(report.expected)}"
    return text
