"""The derivations whose --standalone LaTeX tests/test_latex_build.py compiles: every curated
one at orders 1 to 3, and expressions from machine learning (losses, activations, their
derivatives of order 2 and 3). Each is a dict of ``sigmoid_cli.proofs.derive`` arguments."""

from __future__ import annotations

from typing import Any

FNS = ("tanh", "arctan", "gd", "erf", "algebraic", "softsign", "normal-cdf", "hardsigmoid", "smoothstep")
LOSS = "-y*log(sigmoid(w*x+b)) - (1-y)*log(1-sigmoid(w*x+b))"
GELU = "0.5*x*(1+tanh(sqrt(2/pi)*(x+0.044715*x^3)))"
NORMAL = "exp(-x^2/2)/sqrt(2*pi)"

CURATED: list[dict[str, Any]] = [
    *({"order": order} for order in (1, 2, 3)),
    *({"log": True, "order": order} for order in (1, 2, 3)),
    *({"complement": True, "order": order} for order in (1, 2, 3)),
    {"log": True, "complement": True},
    *({"fn": fn, "order": order} for fn in FNS[:-2] for order in (1, 2, 3)),
    *({"fn": fn} for fn in FNS[-2:]),  # piecewise: no second derivative
]

EXPRESSIONS: list[dict[str, Any]] = [
    {"expr": LOSS, "var": "w"},
    {"expr": LOSS, "var": "b"},
    {"expr": LOSS, "var": "w", "order": 2},
    {"expr": "log(1+exp(-y*(w*x+b)))", "var": "w"},
    {"expr": "(y-sigmoid(w*x+b))^2", "var": "w"},
    {"expr": "log(1+exp(x))"},
    {"expr": "log(1+exp(x))", "order": 2},
    {"expr": "log(1+exp(x))", "order": 3},
    {"expr": "x*sigmoid(x)"},
    {"expr": "x*sigmoid(x)", "order": 2},
    {"expr": "x*sigmoid(x)", "order": 3},
    {"expr": "x*sigmoid(1.702*x)"},
    {"expr": GELU},
    {"expr": GELU, "order": 2},
    {"expr": "x*tanh(log(1+exp(x)))"},
    {"expr": NORMAL},
    {"expr": NORMAL, "order": 2},
    {"expr": NORMAL, "order": 3},
    {"expr": "log(cosh(x))", "order": 2},
    {"expr": "sigmoid(sigmoid(x))", "order": 2},
    {"expr": "sigmoid(sigmoid(sigmoid(x)))", "order": 3},
    {"expr": "log(sigmoid(x))", "order": 3},
    {"expr": "1/(1+exp(-k*(x-c)))"},
    {"expr": "exp(x)/(1+exp(x))^2", "order": 2},
    {"expr": "(1-exp(-x))/(1+exp(-x))"},
    {"expr": "(x^2+1)/(x^3-x+1)", "order": 2},
    {"expr": "sin(x)/x", "order": 2},
    {"expr": "sqrt(1+x^2)", "order": 3},
    {"expr": "atan(x)/(1+x^2)"},
    {"expr": "sigmoid(2*x)-sigmoid(x)", "order": 2},
    {"expr": "sigmoid(x)^2*(1-sigmoid(x))", "order": 3},
]


def name(case: dict[str, Any]) -> str:
    """The command line of a case, as a test id."""
    return " ".join(cli_args(case)[1:])


def cli_args(case: dict[str, Any]) -> list[str]:
    args = ["derive"]
    for key, value in case.items():
        flag = "--" + key.replace("_", "-")
        args += [flag] if value is True else [flag, str(value)]
    return args
