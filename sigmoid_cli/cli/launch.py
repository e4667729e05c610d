"""The console script's entry point: start stream workers early, then run the CLI.

A stream (`sigmoid eval < data`) needs numpy, which takes about as long to import as Typer.
When the command line can only mean a stream, the workers are forked first and import
numpy on the second core while this process imports Typer and reads the options. The
guess is cheap to get wrong: unused workers are closed (parallel.discard).
"""

from __future__ import annotations

import sys

# Options of `eval` and `grad` that take a value (a test checks this against the CLI).
VALUE_OPTIONS = frozenset(
    {
        "--k",
        "--x0",
        "--L",
        "--fn",
        "--dtype",
        "--digits",
        "--format",
        "-f",
        "--on-error",
        "--order",
        "-n",
        "--wrt",
    }
)
_NOT_A_STREAM = frozenset({"-h", "--help", "-V", "--version", "-u", "--unbuffered"})


def stream_expected(args: list[str], stdin_is_terminal: bool) -> bool:
    """Whether ``args`` make `eval`/`grad` read stdin in bulk: no VALUE and no terminal."""
    if stdin_is_terminal or not args or args[0] not in ("eval", "grad"):
        return False
    expects_value = False
    for token in args[1:]:
        if expects_value:
            expects_value = False
        elif token in _NOT_A_STREAM or token == "--":
            return False
        elif len(token) > 1 and token[0] == "-" and not token[1].isalpha() and token[1] != "-":
            return False  # a negative VALUE (`-3`, `-.5`, `-(1`): cli.py reads it as one too
        elif token.startswith("-") and token != "-":
            expects_value = token in VALUE_OPTIONS
        elif token != "-":
            return False  # a VALUE argument
    return True


def main() -> None:
    args = sys.argv[1:]
    try:
        terminal = sys.stdin is None or sys.stdin.isatty()
    except ValueError:  # stdin closed
        terminal = True
    if stream_expected(args, terminal):
        from sigmoid_cli.stream.workers import prestart

        prestart()
    from .app import main as run

    run(args)
