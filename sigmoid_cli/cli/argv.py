"""The command line of eval and grad, read token by token as click will read it.

Three readers share it, all before Typer is imported, if it is at all (so this module needs
only the standard library): cli/launch.py guesses whether a stdin stream is coming,
cli/quick.py reads the options itself, and cli/run.py moves negative VALUEs such as `-3`
behind a `--` for Typer, where click cannot take them for options.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final, Literal  # already imported by the sigmoid_cli package

# The options of eval and grad as click spells them; tests/test_launch.py checks these tables
# against the Typer commands, which cannot be imported this early.
_SHARED_VALUE_OPTIONS = (
    "--k",
    "--x0",
    "--L",
    "--fn",
    "--dtype",
    "--digits",
    "--format",
    "-o",
    "--on-error",
    "--fields",
    "-f",
    "--delimiter",
    "-d",
    "--input",
    "--expr",
    "--var",
    "--set",
)
_SHARED_FLAGS = (
    "--complement",
    "-c",
    "--log",
    "--normalize",
    "--exact",
    "--with-input",
    "-i",
    "--unbuffered",
    "-u",
    "--header",
    "--decimal-comma",
    "-h",
    "--help",
)
VALUE_OPTIONS = {
    "eval": frozenset((*_SHARED_VALUE_OPTIONS, "--temperature")),
    "grad": frozenset((*_SHARED_VALUE_OPTIONS, "--order", "-n", "--wrt")),
}
FLAGS = {
    "eval": frozenset((*_SHARED_FLAGS, "--inverse", "--softmax", "--log-softmax", "--logsumexp")),
    "grad": frozenset((*_SHARED_FLAGS, "--check")),
}

Kind = Literal["option", "value", "negative"]
OPTION: Final = "option"  # an option, with its argument when it takes one
VALUE: Final = "value"
NEGATIVE: Final = "negative"  # a VALUE that click would take for an option: `-3`, `-pi`, `-(1`


def read(command: str, args: list[str]) -> Iterator[tuple[Kind, list[str]]]:
    """The arguments of ``command`` (eval or grad) in order, each with its kind.

    A token after `--`, or that cannot start an option, is a VALUE. One that starts with a
    single '-' is a VALUE when it reads as one (`-pi`); a minus followed by anything but a
    letter (`-1abc`, `-(1`) cannot be an option either: it is a bad VALUE (exit 1), not an
    unknown option (exit 2).
    """
    takes_value = VALUE_OPTIONS[command]
    flags = FLAGS[command]
    index = 0
    while index < len(args):
        token = args[index]
        index += 1
        if token == "--":
            for value in args[index:]:
                yield VALUE, [value]
            return
        if token in takes_value:  # the option and its argument, whatever it looks like
            yield OPTION, args[index - 1 : index + 1]
            index += 1
        elif token in flags or token.startswith("--"):
            # A flag such as -c is not asked of the grammar, whose import costs start-up (a
            # test checks that no flag reads as a VALUE); nor is --name or --name=value.
            yield OPTION, [token]
        elif len(token) > 1 and token[0] == "-":
            yield (NEGATIVE if _reads_as_value(token) else OPTION), [token]
        else:
            yield VALUE, [token]


def _reads_as_value(token: str) -> bool:
    if not token[1].isalpha():
        return True
    from sigmoid_cli.errors import DataError
    from sigmoid_cli.numeric.text import parse_value  # the grammar, imported only for these

    try:
        parse_value(token)
    except DataError:
        return False
    return True


def values_last(args: list[str]) -> list[str]:
    """``args`` with the VALUEs behind a `--` when one of them would read as an option,
    each spelled exactly as typed (error messages and --with-input quote them)."""
    if not args or args[0] not in VALUE_OPTIONS:
        return args
    options: list[str] = []
    values: list[str] = []
    moved = False
    for kind, tokens in read(args[0], args[1:]):
        if kind == OPTION:
            options.extend(tokens)
        else:
            values.extend(tokens)
            moved = moved or kind == NEGATIVE
    return [args[0], *options, "--", *values] if moved else args
