"""sigmoid: a calculator and proof printer for the sigmoid function and its family.

The Python API is plain functions on floats and numpy arrays (see the README):

>>> from sigmoid_cli import sigmoid, logit
>>> sigmoid(0.5)
0.6224593312018546
"""

from __future__ import annotations

__version__ = "0.1.0"

from .api import (
    Curve,
    derivative,
    derive,
    evaluate,
    evaluate_array,
    exact,
    log_sigmoid,
    logit,
    sigmoid,
    sigmoid_grad,
    with_digits,
)

__all__ = [
    "Curve",
    "__version__",
    "derivative",
    "derive",
    "evaluate",
    "evaluate_array",
    "exact",
    "log_sigmoid",
    "logit",
    "sigmoid",
    "sigmoid_grad",
    "with_digits",
]
