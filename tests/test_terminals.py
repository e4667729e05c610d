"""Real terminals and real files (issue 18): the help a bare `sigmoid` prints, tables that never
break a number, output that does not depend on the terminal's encoding or the locale."""

from __future__ import annotations

import pytest
from helpers import on_terminal, sigmoid


def test_bare_sigmoid_prints_the_help_as_help_does() -> None:
    bare = sigmoid()
    assert bare.code == 2  # a usage error for a script, as awk's and Click's
    assert bare.err == sigmoid("--help").out
    assert "Commands:" in bare.err and "\n  eval " in bare.err


@pytest.mark.parametrize("columns", ["40", "200"])
def test_a_piped_table_is_as_wide_as_its_numbers(columns: str) -> None:
    run = sigmoid("grad", "--wrt", "all", "-i", "-o", "table", stdin="0.5\n", env={"COLUMNS": columns})
    assert run.code == 0, run.err
    rows = [line for line in run.lines if line.startswith("│")]
    assert len(rows) == 1  # one line per value: no number folded onto a second line
    cells = [cell.strip() for cell in rows[0].strip("│").split("│")]
    expected = ["0.5", "0.2350037122015945", "0.11750185610079725"]
    expected += ["-0.2350037122015945", "0.6224593312018546"]
    assert cells == expected


@pytest.mark.slow
def test_a_table_too_wide_for_the_terminal_says_so() -> None:
    narrow = on_terminal(["grad", "--wrt", "all", "-o", "table", "0.5"], env={}, size=(30, 40))
    assert narrow.code == 2
    assert narrow.err.strip().startswith("sigmoid: error: --format table needs ")
    assert "use --format tsv" in narrow.err and "\n" not in narrow.err.strip()
    wide = on_terminal(["grad", "--wrt", "all", "-o", "table", "0.5"], env={}, size=(30, 120))
    assert wide.code == 0 and "0.11750185610079725" in wide.out
