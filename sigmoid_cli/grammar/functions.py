"""Every function the tool knows, declared once: its spellings, how each arithmetic computes it,
how printers show it, and its derivative.

The parser reads the names from here, the float, mpmath and SymPy back ends their
implementations, the proof printers their spellings and the differentiation engine the
derivatives. A function is added by adding one entry (docs/architecture.md says what else a
new function may want: a test, an explanation).

Formulas (``formula``, ``derivative``) are written in the grammar itself, in the variable ``u``,
and may use every function declared here. Nothing in this module imports a numeric library.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# How printers draw an application: f(u), e^u, √(u) or |u|.
Shape = Literal["call", "power", "root", "bars"]


@dataclass(frozen=True, slots=True)
class Function:
    name: str  # the canonical name, as the syntax trees and forms hold it
    latex: str  # the LaTeX command (empty: drawn by its shape)
    derivative: str | None  # f'(u) in the grammar; None: the engine does not differentiate it
    aliases: tuple[str, ...] = ()  # other spellings people type
    typed: bool = True  # False: only derivations write it (sec, sech, sign, gd, Φ); not a user's word
    plain: str = ""  # how plain text names it, when not by its name
    math: str | None = None  # its name in math (or a builtin); None: computed by its formula
    mpmath: str | None = None  # its name in mpmath (or a builtin)
    sympy: str | None = None  # its name in SymPy (or our own sympy.Function in symbolic/)
    formula: str | None = None  # its definition, for the arithmetic that has no such function
    shape: Shape = "call"
    grows: bool = False  # exponentially: an mpmath argument past e^10000 is refused, not computed
    corner: bool = False  # not differentiable at one point (where its argument is 0)

    @property
    def shown(self) -> str:
        return self.plain or self.name


def _same(
    name: str,
    latex: str,
    derivative: str,
    *,
    aliases: tuple[str, ...] = (),
    plain: str = "",
    shape: Shape = "call",
    grows: bool = False,
) -> Function:
    """A function that math, mpmath and SymPy all call by our name."""
    return Function(
        name,
        latex,
        derivative,
        aliases=aliases,
        plain=plain,
        math=name,
        mpmath=name,
        sympy=name,
        shape=shape,
        grows=grows,
    )


FUNCTIONS: tuple[Function, ...] = (
    _same("exp", r"\exp", "exp(u)", shape="power", grows=True),
    _same("log", r"\log", "1/u", aliases=("ln",)),
    _same("sqrt", r"\sqrt", "1/(2*sqrt(u))", plain="√", shape="root"),
    _same("sin", r"\sin", "cos(u)"),
    _same("cos", r"\cos", "-sin(u)"),
    _same("tan", r"\tan", "1 + tan(u)^2"),
    Function("sec", r"\sec", "sec(u)*tan(u)", typed=False, mpmath="sec", sympy="sec", formula="1/cos(u)"),
    _same("sinh", r"\sinh", "cosh(u)", grows=True),
    _same("cosh", r"\cosh", "sinh(u)", grows=True),
    _same("tanh", r"\tanh", "1 - tanh(u)^2"),
    Function(
        "sech", r"\operatorname{sech}", "-(sech(u)*tanh(u))", mpmath="sech", sympy="sech", formula="1/cosh(u)"
    ),
    _same("atan", r"\arctan", "1/(1 + u^2)", aliases=("arctan",)),
    _same("erf", r"\operatorname{erf}", "2/sqrt(pi)*exp(-u^2)"),
    _same("erfc", r"\operatorname{erfc}", "-2/sqrt(pi)*exp(-u^2)"),
    Function(
        "log1p", r"\operatorname{log1p}", "1/(1 + u)", math="log1p", mpmath="log1p", formula="log(1 + u)"
    ),
    Function(
        "expm1",
        r"\operatorname{expm1}",
        "exp(u)",
        math="expm1",
        mpmath="expm1",
        formula="exp(u) - 1",
        grows=True,
    ),
    Function("logit", r"\operatorname{logit}", "1/(u*(1 - u))", formula="log(u/(1 - u))"),
    # The activation functions of machine learning. Their float64 and mpmath values come from
    # numeric/activations.py (stable in the tails); SymPy and the proofs write out the formula.
    Function("softplus", r"\operatorname{softplus}", "sigmoid(u)", formula="log(1 + exp(u))"),
    Function(
        "silu",
        r"\operatorname{SiLU}",
        "sigmoid(u)*(1 + u*(1 - sigmoid(u)))",
        aliases=("swish",),
        formula="u*sigmoid(u)",
    ),
    Function("gelu", r"\operatorname{GELU}", "Phi(u) + u*exp(-u^2/2)/sqrt(2*pi)", formula="u*Phi(u)"),
    Function(
        "gelu_tanh",
        r"\operatorname{GELU}_{\tanh}",
        "(1 + tanh(sqrt(2/pi)*(u + 0.044715*u^3)))/2"
        " + u/2*(1 - tanh(sqrt(2/pi)*(u + 0.044715*u^3))^2)*sqrt(2/pi)*(1 + 0.134145*u^2)",
        # 0.044715 as a fraction: SymPy would read the decimal as a float
        formula="u/2*(1 + tanh(sqrt(2/pi)*(u + 44715/1000000*u^3)))",
    ),
    Function(
        "mish",
        r"\operatorname{mish}",
        "tanh(softplus(u)) + u*sigmoid(u)*(1 - tanh(softplus(u))^2)",
        formula="u*tanh(softplus(u))",
    ),
    # max(0, u): a corner at 0, like |u| (and hardsigmoid's at ±3).
    Function("relu", r"\operatorname{ReLU}", "(1 + sign(u))/2", formula="(u + abs(u))/2", corner=True),
    Function("abs", "", "sign(u)", math="abs", mpmath="abs", sympy="Abs", shape="bars", corner=True),
    Function("sign", r"\operatorname{sgn}", "0", typed=False, mpmath="sign", sympy="sign", corner=True),
    Function(
        "sigmoid",
        r"\sigma",
        "sigmoid(u)*(1 - sigmoid(u))",
        aliases=("σ", "logistic", "expit"),
        plain="σ",
        sympy="sigmoid",
        formula="1/(1 + exp(-u))",
        grows=True,
    ),
    # Named family members: derivations show them by name, and the arithmetic writes them out.
    Function("gd", r"\operatorname{gd}", None, typed=False, formula="2*atan(tanh(u/2))", grows=True),
    Function(
        "Phi",
        r"\Phi",
        None,
        typed=False,
        plain="Φ",
        formula="(1 + erf(u/sqrt(2)))/2",
        grows=True,
    ),
)

BY_NAME: dict[str, Function] = {function.name: function for function in FUNCTIONS}
TYPED: tuple[str, ...] = tuple(function.name for function in FUNCTIONS if function.typed)
# Spellings, lower-cased as the parser compares them, to canonical names.
SPELLINGS: dict[str, str] = {
    spelling.lower(): function.name
    for function in FUNCTIONS
    for spelling in (function.name, *function.aliases)
}
ALIASES: tuple[str, ...] = tuple(alias for function in FUNCTIONS for alias in function.aliases)
