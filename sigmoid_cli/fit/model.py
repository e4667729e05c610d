"""From a table of columns to a fitted model: the checks on the data (binary y, enough points,
a predictor that varies), the fit, and its report with intervals."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sigmoid_cli.errors import DataError, UsageError

from .data import Table
from .report import Estimate, FitReport
from .statistics import normal_quantile, normal_two_sided, t_quantile, t_two_sided

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Array = npt.NDArray[np.float64]

MODELS = ("binary", "logistic3", "4pl")
LINKS = ("logit", "probit")
_Z = normal_quantile(0.975)


@dataclass(frozen=True)
class Fitted:
    """The report, each kept row's fitted value and response, and the curve over the first
    predictor (for --plot, with one predictor)."""

    report: FitReport
    fitted: Array
    observed: Array
    predict: Callable[[Array], Array]  # rows × predictors → fitted values


def _format(value: float) -> str:
    return f"{value:.6g}"


def fit_table(
    table: Table,
    *,
    model: str = "binary",
    link: str = "logit",
    trials: bool = False,
    log_dose: bool = False,
    ec: tuple[float, ...] = (),
) -> Fitted:
    """Fit ``model`` to the table's columns: y first, then the predictors (then the trials)."""
    import numpy as np

    values = table.values
    x_columns = table.columns[1 : len(table.columns) - (1 if trials else 0)]
    y = values[:, 0]
    x = values[:, 1 : 1 + len(x_columns)]
    count = len(y)
    for j, chosen in enumerate(x_columns):
        if count and np.ptp(x[:, j]) == 0:
            raise DataError(
                f"{chosen.option} {chosen.name} is constant (every value is {_format(x[0, j])}): "
                "it cannot be told apart from the intercept"
            )
    if model == "binary":
        return _binary(table, y, x, values[:, -1] if trials else None, link)
    if trials:
        raise UsageError(f"--trials is for binary outcomes, not --model {model}")
    if len(x_columns) != 1:
        raise UsageError(f"--model {model} takes one --x (the dose or time), not {len(x_columns)}")
    return _curve(table, y, x[:, 0], model, log_dose, ec)


def _too_few(count: int, parameters: int) -> None:
    if count <= parameters:
        raise DataError(
            f"too few points: {count} observation{'s' * (count != 1)} for {parameters} parameters "
            f"(at least {parameters + 1} are needed)"
        )


def _z_estimate(name: str, value: float, se: float) -> Estimate:
    z = value / se
    return Estimate(name, value, se, z, normal_two_sided(z), value - _Z * se, value + _Z * se)


def _collinear(X: Array) -> bool:
    """The columns are (numerically) linearly dependent: the scaled cross-product is singular."""
    import numpy as np

    scale = np.sqrt(np.einsum("ij,ij->j", X, X))
    gram = (X.T @ X) / np.outer(scale, scale)
    eigenvalues = np.linalg.eigvalsh(gram)
    return bool(eigenvalues[0] <= 1e-12 * eigenvalues[-1])


def _binary(table: Table, y: Array, x: Array, m: Array | None, link: str) -> Fitted:
    import numpy as np

    from .logistic import fit_binary

    y_column = table.columns[0]
    names = ["intercept", *(c.name for c in table.columns[1 : 1 + x.shape[1]])]
    _too_few(len(y), len(names))
    if m is None:
        bad = np.flatnonzero((y != 0) & (y != 1))
        if len(bad):
            raise DataError(
                f"line {table.lines[bad[0]]}: {y_column.option} {y_column.name} is {_format(y[bad[0]])}, "
                "but a logistic regression needs outcomes 0 or 1 (--trials COL for counts of successes, "
                "--model 4pl or logistic3 for a continuous response)"
            )
        trials = np.ones_like(y)
    else:
        trials = m
        whole = (trials == np.round(trials)) & (y == np.round(y))
        bad = np.flatnonzero((trials <= 0) | (y < 0) | (y > trials) | ~whole)
        if len(bad):
            at = bad[0]
            raise DataError(
                f"line {table.lines[at]}: {_format(y[at])} successes of {_format(trials[at])} trials: "
                "trials must be whole numbers above 0, successes whole numbers from 0 to the trials"
            )
    X = np.column_stack((np.ones(len(y)), x))
    if _collinear(X):
        raise DataError("the predictors are collinear: one of them is a combination of the others")
    found = fit_binary(X, y, trials, link, names)
    se = np.sqrt(np.diag(found.covariance))
    estimates = tuple(
        _z_estimate(name, float(b), float(s))
        for name, b, s in zip(names, found.coefficients, se, strict=True)
    )
    share = float(y.sum() / trials.sum())
    null = float(np.sum(y * math.log(share) + (trials - y) * math.log1p(-share))) if 0 < share < 1 else 0.0
    k = len(names)
    summary = (
        ("log-likelihood", found.log_likelihood),
        ("null log-likelihood", null),
        ("pseudo R² (McFadden)", 1 - found.log_likelihood / null if null else math.nan),
        ("AIC", 2 * k - 2 * found.log_likelihood),
        ("BIC", k * math.log(len(y)) - 2 * found.log_likelihood),
        ("iterations", float(found.iterations)),
    )
    kind = "logistic regression (logit)" if link == "logit" else "probit regression"
    response = table.columns[0].name if m is None else f"{table.columns[0].name}/{table.columns[-1].name}"
    title = f"{kind}: {response} ~ {' + '.join(names[1:])}"
    report = FitReport(link, title, len(y), "z", estimates, summary, skipped=len(table.skipped))
    coefficients = found.coefficients

    def predict(rows: Array) -> Array:
        eta = np.asarray(coefficients[0] + rows @ coefficients[1:], dtype=np.float64)
        if link == "logit":
            return np.asarray(0.5 * (1 + np.tanh(0.5 * eta)), dtype=np.float64)
        from .logistic import log_phi

        return np.asarray(np.exp(log_phi(eta)), dtype=np.float64)

    return Fitted(report, found.fitted, y / trials, predict)


def _curve(table: Table, y: Array, x: Array, model: str, log_dose: bool, ec: tuple[float, ...]) -> Fitted:
    import numpy as np

    from .curves import LN10, fit_curve, four_pl, logistic3, start_four_pl, start_logistic3

    x_column = table.columns[1]
    if model == "logistic3":
        names = ["L", "k", "x0"]
        _too_few(len(y), 3)
        found = fit_curve(logistic3, x, y, start_logistic3(x, y), names)
        shown_names = names
    else:
        names = ["bottom", "top", "hill", "log EC50"]
        _too_few(len(y), 4)
        if log_dose:
            z = x * LN10
        else:
            bad = np.flatnonzero(x <= 0)
            if len(bad):
                raise DataError(
                    f"line {table.lines[bad[0]]}: {x_column.option} {x_column.name} is {_format(x[bad[0]])}; "
                    "a 4PL on dose needs doses above 0 (--log-dose if the column holds log10 doses)"
                )
            z = np.log(x)
        found = fit_curve(four_pl, z, y, start_four_pl(z, y), names)
        shown_names = ["bottom", "top", "hill", "logEC50" if log_dose else "EC50"]
    df = len(y) - len(names)
    quantile = t_quantile(0.975, df)
    estimates = _t_estimates(found.parameters, found.covariance, shown_names, quantile, df)
    derived = (
        tuple(_ec(found.parameters, found.covariance, p, quantile, df, log_dose) for p in ec if p != 50)
        if model == "4pl"
        else ()
    )
    rse = math.sqrt(found.rss / df)
    total = float(np.sum((y - y.mean()) ** 2))
    summary = (
        ("residual standard error", rse),
        ("degrees of freedom", float(df)),
        ("residual sum of squares", found.rss),
        ("R²", 1 - found.rss / total if total > 0 else math.nan),
        ("iterations", float(found.iterations)),
    )
    if model == "logistic3":
        title = f"logistic curve: {table.columns[0].name} ~ L/(1+e^(-k({x_column.name}-x0)))"
    else:
        dose = f"10^{x_column.name}" if log_dose else x_column.name
        title = (
            f"4-parameter logistic: {table.columns[0].name} ~ bottom + (top-bottom)/(1+({dose}/EC50)^-hill)"
        )
    report = FitReport(model, title, len(y), "t", tuple(estimates), summary, derived, len(table.skipped))
    parameters = found.parameters

    def predict(rows: Array) -> Array:
        column = rows[:, 0]
        if model == "logistic3":
            return logistic3(column, parameters)[0]
        with np.errstate(divide="ignore", invalid="ignore"):
            zs = column * LN10 if log_dose else np.log(column)
        return four_pl(zs, parameters)[0]

    return Fitted(report, found.fitted, y, predict)


def _t_estimates(
    parameters: Array, covariance: Array, names: list[str], quantile: float, df: int
) -> list[Estimate]:
    """Each parameter with its t interval; EC50 (fitted as ln EC50) by the delta method, its
    interval exp of ln EC50's; logEC50 (log10) from ln EC50 by the change of base."""
    import numpy as np

    from .curves import LN10

    se = np.sqrt(np.diag(covariance))
    estimates = []
    for j, name in enumerate(names):
        value, s = float(parameters[j]), float(se[j])
        if name == "EC50":
            m, sm = value, s
            value, s = math.exp(m), math.exp(m) * sm
            low, high = math.exp(m - quantile * sm), math.exp(m + quantile * sm)
        else:
            if name == "logEC50":
                value, s = value / LN10, s / LN10
            low, high = value - quantile * s, value + quantile * s
        t = value / s if s > 0 else math.nan
        estimates.append(Estimate(name, value, s, t, t_two_sided(t, df), low, high))
    return estimates


def _ec(p: Array, covariance: Array, percent: float, quantile: float, df: int, log_dose: bool) -> Estimate:
    """ECp: the dose that gives p% of the way from bottom to top: ln ECp = m + logit(p/100)/hill."""
    import numpy as np

    from .curves import LN10

    if not 0 < percent < 100:
        raise UsageError(f"--ec must be between 0 and 100 (a percentage), not {percent:g}")
    hill, m = float(p[2]), float(p[3])
    shift = math.log(percent / (100 - percent))
    value = m + shift / hill
    gradient = np.array([0.0, 0.0, -shift / hill**2, 1.0])
    s = float(math.sqrt(gradient @ covariance @ gradient))
    name = f"EC{percent:g}"
    if log_dose:
        value, s = value / LN10, s / LN10
        t = value / s
        return Estimate(
            f"log{name}", value, s, t, t_two_sided(t, df), value - quantile * s, value + quantile * s
        )
    t = math.exp(value) / (math.exp(value) * s)
    return Estimate(
        name,
        math.exp(value),
        math.exp(value) * s,
        t,
        t_two_sided(t, df),
        math.exp(value - quantile * s),
        math.exp(value + quantile * s),
    )
