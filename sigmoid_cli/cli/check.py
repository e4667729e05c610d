"""`sigmoid check`: the command function. Light at import time, like derive: the proofs package
(and SymPy with it) is imported only when the command runs.

No `from __future__ import annotations`: Typer reads the annotations at run time."""

import sys
from typing import Annotated

import typer

from sigmoid_cli.errors import DataError, VerificationError

from .derive import Lang
from .encoding import ascii_forms, for_output, proof_format, shows_unicode
from .options import ProofFormat

MAX_INPUT = 100_000  # proofs.check.MAX_INPUT (a test checks); importing proofs here would be slow


def check_command(
    file: Annotated[
        str | None,
        typer.Argument(help="The derivation to check; none or '-': standard input.", show_default=False),
    ] = None,
    fmt: Annotated[
        ProofFormat | None,
        typer.Option(
            "--format", "-f", help="Output format: rich on a terminal, plain otherwise.", show_default=False
        ),
    ] = None,
    lang: Annotated[
        Lang, typer.Option("--lang", help="The language of the verdicts and diagnoses.")
    ] = Lang.en,
) -> None:
    """Check a derivation someone wrote: every '=' proved, checked numerically, or wrong.

    The first line is the problem (d/dx log(sigmoid(x)), diff(f, x), or LaTeX's
    \\frac{d}{dx} …), then the forms, one per line or joined by '='. LaTeX input (a $$…$$,
    \\[…\\] or align* block, even inside a document) is read through a whitelist. The last form
    must be the derivative: it is compared with an independent differentiation. A wrong step
    gets a point where its sides differ, the probable mistake where it can be told (a sign
    lost, a missing inner derivative, a wrong power, a wrong cancellation) and what the line
    should be.

    Exit status: 0 every step holds, 3 a step is wrong, 1 unreadable input, 2 usage.

    \b
    Examples:
      sigmoid check steps.txt
      printf 'd/dx log(sigmoid(x))\\n= 1 - sigmoid(x)\\n' | sigmoid check
      sigmoid derive --format latex | sigmoid check
      sigmoid check --format json --lang ja steps.tex
    """
    text = _read(file)
    chosen = proof_format(fmt)
    from sigmoid_cli.proofs.check import check_text
    from sigmoid_cli.proofs.check_render import failure, render

    report = check_text(text)
    if chosen is ProofFormat.rich:
        from .rich_output import print_check

        print_check(report, lang.value)
    else:
        shown = render(report, chosen.value, lang.value)
        sys.stdout.write(for_output(shown, sys.stdout, fmt=chosen.value, lang=lang.value))
    if not report.ok:
        sys.stdout.flush()
        message = failure(report)
        # Our formulas in ASCII forms on a non-UTF-8 stderr (sigma, not \u03c3).
        raise VerificationError(message if shows_unicode(sys.stderr) else ascii_forms(message))


def _read(file: str | None) -> str:
    """The whole input, refusing more than MAX_INPUT characters without reading all of it."""
    try:
        if file is None or file == "-":
            # The bytes, read as UTF-8 whatever the terminal's encoding (PYTHONIOENCODING=ascii
            # would refuse a σ); at most 4 bytes a character, so the limit is still seen.
            raw = sys.stdin.buffer.read(4 * (MAX_INPUT + 1)) if sys.stdin is not None else b""
            data = raw.decode("utf-8")
        else:
            with open(file, encoding="utf-8") as stream:
                data = stream.read(MAX_INPUT + 1)
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else "not UTF-8 text"
        raise DataError(f"cannot read {file or 'standard input'}: {reason}") from None
    if len(data) > MAX_INPUT:
        raise DataError(f"the derivation is more than {MAX_INPUT} characters long; the limit is {MAX_INPUT}")
    return data
