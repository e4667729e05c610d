"""Typer's declarations of options that several commands share (the option types themselves,
which need no Typer, are in options.py: the quick reader of command lines imports those)."""

from typing import Annotated

import typer

SetOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        help="Give another name of --expr a value (repeatable): --set beta=1.702.",
        metavar="NAME=VALUE",
        show_default=False,
    ),
]
