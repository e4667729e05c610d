"""The command line of eval and grad as cli/argv.py reads it (the launcher's guess whether
a stdin stream is coming, and negative VALUEs), checked against the real CLI's options."""

from __future__ import annotations

import pytest
import typer

from sigmoid_cli.cli import argv
from sigmoid_cli.cli.app import PROG, build_app
from sigmoid_cli.cli.launch import stream_expected
from sigmoid_cli.errors import DataError
from sigmoid_cli.numeric.text import parse_value


def _options_of(name: str) -> tuple[set[str], set[str]]:
    """The real command's options that take a value, and those that do not (with --help)."""
    group = typer.main.get_command(build_app())
    command = group.commands[name]  # type: ignore[attr-defined]
    parent = group.make_context(PROG, [name], resilient_parsing=True)
    context = command.make_context(name, [], parent=parent, resilient_parsing=True)
    taking_values: set[str] = set()
    flags: set[str] = set()
    for param in command.get_params(context):
        if param.param_type_name == "option":
            names = {*param.opts, *param.secondary_opts}
            (flags if param.is_flag or param.count else taking_values).update(names)
    return taking_values, flags


@pytest.mark.parametrize("name", ["eval", "grad"])
def test_option_tables_are_the_clis(name: str) -> None:
    assert _options_of(name) == (argv.VALUE_OPTIONS[name], argv.FLAGS[name])


def test_no_option_reads_as_a_value() -> None:
    """argv.read takes a known flag such as -c for an option without asking the grammar,
    which must then agree that it is not a VALUE."""
    for name in {*argv.FLAGS["eval"], *argv.FLAGS["grad"]}:
        with pytest.raises(DataError):
            parse_value(name)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["eval", "0.5"], ["eval", "0.5"]),
        (["eval", "-3", "-c"], ["eval", "-c", "--", "-3"]),
        (["eval", "-pi", "-e", "-x"], ["eval", "-x", "--", "-pi", "-e"]),
        (["eval", "-(1", "-1abc", "-"], ["eval", "--", "-(1", "-1abc", "-"]),
        (["eval", "--k", "-2", "-f", "-c", "1"], ["eval", "--k", "-2", "-f", "-c", "1"]),
        (["eval", "--k", "-2", "-1", "--x0=-1"], ["eval", "--k", "-2", "--x0=-1", "--", "-1"]),
        (["eval", "-1", "--", "-2", "--k"], ["eval", "--", "-1", "-2", "--k"]),
        (["grad", "-n", "2", "-0.5"], ["grad", "-n", "2", "--", "-0.5"]),
        (["eval", "-n", "2", "-0.5"], ["eval", "-n", "--", "2", "-0.5"]),  # eval has no -n
        (["derive", "-3"], ["derive", "-3"]),
    ],
)
def test_values_last(args: list[str], expected: list[str]) -> None:
    assert argv.values_last(args) == expected


def test_streams_are_recognised() -> None:
    for args in (
        ["eval"],
        ["grad", "--order", "3"],
        ["eval", "-c", "--k", "-2"],
        ["eval", "-"],
        ["eval", "-o", "csv"],
        ["eval", "-f", "2", "--header"],
        ["eval", "--"],
        ["eval", "--", "-"],
        ["eval", "--k", "-u"],
    ):
        assert stream_expected(args, stdin_is_terminal=False), args


def test_values_and_terminals_are_not_streams() -> None:
    for args in (
        ["eval", "0.5"],
        ["eval", "-3"],
        ["eval", "-c", "-.5"],
        ["grad", "-(1)"],
        ["eval", "--", "x"],
        ["eval", "-pi"],
        ["eval", "-", "-"],
        ["eval", "-u"],
        ["grad", "-n", "2", "-e"],
    ):
        assert not stream_expected(args, stdin_is_terminal=False), args
    assert not stream_expected(["eval"], stdin_is_terminal=True)
    assert not stream_expected(["derive"], stdin_is_terminal=False)
    assert not stream_expected(["eval", "--help"], stdin_is_terminal=False)


@pytest.mark.parametrize(
    ("args", "lean"),
    [
        (["eval"], True),
        (["eval", "--log", "-c", "--format", "csv"], True),
        (["grad", "--k", "2"], True),
        (["eval", "--inverse"], True),
        (["eval", "--fn", "tanh"], False),
        (["eval", "--fn", "expit"], True),
        (["eval", "--expr", "x*sigmoid(x)"], False),
        (["eval", "-i"], True),
        (["eval", "-i", "--format", "jsonl"], False),
        (["eval", "--header", "-f", "2"], False),
        (["eval", "--header", "-f", "score", "-i"], True),
        (["eval", "-f", "2-3", "-i"], False),
        (["grad", "--order", "2"], True),
        (["grad", "--order", "3"], False),
        (["eval", "--dtype", "float32"], False),
        (["eval", "--format", "json"], False),
        (["eval", "--k=2"], False),  # Typer's to read: the numpy warm-up, which serves every stream
    ],
)
def test_workers_leave_numpy_out_of_their_warm_up_for_the_lean_path(args: list[str], lean: bool) -> None:
    from sigmoid_cli.cli.launch import _warm_up_for

    expected = "sigmoid_cli.stream.reader:warm_up_lean" if lean else "sigmoid_cli.stream.reader:warm_up"
    assert _warm_up_for(args) == expected
