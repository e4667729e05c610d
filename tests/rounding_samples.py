"""Inputs, functions and the comparison shared by tests/test_correct_rounding.py (a CI-sized
sample) and bench/correct_rounding.py / bench/hard_cases.py (the big runs).

The functions: the six logistic members and three generalised parameter sets L·σ(k(x−x0)),
each as a value and as a first derivative.

The sample mix for a function of x (``MIX``; u = k·(x−x0) for the generalised ones, whose
inputs are then x = x0 + u/k, rounded):
    20% uniform u in ±40            15% uniform u in ±740
    20% whole range: random finite bit patterns, both signs (every binade equally likely)
     5% subnormal x                 10% tiny u (±2^−1 … ±2^−80; half with ≤ 8 significant bits)
    30% near the edges: u around ±36.7 (53·ln 2: σ reaches 1), ±709.8 (1024·ln 2),
        ±745.1 (1075·ln 2 = 745.13…: σ underflows to 0), and for L ≠ 1 where |L·σ(u)| or
        |L·k·σ'(u)| crosses 2^−1022, 2^−1074 and 2^1024; a third of them within ±½, a third
        within ±10^−6·|c|, a third within ±1000 ulps
and for logit (``LOGIT_MIX``):
    30% uniform (0, 1)    25% near 0 (random bit patterns below ¼, subnormals included)
    20% near ½ (½ ± 2^−2 … 2^−60, and ±1000 ulps)    25% near 1 (1 − 2^−1 … 2^−53, and 1 − j·2^−53)
Every sample also starts with the special inputs (±0, ±inf, nan, the extreme doubles, …).
"""

from __future__ import annotations

import math
import random
import struct
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from oracle import SIX, Function, correctly_rounded, same, ulps_apart

GENERAL_PARAMS = [(2.5, -1.25, 3.0), (-0.7, 10.0, 1e-300), (1e-3, 0.5, 1e300)]
FUNCTIONS: list[Function] = [Function(kind) for kind in SIX] + [
    Function(kind, k, x0, L) for k, x0, L in GENERAL_PARAMS for kind in ("general", "general_grad")
]
LN2 = math.log(2.0)
MIX = {"uniform40": 20, "uniform740": 15, "whole": 20, "subnormal": 5, "tiny": 10, "edges": 30}
LOGIT_MIX = {"uniform": 30, "near0": 25, "near_half": 20, "near1": 25}
MAX_BITS = 0x7FEFFFFFFFFFFFFF  # the bit pattern of the largest finite double


def curve_for(f: Function) -> Any:
    """The sigmoid_cli Curve that computes f."""
    from sigmoid_cli.numeric.curve import Curve

    return {
        "sigmoid": Curve,
        "complement": lambda: Curve(complement=True),
        "log_sigmoid": lambda: Curve(log=True),
        "log_complement": lambda: Curve(log=True, complement=True),
        "logit": lambda: Curve(inverse=True),
        "grad": lambda: Curve(order=1),
        "general": lambda: Curve(k=f.k, x0=f.x0, L=f.L),
        "general_grad": lambda: Curve(k=f.k, x0=f.x0, L=f.L, order=1),
    }[f.kind]()


def fallbacks() -> int | None:
    """sigmoid_cli.numeric.rounded.fallbacks(), where the kernels have it yet."""
    try:
        from sigmoid_cli.numeric.rounded import fallbacks as count  # type: ignore[import-not-found]
    except ImportError:
        return None
    return int(count())


# --- inputs ---------------------------------------------------------------------------------


def _from_bits(bits: int) -> float:
    return float(struct.unpack("<d", struct.pack("<Q", bits))[0])


def _signed(rng: random.Random, x: float) -> float:
    return -x if rng.random() < 0.5 else x


def _few_bits(rng: random.Random, exponent: int) -> float:
    """±(an odd integer below 2^8)·2^(exponent−8): a double with few significant bits."""
    return _signed(rng, math.ldexp(rng.randrange(1, 256, 2), exponent - 8))


def _near(rng: random.Random, c: float) -> float:
    way = rng.randrange(3)
    if way == 0:
        return c + rng.uniform(-0.5, 0.5)
    if way == 1:
        return c + rng.uniform(-1e-6, 1e-6) * abs(c)
    return _step(c, rng.randint(-1000, 1000))


def _step(x: float, ulps: int) -> float:
    """The double ``ulps`` steps above x (below, for ulps < 0); x finite and nonzero, and the
    steps stay on its side of 0."""
    (bits,) = struct.unpack("<q", struct.pack("<d", abs(x)))
    return math.copysign(_from_bits(bits + (ulps if x > 0 else -ulps)), x)


def edges(f: Function) -> list[float]:
    """The u where the result changes regime (see the module docstring)."""
    base = [53 * LN2, 1024 * LN2, 1075 * LN2]
    centres = [s * c for c in base for s in (1.0, -1.0)]
    scale = abs(f.L) * (abs(f.k) if f.kind == "general_grad" else 1.0)
    if scale != 1.0:
        for power in (-1022, -1074, -1075, 1024):
            # |L·σ(u)| ≈ scale·e^{u} (u → −∞), |L·k·σ'(u)| ≈ scale·e^{−|u|}
            c = power * LN2 - math.log(scale)
            if c < 0:
                centres.extend([c, -c] if f.kind == "general_grad" else [c])
    return centres


def specials(f: Function) -> list[float]:
    if f.kind == "logit":
        return [
            0.0,
            -0.0,
            1.0,
            0.5,
            0.25,
            0.75,
            5e-324,
            2.0**-1022,
            1 - 2.0**-53,
            0.5 + 2.0**-53,
            0.5 - 2.0**-54,
        ]
    tiny, big = 5e-324, 1.7976931348623157e308
    xs = [
        0.0,
        -0.0,
        math.inf,
        -math.inf,
        math.nan,
        tiny,
        -tiny,
        2.0**-1022,
        -(2.0**-1022),
        big,
        -big,
        1.0,
        -1.0,
    ]
    if f.kind.startswith("general"):
        xs += [f.x0, math.nextafter(f.x0, math.inf), math.nextafter(f.x0, -math.inf)]
    return xs


def _logit_input(rng: random.Random, category: str) -> float:
    if category == "uniform":
        return rng.random()
    if category == "near0":
        return _from_bits(rng.randrange(1, 0x3FD0000000000000))  # (0, ¼)
    if category == "near_half":
        if rng.random() < 0.5:
            return 0.5 + _signed(rng, math.ldexp(1 + rng.random(), -rng.randint(3, 61)))
        return _step(0.5, rng.randint(-1000, 1000))
    if rng.random() < 0.5:
        return 1.0 - math.ldexp(1 + rng.random(), -rng.randint(2, 54))
    return 1.0 - math.ldexp(rng.randint(1, 1000), -53)


def _u_input(rng: random.Random, category: str, centres: Sequence[float]) -> float:
    if category == "uniform40":
        return rng.uniform(-40.0, 40.0)
    if category == "uniform740":
        return rng.uniform(-740.0, 740.0)
    if category == "tiny":
        exponent = -rng.randint(1, 80)
        if rng.random() < 0.5:
            return _few_bits(rng, exponent)
        return _signed(rng, math.ldexp(1 + rng.random(), exponent))
    return _near(rng, rng.choice(centres))


def _categories(mix: dict[str, int], n: int, rng: random.Random) -> list[str]:
    total = sum(mix.values())
    names = [name for name, share in mix.items() for _ in range(round(n * share / total))]
    while len(names) < n:
        names.append(rng.choice(list(mix)))
    return names[:n]


def sample(f: Function, n: int, seed: int | str = 0) -> list[float]:
    """The special inputs, then n inputs drawn with ``MIX`` / ``LOGIT_MIX`` from ``seed``."""
    rng = random.Random(f"{seed}:{f.name}")
    xs = specials(f)
    if f.kind == "logit":
        xs += [_logit_input(rng, c) for c in _categories(LOGIT_MIX, n, rng)]
        return [min(max(x, 0.0), 1.0) for x in xs]
    general = f.kind.startswith("general")
    centres = edges(f)
    for category in _categories(MIX, n, rng):
        if category == "whole":
            x = _signed(rng, _from_bits(rng.randrange(MAX_BITS + 1)))
        elif category == "subnormal":
            x = _signed(rng, _from_bits(rng.randrange(1, 1 << 52)))
        else:
            u = _u_input(rng, category, centres)
            x = f.x0 + u / f.k if general else u
        xs.append(x)
    return xs


# --- comparing ------------------------------------------------------------------------------


@dataclass
class Miss:
    x: float
    ours: float
    oracle: float

    def __str__(self) -> str:
        apart = ulps_apart(self.ours, self.oracle)
        what = "sign of zero" if apart == 0 else f"{apart} ulp"
        return (
            f"x = {self.x!r} ({self.x.hex()}): ours {self.ours!r} ({self.ours.hex()}), "
            f"correctly rounded {self.oracle!r} ({self.oracle.hex()}) [{what}]"
        )


def oracle_values(f: Function, xs: Sequence[float], start: int = 200) -> list[float]:
    return [correctly_rounded(f, x, start) for x in xs]


def numpy_path(f: Function, xs: Sequence[float]) -> list[float]:
    import numpy as np

    from sigmoid_cli.numeric.curve import array_values

    results, bad = array_values(curve_for(f), np.asarray(xs, dtype=np.float64))
    assert not bad.any(), "inputs outside the domain in the sample"
    return [float(v) for v in results]


def scalar_path(f: Function, xs: Sequence[float]) -> list[float]:
    from sigmoid_cli.numeric.curve import float_value

    curve = curve_for(f)
    return [float(float_value(curve, x)) for x in xs]


def misses(xs: Sequence[float], ours: Sequence[float], expected: Sequence[float]) -> list[Miss]:
    return [Miss(x, a, b) for x, a, b in zip(xs, ours, expected, strict=True) if not same(a, b)]


def report(f: Function, path: str, xs: Sequence[float], found: Sequence[Miss], show: int = 10) -> str:
    lines = [f"{f.name}, {path} path: {len(found)} of {len(xs)} results misrounded"]
    lines += [f"  {m}" for m in found[:show]]
    if len(found) > show:
        lines.append(f"  … and {len(found) - show} more")
    worst = max(found, key=lambda m: ulps_apart(m.ours, m.oracle), default=None)
    if worst is not None:
        lines.append(f"  worst: {worst}")
    return "\n".join(lines)


def timed(call: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    result = call()
    return result, time.perf_counter() - start
