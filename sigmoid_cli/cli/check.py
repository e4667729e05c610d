"""`sigmoid check`: the command function. Light at import time, like derive: the proofs package
(and SymPy with it) is imported only when the command runs.

No `from __future__ import annotations`: Typer reads the annotations at run time."""

import json
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from sigmoid_cli.errors import DataError, VerificationError

if TYPE_CHECKING:
    from sigmoid_cli.proofs.check import Checked, Point, Report

MAX_INPUT = 100_000  # proofs.check.MAX_INPUT (a test checks); importing proofs here would be slow
_STATUS = {"proved": "proved", "checked numerically": "checked numerically", "failed": "wrong"}


class CheckFormat(StrEnum):
    plain = "plain"
    json = "json"


def check_command(
    file: Annotated[
        str | None,
        typer.Argument(help="The derivation to check; none or '-': standard input.", show_default=False),
    ] = None,
    fmt: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Output format: plain text or json.")
    ] = CheckFormat.plain,
) -> None:
    """Check a derivation someone wrote: every '=' proved, checked numerically, or wrong.

    The first line is the problem (d/dx log(sigmoid(x)), diff(f, x), or LaTeX's
    \\frac{d}{dx} …), then the forms, one per line or joined by '='. LaTeX input (a $$…$$,
    \\[…\\] or align* block, even inside a document) is read through a whitelist. The last form
    must be the derivative: it is compared with an independent differentiation.

    Exit status: 0 every step holds, 3 a step is wrong, 1 unreadable input, 2 usage.

    \b
    Examples:
      sigmoid check steps.txt
      printf 'd/dx log(sigmoid(x))\\n= 1 - sigmoid(x)\\n' | sigmoid check
      sigmoid derive --format latex | sigmoid check
    """
    text = _read(file)
    from sigmoid_cli.proofs.check import check_text

    report = check_text(text)
    if fmt is CheckFormat.json:
        sys.stdout.write(json.dumps(_json(report), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(_plain(report))
    if not report.ok:
        sys.stdout.flush()
        raise VerificationError(_failure(report))


def _read(file: str | None) -> str:
    """The whole input, refusing more than MAX_INPUT characters without reading all of it."""
    try:
        if file is None or file == "-":
            data = sys.stdin.read(MAX_INPUT + 1)
        else:
            with open(file, encoding="utf-8") as stream:
                data = stream.read(MAX_INPUT + 1)
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else "not UTF-8 text"
        raise DataError(f"cannot read {file or 'standard input'}: {reason}") from None
    if len(data) > MAX_INPUT:
        raise DataError(f"the derivation is more than {MAX_INPUT} characters long; the limit is {MAX_INPUT}")
    return data


def _plain(report: "Report") -> str:
    from sigmoid_cli.proofs.forms import plain

    lines = [f"Problem: {plain(report.problem)}", ""]
    for step in report.steps:
        where = "side step" if step.kind == "side" else "step"
        verdict = _STATUS[step.verification.status]
        method = f" ({step.verification.method})" if step.verification.method else ""
        lines.append(
            f"{step.number}. line {step.line}, {where}: {verdict}{method if verdict != 'wrong' else ''}"
        )
        lines.append(f"     {plain(step.before)}")
        lines.append(f"   = {plain(step.after)}")
        if verdict == "wrong":
            lines.append(f"   {_difference(step.point, step.verification.detail)}")
    verdict = _STATUS[report.check.status]
    lines += ["", f"Result: {plain(report.result)}"]
    if verdict == "wrong":
        lines.append(f"  is not {plain(report.problem)}: {_difference(report.point, report.check.detail)}")
    else:
        lines.append(f"  agrees with an independent differentiation (sympy.diff): {verdict}")
    wrong = report.first_wrong
    if wrong is not None:
        lines.append(f"First wrong step: {wrong.number} (line {wrong.line})")
    elif report.ok:
        lines.append("Every step holds.")
    return "\n".join(lines) + "\n"


def _difference(point: "Point | None", detail: str) -> str:
    if point is None:
        return f"the sides differ: {detail}" if detail else "the sides differ"
    return f"the sides differ at {point.variable} = {point.at:g}: {point.before} ≠ {point.after}"


def _point(point: "Point | None") -> dict[str, Any] | None:
    if point is None:
        return None
    return {point.variable: point.at, "before": point.before, "after": point.after}


def _json(report: "Report") -> dict[str, Any]:
    from sigmoid_cli.proofs.forms import plain

    def step(item: "Checked") -> dict[str, Any]:
        return {
            "number": item.number,
            "kind": item.kind,
            "line": item.line,
            "before": plain(item.before),
            "after": plain(item.after),
            "status": _STATUS[item.verification.status],
            "method": item.verification.method,
            "point": _point(item.point),
        }

    wrong = report.first_wrong
    return {
        "problem": plain(report.problem),
        "variable": report.variable,
        "steps": [step(item) for item in report.steps],
        "result": {
            "form": plain(report.result),
            "status": _STATUS[report.check.status],
            "point": _point(report.point),
        },
        "ok": report.ok,
        "first_wrong": wrong.number if wrong is not None else None,
    }


def _failure(report: "Report") -> str:
    from sigmoid_cli.proofs.forms import plain

    wrong = report.first_wrong
    if wrong is not None:
        difference = _difference(wrong.point, wrong.verification.detail)
        return f"step {wrong.number} (line {wrong.line}) is wrong: {difference}"
    return (
        f"the derivation ends at {plain(report.result)}, which is not {plain(report.problem)}: "
        + _difference(report.point, report.check.detail)
    )
