"""`sigmoid fit` against statsmodels and scipy, in one process: time and peak extra memory.

    python bench/fit.py [--rows 1000000] [--runs 3] [--points 10000] [--cli]

1. Logistic regression on ``--rows`` rows × 3 N(0, 1) predictors (known coefficients): our
   Newton fit (sigmoid_cli.fit.logistic.fit_binary) and statsmodels' Logit(...).fit() on the
   same arrays, alternately, the best of ``--runs`` each, their ratio (issue 19's target: at
   most 1), the largest coefficient difference, and the peak memory allocated during one fit
   (tracemalloc) against the data's size (y and X, 8 bytes a value; the target: within 3×).
2. A 4PL on ``--points`` noisy points: our Levenberg–Marquardt (the whole fit_table, with the
   intervals) against scipy.optimize.curve_fit from the same starting values (target: < 1 s).
3. With ``--cli``: `sigmoid fit` on the rows written as a CSV file, end to end (reading
   included), in a subprocess.
statsmodels and scipy are needed only here and in the tests (`pip install -e '.[test]'`).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from common import best, peak

from sigmoid_cli.fit.curves import four_pl, start_four_pl
from sigmoid_cli.fit.data import Column, Table
from sigmoid_cli.fit.logistic import fit_binary
from sigmoid_cli.fit.model import fit_table


def logistic(rows: int, runs: int, cli: bool) -> None:
    import statsmodels.api as sm

    rng = np.random.default_rng(19)
    X = np.column_stack((np.ones(rows), rng.normal(size=(rows, 3))))
    beta = np.array([0.3, 1.0, -0.5, 0.25])
    y = (rng.random(rows) < 1 / (1 + np.exp(-X @ beta))).astype(np.float64)
    m = np.ones(rows)
    names = ["intercept", "x1", "x2", "x3"]
    ours_times: list[float] = []
    theirs_times: list[float] = []
    for _ in range(runs):  # alternately: the machine's load moves both the same way
        ours_times.append(best(lambda: fit_binary(X, y, m, "logit", names), 1))
        theirs_times.append(best(lambda: sm.Logit(y, X).fit(disp=0), 1))
    ours = fit_binary(X, y, m, "logit", names)
    theirs = sm.Logit(y, X).fit(disp=0)
    difference = float(np.max(np.abs(ours.coefficients / theirs.params - 1)))
    se_difference = float(np.max(np.abs(np.sqrt(np.diag(ours.covariance)) / theirs.bse - 1)))
    data = (X.nbytes + y.nbytes) / 2**20
    ours_peak = peak(lambda: fit_binary(X, y, m, "logit", names))
    theirs_peak = peak(lambda: sm.Logit(y, X).fit(disp=0))
    print(f"logistic regression, {rows:,} rows × 3 predictors (best of {runs}, alternately):")
    print(f"  sigmoid fit_binary   {min(ours_times):7.3f} s   {ours.iterations} iterations")
    print(f"  statsmodels Logit    {min(theirs_times):7.3f} s")
    print(f"  ratio ours/statsmodels {min(ours_times) / min(theirs_times):.2f} (target ≤ 1)")
    print(
        f"  largest relative difference: coefficients {difference:.1e}, standard errors {se_difference:.1e}"
    )
    print(f"  peak memory during a fit: ours {ours_peak:.0f} MiB, statsmodels {theirs_peak:.0f} MiB, ")
    print(f"  the data (y and X) {data:.0f} MiB: ours is {ours_peak / data:.2f}× the data (target ≤ 3)")
    if cli:
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as stream:
            stream.write("y,x1,x2,x3\n")
            np.savetxt(stream, np.column_stack((y, X[:, 1:])), fmt="%.17g", delimiter=",")
            path = stream.name
        try:
            start = time.perf_counter()
            command = [sys.executable, "-m", "sigmoid_cli", "fit", "--header", "--y", "y"]
            command += ["--x", "x1", "--x", "x2", "--x", "x3", "-o", "tsv", path]
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            size = os.path.getsize(path) / 2**20
            print(
                f"  `sigmoid fit` on the {size:.0f} MiB CSV, end to end: {time.perf_counter() - start:.2f} s"
            )
        finally:
            os.unlink(path)


def curve(points: int, runs: int) -> None:
    from scipy.optimize import curve_fit

    rng = np.random.default_rng(4)
    dose = np.geomspace(0.01, 1000, points)
    truth = (5.0, 95.0, 1.2, 3.0)
    y = truth[0] + (truth[1] - truth[0]) / (1 + (dose / truth[3]) ** (-truth[2])) + rng.normal(0, 3, points)
    table = Table(
        [Column("--y", 0, "y"), Column("--x", 1, "dose")], np.column_stack((y, dose)), [], [], None, []
    )
    ours = best(lambda: fit_table(table, model="4pl"), runs)
    start = start_four_pl(np.log(dose), y)

    def theirs() -> object:
        def model(z: np.ndarray, *p: float) -> np.ndarray:
            return four_pl(z, np.array(p))[0]

        def jacobian(z: np.ndarray, *p: float) -> np.ndarray:
            return four_pl(z, np.array(p))[1]

        return curve_fit(model, np.log(dose), y, p0=start, jac=jacobian)

    scipy_time = best(theirs, runs)
    report = fit_table(table, model="4pl").report
    ec50 = next(e for e in report.estimates if e.name == "EC50")
    print(f"4PL on {points:,} points (best of {runs}):")
    print(f"  sigmoid fit_table (intervals included) {ours * 1000:7.1f} ms (target < 1 s)")
    print(f"  scipy curve_fit (same model and Jacobian) {scipy_time * 1000:7.1f} ms")
    print(f"  EC50 {ec50.value:.5g} [{ec50.low:.5g}, {ec50.high:.5g}] (truth 3)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--points", type=int, default=10_000)
    parser.add_argument("--cli", action="store_true")
    options = parser.parse_args()
    logistic(options.rows, options.runs, options.cli)
    curve(options.points, options.runs)


if __name__ == "__main__":
    main()
