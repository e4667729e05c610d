"""The error hierarchy and exit codes.

Library code raises these; only ``cli.main`` turns them into a message and an exit code.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    BAD_DATA = 1
    USAGE = 2
    VERIFICATION_FAILED = 3
    INTERRUPTED = 130


class SigmoidError(Exception):
    """Base class: a message for people and the exit code it maps to."""

    exit_code: ExitCode = ExitCode.BAD_DATA


class DataError(SigmoidError):
    """A value that cannot be read, or lies outside the function's domain."""

    exit_code = ExitCode.BAD_DATA


class UsageError(SigmoidError):
    """An option value that makes no sense, or a request over our limits."""

    exit_code = ExitCode.USAGE


class OptionError(UsageError):
    """A bad argument, said in the library's words (``k must not be 0``). The template names
    each argument as ``{name}``; the command line spells them as its flags (``--k must not
    be 0``) through ``spelled``."""

    def __init__(self, template: str, *names: str) -> None:
        self.template = template
        self.names = names
        super().__init__(self.spelled(lambda name: name))

    def spelled(self, spell: Callable[[str], str]) -> str:
        return self.template.format(*(spell(name) for name in self.names))


class VerificationError(SigmoidError):
    """A derivation step or a derivative that failed its independent check."""

    exit_code = ExitCode.VERIFICATION_FAILED


class ParseError(DataError):
    """Text that our whitelist grammar does not accept; ``position`` is 1-based."""

    def __init__(self, message: str, text: str, position: int) -> None:
        super().__init__(message)
        self.text = text
        self.position = position


class ClosedPipe(Exception):
    """The reader of our output went away (`sigmoid eval < big | head -1`): stop quietly.

    Not an OSError on purpose: Typer turns a broken pipe into exit status 1 itself.
    """


class OutOfTime(BaseException):
    """A time limit of sigmoid_cli.deadline ended the work. A BaseException, like
    KeyboardInterrupt, so that no ``except Exception`` (SymPy's, mpmath's, ours) swallows it;
    each limited piece of work turns it into its own message (cli.main has one for any other)."""
