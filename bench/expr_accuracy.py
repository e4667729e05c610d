"""Accuracy of `--expr`: the worst ulp error of `eval` and of `grad` orders 1-3, against mpmath.

    python bench/expr_accuracy.py [--points 10000] [--grad-points N] [--jobs 2] [--quick]

For each function of the grammar's machine-learning set (softplus … sech) and four
compositions as users type them, `--points` seeded inputs over the function's whole float64
range (uniform in the centre, log-uniform magnitudes from the smallest subnormal to the
largest double, both signs, log-uniform where the function does its work, and each kernel's
edge points: softplus(−800), mish(−50), gelu(−38), logit near ½, 0 and 1, …) and

- eval: `Expression(text).float_value(x)`, what `sigmoid eval --expr TEXT x` prints;
- grad: `Expression(text).derivative(x, "x", order)`, what `sigmoid grad --expr TEXT --order N x`
  prints, orders 1, 2, 3,

each against an independent reference written here: closed-form derivatives in stable form
(σ(−t) computed as such, never 1 − σ(t)), evaluated by mpmath at 256 bits and again at 320
(1024 where the two round to different doubles). The reference formulas are checked against
mpmath's numerical `diff` at a few central points before the run. A few inputs per function
also go through the real CLI (`sigmoid eval --expr`, `sigmoid grad --expr`), which must print
the same doubles.

ulp error = |got − exact| / ulp(exact rounded to double), with the smallest subnormal 2^−1074
as the least ulp (so an exact 0 or subnormal is measured on the subnormal grid). relu's corner
x = 0 is left out of the sample. The promises: 4 ulp for eval (docs/eval.md), the derivative
rounded once for grad (0.5 ulp, docs/grad.md); a figure above them is marked **OVER**.

`grad` runs mpmath's jets in a Ziv loop and takes 2-10 ms a point in the centre but up to
seconds far out (|x| ~ 1e300, where the derivative underflows and the loop doubles the
precision up to its cap): `--grad-points N` measures grad on the first N points of a seeded
shuffle of the same sample (the same mix) plus every edge point; the default is `--points`.
`--quick` is `--points 1000 --grad-points 50`.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing import Pool
from typing import Any

import mpmath

from sigmoid_cli.errors import DataError, UsageError
from sigmoid_cli.numeric.expression import Expression

sys.path.insert(0, os.path.dirname(__file__))
from common import sigmoid_command

SUBNORMAL = 2.0**-1074
ORDERS = (1, 2, 3)
Jet = list[Any]  # [f, f', f'', f'''] at a point, mpmath numbers

# --- the reference: closed-form derivatives, stable in the tails ------------------------------


def _var(c: Any, x: Any) -> Jet:
    return [x, c.one, c.zero, c.zero]


def _mul(a: Jet, b: Jet) -> Jet:
    return [
        a[0] * b[0],
        a[1] * b[0] + a[0] * b[1],
        a[2] * b[0] + 2 * a[1] * b[1] + a[0] * b[2],
        a[3] * b[0] + 3 * a[2] * b[1] + 3 * a[1] * b[2] + a[0] * b[3],
    ]


def _compose(g: Jet, t: Jet) -> Jet:
    """(g ∘ t) given g's derivatives at t(x) and t's at x (Faà di Bruno to order 3)."""
    return [
        g[0],
        g[1] * t[1],
        g[2] * t[1] ** 2 + g[1] * t[2],
        g[3] * t[1] ** 3 + 3 * g[2] * t[1] * t[2] + g[1] * t[3],
    ]


def _sigmoids(c: Any, t: Any) -> tuple[Any, Any]:
    """σ(t) and σ(−t), each computed on its own (no 1 − σ). Past |t| = 1e5 the small one is
    e^−1e5 < 2^−144000 times a factor no formula here makes larger than 2^7000: 0 to a double."""
    if t > 100_000:
        return c.one, c.zero
    if t < -100_000:
        return c.zero, c.one
    return 1 / (1 + c.exp(-t)), 1 / (1 + c.exp(t))


def _sigma(c: Any, t: Any) -> Jet:
    s, sb = _sigmoids(c, t)
    return [s, s * sb, s * sb * _gap(c, t), s * sb * (1 - 6 * s * sb)]


def _gap(c: Any, t: Any) -> Any:
    """σ(−t) − σ(t) as −tanh(t/2): the difference cancels near 0 (t = 1e-300) at any precision."""
    return -c.tanh(t / 2)


def _softplus(c: Any, x: Any) -> Jet:
    s, sb = _sigmoids(c, x)
    value = x + c.log1p(c.exp(-x)) if x > 0 else c.log1p(c.exp(x))
    return [value, s, s * sb, s * sb * _gap(c, x)]


def _tanh(c: Any, u: Any) -> Jet:
    t, s = c.tanh(u), c.sech(u) ** 2  # 1 − tanh² as sech², which does not cancel
    return [t, s, -2 * t * s, s * (4 - 6 * s)]


def _gelu(c: Any, x: Any) -> Jet:
    if abs(x) > 1e6:  # mpmath's ncdf overflows past 1e150; φ(1e6) = e^−5e11: every term is a limit
        return [x, c.one, c.zero, c.zero] if x > 0 else [c.zero] * 4
    phi, big_phi = c.npdf(x), c.ncdf(x)
    return [x * big_phi, big_phi + x * phi, phi * (2 - x**2), x * phi * (x**2 - 4)]


def _gelu_tanh(c: Any, x: Any) -> Jet:
    k, a = c.sqrt(2 / c.pi), c.mpf(44715) / 10**6  # the decimal 0.044715, as the grammar reads it
    t = [2 * k * (x + a * x**3), 2 * k * (1 + 3 * a * x**2), 12 * a * k * x, 12 * a * k]
    return _mul(_var(c, x), _compose(_sigma(c, t[0]), t))


def _erfc(c: Any, x: Any) -> Jet:
    if abs(x) > 1e6:  # e^−1e12 and smaller: a limit in every digit
        return [c.zero if x > 0 else c.mpf(2), c.zero, c.zero, c.zero]
    g = 2 / c.sqrt(c.pi) * c.exp(-(x**2))
    return [c.erfc(x), -g, 2 * x * g, (2 - 4 * x**2) * g]


def _sech(c: Any, x: Any) -> Jet:
    s, t = c.sech(x), c.tanh(x)
    return [s, -s * t, s * (1 - 2 * s**2), s * t * (6 * s**2 - 1)]


def _log1p(c: Any, x: Any) -> Jet:
    u = 1 + x
    return [c.log1p(x), 1 / u, -1 / u**2, 2 / u**3]


def _expm1(c: Any, x: Any) -> Jet:
    e = c.exp(x)
    return [c.expm1(x), e, e, e]


def _logit(c: Any, p: Any) -> Jet:
    q = 1 - p
    return [c.log(p) - c.log1p(-p), 1 / (p * q), (2 * p - 1) / (p * q) ** 2, 2 / p**3 + 2 / q**3]


def _relu(c: Any, x: Any) -> Jet:
    return [x, c.one, c.zero, c.zero] if x > 0 else [c.zero] * 4


def _log_sigmoid(c: Any, x: Any) -> Jet:
    s, sb = _sigmoids(c, x)
    return [-_softplus(c, -x)[0], sb, -s * sb, -s * sb * _gap(c, x)]


REFERENCES: dict[str, Callable[[Any, Any], Jet]] = {
    "softplus(x)": _softplus,
    "silu(x)": lambda c, x: _mul(_var(c, x), _sigma(c, x)),
    "gelu(x)": _gelu,
    "gelu_tanh(x)": _gelu_tanh,
    "mish(x)": lambda c, x: _mul(_var(c, x), _compose(_tanh(c, _softplus(c, x)[0]), _softplus(c, x))),
    "relu(x)": _relu,
    "log1p(x)": _log1p,
    "expm1(x)": _expm1,
    "logit(x)": _logit,
    "erfc(x)": _erfc,
    "sech(x)": _sech,
    "x*sigmoid(x)": lambda c, x: _mul(_var(c, x), _sigma(c, x)),
    "log(1 + exp(x))": _softplus,
    "log(sigmoid(x))": _log_sigmoid,
    "gelu(x)*sigmoid(2*x)": lambda c, x: _mul(_gelu(c, x), _compose(_sigma(c, 2 * x), [2 * x, 2, 0, 0])),
}

# --- the sample ------------------------------------------------------------------------------

_COMMON_EDGES = (5e-324, -5e-324, 2.0**-1022, -(2.0**-1022), 1e-300, -1e-300, 1e308, -1e308, 1.0, -1.0)
EDGES: dict[str, tuple[float, ...]] = {
    "softplus(x)": (-800.0, 800.0, -745.0, -37.0, 37.0, 0.0),
    "silu(x)": (-745.0, -710.0, -700.0, -50.0, 710.0),
    "gelu(x)": (-20.0, -37.0, -37.5, -38.0, -38.5, -40.0, 8.0),
    "gelu_tanh(x)": (-10.0, -20.0, -21.9, -22.5, -30.0, 30.0),
    "mish(x)": (-50.0, -700.0, -710.0, -745.0, 50.0),
    "relu(x)": (),
    "log1p(x)": (-0.5, -1 + 2**-53, 1e300),
    "expm1(x)": (709.78, -745.0, -800.0, 1e-20),
    "logit(x)": (0.5, 0.5 + 2**-53, 0.5 - 2**-54, 2**-1074, 1e-300, 1 - 2**-53, 0.25, 0.75),
    "erfc(x)": (26.0, 26.5, 27.0, -6.0),
    "sech(x)": (709.0, 712.0, 745.0),
    "x*sigmoid(x)": (-745.0, -710.0, -50.0, 710.0),
    "log(1 + exp(x))": (-800.0, 800.0, -745.0, -37.0, 37.0, 0.0),
    "log(sigmoid(x))": (800.0, -800.0, 745.0, 37.0, -37.0, 0.0),
    "gelu(x)*sigmoid(2*x)": (-20.0, -38.0, -800.0, 20.0),
}
CLI_POINTS = {"logit(x)": [0.25, 0.5 + 2**-53, 1e-300], "log1p(x)": [3.7, 0.25, -0.5, -1 + 2**-53]}
# The central region sampled uniformly: where each function turns.
CENTRE = {
    "gelu(x)": 10.0,
    "gelu_tanh(x)": 10.0,
    "relu(x)": 10.0,
    "erfc(x)": 10.0,
    "gelu(x)*sigmoid(2*x)": 10.0,
}


def _log_uniform(rng: random.Random, low: float, high: float) -> float:
    """2^u, u uniform in [low, high): magnitudes spread over the binades (subnormals below −1022)."""
    return float(2.0 ** rng.uniform(low, high))


def sample(name: str, points: int) -> tuple[list[float], list[float]]:
    """(the seeded mix, the edge points) for one function: see the module's docstring."""
    rng = random.Random(sum(map(ord, name)) * 7919)
    sign = lambda: rng.choice((-1.0, 1.0))  # noqa: E731
    xs: list[float] = []
    for i in range(points):
        share = i / points
        if name == "logit(x)":
            if share < 0.25:
                x = rng.uniform(0.0, 1.0)
            elif share < 0.5:
                x = _log_uniform(rng, -1074, -1)  # near 0, subnormals included
            elif share < 0.75:
                x = 1.0 - _log_uniform(rng, -53, -1)  # near 1
            else:
                x = 0.5 + sign() * _log_uniform(rng, -54, -2)  # near ½
        elif name == "log1p(x)":
            if share < 0.3:
                x = rng.uniform(-1.0, 10.0)
            elif share < 0.7:
                x = _log_uniform(rng, -1074, 1024)
            elif share < 0.85:
                x = -_log_uniform(rng, -1074, 0)
            else:
                x = -1.0 + _log_uniform(rng, -53, -1)
        elif share < 0.3:
            half = CENTRE.get(name, 40.0)
            x = rng.uniform(-half, half)
        elif share < 0.8:
            x = sign() * _log_uniform(rng, -1074, 1024)  # the whole double range
        else:
            x = sign() * _log_uniform(rng, -30, 10)  # where the function does its work
        inside = (0 < x < 1) if name == "logit(x)" else (x > -1) if name == "log1p(x)" else True
        if math.isfinite(x) and inside and not (name == "relu(x)" and x == 0):  # relu's corner: no derivative
            xs.append(x)
    edges = list(EDGES[name])
    if name not in ("logit(x)", "log1p(x)"):
        edges += _COMMON_EDGES
    elif name == "log1p(x)":
        edges += [e for e in _COMMON_EDGES if e > -1]
    return xs, [e for e in edges if not (name == "relu(x)" and e == 0)]


# --- ulps ------------------------------------------------------------------------------------


def to_double(c: Any, value: Any) -> float:
    """value rounded to the nearest double, ties to even, subnormals included (mpmath's float()
    rounds to 53 bits first, then to the subnormal grid: twice)."""
    if not c.isfinite(value):
        return float(value)
    if abs(value) < 2.0**-1022:
        return math.ldexp(int(c.nint(c.ldexp(value, 1074))), -1074)
    return float(value)


def ulps(c: Any, got: float, exact: Any) -> float:
    nearest = to_double(c, exact)
    if math.isnan(got):
        return math.inf
    if math.isinf(nearest) or math.isinf(got):
        return 0.0 if got == nearest else math.inf
    return float(abs(c.mpf(got) - exact) / max(math.ulp(nearest), SUBNORMAL))


def reference(x: float, name: str, order: int) -> tuple[Any, Any]:
    """(context, the exact value of derivative ``order`` at x): 256 bits, confirmed at 320
    (1024 where the two give different doubles)."""
    results = []
    for bits in (256, 320, 1024):
        c = mpmath.MPContext()
        c.prec = bits
        results.append((c, REFERENCES[name](c, c.mpf(x))[order]))
        if len(results) >= 2 and to_double(*results[-1]) == to_double(*results[-2]):
            break
    return results[-1]


# --- the work --------------------------------------------------------------------------------


@dataclass
class Worst:
    ulps: float = 0.0
    where: float = math.nan
    got: float = math.nan
    errors: int = 0
    first_error: str = ""

    def see(self, error: float, x: float, got: float) -> None:
        if error > self.ulps or math.isnan(self.where):
            self.ulps, self.where, self.got = error, x, got

    def merge(self, other: Worst) -> None:
        if not math.isnan(other.where):
            self.see(other.ulps, other.where, other.got)
        self.errors += other.errors
        self.first_error = self.first_error or other.first_error


def measure(task: tuple[str, int, Sequence[float]]) -> tuple[str, int, Worst, float]:
    """The worst error of one function, one order (0: eval) over some inputs; the seconds."""
    name, order, xs = task
    start = time.perf_counter()
    expression = Expression(name)
    worst = Worst()
    for x in xs:
        try:
            got = expression.float_value(x) if order == 0 else expression.derivative(x, "x", order)
        except (DataError, UsageError) as error:
            worst.errors += 1
            worst.first_error = worst.first_error or f"{x!r}: {error}"
            continue
        c, exact = reference(x, name, order)
        worst.see(ulps(c, got, exact), x, got)
    return name, order, worst, time.perf_counter() - start


def check_references() -> None:
    """The closed forms against mpmath's numerical diff of the value, at 256 bits."""
    c = mpmath.MPContext()
    c.prec = 256
    for name, formula in REFERENCES.items():
        for x in (0.3, -1.7, 2.9) if name != "logit(x)" else (0.3, 0.61, 0.9):
            jet = formula(c, c.mpf(x))
            for order in ORDERS:
                numeric = c.diff(lambda t, f=formula: f(c, t)[0], c.mpf(x), order)
                if abs(numeric - jet[order]) > c.mpf(2) ** -150 * max(1, abs(numeric)):
                    raise SystemExit(f"reference {name} order {order} at {x}: {jet[order]} vs diff {numeric}")


def check_cli(name: str, xs: Sequence[float]) -> int:
    """The real CLI at a few inputs: the doubles it prints against Expression's. The number seen."""
    expression = Expression(name)
    texts = [repr(x) for x in xs]
    runs = [(0, ["eval", "--expr", name, "--", *texts])]
    runs += [(order, ["grad", "--expr", name, "--order", str(order), "--", *texts]) for order in ORDERS]
    for order, words in runs:
        run = subprocess.run([*sigmoid_command(), *words], capture_output=True, text=True, check=True)
        printed = run.stdout
        for x, line in zip(xs, printed.split(), strict=True):
            ours = expression.float_value(x) if order == 0 else expression.derivative(x, "x", order)
            if float(line) != ours and not (math.isnan(ours) and math.isnan(float(line))):
                command = " ".join(words)
                raise SystemExit(f"`sigmoid {command}` printed {line} at {x!r}; Expression gives {ours!r}")
    return len(xs) * len(runs)


def _cell(worst: Worst, promise: float) -> str:
    text = "inf" if math.isinf(worst.ulps) else f"{worst.ulps:.2f}"
    if worst.ulps > promise:
        text += " **OVER**"
    return text + (f" ({worst.errors} errors)" if worst.errors else "")


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--points", type=int, default=10_000, help="inputs per function for eval")
    parser.add_argument("--grad-points", type=int, help="inputs per function for grad (default: --points)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes")
    parser.add_argument("--quick", action="store_true", help="--points 1000 --grad-points 50")
    parser.add_argument("--only", nargs="+", help="these functions only (as written in the table)")
    args = parser.parse_args()
    if args.quick:
        args.points, args.grad_points = 1000, 50
    grad_points = args.points if args.grad_points is None else args.grad_points
    names = args.only or list(REFERENCES)
    start = time.perf_counter()
    check_references()
    tasks: list[tuple[str, int, Sequence[float]]] = []
    for name in names:
        xs, edges = sample(name, args.points)
        tasks.append((name, 0, xs + edges))
        shuffled = random.Random(1).sample(xs, len(xs))[:grad_points] + edges
        for order in ORDERS:
            tasks += [(name, order, shuffled[i : i + 20]) for i in range(0, len(shuffled), 20)]
    checked = sum(check_cli(name, CLI_POINTS.get(name, [-3.7, 0.25, *EDGES[name][:2]])) for name in names)
    tasks.sort(key=lambda task: -len(task[2]) if task[1] == 0 else 0)  # the long eval tasks first
    results: dict[tuple[str, int], Worst] = {}
    seconds: dict[str, float] = {}
    with Pool(args.jobs) as pool:
        for name, order, worst, took in pool.imap_unordered(measure, tasks):
            results.setdefault((name, order), Worst()).merge(worst)
            seconds[name] = seconds.get(name, 0.0) + took
    print(
        f"{args.points:,} inputs per function for eval, {grad_points:,} for grad (plus the edge points); "
        f"{checked} values also through the CLI, the same doubles"
    )
    print(
        "| function | eval worst ulp | grad 1 | grad 2 | grad 3 | eval's worst input "
        "| grad's worst input (order) | cpu s |"
    )
    print("| --- | ---: | ---: | ---: | ---: | --- | --- | ---: |")
    for name in names:
        evaluated = results[(name, 0)]
        grads = [results[(name, order)] for order in ORDERS]
        order, worst_grad = max(enumerate(grads, 1), key=lambda pair: pair[1].ulps)
        print(
            f"| `{name}` | {_cell(evaluated, 4.0)} | "
            + " | ".join(_cell(g, 0.5) for g in grads)
            + f" | `{evaluated.where!r}` → `{evaluated.got!r}` | `{worst_grad.where!r}` ({order})"
            + f" | {seconds[name]:.0f} |"
        )
    for (name, order), worst in results.items():
        if worst.errors:
            what = "eval" if order == 0 else f"grad order {order}"
            print(f"- `{name}` {what}: {worst.errors} inputs refused, first {worst.first_error}")
    print(f"wall time {time.perf_counter() - start:.0f} s, {args.jobs} processes")


if __name__ == "__main__":
    main()
