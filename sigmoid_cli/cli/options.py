"""Option types that several commands share."""

from __future__ import annotations

from enum import StrEnum

from sigmoid_cli.numeric.family import NAMES


class Fn(StrEnum):
    """The family members (--fn), and other names of the logistic (sigmoid, expit)."""

    logistic = "logistic"
    sigmoid = "sigmoid"
    expit = "expit"
    tanh = "tanh"
    arctan = "arctan"
    gd = "gd"
    erf = "erf"
    algebraic = "algebraic"
    softsign = "softsign"
    normal_cdf = "normal-cdf"
    hardsigmoid = "hardsigmoid"
    smoothstep = "smoothstep"

    @property
    def member(self) -> str:
        """The family's name of the member: the logistic for its other names."""
        return "logistic" if self.value in LOGISTIC_ALIASES else self.value


LOGISTIC_ALIASES = ("sigmoid", "expit")


class ProofFormat(StrEnum):
    """--format of derive and check: rich on a terminal by default, plain otherwise."""

    rich = "rich"
    plain = "plain"
    latex = "latex"
    markdown = "markdown"
    json = "json"


class OutputFormat(StrEnum):
    """--format of eval and grad."""

    plain = "plain"
    tsv = "tsv"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    table = "table"
    markdown = "markdown"
    latex = "latex"


class Charset(StrEnum):
    """--charset of plot-ascii and fit --plot: the cells a plot is drawn with."""

    braille = "braille"
    block = "block"
    ascii = "ascii"


class OnError(StrEnum):
    """--on-error of eval and grad."""

    fail = "fail"
    nan = "nan"
    skip = "skip"


class DType(StrEnum):
    """--dtype of eval and grad."""

    float64 = "float64"
    float32 = "float32"


class Wrt(StrEnum):
    """--wrt of grad: the variable or parameter to differentiate by."""

    x = "x"
    k = "k"
    x0 = "x0"
    L = "L"
    all = "all"


if (
    tuple(member.value for member in Fn if member.value not in LOGISTIC_ALIASES) != NAMES
):  # a check that python -O keeps
    raise ImportError(f"--fn choices {tuple(Fn)} differ from the family's names {NAMES}")
