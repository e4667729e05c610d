"""Stream throughput: `sigmoid eval|grad < in > out` against mawk, scenario by scenario.

    python bench/stream.py [--lines 1000000] [--runs 3] [--only NAME ...]

Each scenario is an input file (fixed seed) and a mawk program that does the same job:
the same math per value (σ(x) = 1/(1+exp(-x)), σ' = σ(1-σ), ...), the same layout, every
result printed with %.17g (17 significant digits: enough to read back as the same float64;
our repr is the shortest string that does). For each scenario:

1. sigmoid runs once (uncounted: warms the page cache and the bytecode) and its output is
   checked against the library (``sigmoid_cli.sigmoid`` / ``sigmoid_grad`` on a numpy array
   of the inputs): line for line the exact ``repr`` of each float64 result, or, for jsonl,
   each line parsed back as JSON to the same floats. mawk runs once too, and its output is
   checked to have the same lines and (for the first lines) nearly the same numbers;
2. both then run alternately ``--runs`` times, writing to files, and the table row gives the
   median wall seconds of each and the median of the pairwise ratios mawk / sigmoid (higher
   is better for us; the claim is at least 2, twice mawk's throughput).

The machine is shared: only the ratio, taken pair by pair, means anything. Exits 1 when a
check fails or a scenario is under 2×.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

sys.path.insert(0, os.path.dirname(__file__))
from common import alternate, bytecode_cache, sigmoid_command, timed

CLAIM = 2.0  # mawk's time / ours
SIGMA = "1/(1+exp(-$1))"


def make_input(path: str, lines: int) -> None:
    """N(0, 1) values, repr, one per line (bench/stream_memory.py reads this too)."""
    rng = random.Random(2026)
    with open(path, "w") as handle:
        for _ in range(lines // 10_000):
            handle.write("\n".join(repr(rng.gauss(0.0, 1.0)) for _ in range(10_000)) + "\n")


# --- inputs: the text of each line, without its line end -----------------------------------------


def _normal(lines: int, scale: float = 1.0, columns: int = 1, seed: int = 2026) -> list[list[float]]:
    import numpy as np

    return np.random.default_rng(seed).normal(0.0, scale, (lines, columns)).tolist()  # type: ignore[no-any-return]


def normal_lines(lines: int) -> list[str]:
    return [repr(x) for (x,) in _normal(lines)]


def wide_lines(lines: int) -> list[str]:
    return [repr(x) for (x,) in _normal(lines, scale=5.0, seed=2027)]


def savetxt_lines(lines: int) -> list[str]:
    import io

    import numpy as np

    buffer = io.StringIO()
    np.savetxt(buffer, np.random.default_rng(2028).normal(0.0, 1.0, lines))  # fmt '%.18e'
    return buffer.getvalue().splitlines()


def integer_lines(lines: int) -> list[str]:
    import numpy as np

    return [str(n) for n in np.random.default_rng(2029).integers(-50, 51, lines).tolist()]


def special_lines(lines: int) -> list[str]:
    """N(0, 1), with `nan` at one line in 5,000 and `inf` at one in 7,000."""
    out = normal_lines(lines)
    for i in range(2_499, lines, 5_000):
        out[i] = "nan"
    for i in range(3_499, lines, 7_000):
        out[i] = "inf"
    return out


def blank_lines(lines: int) -> list[str]:
    """N(0, 1), with one blank line in 1,000."""
    out = normal_lines(lines)
    for i in range(999, lines, 1_000):
        out[i] = ""
    return out


def bad_lines(lines: int) -> list[str]:
    """N(0, 1), with `abc` at one line in 10,000."""
    out = normal_lines(lines)
    for i in range(4_999, lines, 10_000):
        out[i] = "abc"
    return out


def table_lines(lines: int, quoted: bool = False) -> list[str]:
    """A CSV table as a spreadsheet writes it: a header, an id, a score, a text label (with
    quoted: one label in ten holds a comma, so it is quoted)."""
    scores = _normal(lines - 1, seed=2032)
    out = ["id,score,label"]
    for i, (score,) in enumerate(scores):
        label = f'"item {i}, batch {i // 1000}"' if quoted and i % 10 == 0 else f"item{i}"
        out.append(f"{i},{score!r},{label}")
    return out


def quoted_lines(lines: int) -> list[str]:
    return table_lines(lines, quoted=True)


def csv_lines(lines: int) -> list[str]:
    return [f"{x!r},{y!r}" for x, y in _normal(lines, columns=2, seed=2030)]


def logit_lines(lines: int) -> list[str]:
    """3-column CSV of N(0, 3) values: a classifier's logits, one example a line."""
    return [f"{x!r},{y!r},{z!r}" for x, y, z in _normal(lines, scale=3.0, columns=3, seed=2033)]


def tsv_lines(lines: int) -> list[str]:
    return [f"{x!r}\t{y!r}\t{z!r}" for x, y, z in _normal(lines, columns=3, seed=2031)]


# --- scenarios -----------------------------------------------------------------------------------


def _sigmoid(**options: Any) -> Callable[[Any], Any]:
    def compute(x: Any) -> Any:
        from sigmoid_cli import sigmoid

        return sigmoid(x, **options)

    return compute


def _expression(text: str) -> Callable[[Any], Any]:
    def compute(x: Any) -> Any:
        import numpy as np

        from sigmoid_cli.numeric.expression import Expression

        values, _ = Expression(text).float_values(np.asarray(x, dtype=np.float64))
        return values

    return compute


def _softmax_rows(width: int) -> Callable[[Any], Any]:
    """softmax of each row of ``width`` values, correctly rounded (what the stream prints)."""

    def compute(x: Any) -> Any:
        from sigmoid_cli.numeric import softmax

        z = x.reshape(-1, width)
        results, left = softmax.rows(z, "softmax")
        for row in left.tolist():
            results[row] = softmax.vector(z[row].tolist(), "softmax")
        return results.ravel()

    return compute


def _grad(order: int) -> Callable[[Any], Any]:
    def compute(x: Any) -> Any:
        from sigmoid_cli import sigmoid_grad

        return sigmoid_grad(x, order)

    return compute


LOGISTIC = _sigmoid()


@dataclass(frozen=True)
class Scenario:
    name: str
    what: str
    make: Callable[[int], list[str]]
    words: tuple[str, ...]  # after `sigmoid`
    mawk: str  # the program
    prints: str  # what mawk prints, for the table
    compute: Callable[[Any], Any] = LOGISTIC
    separator: str = ""  # between the values of a line ("": one value per line)
    line_end: str = "\n"
    layout: str = "repr"  # repr | with-input | jsonl | fields


def _printf(expression: str) -> str:
    return f'{{printf "%.17g\\n", {expression}}}'


PER_VALUE = _printf(SIGMA)
SCENARIOS = [
    Scenario("normal", "repr of N(0, 1), one per line", normal_lines, ("eval",), PER_VALUE, "%.17g"),
    Scenario(
        "wide", "repr of N(0, 5): results below 1e-4 (1e-05 form)", wide_lines, ("eval",), PER_VALUE, "%.17g"
    ),
    Scenario("savetxt", "numpy.savetxt of N(0, 1) (%.18e)", savetxt_lines, ("eval",), PER_VALUE, "%.17g"),
    Scenario("integers", "integers -50..50", integer_lines, ("eval",), PER_VALUE, "%.17g"),
    Scenario(
        "nan-inf",
        "N(0, 1), `nan` per 5,000 lines, `inf` per 7,000",
        special_lines,
        ("eval",),
        PER_VALUE,
        "%.17g",
    ),
    Scenario(
        "blanks",
        "N(0, 1), a blank line per 1,000",
        blank_lines,
        ("eval",),
        f'NF == 0 {{print ""; next}} {PER_VALUE}',
        '%.17g, "" for a blank line',
    ),
    Scenario(
        "csv",
        "2-column CSV x,y (both computed, comma kept)",
        csv_lines,
        ("eval",),
        f'BEGIN {{FS = ","}} {{printf "%.17g,%.17g\\n", {SIGMA}, 1/(1+exp(-$2))}}',
        "%.17g,%.17g",
        separator=",",
    ),
    Scenario(
        "tsv",
        "3-column TSV",
        tsv_lines,
        ("eval",),
        'BEGIN {FS = "\\t"} '
        f'{{printf "%.17g\\t%.17g\\t%.17g\\n", {SIGMA}, 1/(1+exp(-$2)), 1/(1+exp(-$3))}}',
        "%.17g\\t%.17g\\t%.17g",
        separator="\t",
    ),
    Scenario(
        "with-input",
        "`eval -i`: input beside result",
        normal_lines,
        ("eval", "-i"),
        f'{{printf "%s\\t%.17g\\n", $1, {SIGMA}}}',
        "%s\\t%.17g",
        layout="with-input",
    ),
    Scenario(
        "jsonl",
        "`--format jsonl`",
        normal_lines,
        ("eval", "--format", "jsonl"),
        f'{{printf "[%.17g]\\n", {SIGMA}}}',
        "[%.17g]",
        layout="jsonl",
    ),
    Scenario(
        "crlf",
        "N(0, 1), CRLF line ends (kept)",
        normal_lines,
        ("eval",),
        f'BEGIN {{RS = "\\r\\n"}} {{printf "%.17g\\r\\n", {SIGMA}}}',
        "%.17g\\r\\n (RS = \\r\\n)",
        line_end="\r\n",
    ),
    Scenario(
        "grad",
        "`grad`: σ' of N(0, 1)",
        normal_lines,
        ("grad",),
        '{s = 1/(1+exp(-$1)); printf "%.17g\\n", s*(1-s)}',
        "%.17g of s(1-s)",
        compute=_grad(1),
    ),
    Scenario(
        "tanh",
        "`eval --fn tanh` of N(0, 1)",
        normal_lines,
        ("eval", "--fn", "tanh"),
        '{e = exp(-2*$1); printf "%.17g\\n", (1-e)/(1+e)}',
        "%.17g of (1-e)/(1+e), e = exp(-2x)",
        compute=_sigmoid(fn="tanh"),
    ),
    Scenario(
        "grad2",
        "`grad --order 2` of N(0, 1)",
        normal_lines,
        ("grad", "--order", "2"),
        '{s = 1/(1+exp(-$1)); printf "%.17g\\n", s*(1-s)*(1-2*s)}',
        "%.17g of s(1-s)(1-2s)",
        compute=_grad(2),
    ),
    Scenario(
        "fields",
        "CSV id,score,label with a header: `--header -f score -i`",
        table_lines,
        ("eval", "--header", "-f", "score", "-i"),
        'BEGIN {FS = ","} NR == 1 {print $0 ",sigmoid(score)"; next} '
        '{printf "%s,%.17g\\n", $0, 1/(1+exp(-$2))}',
        "$0,%.17g",
        layout="fields",
    ),
    Scenario(
        "quoted",
        "the same, one label in ten quoted with a comma inside",
        quoted_lines,
        ("eval", "--header", "-f", "score", "-i"),
        'BEGIN {FS = ","} NR == 1 {print $0 ",sigmoid(score)"; next} '
        '{printf "%s,%.17g\\n", $0, 1/(1+exp(-$2))}',
        "$0,%.17g (score is field 2 on every line)",
        layout="fields",
    ),
    Scenario(
        "silu",
        "`eval --expr 'x*sigmoid(x)'` (SiLU) of N(0, 5)",
        wide_lines,
        ("eval", "--expr", "x*sigmoid(x)"),
        _printf("$1/(1+exp(-$1))"),
        "%.17g of x/(1+exp(-x))",
        compute=_expression("x*sigmoid(x)"),
    ),
    Scenario(
        "softplus",
        "`eval --expr 'softplus(x)'` of N(0, 5)",
        wide_lines,
        ("eval", "--expr", "softplus(x)"),
        _printf("log(1+exp($1))"),
        "%.17g of log(1+exp(x))",
        compute=_expression("softplus(x)"),
    ),
    Scenario(
        "softmax",
        "`eval --softmax` of each line of a 3-column CSV of N(0, 3)",
        logit_lines,
        ("eval", "--softmax"),
        'BEGIN {FS = ","} {m = $1; if ($2 > m) m = $2; if ($3 > m) m = $3; '
        "a = exp($1 - m); b = exp($2 - m); c = exp($3 - m); s = a + b + c; "
        'printf "%.17g,%.17g,%.17g\\n", a/s, b/s, c/s}',
        "%.17g,%.17g,%.17g of e^(x-m)/s",
        compute=_softmax_rows(3),
        separator=",",
    ),
    Scenario(
        "bad-nan",
        "`--on-error nan`, `abc` per 10,000 lines",
        bad_lines,
        ("eval", "--on-error", "nan"),
        f'{{if ($1 ~ /^[-+]?\\.?[0-9]/) printf "%.17g\\n", {SIGMA}; else print "nan"}}',
        "%.17g, nan for a non-number",
    ),
]


# --- checks ----------------------------------------------------------------------------------------


def _number(token: str) -> float:
    try:
        return float(token)
    except ValueError:
        return math.nan  # what --on-error nan computes with


def _rows(scenario: Scenario, lines: list[str]) -> list[list[str]]:
    if scenario.layout == "fields":  # the header has no value; the score is field 2
        return [[], *([line.split(",")[1]] for line in lines[1:])]
    if scenario.separator:
        return [line.split(scenario.separator) if line else [] for line in lines]
    return [[line] if line else [] for line in lines]


def _results(scenario: Scenario, rows: list[list[str]]) -> list[float]:
    """The library's float64 results for every value, in order."""
    import numpy as np

    x = np.array([_number(token) for row in rows for token in row], dtype=np.float64)
    return scenario.compute(x).tolist()  # type: ignore[no-any-return]


def check_sigmoid(scenario: Scenario, lines: list[str], out_path: str) -> str | None:
    """None when sigmoid's output is right, else what is wrong."""
    rows = _rows(scenario, lines)
    results = iter(_results(scenario, rows))
    with open(out_path, encoding="utf-8", newline="") as handle:
        got = handle.read().split("\n")
    if got[-1] != "":
        return "the output does not end with a newline"
    got.pop()
    if len(got) != len(rows):
        return f"{len(got)} output lines for {len(rows)} input lines"
    join = scenario.separator or " "
    for number, (row, text) in enumerate(zip(rows, got, strict=True), start=1):
        values = [next(results) for _ in row]
        if scenario.layout == "jsonl":
            try:
                parsed = json.loads(text)
            except ValueError:
                return f"line {number} is not JSON: {text!r}"
            if not (isinstance(parsed, list) and all(isinstance(v, float) for v in parsed)):
                return f"line {number} is not an array of numbers: {text!r}"
            if [repr(v) for v in parsed] != [repr(v) for v in values]:
                return f"line {number}: {text!r} reads back as {parsed}, not {values}"
            continue
        if scenario.layout == "fields":
            expected = f"{lines[0]},sigmoid(score)" if number == 1 else f"{lines[number - 1]},{values[0]!r}"
        elif scenario.layout == "with-input":
            expected = join.join(f"{token}\t{value!r}" for token, value in zip(row, values, strict=True))
        else:
            expected = join.join(repr(value) for value in values)
        if scenario.line_end == "\r\n":
            expected += "\r"  # line ends are kept
        if text != expected:
            return f"line {number}: {text!r}, expected {expected!r}"
    return None


def check_mawk(scenario: Scenario, lines: list[str], out_path: str, first: int = 1_000) -> str | None:
    """The baseline does the same job: as many lines, and nearly the same numbers at the start."""
    with open(out_path, encoding="utf-8") as handle:
        got = handle.read().splitlines()
    if len(got) != len(lines):
        return f"mawk wrote {len(got)} lines for {len(lines)}"
    rows = _rows(scenario, lines[:first])
    results = iter(_results(scenario, rows))
    for number, (row, text) in enumerate(zip(rows, got, strict=False), start=1):
        cells = text.strip("[]").split(scenario.separator or None)
        if scenario.layout == "fields":
            cells = [] if number == 1 else [text.rsplit(",", 1)[1]]
        elif scenario.layout == "with-input":
            cells = cells[1::2]
        expected = [next(results) for _ in row]
        numbers = [_number(cell) for cell in cells]
        if len(numbers) != len(expected) or not all(
            (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-12)
            for a, b in zip(numbers, expected, strict=True)
        ):
            return f"mawk line {number}: {text!r}, expected about {expected}"
    return None


# --- running ---------------------------------------------------------------------------------------


def _write(path: str, lines: list[str], line_end: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(line_end.join(lines) + line_end)


WARM_UP_LINES = 10_000  # enough to meet every scenario's odd lines (blank, nan, inf, abc)


def run(
    scenario: Scenario, lines: list[str], inputs: tuple[str, str], folder: str, runs: int, mawk: str
) -> bool:
    """One table row: check both outputs, time ``runs`` pairs; True if the claim holds."""
    in_path, warm_up_path = inputs
    ours = [*sigmoid_command(), *scenario.words]
    theirs = [mawk, scenario.mawk]
    out = os.path.join(folder, "out.txt")
    err = os.path.join(folder, "err.txt")
    out_mawk = os.path.join(folder, "out.mawk.txt")

    def sigmoid_run(path: str = in_path) -> float:
        return timed(ours, stdin_path=path, stdout_path=out, stderr_path=err)

    def mawk_run() -> float:
        return timed(theirs, stdin_path=in_path, stdout_path=out_mawk)

    # Uncounted: sigmoid on the first lines (its bytecode, the modules this job imports), and
    # mawk on the whole file (which then sits in the page cache for both).
    sigmoid_run(warm_up_path)
    mawk_run()
    problem = check_mawk(scenario, lines, out_mawk)
    # The first pair is timed too, and that sigmoid output is the one checked: at today's
    # slowest scenarios a separate checked run would add a quarter to the total.
    first = sigmoid_run()
    problem = check_sigmoid(scenario, lines, out) or problem
    command = f"`sigmoid {' '.join(scenario.words)}`"
    if problem is not None:
        print(f"| {scenario.name} | {command} | {scenario.prints} | CHECK FAILED: {problem} | | | | no |")
        return False
    first_mawk = mawk_run()
    ours_s, theirs_s = alternate(runs - 1, sigmoid_run, mawk_run, warm_up=False)
    ours_s.insert(0, first)
    theirs_s.insert(0, first_mawk)
    ratios = [b / a for a, b in zip(ours_s, theirs_s, strict=True)]
    ratio = statistics.median(ratios)
    ok = ratio >= CLAIM
    print(
        f"| {scenario.name} | {command} | {scenario.prints} | {statistics.median(ours_s):.2f} | "
        f"{statistics.median(theirs_s):.2f} | **{ratio:.2f}** | {min(ratios):.2f}–{max(ratios):.2f} | "
        f"{'yes' if ok else 'no'} |",
        flush=True,
    )
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3, help="timed pairs per scenario (default 3)")
    names = [scenario.name for scenario in SCENARIOS]
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help=f"run only these scenarios (repeat, or separate with commas): {', '.join(names)}",
    )
    parser.add_argument("--list", action="store_true", help="list the scenarios and their mawk programs")
    args = parser.parse_args()
    if args.runs < 1 or args.lines < 1:
        parser.error("--runs and --lines must be at least 1")
    if args.list:
        for scenario in SCENARIOS:
            print(f"{scenario.name}: {scenario.what}\n    sigmoid {' '.join(scenario.words)}")
            print(f"    mawk '{scenario.mawk}'")
        return
    chosen = SCENARIOS
    if args.only:
        wanted = {name for group in args.only for name in group.split(",") if name}
        unknown = wanted - set(names)
        if unknown:
            parser.error(f"no scenario {', '.join(sorted(unknown))} (there are: {', '.join(names)})")
        chosen = [scenario for scenario in SCENARIOS if scenario.name in wanted]
    mawk = shutil.which("mawk")
    if mawk is None:
        sys.exit("mawk is not installed (apt-get install mawk)")
    import sigmoid_cli

    print(
        f"sigmoid: {' '.join(sigmoid_command())} (sigmoid_cli from {os.path.dirname(sigmoid_cli.__file__)})"
    )
    print(f"{args.lines:,} lines, {args.runs} timed pairs per scenario (sigmoid, mawk alternately)\n")
    print("| scenario | sigmoid | mawk prints | sigmoid s | mawk s | mawk/sigmoid | range | ≥ 2× |")
    print("| --- | --- | --- | ---: | ---: | ---: | --- | --- |", flush=True)
    start = time.perf_counter()
    ok = True
    inputs: dict[tuple[Callable[[int], list[str]], str], tuple[str, str]] = {}
    with tempfile.TemporaryDirectory(prefix="sigmoid-bench-stream-") as folder, bytecode_cache():
        for scenario in chosen:
            lines = scenario.make(args.lines)
            key = (scenario.make, scenario.line_end)
            if key not in inputs:  # scenarios that share an input share its file
                path = os.path.join(folder, f"in-{len(inputs)}.txt")
                _write(path, lines, scenario.line_end)
                _write(path + ".head", lines[:WARM_UP_LINES], scenario.line_end)
                inputs[key] = (path, path + ".head")
            ok = run(scenario, lines, inputs[key], folder, args.runs, mawk) and ok
    print(f"\n{len(chosen)} scenarios in {time.perf_counter() - start:.0f} s")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
