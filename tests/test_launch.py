"""The launcher's guess whether a command line means a stdin stream (it forks the workers
early when it does), checked against the real CLI's options."""

from __future__ import annotations

import typer

from sigmoid_cli.cli.app import build_app
from sigmoid_cli.cli.launch import VALUE_OPTIONS, stream_expected


def test_value_options_are_the_clis() -> None:
    group = typer.main.get_command(build_app())
    taking_values: set[str] = set()
    for name in ("eval", "grad"):
        for param in group.commands[name].params:  # type: ignore[attr-defined]
            if getattr(param, "is_flag", True) is False and not getattr(param, "count", False):
                taking_values.update(opt for opt in param.opts if opt.startswith("-"))
    assert taking_values == VALUE_OPTIONS


def test_streams_are_recognised() -> None:
    for args in (
        ["eval"],
        ["grad", "--order", "3"],
        ["eval", "-c", "--k", "-2"],
        ["eval", "-"],
        ["eval", "-f", "csv"],
    ):
        assert stream_expected(args, stdin_is_terminal=False), args


def test_values_and_terminals_are_not_streams() -> None:
    for args in (
        ["eval", "0.5"],
        ["eval", "-3"],
        ["eval", "-c", "-.5"],
        ["grad", "-(1)"],
        ["eval", "--", "x"],
    ):
        assert not stream_expected(args, stdin_is_terminal=False), args
    assert not stream_expected(["eval"], stdin_is_terminal=True)
    assert not stream_expected(["derive"], stdin_is_terminal=False)
    assert not stream_expected(["eval", "--help"], stdin_is_terminal=False)
