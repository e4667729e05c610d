"""`sigmoid fit`'s report as text: plain (aligned columns, 6 significant digits, for reading),
tsv and csv (every digit: the shortest repr that round-trips), json (one object); the rows of
the Rich table. The report is data (fit/report.py); nothing here computes."""

from __future__ import annotations

import json
import math

from sigmoid_cli.fit.report import Estimate, FitReport

HEADERS = ("term", "estimate", "std.error", "{stat}", "p", "2.5%", "97.5%")


def short(value: float) -> str:
    """6 significant digits (what a table is read at); p-values under 1e-300 as '<1e-300'."""
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return f"{value:.6g}"


def full(value: float) -> str:
    """Every digit: Python's shortest round-trip repr."""
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if value == int(value) and abs(value) < 1e16:
        return str(int(value)) if value != 0 or math.copysign(1, value) > 0 else "-0.0"
    return repr(float(value))


def headers(report: FitReport) -> tuple[str, ...]:
    return tuple(h.format(stat=report.statistic) for h in HEADERS)


def _row(estimate: Estimate) -> list[float]:
    return [estimate.value, estimate.se, estimate.statistic, estimate.p, estimate.low, estimate.high]


def rows(report: FitReport, shown: bool = True) -> list[list[str]]:
    """The table's rows: estimates, then derived quantities (EC90, …)."""
    cell = short if shown else full
    return [[e.name, *(cell(v) for v in _row(e))] for e in (*report.estimates, *report.derived)]


def summary_lines(report: FitReport) -> list[str]:
    """The figures under the table: 'log-likelihood -12.8896', …"""
    lines = [f"{name}: {short(value)}" for name, value in report.summary]
    if report.skipped:
        lines.append(f"lines skipped: {report.skipped}")
    return lines


def plain(report: FitReport) -> str:
    """The title, the aligned table and the summary: for a person at a pipe's end."""
    table = [list(headers(report)), *rows(report)]
    widths = [max(len(row[j]) for row in table) for j in range(len(table[0]))]
    body = [
        "  ".join(
            c.ljust(w) if j == 0 else c.rjust(w) for j, (c, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in table
    ]
    head = f"{report.title}, {report.observations} observations"
    return "\n".join([head, *body, *summary_lines(report)]) + "\n"


def delimited(report: FitReport, sep: str) -> str:
    """One line per term (the header names the columns), then one 'name<sep>value' line per figure
    of the summary after a blank line: every digit, for other programs."""

    def cell(text: str) -> str:
        if sep == "," and ("," in text or '"' in text):
            return '"' + text.replace('"', '""') + '"'
        return text

    lines = [sep.join(cell(h) for h in headers(report))]
    lines += [sep.join(cell(c) for c in row) for row in rows(report, shown=False)]
    lines.append("")
    lines += [sep.join((cell(name), full(value))) for name, value in report.summary]
    lines.append(sep.join(("observations", str(report.observations))))
    if report.skipped:
        lines.append(sep.join(("lines skipped", str(report.skipped))))
    return "\n".join(lines) + "\n"


def _number(value: float) -> float | None:
    return value if math.isfinite(value) else None  # JSON has no nan: null


def as_json(report: FitReport) -> str:
    def estimate(e: Estimate) -> dict[str, object]:
        return {
            "name": e.name,
            "estimate": _number(e.value),
            "std_error": _number(e.se),
            report.statistic: _number(e.statistic),
            "p": _number(e.p),
            "ci_low": _number(e.low),
            "ci_high": _number(e.high),
        }

    document = {
        "model": report.model,
        "title": report.title,
        "observations": report.observations,
        "estimates": [estimate(e) for e in report.estimates],
        "derived": [estimate(e) for e in report.derived],
        "summary": {name: _number(value) for name, value in report.summary},
        "skipped": report.skipped,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
