"""`sigmoid fit`: logistic regression equal to statsmodels' Logit and Probit (coefficients and
standard errors within 1e-6 relative, on the Spector–Mazzeo data and 20 generated data sets),
and one-line answers to bad data."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pytest
from helpers import assert_one_error_line, sigmoid

sm = pytest.importorskip("statsmodels.api")

REL = 1e-6


def _csv(path: Path, names: list[str], columns: list[np.ndarray]) -> Path:
    with path.open("w", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(names)
        writer.writerows(zip(*(c.tolist() for c in columns), strict=True))
    return path


def _table(output: str) -> dict[str, dict[str, float]]:
    """--format csv's terms: name -> column -> value."""
    block = output.split("\n\n", 1)[0]
    rows = list(csv.DictReader(io.StringIO(block)))
    return {row.pop("term"): {k: float(v) for k, v in row.items()} for row in rows}


def _summary(output: str) -> dict[str, float]:
    block = output.split("\n\n", 1)[1]
    return {name: float(value) for name, value in csv.reader(io.StringIO(block))}


@pytest.fixture(scope="module")
def spector(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = sm.datasets.spector.load_pandas().data
    path = tmp_path_factory.mktemp("spector") / "spector.csv"
    data.to_csv(path, index=False)
    return path


@pytest.mark.parametrize("link", ["logit", "probit"])
def test_spector_equals_statsmodels(spector: Path, link: str) -> None:
    data = sm.datasets.spector.load_pandas().data
    X = sm.add_constant(data[["GPA", "TUCE", "PSI"]])
    theirs = (sm.Logit if link == "logit" else sm.Probit)(data["GRADE"], X).fit(disp=0)
    args = ["fit", "--header", "--y", "GRADE", "--x", "GPA", "--x", "TUCE", "--x", "PSI", str(spector)]
    run = sigmoid(*args, "--link", link, "--format", "csv")
    assert run.code == 0, run.err
    ours = _table(run.out)
    for name, key in (("intercept", "const"), ("GPA", "GPA"), ("TUCE", "TUCE"), ("PSI", "PSI")):
        assert ours[name]["estimate"] == pytest.approx(theirs.params[key], rel=REL)
        assert ours[name]["std.error"] == pytest.approx(theirs.bse[key], rel=REL)
        assert ours[name]["z"] == pytest.approx(theirs.tvalues[key], rel=REL)
        assert ours[name]["p"] == pytest.approx(theirs.pvalues[key], rel=REL)
        low, high = theirs.conf_int().loc[key]
        assert (ours[name]["2.5%"], ours[name]["97.5%"]) == pytest.approx((low, high), rel=REL)
    summary = _summary(run.out)
    assert summary["log-likelihood"] == pytest.approx(theirs.llf, rel=REL)
    assert summary["AIC"] == pytest.approx(theirs.aic, rel=REL)
    assert summary["BIC"] == pytest.approx(theirs.bic, rel=REL)
    assert summary["null log-likelihood"] == pytest.approx(theirs.llnull, rel=REL)


def test_spector_plain_output(spector: Path) -> None:
    run = sigmoid("fit", "--header", "--y", "GRADE", "--x", "GPA", "--x", "TUCE", "--x", "PSI", str(spector))
    assert run.code == 0
    assert run.lines[0] == "logistic regression (logit): GRADE ~ GPA + TUCE + PSI, 32 observations"
    assert run.lines[2].split() == [
        "intercept",
        "-13.0213",
        "4.93132",
        "-2.64054",
        "0.00827746",
        "-22.6866",
        "-3.35613",
    ]
    assert "AIC: 33.7793" in run.lines


@pytest.mark.parametrize("seed", range(20))
def test_generated_data_equal_statsmodels(tmp_path: Path, seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(40, 400))
    k = int(rng.integers(1, 4))
    x = rng.normal(size=(n, k)) * rng.uniform(0.5, 3, size=k) + rng.uniform(-2, 2, size=k)
    beta = rng.uniform(-1, 1, size=k + 1)
    eta = beta[0] + x @ beta[1:]
    link = "probit" if seed % 4 == 3 else "logit"
    p = (
        1 / (1 + np.exp(-eta))
        if link == "logit"
        else 0.5 * (1 + np.vectorize(__import__("math").erf)(eta / 2**0.5))
    )
    y = (rng.random(n) < p).astype(int)
    names = [f"x{j + 1}" for j in range(k)]
    path = _csv(tmp_path / "data.csv", [*names, "y"], [*x.T, y])
    run = sigmoid(
        "fit",
        "--header",
        "--y",
        "y",
        *(a for j in names for a in ("--x", j)),
        "--link",
        link,
        "-o",
        "csv",
        str(path),
    )
    assert run.code == 0, run.err
    ours = _table(run.out)
    theirs = (sm.Logit if link == "logit" else sm.Probit)(y, sm.add_constant(x)).fit(disp=0, tol=1e-12)
    for j, name in enumerate(["intercept", *names]):
        assert ours[name]["estimate"] == pytest.approx(theirs.params[j], rel=REL)
        assert ours[name]["std.error"] == pytest.approx(theirs.bse[j], rel=REL)


def test_trials_equal_statsmodels_glm(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    dose = np.linspace(-2, 2, 12)
    trials = rng.integers(5, 40, size=12)
    successes = rng.binomial(trials, 1 / (1 + np.exp(-(0.3 + 1.2 * dose))))
    path = _csv(tmp_path / "counts.csv", ["dose", "dead", "n"], [dose, successes, trials])
    run = sigmoid("fit", "--header", "--y", "dead", "--trials", "n", "--x", "dose", "-o", "csv", str(path))
    assert run.code == 0, run.err
    ours = _table(run.out)
    endog = np.column_stack((successes, trials - successes))
    theirs = sm.GLM(endog, sm.add_constant(dose), family=sm.families.Binomial()).fit(tol=1e-12)
    assert ours["intercept"]["estimate"] == pytest.approx(theirs.params[0], rel=REL)
    assert ours["dose"]["std.error"] == pytest.approx(theirs.bse[1], rel=REL)


def test_columns_by_number_tsv_spaces_and_quotes(tmp_path: Path) -> None:
    rows = [(1, 0), (2, 1), (3, 0), (4, 1), (5, 1), (6, 0), (7, 1)]
    comma = "".join(f'"{x}",{y}\n' for x, y in rows)
    spaces = "".join(f"  {x}   {y}\n" for x, y in rows)
    tabs = "".join(f"{x}\t{y}\n" for x, y in rows)
    outputs = {
        sigmoid("fit", "--y", "2", "--x", "1", "-o", "tsv", stdin=text).out for text in (comma, spaces, tabs)
    }
    assert len(outputs) == 1
    named = sigmoid("fit", "--header", "--y", "b", "--x", "a", "-o", "tsv", stdin="a,b\n" + comma)
    lines = [line.replace("a\t", "$1\t", 1) for line in named.out.splitlines()]
    assert lines[:3] == next(iter(outputs)).splitlines()[:3]


def test_json_is_one_document(spector: Path) -> None:
    import json

    run = sigmoid("fit", "--header", "--y", "GRADE", "--x", "GPA", "-o", "json", str(spector))
    document = json.loads(run.out)
    assert document["model"] == "logit"
    assert [e["name"] for e in document["estimates"]] == ["intercept", "GPA"]
    assert document["summary"]["iterations"] >= 3


# --- bad data ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stdin", "args", "message"),
    [
        (
            "x,y\n1,0\n2,2\n3,1\n4,0\n",
            [],
            "line 3: --y y is 2, but a logistic regression needs outcomes 0 or 1",
        ),
        ("x,y\n1,0\n2,1\n", [], "too few points: 2 observations for 2 parameters"),
        ("x,y\n1,0\n2,abc\n3,1\n", [], "line 3: --y y: 'abc' is not a number"),
        ("x,y\n1,0\nnan,1\n3,1\n", [], "line 3: --x x: 'nan' is not a finite number"),
        ("x,y\n1,0\n1,1\n1,1\n1,0\n", [], "--x x is constant (every value is 1)"),
        ("x,y\n1,0\n2,0\n3,1\n4,1\n", [], "complete separation: x predicts every outcome exactly"),
        (
            "x,y\n1,0\n2,0\n3,1\n3,0\n4,1\n5,1\n",
            [],
            "quasi-complete separation: x predicts 4 of the 6 outcomes",
        ),
        ("x,y\n1,0\n2,1\n", ["--x", "z"], "--x: no column 'z' in the header; its columns: x, y"),
        ("x,y\n1,0\n2\n3,1\n", [], "line 3: no column 2 for --y y (the line has 1 field)"),
    ],
)
def test_bad_data_is_one_line(stdin: str, args: list[str], message: str) -> None:
    run = sigmoid("fit", "--header", "--y", "y", *(args or ["--x", "x"]), stdin=stdin)
    assert_one_error_line(run, 2 if "no column 'z'" in message else 1)
    assert message in run.err


def test_skip_counts_what_it_skipped() -> None:
    stdin = "x,y\n1,0\n2,abc\n3,1\n4,0\n5,1\nfoo,1\n6,1\n"
    run = sigmoid("fit", "--header", "--y", "y", "--x", "x", "--on-error", "skip", "-o", "tsv", stdin=stdin)
    assert run.code == 0
    assert run.err == "sigmoid: 2 lines skipped (first: line 3: --y y: 'abc' is not a number)\n"
    assert "observations\t5" in run.out and "lines skipped\t2" in run.out


def test_usage_errors() -> None:
    assert_one_error_line(sigmoid("fit", "--x", "1", stdin="1,0\n"), 2)
    assert_one_error_line(sigmoid("fit", "--y", "1", "--x", "2", "--ec", "90", stdin="1,0\n"), 2)
    run = sigmoid("fit", "--y", "y", "--x", "1", stdin="1,0\n")
    assert_one_error_line(run, 2)
    assert "names need --header" in run.err


def test_table_never_cuts_a_number(spector: Path) -> None:
    run = sigmoid("fit", "--header", "--y", "GRADE", "--x", "GPA", "--x", "PSI", "-o", "table", str(spector))
    assert run.code == 0
    assert "…" not in run.out and "0.00589" in run.out and "-3.34" in run.out


@pytest.mark.slow
def test_on_a_terminal_a_table_or_plain_text_when_it_does_not_fit(spector: Path) -> None:
    from helpers import on_terminal

    args = ["fit", "--header", "--y", "GRADE", "--x", "GPA", "--x", "TUCE", "--x", "PSI", str(spector)]
    wide = on_terminal(args, env={"NO_COLOR": "1"}, size=(30, 120))
    assert wide.code == 0 and "┏" in wide.out
    narrow = on_terminal(args, env={"NO_COLOR": "1"}, size=(30, 60))
    assert narrow.code == 0 and "┏" not in narrow.out and "AIC: 33.7793" in narrow.out
    asked = on_terminal([*args, "-o", "table"], env={"NO_COLOR": "1"}, size=(30, 60))
    assert asked.code == 2 and "widen it, or use --format plain" in asked.out + asked.err
