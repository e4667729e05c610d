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


def test_json_inputs_that_are_numbers_are_json_numbers() -> None:
    import json

    run = sigmoid("eval", "-o", "json", "-i", stdin="0\n-2 .5\n1e3\nnan\n")
    rows = json.loads(run.out)
    assert [row["x"] for row in rows] == [0, -2, 0.5, 1000, None]
    assert [row["x"] > 0 for row in rows[:4]] == [False, False, True, True]  # jq's `.x > 0`
    fields = sigmoid("eval", "-o", "jsonl", "-i", "--header", "-f", "2", stdin="id,dose\nq7,2\n")
    # the computed field's input is a number; the other fields pass through as text
    row = json.loads(fields.out.splitlines()[0])
    assert row == {"id": "q7", "dose": 2, "sigmoid(dose)": 0.8807970779778824}
