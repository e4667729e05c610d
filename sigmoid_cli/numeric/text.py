"""Numbers as text: reading VALUES (numbers or constant expressions) and writing results.

Plain decimal numbers take a fast path through ``float``; anything else goes through our
whitelist parser (grammar/parser.py) and is computed in float64, in mpmath or in sympy.
"""

from __future__ import annotations

import math
import re
import struct
from functools import cache
from typing import TYPE_CHECKING, Any

from sigmoid_cli.errors import DataError, ParseError

from . import kernels as K

if TYPE_CHECKING:
    from sigmoid_cli.grammar.arithmetic import Arithmetic
    from sigmoid_cli.grammar.parser import Node

# What float() may read directly: no underscores, no 'infinity', no hex, no spaces inside.
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_SPECIAL = {"inf": math.inf, "+inf": math.inf, "-inf": -math.inf, "nan": math.nan}
_SHOWN = 40  # how much of a bad value an error message quotes


def _float_sigmoid(x: float) -> float:
    return float(K.sigmoid(K.MATH, x))


def _real_power(base: float, exponent: float) -> float:
    """x^y in float64; a negative base to a fractional power has no real value (Python would
    give a complex number)."""
    result: float | complex = base**exponent
    if isinstance(result, complex):
        raise ValueError("a negative number to a fractional power")
    return result


@cache  # built once: its table of every registry function is the same each time
def float_backend() -> Arithmetic:
    """The grammar computed in float64 (math): built on first use, like the parser itself."""
    from sigmoid_cli.grammar.arithmetic import arithmetic

    from .activations import float_functions

    # σ by our stable kernel, which never overflows; its formula would for x < -709. The
    # activations likewise (softplus(800) by its formula would overflow).
    return arithmetic(
        "math",
        math,
        float,
        {"pi": math.pi, "e": math.e, "inf": math.inf, "nan": math.nan},
        own={"sigmoid": _float_sigmoid, **float_functions()},
        power=_real_power,
    )


def quote(text: str) -> str:
    """The value as an error message shows it: quoted, and cut when it is long."""
    shown = text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"
    return repr(shown)


def not_a_number(text: str, reason: str = "") -> DataError:
    return DataError(f"{quote(text)} is not a number" + (f" ({reason})" if reason else ""))


def parse_value(text: str) -> Node:
    """The syntax tree of a VALUE, or a DataError that says why it is not one."""
    from sigmoid_cli.grammar.parser import parse

    try:
        return parse(text.strip())
    except ParseError as error:
        bare = not any(ch in text for ch in "()+*/^") or text.strip() == ""
        raise not_a_number(text, "" if bare else str(error)) from None


def read_float(text: str) -> float:
    """A VALUE as the nearest float64; out-of-range literals and domain errors are DataErrors."""
    stripped = text.strip()
    if NUMBER.fullmatch(stripped):
        result = float(stripped)
        if math.isinf(result):
            raise DataError(f"{quote(text)} is out of the float64 range (write inf for infinity)")
        return result
    special = _SPECIAL.get(stripped.lower().replace("\u2212", "-"))
    if special is not None:
        return special
    return float_of(parse_value(text), text)


def float_of(node: Node, text: str) -> float:
    from sigmoid_cli.grammar.arithmetic import compute

    try:
        result = float(compute(node, float_backend()))
    except OverflowError:
        raise DataError(f"{quote(text)} is out of the float64 range") from None
    except ZeroDivisionError:
        raise DataError(f"{quote(text)} divides by zero") from None
    except ValueError:
        raise DataError(f"{quote(text)} is outside the domain of a function in it") from None
    if math.isinf(result) and "inf" not in text.lower():
        raise DataError(f"{quote(text)} is out of the float64 range")
    return result


@cache  # built once: its table of every registry function is the same each time
def mp_backend(ctx: Any) -> Arithmetic:
    """The same grammar computed in mpmath at the context's current precision."""
    from sigmoid_cli.grammar.arithmetic import arithmetic

    from .activations import mp_functions

    constants = {"pi": ctx.pi, "e": ctx.e, "inf": ctx.inf, "nan": ctx.nan}
    return arithmetic("mpmath", ctx, ctx.mpf, constants, own=mp_functions(ctx))


# --- writing ---------------------------------------------------------------------------------


def format_float(x: float) -> str:
    """The shortest decimal string that reads back as the same float64, like Python's repr."""
    if math.isfinite(x):
        return repr(x)
    return "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")


def format_float32(x: float) -> str:
    """Round once to float32 and print the shortest string that reads back as that float32."""
    if not math.isfinite(x):
        return format_float(x)
    try:
        single = struct.unpack("f", struct.pack("f", x))[0]
    except OverflowError:
        return "inf" if x > 0 else "-inf"
    for digits in range(1, 10):
        text = f"{single:.{digits}g}"
        if struct.unpack("f", struct.pack("f", float(text)))[0] == single:
            return repr(float(text))
    return repr(single)
