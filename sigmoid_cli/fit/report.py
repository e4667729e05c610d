"""A fit's results as data: the renderers of cli/fit_output.py print them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Estimate:
    """One parameter (or a quantity derived from them, such as EC50): its estimate, standard
    error, test statistic (z or t) with its two-sided p-value, and the 95% interval."""

    name: str
    value: float
    se: float
    statistic: float
    p: float
    low: float
    high: float


@dataclass(frozen=True)
class FitReport:
    """What a fit found. ``statistic`` names the test (z or t); ``summary`` holds the fit's
    figures (log-likelihood, AIC, iterations, residual standard error, …) in print order;
    ``derived`` the quantities computed from the estimates (EC50, ECp)."""

    model: str  # logit, probit, logistic3, 4pl
    title: str  # "logistic regression (logit): GRADE ~ GPA + TUCE + PSI"
    observations: int
    statistic: str
    estimates: tuple[Estimate, ...]
    summary: tuple[tuple[str, float], ...]
    derived: tuple[Estimate, ...] = ()
    skipped: int = 0
    notes: tuple[str, ...] = field(default=())
