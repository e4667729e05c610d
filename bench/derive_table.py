"""How long and how readable `sigmoid derive` proofs are: 30 expressions (ML losses and activations,
quotients, chains, orders 2–3), each with its step count (top-level and all, sub-steps included),
deepest step number, result, and SymPy's own `simplify(diff(…))` beside it.

    python bench/derive_table.py [--only SUBSTRING] [--detail brief|normal|full] > table.md

Each row runs the real command, `sigmoid derive --expr E [--var V] [--order N] -f json`, so it
measures what a user gets (the seconds column is one run on a shared machine: a rough guide, not
a claim). A row whose command fails shows its exit code. Issue 12 compares this table before and
after its changes.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from typing import Any

sys.path.insert(0, os.path.dirname(__file__))
from common import sigmoid_command

CASES: list[tuple[str, str, int]] = [  # expression, variable, order
    ("-y*log(sigmoid(w*x+b)) - (1-y)*log(1-sigmoid(w*x+b))", "w", 1),
    ("-y*log(sigmoid(w*x+b)) - (1-y)*log(1-sigmoid(w*x+b))", "b", 1),
    ("log(1+exp(x))", "x", 1),
    ("log(1+exp(x))", "x", 2),
    ("x*sigmoid(x)", "x", 1),
    ("x*sigmoid(x)", "x", 2),
    ("x*sigmoid(x)", "x", 3),
    ("0.5*x*(1+tanh(sqrt(2/pi)*(x+0.044715*x^3)))", "x", 1),
    ("x*tanh(log(1+exp(x)))", "x", 1),
    ("exp(-x^2/2)/sqrt(2*pi)", "x", 1),
    ("exp(-x^2/2)/sqrt(2*pi)", "x", 3),
    ("exp(-(x-mu)^2/(2*s^2))", "s", 1),
    ("sigmoid(x)", "x", 2),
    ("sigmoid(x)", "x", 3),
    ("sigmoid(sigmoid(x))", "x", 1),
    ("sigmoid(sigmoid(sigmoid(x)))", "x", 2),
    ("1/(1+exp(-k*(x-x0)))", "k", 1),
    ("1/(1+exp(-k*(x-x0)))", "x0", 1),
    ("L/(1+exp(-k*(x-x0)))", "x", 2),
    ("log(sigmoid(x))", "x", 1),
    ("-log(sigmoid(x))", "x", 1),
    ("log(1-sigmoid(x))", "x", 2),
    ("sigmoid(x)/(1-sigmoid(x))", "x", 1),
    ("exp(x)^2", "x", 1),
    ("log(abs(x))", "x", 1),
    ("x*abs(x)", "x", 1),
    ("log(cosh(x))", "x", 1),
    ("(x^2+1)/(x-1)", "x", 1),
    ("sin(x)/x", "x", 2),
    ("tanh(x)", "x", 3),
]


def _count(steps: list[dict[str, Any]]) -> tuple[int, int]:
    """(all steps, sub-steps included; how many levels deep the numbering goes)."""
    total, deepest = 0, 0
    for step in steps:
        below, depth = _count(step.get("substeps", []))
        total += 1 + below
        deepest = max(deepest, 1 + depth)
    return total, deepest


def _sympy_form(expr: str, var: str, order: int) -> str:
    """SymPy's own answer: diff of the expression with σ written out, then simplify."""
    import sympy

    from sigmoid_cli.proofs.derive import parse_expression
    from sigmoid_cli.proofs.forms import symbols, to_sympy
    from sigmoid_cli.proofs.simplify import sigma_out

    function = parse_expression(expr, var)
    table = {name: sympy.Symbol(name, real=True) for name in symbols(function) | {var}}
    written = sigma_out(to_sympy(function, table))
    return str(sympy.simplify(sympy.diff(written, table[var], order)))


def row(expr: str, var: str, order: int, detail: str = "normal") -> str:
    command = [
        *sigmoid_command(),
        "derive",
        "--expr",
        expr,
        "--var",
        var,
        "--order",
        str(order),
        "--detail",
        detail,
        "-f",
        "json",
    ]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.monotonic() - started
    case = f"`{expr}`" + (f" d/d{var}" if var != "x" else "") + (f" order {order}" if order > 1 else "")
    if done.returncode:
        first = (done.stderr.strip().splitlines() or ["?"])[-1]
        return f"| {case} | exit {done.returncode}: {first} | | | | | {seconds:.1f} |"
    proof = json.loads(done.stdout)
    total, deepest = _count(proof["steps"])
    reference = _sympy_form(expr, var, order)
    return (
        f"| {case} | {len(proof['steps'])} | {total} | {deepest} | `{proof['result_text']}` "
        f"| `{reference}` | {seconds:.1f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", default="", help="rows whose expression contains this text")
    parser.add_argument(
        "--detail", default="normal", choices=("brief", "normal", "full"), help="derive --detail"
    )
    args = parser.parse_args()
    print("| expression | steps | with sub-steps | deepest level | result | sympy.simplify(diff) | s |")
    print("| --- | ---: | ---: | ---: | --- | --- | ---: |")
    for expr, var, order in CASES:
        if args.only in expr:
            print(row(expr, var, order, args.detail), flush=True)


if __name__ == "__main__":
    main()
