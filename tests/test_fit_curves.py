"""`sigmoid fit --model logistic3|4pl`: equal to scipy.optimize.curve_fit (estimates and standard
errors within 1e-6 relative); the 95% intervals cover the truth 92–98% of the time on 400
simulated data sets; --predict, --plot, and the errors of curve fits."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import numpy as np
import pytest
from helpers import Run, assert_one_error_line, sigmoid

optimize = pytest.importorskip("scipy.optimize")

REL = 1e-6


def _terms(output: str) -> dict[str, dict[str, float]]:
    block = output.split("\n\n", 1)[0]
    return {
        row.pop("term"): {k: float(v) for k, v in row.items()} for row in csv.DictReader(io.StringIO(block))
    }


def _write(path: Path, x: np.ndarray, y: np.ndarray) -> Path:
    path.write_text("x,y\n" + "".join(f"{a!r},{b!r}\n" for a, b in zip(x.tolist(), y.tolist(), strict=True)))
    return path


def _fit_y_on_x(*arguments: str) -> Run:
    """`sigmoid fit --header --y y --x x ARGUMENTS` (the columns that _write writes)."""
    return sigmoid("fit", "--header", "--y", "y", "--x", "x", *arguments)


def _four_pl(x: np.ndarray, bottom: float, top: float, hill: float, ec50: float) -> np.ndarray:
    return bottom + (top - bottom) / (1 + (x / ec50) ** (-hill))


def _logistic3(x: np.ndarray, L: float, k: float, x0: float) -> np.ndarray:
    return L / (1 + np.exp(-k * (x - x0)))


def _curve_fit(f: object, x: np.ndarray, y: np.ndarray, p0: list[float]) -> tuple[np.ndarray, np.ndarray]:
    p, cov = optimize.curve_fit(f, x, y, p0=p0, xtol=1e-15, ftol=1e-15, gtol=1e-15, maxfev=100_000)
    return p, np.sqrt(np.diag(cov))


@pytest.mark.parametrize("seed", range(8))
def test_4pl_equals_curve_fit(tmp_path: Path, seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    truth = [
        rng.uniform(0, 20),
        rng.uniform(60, 120),
        rng.uniform(0.5, 3) * rng.choice([-1, 1]),
        rng.uniform(0.5, 50),
    ]
    dose = np.repeat(np.geomspace(truth[3] / 100, truth[3] * 100, int(rng.integers(6, 14))), 3)
    y = _four_pl(dose, *truth) + rng.normal(0, 3, dose.size)
    run = _fit_y_on_x(
        "--model",
        "4pl",
        "-o",
        "csv",
        str(_write(tmp_path / "d.csv", dose, y)),
    )
    assert run.code == 0, run.err
    ours = _terms(run.out)
    p, se = _curve_fit(
        _four_pl, dose, y, [ours[n]["estimate"] * 1.1 for n in ("bottom", "top", "hill", "EC50")]
    )
    for j, name in enumerate(("bottom", "top", "hill", "EC50")):
        assert ours[name]["estimate"] == pytest.approx(p[j], rel=REL)
        assert ours[name]["std.error"] == pytest.approx(se[j], rel=REL)


def test_4pl_on_log_dose_and_ec90(tmp_path: Path) -> None:
    rng = np.random.default_rng(5)
    dose = np.repeat(np.geomspace(0.01, 100, 9), 2)
    y = _four_pl(dose, 2, 100, 1.5, 1.0) + rng.normal(0, 2, dose.size)
    on_dose = _terms(
        _fit_y_on_x(
            "--model",
            "4pl",
            "--ec",
            "90",
            "-o",
            "csv",
            str(_write(tmp_path / "d.csv", dose, y)),
        ).out
    )
    on_log = _terms(
        _fit_y_on_x(
            "--model",
            "4pl",
            "--log-dose",
            "--ec",
            "90",
            "-o",
            "csv",
            str(_write(tmp_path / "l.csv", np.log10(dose), y)),
        ).out
    )
    assert on_log["logEC50"]["estimate"] == pytest.approx(math.log10(on_dose["EC50"]["estimate"]), rel=1e-6)
    assert on_log["hill"]["estimate"] == pytest.approx(on_dose["hill"]["estimate"], rel=1e-6)
    # EC90 = EC50·9^(1/hill), and its interval is on the log scale: the same in both fits.
    ec90 = on_dose["EC50"]["estimate"] * 9 ** (1 / on_dose["hill"]["estimate"])
    assert on_dose["EC90"]["estimate"] == pytest.approx(ec90, rel=1e-9)
    assert math.log10(on_dose["EC90"]["97.5%"]) == pytest.approx(on_log["logEC90"]["97.5%"], rel=1e-6)


@pytest.mark.parametrize("seed", range(6))
def test_logistic3_equals_curve_fit(tmp_path: Path, seed: int) -> None:
    rng = np.random.default_rng(200 + seed)
    truth = [rng.uniform(1, 100), rng.uniform(0.3, 3), rng.uniform(-5, 5)]
    x = np.linspace(truth[2] - 6 / truth[1], truth[2] + 6 / truth[1], int(rng.integers(15, 60)))
    y = _logistic3(x, *truth) + rng.normal(0, truth[0] / 30, x.size)
    run = _fit_y_on_x(
        "--model",
        "logistic3",
        "-o",
        "csv",
        str(_write(tmp_path / "d.csv", x, y)),
    )
    assert run.code == 0, run.err
    ours = _terms(run.out)
    p, se = _curve_fit(_logistic3, x, y, [ours[n]["estimate"] * 1.05 for n in ("L", "k", "x0")])
    for j, name in enumerate(("L", "k", "x0")):
        assert ours[name]["estimate"] == pytest.approx(p[j], rel=REL)
        assert ours[name]["std.error"] == pytest.approx(se[j], rel=REL)


@pytest.mark.slow
def test_intervals_cover_the_truth() -> None:
    """400 simulated data sets each (fixed seed): the 95% intervals of a logistic regression
    (z) and of a 4PL (t; EC50's on the log scale) hold the true value 92–98% of the time."""
    from sigmoid_cli.fit.data import Column, Table
    from sigmoid_cli.fit.model import fit_table

    rng = np.random.default_rng(2026)
    truth_logit = {"intercept": -0.5, "x": 1.2}
    truth_4pl = {"bottom": 10.0, "top": 90.0, "hill": 1.3, "EC50": 4.0}
    hits = dict.fromkeys([*truth_logit, *truth_4pl], 0)
    runs = 400
    for _ in range(runs):
        x = rng.normal(size=150)
        y = (rng.random(150) < 1 / (1 + np.exp(-(truth_logit["intercept"] + truth_logit["x"] * x)))).astype(
            float
        )
        table = Table(
            [Column("--y", 0, "y"), Column("--x", 1, "x")],
            np.column_stack((y, x)),
            list(range(150)),
            [],
            None,
            [],
        )
        for e in fit_table(table).report.estimates:
            hits[e.name] += e.low <= truth_logit[e.name] <= e.high
        dose = np.repeat(np.geomspace(0.1, 100, 12), 3)
        response = _four_pl(dose, *truth_4pl.values()) + rng.normal(0, 4, dose.size)
        table = Table(
            [Column("--y", 0, "y"), Column("--x", 1, "dose")],
            np.column_stack((response, dose)),
            list(range(24)),
            [],
            None,
            [],
        )
        for e in fit_table(table, model="4pl").report.estimates:
            hits[e.name] += e.low <= truth_4pl[e.name] <= e.high
    coverage = {name: count / runs for name, count in hits.items()}
    print("coverage of the 95% intervals:", coverage)
    assert all(0.92 <= share <= 0.98 for share in coverage.values()), coverage


def test_predict_writes_every_line(tmp_path: Path) -> None:
    x = np.geomspace(0.1, 100, 12)
    y = _four_pl(x, 0, 100, 1, 3) + np.linspace(-1, 1, 12)
    path = _write(tmp_path / "d.csv", x, y)
    text = path.read_text().replace("\n", "\n\n", 1)  # a blank line after the header is kept
    path.write_text(text + "oops,1\n")
    run = _fit_y_on_x(
        "--model",
        "4pl",
        "--predict",
        "--on-error",
        "skip",
        str(path),
    )
    assert run.code == 0
    lines = run.out.splitlines()
    assert lines[0] == "x,y,fitted,residual" and lines[1] == ""
    assert lines[-1] == "oops,1,nan,nan"
    fitted, residual = (float(v) for v in lines[2].split(",")[2:])
    assert fitted + residual == pytest.approx(y[0], rel=1e-12)
    assert run.err == "sigmoid: 1 line skipped (first: line 15: --x x: 'oops' is not a number)\n"


def test_plot_is_exactly_w_by_h(tmp_path: Path) -> None:
    x = np.geomspace(0.1, 100, 12)
    path = _write(tmp_path / "d.csv", x, _four_pl(x, 0, 100, 1, 3) + np.linspace(-1, 1, 12))
    for width, height in ((40, 10), (73, 21)):
        run = _fit_y_on_x(
            "--model",
            "4pl",
            "--plot",
            "--width",
            str(width),
            "--height",
            str(height),
            str(path),
        )
        assert run.code == 0, run.err
        assert len(run.lines) == height
        assert {len(line) for line in run.lines} == {width}


def test_curve_errors(tmp_path: Path) -> None:
    run = sigmoid("fit", "--y", "2", "--x", "1", "--model", "4pl", stdin="0,1\n1,2\n2,3\n3,4\n4,5\n")
    assert_one_error_line(run, 1)
    assert "line 1: --x $1 is 0; a 4PL on dose needs doses above 0" in run.err
    run = sigmoid("fit", "--y", "2", "--x", "1", "--model", "4pl", stdin="1,1\n2,2\n3,3\n4,4\n")
    assert_one_error_line(run, 1)
    assert "too few points: 4 observations for 4 parameters" in run.err
    run = sigmoid("fit", "--y", "2", "--x", "1", "--x", "3", "--model", "logistic3", stdin="1,1,1\n")
    assert_one_error_line(run, 2)
    flat = "".join(f"{i},5\n" for i in range(1, 10))
    run = sigmoid("fit", "--y", "2", "--x", "1", "--model", "logistic3", stdin=flat)
    assert_one_error_line(run, 1)


def test_no_convergence_shows_the_last_estimates() -> None:
    """Exponential growth has no upper asymptote in view: L runs away, and the fit says so."""
    growth = "".join(f"{i},{2**i}\n" for i in range(7))
    run = sigmoid("fit", "--y", "2", "--x", "1", "--model", "logistic3", stdin=growth)
    assert_one_error_line(run, 1)
    assert "the fit did not converge in 500 iterations (last estimates: L " in run.err
