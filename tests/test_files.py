"""Real files (issue 18): European and spreadsheet files (-d, --decimal-comma, a BOM, quoted
numbers) and files by name (--input), with errors that name the file and the line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import Run, assert_one_error_line, sigmoid
from hypothesis import given, settings
from hypothesis import strategies as st

BOM = b"\xef\xbb\xbf"
GERMAN = BOM + b'Probe;Dosis;Bemerkung\nA;0,5;gut, sehr\nB;1,25;"x; y"\n'


def _error(run: Run, code: int, message: str) -> None:
    assert_one_error_line(run, code)
    assert message in run.err, run.err


def test_a_german_spreadsheet_file(tmp_path: Path) -> None:
    path = tmp_path / "messung.csv"
    path.write_bytes(GERMAN)
    run = sigmoid(
        "eval", "--decimal-comma", "-d", ";", "--header", "--fields", "2", "-i", "--input", str(path)
    )
    assert run.code == 0, run.err
    assert run.out == (
        "Probe;Dosis;Bemerkung;sigmoid(Dosis)\n"
        "A;0,5;gut, sehr;0,6224593312018546\n"
        'B;1,25;"x; y";0,7772998611746912\n'
    )


def test_decimal_commas_are_read_as_numbers_not_as_separators() -> None:
    assert (
        sigmoid("eval", "--decimal-comma", stdin="0,5;1,25\n").out
        == "0,6224593312018546;0,7772998611746912\n"
    )
    # without the flag a comma separates values: -i shows how the line was read
    assert sigmoid("eval", "-i", stdin="0,5\n").out == "0,5,0.5,0.9933071490757152\n"
    # a point is no decimal point then: refused, quoted as typed, not misread
    bad = sigmoid("eval", "--decimal-comma", stdin="1.5\n")
    _error(bad, 1, "line 1, value 1: '1.5' is not a number")


def test_a_delimiter_keeps_other_commas_inside_their_field() -> None:
    run = sigmoid("eval", "-d", ";", "-f", "2", stdin="Müller, A.;0.5\n")
    assert run.out == "Müller, A.;0.6224593312018546\n"
    tabs = sigmoid("eval", "-d", "tab", "-f", "2", "-i", stdin="a, b\t0\n")
    assert tabs.out == "a, b\t0\t0.5\n"


def test_json_keeps_numbers_and_gives_texts_back_as_typed() -> None:
    run = sigmoid("eval", "--decimal-comma", "--header", "-f", "Dosis", "-o", "jsonl", "-i", stdin=GERMAN)
    rows = [json.loads(line) for line in run.lines]
    assert rows[0] == {
        "Probe": "A",
        "Dosis": 0.5,
        "Bemerkung": "gut, sehr",
        "sigmoid(Dosis)": 0.6224593312018546,
    }
    assert rows[1]["Bemerkung"] == "x; y"  # a quoted field's value, as csv readers give it


@pytest.mark.parametrize("fmt", ["plain", "tsv", "csv"])
def test_csv_beside_decimal_commas_separates_with_semicolons(fmt: str) -> None:
    run = sigmoid("eval", "--decimal-comma", "-d", "tab", "-o", fmt, "-i", stdin="0,5\t1\n")
    separator = {"plain": "\t", "tsv": "\t", "csv": ";"}[fmt]
    assert run.out == separator.join(["0,5", "1", "0,6224593312018546", "0,7310585786300049"]) + "\n"


@pytest.mark.slow
@settings(max_examples=15, deadline=None)
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False, width=64), min_size=1, max_size=6))
def test_decimal_comma_output_is_the_usual_output_with_commas(values: list[float]) -> None:
    usual = sigmoid("eval", "-i", stdin=" ".join(map(repr, values)) + "\n").out
    german = " ".join(repr(v).replace(".", ",") for v in values) + "\n"
    assert sigmoid("eval", "--decimal-comma", "-d", "space", "-i", stdin=german).out == usual.replace(
        ".", ","
    )


def test_a_byte_order_mark_is_skipped() -> None:
    assert sigmoid("eval", stdin=BOM + b"0.5\n").out == "0.6224593312018546\n"
    header = sigmoid("eval", "--header", "-f", "x", stdin=BOM + b"x\n0\n")
    assert header.out == "x\n0.5\n"


def test_quoted_numbers_are_numbers() -> None:
    assert sigmoid("eval", stdin='"0.5" "1"\n').out == "0.6224593312018546 0.7310585786300049\n"
    assert (
        sigmoid("eval", "--decimal-comma", stdin='"0,5";"1"\n').out
        == "0,6224593312018546;0,7310585786300049\n"
    )


def test_input_files_are_read_in_turn_with_their_own_line_numbers(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("0\n1\n")
    (tmp_path / "b.txt").write_text("2\nq\n")
    run = sigmoid("eval", "--input", str(tmp_path / "a.txt"), "--input", str(tmp_path / "b.txt"))
    assert run.lines == ["0.5", "0.7310585786300049", "0.8807970779778824"]
    _error(run, 1, f"{tmp_path / 'b.txt'}, line 2, value 1: 'q' is not a number")
    both = sigmoid("eval", "--input", str(tmp_path / "a.txt"), "--input", "-", stdin="3\n")
    assert both.lines[-1] == "0.9525741268224333"


def test_headers_of_later_files_are_checked_not_repeated(tmp_path: Path) -> None:
    for name, text in (("a.csv", "id,x\n1,0\n"), ("b.csv", "id,x\n2,1\n"), ("c.csv", "id,y\n3,2\n")):
        (tmp_path / name).write_text(text)
    run = sigmoid(
        "eval", "--header", "-f", "x", "--input", str(tmp_path / "a.csv"), "--input", str(tmp_path / "b.csv")
    )
    assert run.out == "id,x\n1,0.5\n2,0.7310585786300049\n"
    other = sigmoid(
        "eval", "--header", "-f", "x", "--input", str(tmp_path / "a.csv"), "--input", str(tmp_path / "c.csv")
    )
    _error(other, 1, f"{tmp_path / 'c.csv'}, line 1: the header differs from the first file's")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["eval", "--input", "/no/such/file"], 1, "/no/such/file: No such file or directory"),
        (["eval", "--input", "x", "0.5"], 2, "--input reads values from files"),
        (["eval", "-d", "x"], 2, "--delimiter must be one of"),
        (["eval", "--decimal-comma", "-d", ","], 2, "--decimal-comma needs another --delimiter"),
    ],
)
def test_file_and_separator_mistakes_are_one_line(args: list[str], code: int, message: str) -> None:
    _error(sigmoid(*args), code, message)


def test_grad_reads_files_and_decimal_commas_too(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("0;0,5\n")
    run = sigmoid("grad", "--decimal-comma", "--input", str(tmp_path / "x.csv"))
    assert run.out == "0,25;0,2350037122015945\n"


def test_a_value_that_names_a_file_says_how_to_read_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.txt").write_text("0\n")
    _error(
        sigmoid("eval", "x.txt"),
        1,
        "value 1: 'x.txt' is not a number (to read the file x.txt, write --input x.txt)",
    )
    assert sigmoid("eval", "--input", "x.txt").out == "0.5\n"
