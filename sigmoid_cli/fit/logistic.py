"""Binary outcomes: P(y = 1) = F(b₀ + b₁x₁ + …), F the logistic σ (logit) or the normal CDF Φ
(probit), by maximum likelihood with Newton's method.

The log-likelihood is Σ yᵢ log F(ηᵢ) + (mᵢ − yᵢ) log(1 − F(ηᵢ)) (mᵢ trials, yᵢ successes). For the
logit, d/dη log σ(η) = 1 − σ(η) and d/dη log(1 − σ(η)) = −σ(η) (what `sigmoid derive --log`
proves), so the gradient is Xᵀ(y − mσ(η)) and the Hessian −XᵀWX with W = m σ(1 − σ): Newton's
step is then iteratively reweighted least squares. The probit uses the observed Hessian (as
statsmodels' Probit does), so its standard errors are the same as statsmodels'.

Separation: the maximum does not exist when some direction d has xᵢ·d ≥ 0 for every yᵢ = 1
and ≤ 0 for every yᵢ = 0 (Albert & Anderson, 1984). Newton's iterates then run off along d;
when they do not settle, the direction they run along is checked against that condition, and
a direction that passes it is the proof reported (never a huge coefficient).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sigmoid_cli.errors import DataError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Array = npt.NDArray[np.float64]

MAX_ITERATIONS = 100
_TOLERANCE = 1e-10  # on the Newton step, relative to the coefficients


@dataclass(frozen=True)
class BinaryFit:
    coefficients: Array
    covariance: Array
    log_likelihood: float
    iterations: int
    fitted: Array  # F(η) at each observation


def log_likelihood(X: Array, y: Array, m: Array, b: Array, link: str) -> float:
    return _log_likelihood(X @ b, y, m, link)


def _log_likelihood(eta: Array, y: Array, m: Array, link: str) -> float:
    import numpy as np

    if link == "logit":  # Σ yη − m·log(1 + e^η), log(1 + e^η) = max(η, 0) + log1p(e^−|η|)
        softplus = np.maximum(eta, 0.0)
        softplus += np.log1p(np.exp(-np.abs(eta)))
        return float(y @ eta - m @ softplus)
    up, down = _log_terms(eta, link)
    return float(np.sum(y * up + (m - y) * down))


def _log_terms(eta: Array, link: str) -> tuple[Array, Array]:
    import numpy as np

    if link == "logit":
        return -np.logaddexp(0.0, -eta), -np.logaddexp(0.0, eta)
    return log_phi(eta), log_phi(-eta)


def log_phi(x: Array) -> Array:
    """log Φ(x): log(erfc(−x/√2)/2), with the asymptotic series's leading terms far in the lower tail."""
    import numpy as np

    out = np.empty_like(x)
    small = x < -20
    tail = x[small]
    out[small] = -0.5 * tail * tail - np.log(-tail) - 0.5 * math.log(2 * math.pi) + np.log1p(-1 / tail**2)
    erfc = np.vectorize(math.erfc, otypes=[np.float64])
    out[~small] = np.log(0.5 * erfc(-x[~small] / math.sqrt(2)))
    return out


def _derivatives(eta: Array, y: Array, m: Array, link: str) -> tuple[Array, Array, Array]:
    """Per observation: F(η), dℓ/dη and −d²ℓ/dη² (the weight)."""
    import numpy as np

    if link == "logit":
        p = 0.5 * (1 + np.tanh(0.5 * eta))  # σ(η) without overflow
        return p, y - m * p, m * p * (1 - p)
    # Probit: λ₁ = φ/Φ(η) for a success, λ₀ = −φ/Φ(−η) for a failure; ℓ'' = −λ(λ + η).
    phi = np.exp(-0.5 * eta * eta) / math.sqrt(2 * math.pi)
    up = np.exp(log_phi(eta))
    down = np.exp(log_phi(-eta))
    with np.errstate(divide="ignore", invalid="ignore"):
        l1 = np.where(up > 0, phi / up, -eta)
        l0 = np.where(down > 0, -phi / down, -eta)
    gradient = y * l1 + (m - y) * l0
    weight = y * l1 * (l1 + eta) + (m - y) * l0 * (l0 + eta)
    return up, gradient, weight


def fit_binary(X: Array, y: Array, m: Array, link: str, names: list[str]) -> BinaryFit:
    """The maximum-likelihood coefficients, their covariance (the inverse of −Hessian), and how
    it went; DataError for separation or no convergence (with the last estimates)."""
    import numpy as np

    b = np.zeros(X.shape[1])
    if link == "logit":  # start at the intercept-only answer: fewer steps
        share = min(max(float(y.sum() / m.sum()), 1e-6), 1 - 1e-6)
        b[0] = math.log(share / (1 - share))
    eta = X @ b
    current = _log_likelihood(eta, y, m, link)
    history = [b.copy()]
    iterations = 0
    converged = False
    while iterations < MAX_ITERATIONS:
        iterations += 1
        _, gradient, weight = _derivatives(eta, y, m, link)
        hessian = X.T @ (X * weight[:, None])
        score = X.T @ gradient
        try:
            step = np.linalg.solve(hessian, score)
        except np.linalg.LinAlgError:
            break
        if not np.all(np.isfinite(step)):
            break
        # Step halving keeps every step uphill (Newton's full step nearly always is).
        scale = 1.0
        while True:
            trial = b + scale * step
            trial_eta = X @ trial
            value = _log_likelihood(trial_eta, y, m, link)
            if value >= current - 1e-12 * abs(current) or scale < 1e-10:
                break
            scale /= 2
        b, eta, current = trial, trial_eta, value
        history.append(b.copy())
        if np.max(np.abs(scale * step) / (1 + np.abs(b))) < _TOLERANCE:
            converged = True
            break
    fitted, _, weight = _derivatives(eta, y, m, link)
    separated = _separation(X, y, m, history, names) if not converged or np.abs(eta).max() > 15 else None
    if separated is not None:
        raise DataError(separated)
    hessian = X.T @ (X * weight[:, None])
    if not converged:
        shown = ", ".join(f"{n} {v:.6g}" for n, v in zip(names, b, strict=True))
        raise DataError(f"the fit did not converge in {iterations} iterations (last estimates: {shown})")
    covariance = np.asarray(np.linalg.inv(hessian), dtype=np.float64)
    return BinaryFit(b, covariance, current, iterations, fitted)


def _separation(X: Array, y: Array, m: Array, history: list[Array], names: list[str]) -> str | None:
    """Words for a separation of the data, if the iterates show one (a direction d with
    xᵢ·d ≥ 0 where a success was seen and ≤ 0 where a failure was, not 0 everywhere)."""
    import numpy as np

    if len(history) < 3:
        return None
    final = history[-1]
    candidates = [final - history[-2], final - history[max(0, len(history) - 6)], final]
    successes = y > 0
    failures = (m - y) > 0
    scale = np.abs(X).max(axis=0)
    for d in candidates:
        size = float(np.abs(d * scale).max())
        if not size > 0:
            continue
        s = (X @ d) / size
        tolerance = 1e-7
        if np.any(s[successes] < -tolerance) or np.any(s[failures] > tolerance):
            continue
        strict = (s > tolerance) & successes & ~failures | (s < -tolerance) & failures & ~successes
        if not strict.any():
            continue
        count = int(np.count_nonzero(strict))
        slopes = [names[j] for j in np.argsort(-np.abs(d[1:] * scale[1:]))[:2] + 1 if abs(d[j]) > 0]
        by = " and ".join(slopes) if slopes else names[0]
        total = len(y)
        if count == total:
            return (
                f"complete separation: {by} predict{'s' * (len(slopes) == 1)} every outcome exactly, "
                "so the maximum-likelihood estimates do not exist (the coefficients grow without bound)"
            )
        return (
            f"quasi-complete separation: {by} predict{'s' * (len(slopes) == 1)} {count} of the {total} "
            "outcomes exactly, so the maximum-likelihood estimates do not exist "
            "(the coefficients grow without bound)"
        )
    return None
