"""eval's and grad's command lines read without Typer, when they are plain enough.

Importing Typer takes about 100 ms, longer than most streams take to compute: `sigmoid eval
< data` would spend a third of its time on it. The options of eval and grad are flags, words
from a fixed list, numbers and strings, so this module reads the common command lines itself
and gives ``execute`` the same arguments the Typer commands give it. It reads only what it is
sure of: anything else (an unknown or misspelt option, `--k=2`, `-ci`, a word outside a
choice, an option given twice, --help) returns None, and Typer reads the command line as
always, with its own messages. tests/test_quick.py checks the tables below against the Typer
commands and both readers against each other.
"""

from __future__ import annotations

import re
from typing import Any

from .argv import OPTION, read
from .options import DType, Fn, OnError, OutputFormat, Wrt

# Each option's parameter, and how its text becomes the value (None: a flag, True when given).
_FLAG, _TEXT, _COUNT, _LIST = "flag", "text", "count", "list"
_SHARED: dict[str, tuple[str, Any]] = {
    "--complement": ("complement", _FLAG),
    "-c": ("complement", _FLAG),
    "--log": ("log", _FLAG),
    "--k": ("k", _TEXT),
    "--x0": ("x0", _TEXT),
    "--L": ("L", _TEXT),
    "--fn": ("fn", Fn),
    "--normalize": ("normalize", _FLAG),
    "--dtype": ("dtype", DType),
    "--digits": ("digits", _COUNT),
    "--exact": ("exact", _FLAG),
    "--format": ("fmt", OutputFormat),
    "-o": ("fmt", OutputFormat),
    "--with-input": ("with_input", _FLAG),
    "-i": ("with_input", _FLAG),
    "--on-error": ("on_error", OnError),
    "--unbuffered": ("unbuffered", _FLAG),
    "-u": ("unbuffered", _FLAG),
    "--fields": ("fields", _TEXT),
    "-f": ("fields", _TEXT),
    "--header": ("header", _FLAG),
    "--delimiter": ("delimiter", _TEXT),
    "-d": ("delimiter", _TEXT),
    "--decimal-comma": ("decimal_comma", _FLAG),
    "--input": ("inputs", _LIST),
    "--expr": ("expr", _TEXT),
    "--var": ("var", _TEXT),
    "--set": ("sets", _LIST),
}
OPTIONS: dict[str, dict[str, tuple[str, Any]]] = {
    "eval": {
        **_SHARED,
        "--inverse": ("inverse", _FLAG),
        "--softmax": ("softmax", _FLAG),
        "--log-softmax": ("log_softmax", _FLAG),
        "--logsumexp": ("logsumexp", _FLAG),
        "--temperature": ("temperature", _TEXT),
    },
    "grad": {
        **_SHARED,
        "--order": ("order", _COUNT),
        "-n": ("order", _COUNT),
        "--wrt": ("wrt", Wrt),
        "--check": ("check", _FLAG),
    },
}
_SHARED_DEFAULTS: dict[str, Any] = {
    "values": None,
    "complement": False,
    "log": False,
    "k": "1",
    "x0": "0",
    "L": "1",
    "fn": Fn.logistic,
    "normalize": False,
    "dtype": DType.float64,
    "digits": None,
    "exact": False,
    "fmt": OutputFormat.plain,
    "with_input": False,
    "on_error": OnError.fail,
    "unbuffered": False,
    "fields": None,
    "header": False,
    "delimiter": None,
    "decimal_comma": False,
    "inputs": None,
    "expr": None,
    "var": "x",
    "sets": None,
}
DEFAULTS: dict[str, dict[str, Any]] = {
    "eval": {
        **_SHARED_DEFAULTS,
        "inverse": False,
        "softmax": False,
        "log_softmax": False,
        "logsumexp": False,
        "temperature": "1",
    },
    "grad": {**_SHARED_DEFAULTS, "order": 1, "wrt": Wrt.x, "check": False},
}
_DIGITS = re.compile(r"[0-9]{1,6}")


def arguments(args: list[str]) -> dict[str, Any] | None:
    """``execute``'s keyword arguments for `sigmoid eval|grad ...` (``args`` without the program
    name), or None when Typer must read this command line."""
    if not args or args[0] not in OPTIONS:
        return None
    command = args[0]
    table = OPTIONS[command]
    given = dict(DEFAULTS[command])
    seen: set[str] = set()
    values: list[str] = []
    for kind, tokens in read(command, args[1:]):
        if kind != OPTION:
            values.extend(tokens)
            continue
        entry = table.get(tokens[0])
        if entry is None:
            return None  # --help, --k=2, -ci, a typo: Typer's
        name, reading = entry
        if name in seen and reading is not _LIST:
            return None  # given twice: what Typer does with that is Typer's to say
        seen.add(name)
        if reading is _FLAG:
            given[name] = True
            continue
        if len(tokens) != 2:
            return None  # the option's argument is missing
        value = _value(reading, tokens[1])
        if value is None:
            return None
        given[name] = [*(given[name] or []), value] if reading is _LIST else value
    if command == "grad" and not 1 <= given["order"] <= 100:
        return None  # grad_command's own message
    given["values"] = values or None
    return given


def _value(reading: Any, text: str) -> Any:
    if reading is _TEXT or reading is _LIST:
        return text
    if reading is _COUNT:
        return int(text) if _DIGITS.fullmatch(text) else None
    try:
        return reading(text)  # an exact choice: other spellings (TANH) are Typer's to read
    except ValueError:
        return None
