"""The verifier's test with each σ(u) as a symbol (verify._cancel_in_sigma): it proves true
identities in nested σ quickly, never a false one, and leaves alone what needs σ written out."""

from __future__ import annotations

import sympy

from sigmoid_cli.proofs import verify as V
from sigmoid_cli.symbolic.sympy_bridge import sigmoid

x = sympy.Symbol("x", real=True)
s1 = sigmoid(x)
s2 = sigmoid(s1)
s3 = sigmoid(s2)


def test_a_true_identity_in_nested_sigma_is_proved() -> None:
    # d/dx σ(σ(σ(x))) by the chain rule, and a product reordered and expanded
    chain = s3 * (1 - s3) * s2 * (1 - s2) * s1 * (1 - s1)
    assert V._cancel_in_sigma(sympy.Derivative(s3, x), chain)
    assert V._cancel_in_sigma((1 - s2) * (s1 + s2), s1 + s2 - s1 * s2 - s2**2)


def test_a_false_identity_is_not() -> None:
    chain = s3 * (1 - s3) * s2 * (1 - s2) * s1 * (1 - s1)
    assert not V._cancel_in_sigma(sympy.Derivative(s3, x), chain * s1)  # an extra factor
    assert not V._cancel_in_sigma(sympy.Derivative(s3, x), -chain)  # a lost sign
    assert not V._cancel_in_sigma((1 - s2) * s1, s1 - s2)


def test_what_needs_sigma_written_out_is_left_to_the_other_tests() -> None:
    # true, but only through σ(x) = 1/(1 + e^(−x)): not a rational identity in the symbol σ(x)
    assert not V._cancel_in_sigma(s1, 1 / (1 + sympy.exp(-x)))
    assert not V._cancel_in_sigma(sympy.Derivative(s1, x), sympy.exp(-x) / (1 + sympy.exp(-x)) ** 2)
