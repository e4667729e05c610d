"""Option types that several commands share."""

from __future__ import annotations

from enum import StrEnum

from sigmoid_cli.numeric.family import NAMES


class Fn(StrEnum):
    """The family members (--fn)."""

    logistic = "logistic"
    tanh = "tanh"
    arctan = "arctan"
    gd = "gd"
    erf = "erf"
    algebraic = "algebraic"
    softsign = "softsign"
    normal_cdf = "normal-cdf"
    hardsigmoid = "hardsigmoid"
    smoothstep = "smoothstep"


if tuple(member.value for member in Fn) != NAMES:  # a check that python -O keeps
    raise ImportError(f"--fn choices {tuple(Fn)} differ from the family's names {NAMES}")
