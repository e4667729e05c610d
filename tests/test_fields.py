"""--fields and --header: the chosen columns computed, every other byte as it came, line numbers
absolute, and the same output with chunks and worker processes as without."""

from __future__ import annotations

import io
import json

import pytest
from helpers import sigmoid

from sigmoid_cli.errors import UsageError
from sigmoid_cli.jobs import Job
from sigmoid_cli.numeric.curve import Curve
from sigmoid_cli.stream import reader as stream
from sigmoid_cli.stream.fields import Fields, parse_fields

SCORES = "id,score\n1,0.5\n2,-3\n"
EXPECTED = "id,score,sigmoid(score)\n1,0.5,0.6224593312018546\n2,-3,0.04742587317756678\n"


def s(x: float) -> str:
    """σ(x) as the argument path prints it (the stream gives the same digits)."""
    return Job(Curve()).scalar(repr(x))[0]


@pytest.fixture(autouse=True)
def _inline_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIGMOID_WORKERS", "0")


@pytest.mark.parametrize("fields", ["score", "2"])
def test_header_with_input_by_name_or_number(fields: str) -> None:
    run = sigmoid("eval", "--header", "-f", fields, "-i", stdin=SCORES)
    assert (run.code, run.out, run.err) == (0, EXPECTED, "")


def test_long_option_names() -> None:
    assert sigmoid("eval", "--header", "--fields", "score", "--with-input", stdin=SCORES).out == EXPECTED


def test_fields_replace_their_values_without_input() -> None:
    run = sigmoid("eval", "--header", "-f", "score", stdin=SCORES)
    assert run.out == "id,score\n1,0.6224593312018546\n2,0.04742587317756678\n"


def test_numbered_field_without_header() -> None:
    assert sigmoid("eval", "-f", "2", "-i", stdin="1,0.5\n").out == f"1,0.5,{s(0.5)}\n"
    assert sigmoid("eval", "-f", "2", stdin="1,0.5\n").out == f"1,{s(0.5)}\n"


def test_quoted_text_with_commas_keeps_its_columns() -> None:
    data = 'name,score,note\n"Smith, J.",0.5,"a ""quoted"" note, with commas"\n"x",1,\n'
    run = sigmoid("eval", "--header", "-f", "score", stdin=data)
    assert run.out == (
        f'name,score,note\n"Smith, J.",{s(0.5)},"a ""quoted"" note, with commas"\n"x",{s(1)},\n'
    )


def test_quoted_number_is_read_as_that_number() -> None:
    assert sigmoid("eval", "-f", "2", "-i", stdin='a,"0.5"\n').out == f'a,"0.5",{s(0.5)}\n'


def test_a_comma_in_quotes_does_not_make_a_comma_line() -> None:
    assert sigmoid("eval", "-f", "2", stdin='"a, b"\t1\n').out == f'"a, b"\t{s(1)}\n'


def test_lists_and_ranges() -> None:
    line = "a,1,b,2,3,c\n"
    assert sigmoid("eval", "-f", "2,4-5", stdin=line).out == f"a,{s(1)},b,{s(2)},{s(3)},c\n"
    assert sigmoid("eval", "-f", "4-", "--on-error", "nan", stdin=line).out == f"a,1,b,{s(2)},{s(3)},nan\n"
    assert sigmoid("eval", "-f", "-2", "--on-error", "nan", stdin=line).out == f"nan,{s(1)},b,2,3,c\n"
    assert sigmoid("eval", "-f", "4-5,2", "-i", stdin=line).out == f"a,1,b,2,3,c,{s(1)},{s(2)},{s(3)}\n"


def test_separators_of_each_line() -> None:
    data = "1\t2\t3\n  1   2 3  \n1, 2,3\n\n"
    out = sigmoid("eval", "-f", "2", stdin=data).out
    # Spaces pass through as they came; a blank line stays blank.
    assert out == f"1\t{s(2)}\t3\n  1   {s(2)} 3  \n1,{s(2)},3\n\n"
    assert sigmoid("eval", "-f", "2", "-i", stdin="1 2\r\n").out == f"1 2 {s(2)}\r\n"


def test_bytes_that_are_not_computed_pass_through() -> None:
    data = b"\xff\xfe,0,caf\xc3\xa9 \x01\n"
    assert sigmoid("eval", "-f", "2", stdin=data).stdout == b"\xff\xfe,0.5,caf\xc3\xa9 \x01\n"


def test_several_result_columns() -> None:
    run = sigmoid("grad", "--wrt", "all", "--header", "-f", "x", stdin="id,x\n1,0\n")
    assert run.out == "id,d/dx(x),d/dk(x),d/dx0(x),d/dL(x)\n1,0.25,0.0,-0.25,0.5\n"
    run = sigmoid("grad", "--wrt", "all", "--header", "-f", "x", "-i", stdin="id x\n1 0\n")
    assert run.out == "id x d/dx(x) d/dk(x) d/dx0(x) d/dL(x)\n1 0 0.25 0.0 -0.25 0.5\n"


def test_result_names_follow_the_function() -> None:
    def header(*args: str) -> str:
        return sigmoid(*args, "--header", "-f", "2", "-i", stdin="a,b\n").out

    assert header("eval") == "a,b,sigmoid(b)\n"
    assert header("eval", "--inverse") == "a,b,logit(b)\n"
    assert header("eval", "-c", "--log") == "a,b,log-1-sigmoid(b)\n"
    assert header("eval", "--fn", "tanh") == "a,b,tanh(b)\n"
    assert header("grad") == "a,b,d/dx(b)\n"
    assert header("grad", "-n", "2") == "a,b,d2/dx2(b)\n"
    # A field the header does not name is called by its number.
    assert sigmoid("eval", "--header", "-f", "3", "-i", stdin="a,b\n").out == "a,b,sigmoid($3)\n"


def test_output_formats() -> None:
    data = "id,score\n1,0.5\n"
    assert sigmoid("eval", "--header", "-f", "2", "-o", "tsv", stdin=data).out == f"id\tscore\n1\t{s(0.5)}\n"
    out = sigmoid("eval", "--header", "-f", "2", "-o", "csv", "-i", stdin='id\tscore\nsay "hi"\t0.5\n').out
    assert out == f'id,score,sigmoid(score)\n"say ""hi""",0.5,{s(0.5)}\n'
    # JSON: the header's names (awk's $N without one) as keys, the fields that pass as strings.
    jsonl = sigmoid("eval", "--header", "-f", "score", "-o", "jsonl", stdin=data + "2,inf\n\n").out
    assert jsonl == f'{{"id": "1", "score": {s(0.5)}}}\n{{"id": "2", "score": 1.0}}\n{{}}\n'
    doc = sigmoid("eval", "-f", "2", "-o", "json", "-i", stdin="x,0\ny,1\n").out
    # with -i the computed field's input is a JSON number, as every -i input is
    rows = ['{"$1": "x", "$2": 0, "sigmoid($2)": 0.5}', f'{{"$1": "y", "$2": 1, "sigmoid($2)": {s(1)}}}']
    assert doc == "[\n" + ",\n".join(rows) + "\n]\n"
    assert json.loads(doc)[1]["sigmoid($2)"] == float(s(1))


def test_table_is_refused() -> None:
    run = sigmoid("eval", "-f", "2", "-o", "table", stdin="1,2\n")
    assert run.code == 2 and "--format table cannot show --fields" in run.err


@pytest.mark.parametrize("policy", ["fail", "nan", "skip"])
def test_bad_value_is_named_by_line_and_field(policy: str) -> None:
    data = "id,score\n1,0.5\n2,abc\n3,-3\n"
    run = sigmoid("eval", "--header", "-f", "score", "--on-error", policy, stdin=data)
    first, last = f"1,{s(0.5)}\n", f"3,{s(-3)}\n"
    if policy == "fail":
        assert (run.code, run.out) == (1, f"id,score\n{first}")
        assert run.err == "sigmoid: error: line 3, value 2: 'abc' is not a number\n"
        return
    middle = "2,nan\n" if policy == "nan" else ""  # skip leaves the line out: no column shifts
    assert (run.code, run.out) == (0, f"id,score\n{first}{middle}{last}")
    assert run.err == "sigmoid: 1 value could not be read (first: line 3 'abc')\n"


def test_missing_field_is_a_data_error_at_its_line() -> None:
    run = sigmoid("eval", "-f", "3", stdin="1,2,3\n1,2\n")
    assert (run.code, run.out) == (1, f"1,2,{s(3)}\n")
    assert run.err == "sigmoid: error: line 2, value 3: no field 3 (the line has 2 fields)\n"
    assert sigmoid("eval", "-f", "3", "--on-error", "nan", stdin="1,2\n").out == "1,2,nan\n"
    assert sigmoid("eval", "-f", "4", "--on-error", "nan", "-i", stdin="1 2\n").out == "1 2 nan\n"


def test_an_open_range_takes_what_a_line_has() -> None:
    assert sigmoid("eval", "-f", "2-", stdin="a,0\nb\n").out == "a,0.5\nb\n"


@pytest.mark.parametrize("name", ["csv", "json", "plain"])
def test_f_with_a_format_name_says_where_format_went(name: str) -> None:
    run = sigmoid("eval", "-f", name, stdin="1\n")
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        "sigmoid: error: -f is --fields in eval and grad (as in cut); "
        f"for the output format write --format {name} (or -o {name})\n"
    )
    assert sigmoid("grad", "-f", name, "--header", stdin="a,b\n").code == 2


def test_a_header_may_name_a_column_csv() -> None:
    assert sigmoid("eval", "--header", "-f", "csv", stdin="id,csv\n1,0\n").out == "id,csv\n1,0.5\n"


def test_an_unknown_name_lists_the_header() -> None:
    run = sigmoid("eval", "--header", "-f", "age", stdin=SCORES)
    assert (run.code, run.out) == (2, "")
    assert run.err == "sigmoid: error: --fields: no column 'age' in the header; its columns: id, score\n"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ("0", "fields are numbered from 1"),
        ("3-2", "the range 3-2 decreases"),
        ("1,,2", "an empty item"),
        ("score", "'score' is not a field number or range (names need --header)"),
    ],
)
def test_bad_lists_are_usage_errors(fields: str, message: str) -> None:
    run = sigmoid("eval", "-f", fields, stdin="1\n")
    assert run.code == 2 and message in run.err and run.err.count("\n") == 1


def test_fields_and_header_are_for_stdin() -> None:
    run = sigmoid("eval", "-f", "2", "0.5")
    assert run.code == 2 and "drop the VALUEs" in run.err


def test_header_alone_passes_the_first_line() -> None:
    assert sigmoid("eval", "--header", stdin="x\n0\n").out == "x\n0.5\n"
    run = sigmoid("eval", "--header", stdin="x\n0\nabc\n")
    assert run.err == "sigmoid: error: line 3, value 1: 'abc' is not a number\n"


def test_format_keeps_its_long_name_and_gets_o() -> None:
    assert sigmoid("eval", "0", "-o", "csv", "-i").out == "0,0.5\n"
    assert sigmoid("eval", "0", "--format", "tsv", "-i").out == "0\t0.5\n"


def test_derive_keeps_f_for_format() -> None:
    assert sigmoid("derive", "-f", "plain").code == 0


def test_slow_arithmetic_and_float32() -> None:
    assert sigmoid("eval", "-f", "2", "--digits", "5", stdin="a,1\n").out == "a,0.73106\n"
    assert sigmoid("eval", "-f", "2", "--dtype", "float32", stdin="a,1\n").out == "a,0.7310586\n"
    assert sigmoid("eval", "-f", "2", stdin="a,ln(3)\n").out == "a,0.75\n"


def test_negative_zero_keeps_its_sign() -> None:
    assert sigmoid("eval", "--fn", "tanh", "-f", "1", stdin="-0\n0\n").out == "-0.0\n0.0\n"


# --- chunks and workers --------------------------------------------------------------------------


def _task(spec: Fields, with_input: bool = True, policy: str = "nan") -> stream.Task:
    return stream.Task(Job(Curve()), "plain", with_input, policy, spec, header=True)  # type: ignore[arg-type]


@pytest.mark.parametrize("workers", ["0", "2"])
def test_header_and_positions_across_chunks_and_workers(
    monkeypatch: pytest.MonkeyPatch, workers: str
) -> None:
    monkeypatch.setenv("SIGMOID_WORKERS", workers)
    monkeypatch.setattr(stream, "CHUNK_BYTES", 512)
    rows = [f'{i},"text, {i}",{i / 100}' for i in range(5_000)]
    rows[3_210] = "3210,x,oops"
    data = ("id,note,score\n" + "\n".join(rows) + "\n").encode()
    sink = io.BytesIO()
    summary = stream.run(_task(parse_fields("score", header=True)), io.BytesIO(data), sink, interactive=False)
    lines = sink.getvalue().decode().split("\n")
    assert lines[0] == "id,note,score,sigmoid(score)"
    assert lines[1] == f'0,"text, 0",0.0,{s(0)}'
    assert lines[4_000] == f'3999,"text, 3999",39.99,{s(39.99)}'
    assert lines[3_211] == "3210,x,oops,nan"
    assert len(lines) == 5_002 and lines[-1] == ""
    # The header is line 1 of the input: the bad value is on line 3,212.
    assert summary.problems == 1 and summary.first is not None
    assert (summary.first.line, summary.first.index, summary.first.text) == (3_212, 3, "oops")


def test_fatal_line_number_counts_the_header(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIGMOID_WORKERS", "2")
    monkeypatch.setattr(stream, "CHUNK_BYTES", 256)
    data = ("score\n" + "".join(f"{i}\n" for i in range(1_000)) + "bad\n").encode()
    sink = io.BytesIO()
    summary = stream.run(_task(parse_fields("score", True), False, "fail"), io.BytesIO(data), sink, False)
    assert summary.fatal is not None and summary.fatal.line == 1_002
    assert sink.getvalue().count(b"\n") == 1_001


def test_cli_with_two_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream, "CHUNK_BYTES", 256)
    data = "id,score\n" + "".join(f"{i},{i / 10}\n" for i in range(2_000))
    run = sigmoid("eval", "--header", "-f", "score", "-i", stdin=data, env={"SIGMOID_WORKERS": "2"})
    expected = "id,score,sigmoid(score)\n" + "".join(f"{i},{i / 10},{s(i / 10)}\n" for i in range(2_000))
    assert (run.code, run.out) == (0, expected)


def test_parse_fields() -> None:
    spec = parse_fields("2,4-5,7-", header=False)
    assert spec.ranges == ((2, 2), (4, 5), (7, None))
    assert spec.select(8) == ([1, 3, 4, 6, 7], [])
    assert spec.select(4) == ([1, 3], [4])
    with pytest.raises(UsageError):
        parse_fields("a", header=False)


@pytest.mark.parametrize("with_input", [False, True])
@pytest.mark.parametrize(("fields", "wrt"), [("2", None), ("1,3", None), ("2-3", None), ("3", "all")])
@pytest.mark.parametrize("sep", [",", "\t"])
def test_whole_chunk_and_line_by_line_paths_agree(
    monkeypatch: pytest.MonkeyPatch, with_input: bool, fields: str, wrt: str | None, sep: str
) -> None:
    import random

    from sigmoid_cli.stream import fields as columns

    rng = random.Random(11)
    # Numbers in every spelling the fast reader meets, and a text column (field 4) passed through.
    spellings = [repr, str, lambda v: f"{v:.18e}", lambda v: str(round(v)), lambda v: repr(v * 1e-6)]
    lines = [
        sep.join([*(rng.choice(spellings)(rng.gauss(0, 5)) for _ in range(3)), f"item{rng.randrange(99)}"])
        for _ in range(500)
    ]
    chunk = ("\n".join(lines) + "\n").encode()
    task = stream.Task(Job(Curve(), wrt=wrt), "plain", with_input, "fail", parse_fields(fields, False))
    assert columns._uniform(task, task.fields, chunk) is not None  # type: ignore[arg-type]
    whole = columns.process_fields(task, chunk)
    monkeypatch.setattr(columns, "_uniform", lambda *_: None)
    by_line = columns.process_fields(task, chunk)
    assert whole.output == by_line.output and whole.values == by_line.values and whole.lines == 500


@pytest.mark.parametrize("with_input", [False, True])
@pytest.mark.parametrize("layout", ["quoted label", "ragged", "crlf"])
def test_spreadsheet_chunks_stay_whole_and_agree(
    monkeypatch: pytest.MonkeyPatch, with_input: bool, layout: str
) -> None:
    """A quoted text column after the chosen field, lines with more fields than others, CRLF
    ends: still cut in whole-array operations, and the same bytes as line by line."""
    import random

    from sigmoid_cli.stream import fields as columns

    rng = random.Random(5)
    lines = []
    for i in range(400):
        label = f'"item {i}, batch {i // 10}"' if layout == "quoted label" and i % 3 == 0 else f"item{i}"
        extra = ",x" * rng.randrange(3) if layout == "ragged" else ""
        lines.append(f"{i},{rng.gauss(0, 4)!r},{label}{extra}")
    end = "\r\n" if layout == "crlf" else "\n"
    chunk = (end.join(lines) + end).encode()
    task = stream.Task(Job(Curve()), "plain", with_input, "fail", parse_fields("2", False))
    calls: list[bool] = []
    original = columns._uniform

    def uniform(*args: object) -> stream.ChunkResult | None:
        result = original(*args)  # type: ignore[arg-type]
        calls.append(result is not None)
        return result

    from sigmoid_cli.stream import lean

    monkeypatch.setattr(lean, "field_column", lambda *_: None)  # the numpy path first
    monkeypatch.setattr(columns, "_uniform", uniform)
    whole = columns.process_fields(task, chunk)
    assert calls[-1]  # taken whole (CRLF: on the second try, as LF lines)
    monkeypatch.setattr(columns, "_uniform", lambda *_: None)
    assert columns.process_fields(task, chunk).output == whole.output
    monkeypatch.undo()  # and the lean path (-i, no CR, a field with no quote before it)
    assert columns.process_fields(task, chunk).output == whole.output


@pytest.mark.parametrize(
    ("stdin", "args", "out"),
    [
        ("x\n0.5\n", ["eval", "--header", "-i"], "x\tsigmoid(x)\n0.5\t0.6224593312018546\n"),
        (
            "a,b\n1,2\n",
            ["eval", "--header", "-i"],
            "a,b,sigmoid(a),sigmoid(b)\n1,2,0.7310585786300049,0.8807970779778824\n",
        ),
        (
            "p\n0.5\n",
            ["eval", "--header", "-i", "--inverse"],
            "p\tlogit(p)\n0.5\t0.0\n",
        ),
        ("x\n0.5\n", ["eval", "--header"], "x\n0.6224593312018546\n"),
    ],
)
def test_header_without_fields_names_the_results_with_input(stdin: str, args: list[str], out: str) -> None:
    run = sigmoid(*args, stdin=stdin)
    assert run.code == 0 and run.out == out
