"""sigmoid: a calculator and proof printer for the sigmoid function and its family.

The Python API is plain functions on floats and numpy arrays (see the README):

>>> from sigmoid_cli import sigmoid, logit
>>> sigmoid(0.5)
0.6224593312018546
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:  # what type checkers see; at run time __getattr__ imports on first use
    from .api import (
        derivative,
        derive,
        derive_softmax,
        erfc,
        evaluate,
        evaluate_array,
        exact,
        expm1,
        gelu,
        gelu_tanh,
        log1p,
        log_sigmoid,
        log_softmax,
        logit,
        logsumexp,
        mish,
        relu,
        sech,
        sigmoid,
        sigmoid_grad,
        silu,
        softmax,
        softplus,
        swish,
        with_digits,
    )
    from .numeric.curve import Curve


def __getattr__(name: str) -> object:
    """The API is imported on first use, so that the console script starts quickly."""
    if name in __all__ and name != "__version__":
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    """The API too, though it is imported only on first use (tab completion in a REPL sees it)."""
    return sorted({*globals(), *__all__})


__all__ = [
    "Curve",
    "__version__",
    "derivative",
    "derive",
    "derive_softmax",
    "erfc",
    "evaluate",
    "evaluate_array",
    "exact",
    "expm1",
    "gelu",
    "gelu_tanh",
    "log1p",
    "log_sigmoid",
    "log_softmax",
    "logit",
    "logsumexp",
    "mish",
    "relu",
    "sech",
    "sigmoid",
    "sigmoid_grad",
    "silu",
    "softmax",
    "softplus",
    "swish",
    "with_digits",
]
