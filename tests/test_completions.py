"""completions/ is generated from the app; these tests fail when it is out of date."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from sigmoid_cli.cli.completions import generate

FOLDER = Path(__file__).resolve().parent.parent / "completions"


def test_completions_are_current() -> None:
    for name, text in generate().items():
        assert (FOLDER / name).read_text() == text, (
            f"run: python -m sigmoid_cli.cli.completions ({name} is stale)"
        )


def test_completions_know_every_command_and_option() -> None:
    bash = generate()["sigmoid"]
    for word in ("eval", "grad", "derive", "plot-ascii", "--digits", "--on-error", "--wrt", "normal-cdf"):
        assert word in bash


@pytest.mark.parametrize(
    ("shell", "flags", "name"),
    [("bash", ["-n"], "sigmoid"), ("zsh", ["-n"], "_sigmoid"), ("fish", ["--no-execute"], "sigmoid.fish")],
)
def test_completion_scripts_parse(shell: str, flags: list[str], name: str) -> None:
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed")
    subprocess.run([shell, *flags, str(FOLDER / name)], check=True)


def test_bash_completes_family_names() -> None:
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    script = (
        f"source {FOLDER / 'sigmoid'}; COMP_WORDS=(sigmoid eval --fn n); COMP_CWORD=3; _sigmoid; "
        'echo "${COMPREPLY[@]}"'
    )
    out = subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["normal-cdf"]
