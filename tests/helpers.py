"""Running the real program the way users and scripts do: ``python -m sigmoid_cli ARGS``.

``sigmoid()`` runs the console script's entry point (``sigmoid_cli.cli.launch:main``) in this
process, which has imported Typer, numpy and sympy once already: a subprocess spends 0.3 to
1 s importing them again. It gives what the subprocess gives, byte for byte: the same argv,
stdin (a pipe that is not a terminal), environment, standard streams (encoding, errors,
buffering: measured once from a fresh interpreter), warning filters, recursion headroom,
exit status, and file descriptors 0-2 that are not terminals. Everything it changes it puts
back, so one run cannot leak into the next. test_helpers.py compares it with the subprocess.

``sigmoid_process()`` is the subprocess itself, for the tests about the process: start-up
imports, closed pipes, signals, terminals. ``shell()`` runs a documented command line such as
``printf '1\\n' | sigmoid eval`` in this process when it is that simple, through a shell
otherwise.
"""

from __future__ import annotations

import _thread
import contextlib
import functools
import io
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TIMEOUT = 60
ROOT = Path(__file__).resolve().parent.parent  # the source under test, not an installed copy


@dataclass
class Run:
    code: int
    stdout: bytes
    stderr: bytes

    @property
    def out(self) -> str:
        return self.stdout.decode(errors="replace")

    @property
    def err(self) -> str:
        return self.stderr.decode(errors="replace")

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


def environment(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """What ``sigmoid()`` runs with: this environment, NO_COLOR set, FORCE_COLOR unset, ``env``."""
    environ = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT), **(env or {})}
    environ.pop("FORCE_COLOR", None)
    return environ


def _bytes(stdin: bytes | str | None) -> bytes:
    return stdin.encode() if isinstance(stdin, str) else stdin or b""


def sigmoid(
    *args: str, stdin: bytes | str | None = None, env: dict[str, str] | None = None, timeout: float = TIMEOUT
) -> Run:
    """`python -m sigmoid_cli ARGS` with NO_COLOR set and the given stdin (none: empty), run in
    this process (see the module's docstring)."""
    return run_here(args, _bytes(stdin), environment(env), timeout=timeout)


def sigmoid_process(
    *args: str, stdin: bytes | str | None = None, env: dict[str, str] | None = None, timeout: float = TIMEOUT
) -> Run:
    """The same as ``sigmoid()``, in a real subprocess."""
    return run_process(args, _bytes(stdin), environment(env), timeout=timeout)


def run_process(
    args: Sequence[str],
    stdin: bytes,
    environ: Mapping[str, str],
    *,
    cwd: Path | None = None,
    timeout: float = TIMEOUT,
) -> Run:
    """`python -m sigmoid_cli ARGS` in a subprocess with exactly ``environ``."""
    completed = subprocess.run(
        [sys.executable, "-m", "sigmoid_cli", *args],
        input=stdin,
        capture_output=True,
        env=dict(environ),
        cwd=cwd,
        timeout=timeout,
        check=False,
    )
    return Run(completed.returncode, completed.stdout, completed.stderr)


# --- the same program in this process ----------------------------------------------------------------

# Read once, by the interpreter at start-up or by a library at import (numpy's BLAS, typer):
# a run in this process can have them as a fresh interpreter does only if they are the same
# as here. PYTHONPATH and PYTHONDONTWRITEBYTECODE do not count: the code is the same, and
# .pyc files are no output.
_STARTUP = re.compile(r"PYTHON\w*|LC_\w+|LANG|LANGUAGE|OPENBLAS\w*|OMP_\w+|MKL_\w+|_?TYPER_\w+")
_STARTUP_ALSO = {"TERMINAL_WIDTH", "GITHUB_ACTIONS", "PY_COLORS"}
_IGNORED_AT_STARTUP = {"PYTHONPATH", "PYTHONDONTWRITEBYTECODE"}

_PROBE = """
import json, sys, warnings
def part(value):
    if value is None:
        return None
    if isinstance(value, str):
        return ["str", value]
    return ["re", value.pattern, value.flags]
def headroom(calls=0):
    try:
        return headroom(calls + 1)
    except RecursionError:
        return calls
print(json.dumps({
    "streams": {
        name: [s.encoding, s.errors, s.line_buffering, s.write_through]
        for name, s in (("stdin", sys.stdin), ("stdout", sys.stdout), ("stderr", sys.stderr))
    },
    "filters": [
        [a, part(m), c.__module__, c.__qualname__, part(mod), n] for a, m, c, mod, n in warnings.filters
    ],
    "settings": [
        sys.flags.optimize, sys.flags.dev_mode, sys.flags.utf8_mode, sys.flags.bytes_warning,
        sys.flags.warn_default_encoding, sys.flags.int_max_str_digits, sys.get_int_max_str_digits(),
        sorted(sys._xoptions.items()),
    ],
    "headroom": headroom(),
}))
"""


@dataclass(frozen=True)
class _Fresh:
    """What a fresh interpreter started with some environment has (measured by ``_fresh``)."""

    streams: dict[str, list[Any]]
    filters: list[list[Any]]
    settings: list[Any]
    headroom: int  # calls that fit under the recursion limit, from the module `python -m` runs


def _settings_here() -> list[Any]:
    flags = sys.flags
    settings: list[Any] = json.loads(
        json.dumps(
            [
                flags.optimize,
                flags.dev_mode,
                flags.utf8_mode,
                flags.bytes_warning,
                flags.warn_default_encoding,
                flags.int_max_str_digits,
                sys.get_int_max_str_digits(),
                sorted(sys._xoptions.items()),
            ]
        )
    )
    return settings


@functools.cache
def _fresh(startup: tuple[tuple[str, str], ...]) -> _Fresh:
    """Measured once per start-up environment, with `python -m` as for the program (30 ms)."""
    with tempfile.TemporaryDirectory(prefix="sigmoid-probe-") as folder:
        (Path(folder) / "sigmoid_probe.py").write_text(_PROBE)
        completed = subprocess.run(
            [sys.executable, "-m", "sigmoid_probe"],
            env={**dict(startup), "PATH": os.environ.get("PATH", ""), "PYTHONPATH": folder},
            stdin=subprocess.PIPE,
            capture_output=True,
            text=True,
            check=True,
            timeout=TIMEOUT,
        )
    return _Fresh(**json.loads(completed.stdout))


def _startup(environ: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(
        sorted(
            (k, v)
            for k, v in environ.items()
            if (_STARTUP.fullmatch(k) or k in _STARTUP_ALSO) and k not in _IGNORED_AT_STARTUP
        )
    )


def _reproducible(environ: Mapping[str, str]) -> _Fresh | None:
    """The fresh interpreter's set-up when this process can stand in for it, else None."""
    if threading.current_thread() is not threading.main_thread():
        return None  # the program's time limits (SIGALRM) work on the main thread only
    startup = _startup(environ)
    if startup != _startup(os.environ):
        return None
    fresh = _fresh(startup)
    if fresh.settings != _settings_here():
        return None
    return fresh


def _pattern(part: list[Any] | None) -> Any:
    if part is None:
        return None
    return part[1] if part[0] == "str" else re.compile(part[1], part[2])


def _filters(fresh: _Fresh) -> list[tuple[Any, ...]] | None:
    """The fresh interpreter's warning filters, to install here; None if they cannot be (or
    this Python's warnings module is not the one whose internals run_here knows)."""
    import builtins

    internals = ("_filters_mutated", "_showwarning_orig", "_showwarnmsg_impl", "_formatwarnmsg")
    if not all(hasattr(warnings, name) for name in internals):
        return None
    filters = []
    for action, message, module_name, qualname, module, lineno in fresh.filters:
        category = getattr(builtins, qualname, None) if module_name == "builtins" else None
        if category is None:
            return None
        filters.append((action, _pattern(message), category, _pattern(module), lineno))
    return filters


def _headroom(calls: int = 0) -> int:
    """The probe's ``headroom``: how many calls fit under the recursion limit from here."""
    try:
        return _headroom(calls + 1)
    except RecursionError:
        return calls


class _Stdio:
    """Standard streams as the interpreter makes them for pipes, over memory."""

    def __init__(self, fresh: _Fresh, stdin: bytes) -> None:
        self.out = io.BytesIO()
        self.err = io.BytesIO()
        self.stdin = self._text(io.BufferedReader(io.BytesIO(stdin)), fresh.streams["stdin"])
        self.stdout = self._text(self.out, fresh.streams["stdout"])
        self.stderr = self._text(self.err, fresh.streams["stderr"])

    @staticmethod
    def _text(buffer: Any, spec: list[Any]) -> io.TextIOWrapper:
        encoding, errors, line_buffering, write_through = spec
        # newline="\n": what CPython uses for all three on POSIX (stdin does not translate \r\n)
        return io.TextIOWrapper(
            buffer,
            encoding=encoding,
            errors=errors,
            newline="\n",
            line_buffering=line_buffering,
            write_through=write_through,
        )

    def result(self, code: int) -> Run:
        for stream in (self.stdout, self.stderr):
            with contextlib.suppress(ValueError):  # the program closed it
                stream.flush()
        return Run(code, self.out.getvalue(), self.err.getvalue())


@contextlib.contextmanager
def _descriptors() -> Iterator[None]:
    """File descriptors 0, 1 and 2 that are no terminal (rich asks them for a size); anything
    written to 1 or 2 directly, bypassing sys.stdout and sys.stderr, fails the run."""
    saved: list[int | None] = []
    for fd in (0, 1, 2):
        try:
            saved.append(os.dup(fd))
        except OSError:
            saved.append(None)
    null = os.open(os.devnull, os.O_RDONLY)
    with tempfile.TemporaryFile() as spill:
        try:
            os.dup2(null, 0)
            os.dup2(spill.fileno(), 1)
            os.dup2(spill.fileno(), 2)
            yield
        finally:
            for fd, copy in zip((0, 1, 2), saved, strict=True):
                if copy is None:
                    os.close(fd)
                else:
                    os.dup2(copy, fd)
                    os.close(copy)
            os.close(null)
        spill.seek(0)
        stray = spill.read()
    if stray:
        raise AssertionError(f"the program wrote to file descriptor 1 or 2 directly: {stray[:500]!r}")


@contextlib.contextmanager
def _environ(environ: Mapping[str, str]) -> Iterator[None]:
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(environ)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextlib.contextmanager
def _process_state(argv: list[str], stdio: _Stdio, cwd: Path | None) -> Iterator[None]:
    """sys.argv, the standard streams, hooks, signal handlers, the interval timer, the
    recursion limit and the working directory: set for the run, restored after it."""
    names = ["argv", "excepthook", "unraisablehook"]
    names += ["stdin", "stdout", "stderr", "__stdin__", "__stdout__", "__stderr__"]
    saved = {name: getattr(sys, name) for name in names}
    thread_hook = threading.excepthook
    handlers = {number: signal.getsignal(number) for number in signal.valid_signals()}
    handlers = {number: handler for number, handler in handlers.items() if handler is not None}
    timer = signal.getitimer(signal.ITIMER_REAL)
    limit = sys.getrecursionlimit()
    directory = os.getcwd()
    sys.argv = argv
    for name in ("stdin", "stdout", "stderr"):  # __stdout__ too: shutil asks it for a terminal size
        setattr(sys, name, getattr(stdio, name))
        setattr(sys, f"__{name}__", getattr(stdio, name))
    sys.excepthook = sys.__excepthook__
    sys.unraisablehook = sys.__unraisablehook__  # pytest's would turn what Python prints into errors
    threading.excepthook = threading.__excepthook__
    try:
        if cwd is not None:
            os.chdir(cwd)
        yield
    finally:
        os.chdir(directory)
        sys.setrecursionlimit(limit)
        signal.setitimer(signal.ITIMER_REAL, *timer)
        for number, handler in handlers.items():
            if signal.getsignal(number) != handler:
                signal.signal(number, handler)
        threading.excepthook = thread_hook
        for name, value in saved.items():
            setattr(sys, name, value)


def _show_warning(message: warnings.WarningMessage) -> None:
    """The standard library's warnings._showwarnmsg_impl (pytest replaces it while it records)."""
    file = message.file if message.file is not None else sys.stderr
    if file is None:
        return
    text = warnings._formatwarnmsg(message)  # type: ignore[attr-defined]
    with contextlib.suppress(OSError):
        file.write(text)


def _exit_status(code: object) -> int:
    """The process's exit status for ``SystemExit(code)``, as the interpreter makes it."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    sys.stderr.write(f"{code}\n")
    return 1


@functools.cache
def _main_module() -> Any:
    path = ROOT / "sigmoid_cli" / "__main__.py"
    return compile(path.read_text(), str(path), "exec")


def _main(headroom: int) -> int:
    """sigmoid_cli/__main__.py run as `python -m sigmoid_cli` runs it (but for runpy's two
    frames above it), with as much room under the recursion limit; the exit status."""
    module = {"__name__": "__main__", "__package__": "sigmoid_cli", "__file__": sys.argv[0]}
    sys.setrecursionlimit(sys.getrecursionlimit() + headroom - _headroom())
    try:
        exec(_main_module(), module)  # noqa: S102  (our own __main__.py)
    except SystemExit as stop:
        return _exit_status(stop.code)
    except BaseException as error:  # uncaught in a real process too: the traceback, and 1
        if error.__traceback__ is not None:  # from __main__.py's frame on, as in the process
            error = error.with_traceback(error.__traceback__.tb_next)
        sys.__excepthook__(type(error), error, error.__traceback__)
        return -signal.SIGINT if isinstance(error, KeyboardInterrupt) else 1
    return 0


def _assert_source_tree() -> None:
    import sigmoid_cli

    where = Path(sigmoid_cli.__file__).resolve().parent
    assert where == ROOT / "sigmoid_cli", f"sigmoid_cli comes from {where}, not from {ROOT}"


def run_here(
    args: Sequence[str],
    stdin: bytes,
    environ: Mapping[str, str],
    *,
    cwd: Path | None = None,
    timeout: float = TIMEOUT,
) -> Run:
    """What ``run_process`` gives, computed in this process when it can stand in for a fresh
    interpreter (see ``_reproducible``; otherwise it is ``run_process``)."""
    fresh = _reproducible(environ)
    filters = _filters(fresh) if fresh is not None else None
    if fresh is None or filters is None:
        return run_process(args, stdin, environ, cwd=cwd, timeout=timeout)
    _assert_source_tree()
    stdio = _Stdio(fresh, stdin)
    argv = [str(ROOT / "sigmoid_cli" / "__main__.py"), *args]
    expired = threading.Event()
    lock = threading.Lock()
    running = True

    def expire() -> None:
        with lock:
            if running:
                expired.set()
                _thread.interrupt_main()  # KeyboardInterrupt: the program exits 130

    watchdog = threading.Timer(timeout, expire)
    watchdog.daemon = True
    try:
        with (
            _descriptors(),
            _environ(environ),
            _process_state(argv, stdio, cwd),
            warnings.catch_warnings(),
        ):
            # A fresh interpreter's filters, and warnings printed to stderr (not pytest's recorder)
            warnings.filters[:] = filters  # type: ignore[index]
            warnings._filters_mutated()  # type: ignore[attr-defined]
            warnings.showwarning = warnings._showwarning_orig  # type: ignore[attr-defined]
            warnings._showwarnmsg_impl = _show_warning  # type: ignore[attr-defined]
            watchdog.start()
            try:
                code = _main(fresh.headroom)
            finally:
                with lock:
                    running = False
                watchdog.cancel()
        _check_no_leftovers()
    except KeyboardInterrupt:
        if not expired.is_set():
            raise
    if expired.is_set():
        raise subprocess.TimeoutExpired(["sigmoid", *args], timeout)
    return stdio.result(code)


def _check_no_leftovers() -> None:
    """What a process would take with it when it ends, and a run must not leave behind."""
    from sigmoid_cli import deadline

    assert not deadline._deadlines, "a time limit is still armed after the run"
    workers = sys.modules.get("sigmoid_cli.stream.workers")
    assert workers is None or workers._started is None, "prestarted stream workers were left running"


# --- documented command lines -------------------------------------------------------------------------

_WORD_CHARACTERS = re.compile(r"[\w./=:,+%@^-]")  # taken literally by every shell, unquoted
_FEEDERS = ("printf", "echo", "seq")


def _pieces(command: str) -> list[str] | None:
    """``command`` split at its unquoted '|' and '>', if all else is plain words."""
    pieces, current, quote = [], "", ""
    for char in command:
        if quote:
            if quote == '"' and char in "$`\\!":
                return None
            if char == quote:
                quote = ""
            current += char
        elif char in "'\"":
            quote = char
            current += char
        elif char in "|>":
            pieces += [current, char]
            current = ""
        elif char in " \t" or _WORD_CHARACTERS.fullmatch(char):
            current += char
        else:
            return None
    return None if quote else [*pieces, current]


def simple_command(command: str) -> tuple[str | None, list[str], str | None] | None:
    """``[FEEDER |] sigmoid ARGS [> FILE]`` as (FEEDER, ARGS, FILE), FEEDER being a printf,
    echo or seq of plain words; None for any other command line."""
    pieces = _pieces(command)
    if pieces is None:
        return None
    feeder = target = None
    if len(pieces) >= 3 and pieces[1] == "|":
        feeder, pieces = pieces[0], pieces[2:]
        words = shlex.split(feeder)
        if not words or words[0] not in _FEEDERS:
            return None
    if len(pieces) == 3 and pieces[1] == ">":
        files = shlex.split(pieces[2])
        if len(files) != 1:
            return None
        target, pieces = files[0], pieces[:1]
    if len(pieces) != 1:
        return None
    words = shlex.split(pieces[0])
    if not words or words[0] != "sigmoid":
        return None
    return feeder, words[1:], target


def shell(
    command: str,
    environ: Mapping[str, str],
    *,
    program: str = "bash",
    cwd: Path | None = None,
    timeout: float = TIMEOUT,
    here: bool = True,
) -> Run:
    """``command`` as ``program -c`` runs it with ``sigmoid`` standing for `python -m
    sigmoid_cli`, stdin empty: in this process when it is a ``simple_command`` (and ``here``)."""
    simple = simple_command(command) if here else None
    if simple is not None:
        feeder, args, target = simple
        data, fed = b"", b""
        if feeder is not None:
            feeding = subprocess.run(
                [program, "-c", feeder], capture_output=True, env=dict(environ), cwd=cwd, check=False
            )
            data, fed = feeding.stdout, feeding.stderr
        if not fed:
            run = run_here(args, data, environ, cwd=cwd, timeout=timeout)
            if target is not None:
                (cwd or Path.cwd()).joinpath(target).write_bytes(run.stdout)
                run = Run(run.code, b"", run.stderr)
            return run
    script = f'sigmoid() {{ "{sys.executable}" -m sigmoid_cli "$@"; }}\n{command}'
    completed = subprocess.run(
        [program, "-c", script],
        capture_output=True,
        env=dict(environ),
        cwd=cwd,
        timeout=timeout,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    return Run(completed.returncode, completed.stdout, completed.stderr)


def assert_one_error_line(run: Run, code: int) -> None:
    """The contract for every failure: the exit code, and exactly one line on stderr."""
    assert run.code == code, (run.code, run.err)
    lines = run.err.splitlines()
    assert len(lines) == 1, run.err
    assert lines[0].startswith("sigmoid: error: "), lines[0]
    assert "Traceback" not in run.err


def busy(seconds: float) -> None:
    """Work in Python bytecode (where a signal handler can run) for ``seconds``."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        sum(range(100))


def on_terminal(args: Sequence[str], *, env: Mapping[str, str], size: tuple[int, int] = (30, 100)) -> Run:
    """`python -m sigmoid_cli ARGS` in a subprocess whose stdout is a terminal (a pseudo-terminal
    of ``size`` rows × columns); stdin empty; the terminal's CRLF read back as LF."""
    import errno
    import fcntl
    import struct
    import termios

    environment = {
        k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES")
    }
    controller, terminal = os.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", size[0], size[1], 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "sigmoid_cli", *args],
        stdout=terminal,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env={**environment, **env},
    )
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError as error:  # EIO: the child closed the terminal
            assert error.errno == errno.EIO
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    _, err = process.communicate(timeout=60)
    return Run(process.returncode, b"".join(chunks).replace(b"\r\n", b"\n"), err)


def compile_latex(document: str, directory: Path) -> str:
    """The log of pdflatex on ``document``, which must compile (the errors are the message)."""
    (directory / "doc.tex").write_text(document, encoding="utf-8")
    run = subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"],
        cwd=directory,
        capture_output=True,
        timeout=120,
        check=False,
    )
    log = (directory / "doc.log").read_text(encoding="utf-8", errors="replace")
    assert run.returncode == 0, "\n".join(re.findall(r"^!.*", log, re.MULTILINE)) or log[-2000:]
    return log
