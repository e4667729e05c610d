"""The whitelist parser: what it reads, what it refuses, and that it never does anything else."""

from __future__ import annotations

import contextlib
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sigmoid_cli.errors import DataError, ParseError
from sigmoid_cli.grammar.parser import MAX_DEPTH, BinOp, Call, Const, Neg, Num, Var, parse, to_text
from sigmoid_cli.numeric.text import format_float, format_float32, read_float


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.5", 0.5),
        ("-3", -3.0),
        ("−3", -3.0),
        ("1e-3", 1e-3),
        (".5", 0.5),
        ("+2", 2.0),
        ("pi/4", math.pi / 4),
        ("e", math.e),
        ("ln(3)", math.log(3)),
        ("log(3)", math.log(3)),
        ("2^-3", 0.125),
        ("2**-3", 0.125),
        ("sqrt(2)", math.sqrt(2)),
        ("exp(-1)", math.exp(-1)),
        ("-2^2", -4.0),
        ("2^3^2", 512.0),
        ("(1+2)*3", 9.0),
        ("1 - 2 - 3", -4.0),
        ("8/2/2", 2.0),
        (" 7 ", 7.0),
        ("π", math.pi),
        ("2×3", 6.0),
        ("σ(0)", 0.5),
        ("sigmoid(0)", 0.5),
        ("atan(1)", math.pi / 4),
        ("arctan(1)", math.pi / 4),
        ("abs(-2)", 2.0),
        ("1e-400", 0.0),
    ],
)
def test_reads(text: str, expected: float) -> None:
    assert read_float(text) == expected


def test_special_values() -> None:
    assert read_float("inf") == math.inf
    assert read_float("-inf") == -math.inf
    assert math.isnan(read_float("nan"))


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "abc",
        "0x10",
        "1_000",
        "1+",
        "__import__('os')",
        "x.__class__",
        "os.system('id')",
        "1 2",
        "sin",
        "foo(1)",
        "((1)",
        "(1))",
        "1e999999",
        "10^400",
        "1/0",
        "log(-1)",
        "sqrt(-1)",
        "(-8)^(1/3)",  # complex in Python: refused, not an internal error
        "abs((-2)^0.5)",
        "'1'",
        "lambda: 1",
        "[1]",
        "1;2",
        "x",
        "\x00",
        "infinity()",
        "2^^3",
        "e e",
    ],
)
def test_refuses(text: str) -> None:
    with pytest.raises(DataError):
        read_float(text)


def test_deep_nesting_is_refused_not_a_recursion_error() -> None:
    with pytest.raises(ParseError, match="nested"):
        parse("(" * 4_000 + "1" + ")" * 4_000)
    with pytest.raises(ParseError, match="nested"):
        parse("-" * (MAX_DEPTH + 5) + "1")


def test_long_input_is_refused_before_work() -> None:
    with pytest.raises(ParseError, match="limit"):
        parse("1+" * 100_000 + "1")


def test_errors_say_where() -> None:
    with pytest.raises(ParseError) as info:
        parse("1 + foo(2)")
    assert info.value.position == 5
    assert "unknown function 'foo'" in str(info.value)


def test_tree_shape_and_precedence() -> None:
    assert parse("-x^2", frozenset({"x"})) == Neg(BinOp("^", Var("x"), Num("2")))
    assert parse("2*sigmoid(x)", frozenset({"x"})) == BinOp("*", Num("2"), Call("sigmoid", Var("x")))
    assert parse("pi") == Const("pi")
    assert to_text(parse("2^-x", frozenset({"x"}))) == "(2**(-x))"


def test_inf_and_nan_only_when_allowed() -> None:
    with pytest.raises(ParseError):
        parse("inf", allow_special=False)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789.eE+-*/^()xpisqrtlogσ ,_'\"[]\\", max_size=40))
def test_parser_never_raises_anything_but_our_errors(text: str) -> None:
    with contextlib.suppress(DataError):
        read_float(text)


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=False))
def test_format_round_trips(x: float) -> None:
    text = format_float(x)
    assert float(text) == x
    assert text == ("inf" if x == math.inf else "-inf" if x == -math.inf else repr(x))


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False, width=32))
def test_float32_format_is_shortest_and_round_trips(x: float) -> None:
    import numpy as np

    text = format_float32(x)
    assert np.float32(float(text)) == np.float32(x)
    assert len(text.replace("e-0", "e-").replace(".0", "")) <= len(repr(np.float32(x).item())) + 2


def test_float_literal_reads_exactly() -> None:
    assert read_float("0.1") == 0.1
    assert read_float("2.2250738585072014e-308") == 2.2250738585072014e-308
