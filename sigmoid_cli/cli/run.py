"""The program's one way out: every error becomes one line on stderr and an exit code.

``main`` reads the command line with the quick reader when it can (cli/quick.py: eval and
grad without Typer, which costs about 100 ms to import), and with the Typer app otherwise.
Nothing heavy is imported here: `sigmoid eval 0.5` runs on the standard library alone.
"""

from __future__ import annotations

import os
import sys
from typing import IO, NoReturn

from sigmoid_cli.cli import PROG
from sigmoid_cli.errors import ClosedPipe, ExitCode, OptionError, OutOfTime, SigmoidError

_LAZY = ("derive", "check", "plot-ascii", "fit")  # commands that live in their own modules


def _run(args: list[str]) -> int:
    """Run one command line; its exit code."""
    from . import quick

    given = quick.arguments(args)
    if given is not None:
        from .execute import execute

        execute(**given)
        return 0
    import typer

    from .app import build_app
    from .argv import values_last

    only = args[0] if args and args[0] in ("eval", "grad", *_LAZY) else None
    command = typer.main.get_command(build_app(only))
    args = values_last(args)  # `sigmoid eval -3`: click would take -3 for an option
    if only is not None:  # `--k 1 --k 2`: an error, where click would keep the last
        from .repeats import refuse_repeats

        refuse_repeats(command.commands[only], args[1:])  # type: ignore[attr-defined]
    code = command.main(args=args, prog_name=PROG, standalone_mode=False)
    return code if isinstance(code, int) else 0


def main(argv: list[str] | None = None) -> NoReturn:
    """Run the program; every error becomes one line on stderr and an exit code."""
    debug = os.environ.get("SIGMOID_DEBUG") == "1"
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        code = _run(args)
        _flush(sys.stdout)
        raise SystemExit(code)
    except SigmoidError as error:
        if debug:
            raise
        # An OptionError is in the library's words: spell its argument names as our flags.
        _fail(error.spelled(_flag) if isinstance(error, OptionError) else str(error), error.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        raise SystemExit(int(ExitCode.INTERRUPTED)) from None
    except (BrokenPipeError, ClosedPipe):
        _quiet_after_closed_pipe()
    except RecursionError:
        _fail("the input is nested too deeply", ExitCode.USAGE)
    except OutOfTime:  # every limited piece of work says which limit it met; this is the rest
        _fail("the work did not finish within its time limit", ExitCode.USAGE)
    except MemoryError:
        _fail("out of memory: the input is too large", ExitCode.BAD_DATA)
    except Exception as error:
        _click_error(error, debug)  # Typer's own (a usage error, Abort), when it read the line
        if debug:
            raise
        # A bug of ours: still one line, and the way to see more.
        _fail(
            f"internal error ({type(error).__name__}: {error}); SIGMOID_DEBUG=1 shows where",
            ExitCode.BAD_DATA,
        )
    finally:
        prestarted = sys.modules.get("sigmoid_cli.stream.workers")  # only when cli/launch.py forked workers
        if prestarted is not None:
            prestarted.discard()


def _click_error(error: Exception, debug: bool) -> None:
    """Exit as Typer's errors ask, if ``error`` is one; return if it is not."""
    if "typer" not in sys.modules:  # the quick reader ran: no Typer error can have happened
        return
    from typer._click import exceptions as click_exceptions  # typer 0.28 vendors click

    if isinstance(error, click_exceptions.NoArgsIsHelpError):
        # Bare `sigmoid`: the help as --help prints it, on stderr with the usage status, as awk
        # and Click do; not flattened into one error line.
        sys.stderr.write(error.format_message().rstrip("\n") + "\n")
        raise SystemExit(int(ExitCode.USAGE)) from None
    if isinstance(error, click_exceptions.UsageError):
        if debug:
            raise error
        _fail(" ".join(error.format_message().split()), ExitCode.USAGE)
    import typer

    if isinstance(error, typer.Abort):
        _fail("aborted", ExitCode.INTERRUPTED)


def _flag(name: str) -> str:
    """The option that sets the library's argument ``name``."""
    return "--dtype float32" if name == "float32" else f"--{name}"


def _fail(message: str, code: ExitCode) -> NoReturn:
    sys.stderr.write(f"{PROG}: error: {message}\n")
    raise SystemExit(int(code))


def _flush(stream: IO[str]) -> None:
    try:
        stream.flush()
    except BrokenPipeError:
        _quiet_after_closed_pipe()


def _quiet_after_closed_pipe() -> NoReturn:
    """The reader went away (`sigmoid eval < big | head -1`): stop without a word.
    Point stdout at /dev/null so the interpreter's final flush cannot complain."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise SystemExit(0)
