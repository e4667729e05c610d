"""Everything that draws with rich: the only module of the project that imports it.

A module of plain functions, so other renderers (tables, say) can live beside the proof one.
Importing it costs what importing rich costs (~0.1 s): commands import it only when they
print to a terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.text import Text

if TYPE_CHECKING:
    from sigmoid_cli.proofs.check import Report
    from sigmoid_cli.proofs.forms import Form
    from sigmoid_cli.proofs.steps import Proof, Step, Verification

_STYLES = {"proved": "green", "checked numerically": "yellow", "failed": "bold red", "not checked": "dim"}


def _status(verification: Verification, lang: str) -> Text:
    from sigmoid_cli.proofs.render import status_text

    return Text(status_text(verification, lang), style=_STYLES[verification.status])


def _math(form: Form | None, right: Form, room: int) -> Text:
    """``form = right`` (or ``= right``) in 2-D when it fits in ``room`` cells, else on one line."""
    from sigmoid_cli.proofs import forms as F
    from sigmoid_cli.proofs.layout import equation

    box = equation(form, right)
    if box.width <= room:
        return Text("\n".join(line.rstrip() for line in box.lines), no_wrap=True)
    left = f"{F.plain(form)} = " if form is not None else "= "
    return Text(left + F.plain(right))


def proof_renderable(proof: Proof, lang: str | None = None, width: int = 80) -> RenderableType:
    """The proof as rich renderables: numbered steps, 2-D math, rule names, a verdict per
    step, and the result in a frame."""
    from sigmoid_cli.proofs import forms as F
    from sigmoid_cli.proofs.render import _plain_equation, explanation, rule_name, summary
    from sigmoid_cli.proofs.texts import word

    lang = lang or proof.lang
    var = proof.variable
    parts: list[RenderableType] = []
    parts.append(Text.assemble((f"{word('problem', lang)}: ", "bold"), F.plain(proof.problem)))
    if proof.lemmas:
        parts.append(Text(f"{word('lemmas', lang)}:", style="bold"))
        for lemma in proof.lemmas:
            parts.append(
                Padding(
                    Group(
                        Text.assemble(
                            (rule_name(lemma.name, (), lang), "cyan"),
                            (f"  ({word('from', lang)} {lemma.source})  ", "dim"),
                            _status(lemma.verification, lang),
                        ),
                        _math(lemma.lhs, lemma.rhs, width - 4),
                    ),
                    (0, 0, 0, 2),
                )
            )

    def step_block(step: Step, path: tuple[int, ...], previous: Form | None, depth: int) -> RenderableType:
        indent = 4 * depth
        header = Text.assemble(
            (".".join(map(str, path)) + "  ", "bold"),
            (rule_name(step.rule, step.params, lang), "bold cyan"),
            "  ",
            _status(step.verification, lang),
        )
        body: list[RenderableType] = [header]
        room = width - indent - 4
        if step.before != previous:
            body.append(_first(step, room))
        body.append(Padding(_math(None, step.after, room), (0, 0, 0, 2), expand=False))
        text = explanation(step, step.rule, step.params, var, lang, F.plain, str, _plain_equation)
        if step.verification.status == "failed" and step.verification.detail:
            text += f" ({step.verification.detail})"
        if text:
            body.append(Padding(Text(text, style="italic"), (0, 0, 0, 2), expand=False))
        last: Form | None = None
        for index, sub in enumerate(step.substeps, 1):
            body.append(step_block(sub, (*path, index), last, depth + 1))
            last = sub.after
        return Padding(Group(*body), (0, 0, 0, 4 if depth else 0), expand=False)

    previous: Form | None = None
    for index, step in enumerate(proof.steps, 1):
        parts.append(Text(""))
        parts.append(step_block(step, (index,), previous, 0))
        previous = step.after
    result = _math(proof.problem, proof.result, width - 4)
    ok = proof.verified is not False
    parts.append(Text(""))
    parts.append(
        Panel(
            result,
            title=word("result", lang),
            title_align="left",
            border_style="green" if ok else "red",
            expand=False,
        )
    )
    for rule, params in proof.notes:
        note = explanation(None, rule, params, var, lang, F.plain, str, _plain_equation)
        parts.append(Text.assemble((f"{word('note', lang)}: ", "bold"), note))
    from sigmoid_cli.proofs.render import _check_line

    parts.append(Text(_check_line(proof, lang), style=_STYLES[proof.check.status]))
    parts.append(Text(summary(proof, lang), style=_STYLES[proof.status]))
    return Group(*parts)


def _first(step: Step, room: int) -> RenderableType:
    from sigmoid_cli.proofs.layout import layout

    box = layout(step.before)
    if box.width + 2 <= room:
        return Padding(
            Text("\n".join("  " + line.rstrip() for line in box.lines), no_wrap=True), (0, 0, 0, 2)
        )
    from sigmoid_cli.proofs import forms as F

    return Padding(Text("  " + F.plain(step.before)), (0, 0, 0, 2), expand=False)


def print_proof(proof: Proof, *, lang: str | None = None, console: Console | None = None) -> None:
    """Print a proof to the terminal (colours unless NO_COLOR is set)."""
    from sigmoid_cli.proofs.forms import notation

    console = console or Console(highlight=False)
    with notation(lang or proof.lang):
        console.print(proof_renderable(proof, lang, console.width))


def print_table(headers: tuple[str, ...], rows: list[list[str]], *, console: Console | None = None) -> None:
    """A table of values (``--format table``): one column per header, numbers right-aligned and
    never broken. Piped, the table is as wide as it needs; on a terminal too narrow for it,
    a usage error that names the width needed and the format that has no width."""
    from rich.measure import Measurement
    from rich.table import Table

    from sigmoid_cli.errors import UsageError

    table = Table(*headers, highlight=False)
    for column in table.columns:
        column.justify = "right"
        column.no_wrap = True
    for row in rows:
        table.add_row(*row)
    console = console or Console(highlight=False)
    needed = Measurement.get(console, console.options.update_width(1 << 16), table).maximum
    if needed > console.width:
        if console.is_terminal:
            raise UsageError(
                f"--format table needs {needed} columns and the terminal has {console.width}: "
                "widen it, or use --format tsv"
            )
        console.width = needed
    console.print(table)


# --- sigmoid check --------------------------------------------------------------------------------

_CHECK_STYLES = {"proved": "green", "checked numerically": "yellow", "failed": "bold red"}


def check_renderable(report: Report, lang: str, width: int = 80) -> RenderableType:
    """A check report: each step with its verdict and 2-D math; under a wrong one where the sides
    differ, the probable mistake and the correct line; the result in a frame."""
    from sigmoid_cli.proofs import check_render as R
    from sigmoid_cli.proofs import forms as F
    from sigmoid_cli.proofs.texts import check_word

    parts: list[RenderableType] = [
        Text.assemble((f"{check_word('problem', lang)}: ", "bold"), F.plain(report.problem))
    ]
    for step in report.steps:
        status = step.verification.status
        header = Text.assemble(
            (f"{step.number}  ", "bold"),
            (R.heading(step, report, lang), _CHECK_STYLES[status]),
            f"  {R.MARKS[status]}",
        )
        parts += [Text(""), header, Padding(_math(step.before, step.after, width - 4), (0, 0, 0, 2))]
        for note in R.notes(step, lang, F.plain):
            parts.append(Padding(Text(note, style="italic"), (0, 0, 0, 2), expand=False))
    ok = report.check.status != "failed"
    result = Group(
        _math(report.problem, report.result, width - 8),
        *(Text(note, style="green" if ok else "red") for note in R.result_notes(report, lang, F.plain)),
    )
    frame = Panel(
        result,
        title=check_word("result", lang),
        title_align="left",
        border_style="green" if ok else "red",
        expand=False,
    )
    parts += [Text(""), frame, Text(R.closing(report, lang), style="green" if report.ok else "bold red")]
    return Group(*parts)


def print_check(report: Report, lang: str, *, console: Console | None = None) -> None:
    """Print a check report to the terminal (colours unless NO_COLOR is set)."""
    console = console or Console(highlight=False)
    console.print(check_renderable(report, lang, console.width))


# --- sigmoid fit ----------------------------------------------------------------------------------


def print_fit(
    title: str,
    headers: tuple[str, ...],
    rows: list[list[str]],
    footer: list[str],
    *,
    strict: bool = True,
    console: Console | None = None,
) -> bool:
    """`sigmoid fit` on a terminal: the title, the estimates as a table, the summary under it.
    A table wider than the terminal is a usage error when asked for (``strict``), else nothing
    is printed and the answer is False (the caller prints plain text instead)."""
    from rich.table import Table

    table = Table(*headers, title=title, highlight=False)
    for index, column in enumerate(table.columns):
        column.justify = "left" if index == 0 else "right"
        column.no_wrap = True
    for row in rows:
        table.add_row(*row)
    console = console or Console(highlight=False)
    from rich.measure import Measurement

    from sigmoid_cli.errors import UsageError

    needed = Measurement.get(console, console.options.update_width(1 << 16), table).maximum
    if needed > console.width:  # never a number cut short: wider when piped, else a word
        if console.is_terminal:
            if not strict:
                return False
            raise UsageError(
                f"the table needs {needed} columns and the terminal has {console.width}: "
                "widen it, or use --format plain"
            )
        console.width = needed
    console.print(table)
    for line in footer:
        console.print(Text(line))
    return True
