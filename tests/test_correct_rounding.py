"""Every float64 result of eval and grad (order 1) is the correctly rounded double: σ, 1−σ,
log σ, log(1−σ), logit, σ' and L·σ(k(x−x0)) with its derivative, on both code paths
(float_value and array_values), against the independent oracle in tests/oracle.py.

The sample (tests/rounding_samples.py says its mix) is fixed by its seed: SAMPLE inputs per
function on the numpy path, and the special inputs plus every fourth of the rest on the
scalar path; the oracle's values are computed once per function. bench/correct_rounding.py
runs the same mix at a million inputs per function.
"""

from __future__ import annotations

from functools import cache

import pytest
from helpers import sigmoid
from oracle import Function, correctly_rounded
from rounding_samples import FUNCTIONS, misses, numpy_path, report, sample, scalar_path, specials

SAMPLE = 8000
SEED = 20240601


@cache
def _cases(f: Function) -> tuple[list[float], list[float]]:
    xs = sample(f, SAMPLE, SEED)
    return xs, [correctly_rounded(f, x) for x in xs]


def _scalar_share(f: Function, xs: list[float], expected: list[float]) -> tuple[list[float], list[float]]:
    head = len(specials(f))
    return xs[:head] + xs[head::4], expected[:head] + expected[head::4]


@pytest.mark.parametrize("f", FUNCTIONS, ids=lambda f: f.name)
def test_numpy_path_is_correctly_rounded(f: Function) -> None:
    xs, expected = _cases(f)
    found = misses(xs, numpy_path(f, xs), expected)
    if found:
        pytest.fail(report(f, "numpy", xs, found), pytrace=False)


@pytest.mark.parametrize("f", FUNCTIONS, ids=lambda f: f.name)
def test_scalar_path_is_correctly_rounded(f: Function) -> None:
    xs, expected = _scalar_share(f, *_cases(f))
    found = misses(xs, scalar_path(f, xs), expected)
    if found:
        pytest.fail(report(f, "scalar", xs, found), pytrace=False)


# --- the command lines -----------------------------------------------------------------

EXAMPLES = [
    (["eval", "--", "-4.2"], ["eval", "--digits", "17", "--", "-4.2"], Function("sigmoid"), -4.2),
    (["grad", "0.3"], ["grad", "--digits", "17", "0.3"], Function("grad"), 0.3),
]

EXAMPLE_IDS = ["eval -- -4.2", "grad 0.3"]


def _output(args: list[str]) -> str:
    run = sigmoid(*args)
    assert (run.code, run.err) == (0, ""), run
    return run.out.strip()


@pytest.mark.parametrize(("default", "digits", "f", "x"), EXAMPLES, ids=EXAMPLE_IDS)
def test_cli_default_output_is_the_correctly_rounded_double(
    default: list[str], digits: list[str], f: Function, x: float
) -> None:
    shown = _output(default)
    expected = correctly_rounded(f, x)
    assert float(shown) == expected, (
        f"sigmoid {' '.join(default)} printed {shown} ({float(shown).hex()}); "
        f"the correctly rounded {f.name}({x!r}) is {expected!r} ({expected.hex()})"
    )


@pytest.mark.parametrize(("default", "digits", "f", "x"), EXAMPLES, ids=EXAMPLE_IDS)
def test_cli_17_digits_read_back_to_the_default_output(
    default: list[str], digits: list[str], f: Function, x: float
) -> None:
    """The issue's examples. Note: --digits evaluates at the decimal VALUE as typed (−4.2
    exactly), the float64 path at the double nearest it, so this also asks the two to agree
    on what x is; the message says which of the two differs from the oracle."""
    shown, long = _output(default), _output(digits)
    expected = correctly_rounded(f, x)
    assert float(long) == float(shown), (
        f"sigmoid {' '.join(digits)} printed {long}, which reads back as {float(long)!r} "
        f"({float(long).hex()}); sigmoid {' '.join(default)} printed {shown} ({float(shown).hex()}); "
        f"the correctly rounded {f.name} of the double {x!r} ({x.hex()}) is {expected!r} ({expected.hex()})"
    )
