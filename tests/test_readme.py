"""The README's examples are real: each `$ command` prints exactly what follows it, and the
Python session runs as a doctest. Every option of every command is documented there."""

from __future__ import annotations

import doctest
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def _console_examples() -> list[tuple[str, str]]:
    examples = []
    for block in re.findall(r"```console\n(.*?)```", README, flags=re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            examples.append((command, output))
    return examples


EXAMPLES = _console_examples()


def test_readme_has_examples() -> None:
    assert len(EXAMPLES) > 20


@pytest.mark.parametrize(("command", "expected"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_console_example(command: str, expected: str) -> None:
    shell = f'sigmoid() {{ "{sys.executable}" -m sigmoid_cli "$@"; }}\n{command}'
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80"}
    env.pop("FORCE_COLOR", None)
    completed = subprocess.run(
        ["bash", "-c", shell],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert completed.stdout + completed.stderr == expected


def test_python_api_session() -> None:
    session = re.search(r"```python\n(.*?)```", README, flags=re.S)
    assert session is not None
    test = doctest.DocTestParser().get_doctest(session.group(1), {}, "README", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0 and runner.tries > 5


def test_every_option_is_documented() -> None:
    import typer

    from sigmoid_cli.cli import build_app

    group = typer.main.get_command(build_app())
    missing = [
        f"{name} {option}"
        for name, command in group.commands.items()  # type: ignore[attr-defined]
        for param in command.params
        for option in param.opts
        if option.startswith("--") and option not in README
    ]
    assert not missing, f"not in the README: {missing}"
