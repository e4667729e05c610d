"""Round ticks: 1-2-5 steps, their values and labels, and the y range the data asks for."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from sigmoid_cli.errors import UsageError

_MIN_RELATIVE_SPAN = 1e-9  # narrower ranges would need tick labels longer than the plot is wide
_MIN_SPAN = 1e-290  # keeps the tick step a normal float


def _decimal(mantissa: int, exponent: int) -> float:
    """mantissa × 10**exponent as the double nearest that decimal: 3 × 0.1 computed in floats
    is 0.30000000000000004, which falls one cell away from the 0.3 typed in ``--hline 0.3``
    whenever 0.3 sits on a cell boundary, so tick values are read from their decimals."""
    return float(f"{mantissa}e{exponent}")


def nice_step(span: float, count: int) -> float:
    """The smallest 1-2-5 step (…, 0.1, 0.2, 0.5, 1, 2, 5, 10, …) that covers ``span``
    with at most ``count`` ticks."""
    raw = span / max(count - 1, 1)
    exponent = math.floor(math.log10(raw))
    fraction = raw / 10.0**exponent
    for mantissa in (1, 2, 5):
        if fraction <= mantissa * (1 + 1e-9):
            return _decimal(mantissa, exponent)
    return _decimal(1, exponent + 1)


def _multiple(k: int, step: float) -> float:
    """k × step, exactly as the decimal it stands for when step is a 1-2-5 step (see _decimal)."""
    exponent = math.floor(math.log10(step) + 1e-9)
    mantissa = step / 10.0**exponent
    if abs(mantissa - round(mantissa)) > 1e-9:  # not a round step: no decimal to read
        return k * step + 0.0
    return _decimal(k * round(mantissa), exponent)


def _slack(low: float, high: float, step: float) -> float:
    """How far (in steps) a quotient like low/step may be off by rounding: more when the
    range sits far from 0 (1000000.001 / 0.001 is not quite 1000000001)."""
    return 1e-9 + 1e-12 * max(abs(low), abs(high)) / step


def ticks(low: float, high: float, step: float) -> list[float]:
    """The multiples of ``step`` in [low, high] (with a little tolerance for rounding)."""
    slack = _slack(low, high, step)
    first = math.ceil(low / step - slack)
    last = math.floor(high / step + slack)
    return [_multiple(k, step) for k in range(first, last + 1)]


_FIXED_DIGITS = 8  # longer numbers are written with an exponent: '1.5e8', not '150000000'


def tick_label(value: float, step: float, largest: float) -> str:
    """A tick value with the digits its step needs: '0.2', '-5', '1000005', '1.5e8', '2e-6'.
    ``largest`` is the largest magnitude on the axis, so all its labels share one style."""
    exponent = math.floor(math.log10(step) + 1e-9)
    decimals = max(0, -exponent)
    if exponent >= -5 and len(f"{largest:.{decimals}f}") <= _FIXED_DIGITS:
        return f"{value:.{decimals}f}"
    if value == 0:
        return "0"
    digits = max(0, math.floor(math.log10(abs(value)) + 1e-9) - exponent)
    mantissa, _, power = f"{value:.{digits}e}".partition("e")
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}e{int(power)}"


def axis_labels(values: Sequence[float], step: float) -> list[str]:
    """An axis's labels, all in one style: with an exponent only where that is shorter, as
    '1.0000005e6' is no easier to read than '1000000.5' (--xmin 1e6 --xmax 1000001)."""
    largest = max((abs(v) for v in values), default=0.0)
    labels = [tick_label(v, step, largest) for v in values]
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    fixed = [f"{v:.{decimals}f}" for v in values]
    return fixed if max(map(len, fixed), default=0) <= max(map(len, labels), default=0) else labels


def check_range(low: float, high: float, low_name: str, high_name: str) -> None:
    """Refuse a range that cannot be drawn and labelled: not finite, empty, or too narrow."""
    for name, number in ((low_name, low), (high_name, high)):
        if not math.isfinite(number):
            raise UsageError(f"{name} must be a finite number, not {number}")
    if not low < high:
        raise UsageError(f"{low_name} ({low:g}) must be less than {high_name} ({high:g})")
    span = high - low
    if not math.isfinite(span):
        raise UsageError(f"{low_name} and {high_name} are too far apart to plot")
    if span < _MIN_SPAN or span < _MIN_RELATIVE_SPAN * max(abs(low), abs(high)):
        raise UsageError(f"{low_name} and {high_name} are too close together to plot")


def tick_count(length: int, spacing: int) -> int:
    return max(2, length // spacing + 1)


def _y_tick_count(rows: int) -> int:
    """About one y tick every three rows; but at least three, as a label on every row is
    still legible (each is on its own line) and two ticks would force a step as wide as
    the whole range (a 3-row plot of gd(x) would span [−5, 5])."""
    return min(rows, max(3, tick_count(rows, 3)))


def _next_step(step: float) -> float:
    """The 1-2-5 step after ``step``: 0.2 → 0.5 → 1."""
    return nice_step(step * 1.5, 2)


def y_axis(
    data: Iterable[float], low: float | None, high: float | None, rows: int
) -> tuple[float, float, float]:
    """The y range and its tick step: the data's range, widened on the sides not given to
    whole steps, with the step chosen so that the widened range still has at most
    ``_y_tick_count(rows)`` ticks; an end given stays where it is."""
    finite = [y for y in data if math.isfinite(y)]
    lo = low if low is not None else min(finite, default=0.0)
    hi = high if high is not None else max(finite, default=1.0)
    if low is not None and high is None and hi <= lo:
        hi = lo + 1.0
    if high is not None and low is None and lo >= hi:
        lo = hi - 1.0
    magnitude = max(abs(lo), abs(hi))
    floor_span = max(_MIN_RELATIVE_SPAN * 10 * magnitude, _MIN_SPAN * 10)
    if hi - lo < floor_span:  # a flat curve: give it room around its value
        pad = max(magnitude * 0.1, floor_span) if magnitude else 1.0
        lo, hi = (lo - pad if low is None else lo), (hi + pad if high is None else hi)
    if not math.isfinite(hi - lo):
        raise UsageError("the curve's values are too large to plot: give --ymin and --ymax")
    count = _y_tick_count(rows)
    # Data past a round value by less than half a braille dot is drawn on the edge anyway:
    # log σ on [−10, 2] reaches −10.00005, which is no reason to extend the axis to −15.
    near = (hi - lo) / (rows * 8)
    step = nice_step(hi - lo, count)
    while True:
        slack = _slack(lo, hi, step)
        bottom = lo if low is not None else _multiple(math.floor((lo + near) / step + slack), step)
        top = hi if high is not None else _multiple(math.ceil((hi - near) / step - slack), step)
        # Widening can add a tick at each end; then a wider step, until they fit. This ends:
        # once the step exceeds the data's magnitude the range is at most [−step, step].
        if len(ticks(bottom, top, step)) <= count:
            return bottom, top, step
        step = _next_step(step)
