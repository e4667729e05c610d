"""The Python API: everything the CLI computes, as plain functions.

Scalars (int/float) go through the pure-``math`` path and return a float; anything else
(lists, numpy arrays) goes through numpy and returns a float64 array.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, overload

from .errors import DataError
from .numeric import curve as numeric
from .numeric.curve import Curve

if TYPE_CHECKING:
    from .proofs.steps import Proof


def evaluate(curve: Curve, x: float) -> float:
    """The curve (value, derivative or inverse) at one float."""
    return numeric.float_value(curve, float(x))


def evaluate_array(curve: Curve, x: Any) -> Any:
    """The curve over an array; values outside an inverse's domain raise DataError."""
    result, bad = numeric.array_values(curve, x)
    if bad.any():
        raise DataError(f"{int(bad.sum())} values are outside the domain of the inverse")
    return result


@overload
def _apply(curve: Curve, x: float) -> float: ...
@overload
def _apply(curve: Curve, x: Any) -> Any: ...
def _apply(curve: Curve, x: Any) -> Any:
    if isinstance(x, int | float):
        return evaluate(curve, x)
    return evaluate_array(curve, x)


def sigmoid(
    x: Any,
    *,
    k: float = 1.0,
    x0: float = 0.0,
    L: float = 1.0,
    fn: str = "logistic",
    normalize: bool = False,
    complement: bool = False,
) -> Any:
    """L/(1+e^{−k(x−x0)}) (or the family member ``fn``): for the logistic correctly rounded
    (the double nearest the exact value), for other members within 2 ulp.

    >>> sigmoid(0.5)
    0.6224593312018546
    """
    return _apply(Curve(fn, k, x0, L, normalize=normalize, complement=complement), x)


def log_sigmoid(x: Any, *, complement: bool = False) -> Any:
    """log σ(x), or log(1 − σ(x)) with ``complement``; no overflow, no spurious −inf."""
    return _apply(Curve(log=True, complement=complement), x)


def logit(p: Any, *, fn: str = "logistic", normalize: bool = False) -> Any:
    """The inverse of σ: log(p/(1−p)); 0 → −inf, 1 → inf.

    >>> logit(0.75)
    1.0986122886681098
    """
    return _apply(Curve(fn, normalize=normalize, inverse=True), p)


def sigmoid_grad(
    x: Any, order: int = 1, *, fn: str = "logistic", log: bool = False, complement: bool = False
) -> Any:
    """The ``order``-th derivative of σ (or of log σ, 1 − σ, a family member) at x.

    >>> sigmoid_grad(0.0)
    0.25
    """
    return _apply(Curve(fn, log=log, complement=complement, order=order), x)


def derivative(curve: Curve, x: Any, order: int = 1) -> Any:
    """The ``order``-th derivative of ``curve`` with respect to x."""
    from dataclasses import replace

    return _apply(replace(curve, order=order), x)


def with_digits(x: str | float, digits: int, curve: Curve | None = None) -> str:
    """``digits`` significant digits of the curve at x (a VALUE text or a float), correctly rounded.

    >>> with_digits("1", 20)
    '0.73105857863000487925'
    """
    from .jobs import Job

    text = x if isinstance(x, str) else repr(float(x))
    return Job(curve or Curve(), mode="digits", digits=digits).scalar(text)[0]


def exact(x: str | float, curve: Curve | None = None) -> Any:
    """The exact value as a sympy expression: exact('log(3)') == Rational(3, 4)."""
    from .jobs import Job
    from .symbolic.closed_form import exact_results

    text = x if isinstance(x, str) else repr(float(x))
    return exact_results(Job(curve or Curve(), mode="exact"), text)[0]


def derive(*args: Any, **kwargs: Any) -> Proof:
    """A verified step-by-step derivation (see ``sigmoid_cli.proofs.derive``)."""
    from .proofs import derive as derive_proof

    return derive_proof(*args, **kwargs)
