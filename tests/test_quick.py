"""cli/quick.py, the reader of eval's and grad's command lines that runs without Typer: its
tables are the Typer commands', and for every command line it reads it gives ``execute`` the
very arguments the Typer command gives it; every other command line it leaves to Typer."""

from __future__ import annotations

import sys
from typing import Any

import pytest
import typer

from sigmoid_cli.cli import PROG, app, quick
from sigmoid_cli.cli.argv import values_last


def _params(name: str) -> list[Any]:
    group = typer.main.get_command(app.build_app())
    command = group.commands[name]  # type: ignore[attr-defined]
    parent = group.make_context(PROG, [name], resilient_parsing=True)
    context = command.make_context(name, [], parent=parent, resilient_parsing=True)
    return list(command.get_params(context))


# Typer's parameter names are the command functions' (execute's: fmt for --format).
@pytest.mark.parametrize("name", ["eval", "grad"])
def test_the_tables_are_the_typer_commands(name: str) -> None:
    spellings: dict[str, str] = {}
    defaults: dict[str, Any] = {}
    for param in _params(name):
        if param.name == "help":
            continue
        defaults[param.name] = param.default
        for spelling in (*param.opts, *param.secondary_opts):
            if param.param_type_name == "option":
                spellings[spelling] = param.name
    assert {spelling: entry[0] for spelling, entry in quick.OPTIONS[name].items()} == spellings
    assert quick.DEFAULTS[name] == {**defaults, "values": None}


def _typer_arguments(args: list[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What the Typer command hands to execute for ``args``."""
    seen: dict[str, Any] = {}
    monkeypatch.setattr(app, "execute", lambda **given: seen.update(given))
    command = typer.main.get_command(app.build_app(args[0]))
    command.main(args=values_last(args), prog_name=PROG, standalone_mode=False)
    return seen


READ = [
    ["eval"],
    ["eval", "0.5"],
    ["eval", "-3", "0", "3", "-i"],
    ["eval", "-pi", "--log", "-c", "2"],
    ["eval", "--k", "-2", "--x0", "1e3", "--L", "pi", "-1"],
    ["eval", "--fn", "tanh", "--normalize", "--dtype", "float32", "--format", "jsonl"],
    ["eval", "-o", "csv", "--on-error", "nan", "-u", "--inverse", "0.25"],
    ["eval", "--digits", "40", "1"],
    ["eval", "--exact", "ln(3)"],
    ["eval", "--header", "-f", "score", "-i", "-d", ";", "--decimal-comma"],
    ["eval", "--input", "a.csv", "--input", "-", "--fields", "2,4-5"],
    ["eval", "--", "-1", "--k"],
    ["eval", "-"],
    ["eval", "--softmax", "--temperature", "2", "1", "2"],
    ["eval", "--logsumexp", "-i"],
    ["grad"],
    ["grad", "-n", "3", "--wrt", "all", "--check", "0.7"],
    ["grad", "--order", "100", "--wrt", "k", "--k", "2", "-0.5"],
    ["grad", "--log", "-c", "--fn", "erf", "--format", "tsv", "1", "2"],
]


@pytest.mark.parametrize("args", READ, ids=" ".join)
def test_it_reads_as_typer_does(args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    given = quick.arguments(args)
    assert given is not None
    assert given == _typer_arguments(args, monkeypatch)


LEFT_TO_TYPER = [
    ["eval", "--help"],
    ["eval", "-h"],
    ["eval", "--k=2", "1"],  # click's --name=value form
    ["eval", "-ci", "1"],  # click's clustered short flags
    ["eval", "--fn", "TANH", "1"],  # click's case-insensitive choice
    ["eval", "--fn", "nope", "1"],
    ["eval", "--format", "yaml"],
    ["eval", "--k", "1", "--k", "2", "0"],  # an option twice
    ["eval", "-i", "--with-input"],
    ["eval", "--digits", "-3", "1"],
    ["eval", "--digits", "ten", "1"],
    ["eval", "--order", "2", "1"],  # grad's option
    ["eval", "--k"],  # its argument missing
    ["eval", "--bogus"],
    ["grad", "--order", "0", "1"],  # out of range: grad_command's message
    ["grad", "--order", "101", "1"],
    ["grad", "--wrt", "y", "1"],
    ["derive", "--log"],
    ["plot-ascii"],
    [],
]


@pytest.mark.parametrize("args", LEFT_TO_TYPER, ids=" ".join)
def test_anything_else_is_left_to_typer(args: list[str]) -> None:
    assert quick.arguments(args) is None


def test_a_stream_runs_without_typer() -> None:
    """The point of it: `sigmoid eval < data` never imports Typer (a subprocess: this test
    process has imported it)."""
    import subprocess

    code = "\n".join(
        (
            "import sys; from sigmoid_cli.cli.run import main",
            "try: main(['eval', '-i'])",
            "except SystemExit: pass",
            "print('typer' in sys.modules, file=sys.stderr)",
        )
    )
    done = subprocess.run(
        [sys.executable, "-c", code], input=b"0.5\n", capture_output=True, check=False, timeout=60
    )
    assert done.stdout == b"0.5\t0.6224593312018546\n"
    assert done.stderr == b"False\n"
