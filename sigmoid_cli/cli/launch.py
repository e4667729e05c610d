"""The console script's entry point: start stream workers early, then run the CLI.

A stream (`sigmoid eval < data`) needs numpy, which takes longer to import than the rest of
the program. When the command line can only mean a stream, the workers are forked first and
import numpy on the second core while this process reads the options. The
guess is cheap to get wrong: unused workers are closed (stream/workers.py:discard).
"""

from __future__ import annotations

import sys

from .argv import OPTION, VALUE_OPTIONS, read

_NOT_A_STREAM = frozenset({"-h", "--help", "-V", "--version", "-u", "--unbuffered"})


def stream_expected(args: list[str], stdin_is_terminal: bool) -> bool:
    """Whether ``args`` make `eval`/`grad` read stdin in bulk: no VALUE but '-', no terminal."""
    if stdin_is_terminal or not args or args[0] not in VALUE_OPTIONS:
        return False
    dash = False
    for kind, tokens in read(args[0], args[1:]):  # stops at the first token that decides
        if kind == OPTION:
            if tokens[0] in _NOT_A_STREAM:
                return False
        elif tokens == ["-"] and not dash:
            dash = True  # `sigmoid eval -` reads stdin; `sigmoid eval - -` reads two bad VALUEs
        else:
            return False
    return True


def _warm_up_for(args: list[str]) -> str:
    """The workers' warm-up: without numpy when the lean path (stream/lean.py) computes this
    command line's results, as it does for most streams; with numpy (the vector path) otherwise."""
    from sigmoid_cli.stream import lean

    from . import quick

    given = quick.arguments(args)
    if given is not None and lean.likely(given):
        return "sigmoid_cli.stream.reader:warm_up_lean"
    return "sigmoid_cli.stream.reader:warm_up"


def main() -> None:
    args = sys.argv[1:]
    try:
        terminal = sys.stdin is None or sys.stdin.isatty()
    except ValueError:  # stdin closed
        terminal = True
    if stream_expected(args, terminal):
        from sigmoid_cli.stream.workers import prestart

        # The rest of what a chunk needs, and its first calls, before the first chunk comes.
        prestart(preload=_warm_up_for(args))
    from .run import main as run

    run(args)
