"""A Job: what `eval`/`grad` compute for each input value, and in which arithmetic.

One Job serves the argument path and every stream chunk (it is a small frozen object,
so a worker process receives it whole). Results come back as text columns: one column
for a value, four for ``--wrt all``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from .errors import DataError, OptionError, OutOfTime, VerificationError
from .numeric import curve as numeric
from .numeric.curve import Curve
from .numeric.text import format_float, format_float32, mp_backend, parse_value, quote, read_float

if TYPE_CHECKING:
    from .numeric.expression import Expression
    from .numeric.softmax import Kind as SoftmaxKind

Mode = Literal["float", "digits", "exact"]
WRT = ("x", "k", "x0", "L", "all")
MAX_EXACT_ORDER = 30
DIGITS_TIME_LIMIT = 20.0  # seconds for one --digits result (10,000 digits of order 100 can take 40)


@dataclass(frozen=True)
class Job:
    curve: Curve
    mode: Mode = "float"
    digits: int = 0
    float32: bool = False
    wrt: str | None = None  # None for eval; x, k, x0, L or all for grad
    check: bool = False
    exact_latex: bool = False  # --exact --format latex
    expression: Expression | None = None  # --expr: the user's formula instead of the curve
    softmax: SoftmaxKind | None = None  # softmax, log-softmax or logsumexp of each line (or the VALUEs)
    temperature: float = 1.0

    def __post_init__(self) -> None:
        if self.mode == "digits" and not 1 <= self.digits <= numeric.MAX_DIGITS:
            raise OptionError(f"{{}} must be between 1 and {numeric.MAX_DIGITS}, not {self.digits}", "digits")
        if self.expression is not None:
            self._check_expression(self.expression)
            return
        if self.wrt is not None and self.wrt not in WRT:
            raise OptionError(f"{{}} must be one of {', '.join(WRT)}, not {self.wrt!r}", "wrt")
        if self.wrt not in (None, "x") and self.curve.order > 1:
            raise OptionError("{} k|x0|L|all gives first partial derivatives: drop {}", "wrt", "order")
        if self.mode == "exact" and self.curve.order > MAX_EXACT_ORDER:
            raise OptionError(f"{{}} works up to {{}} {MAX_EXACT_ORDER}", "exact", "order")
        if self.check and self.mode != "float":
            # --digits and --exact are mpmath and sympy already: a check would grade itself.
            raise OptionError("{} verifies float64 results: drop {} or {}", "check", "digits", "exact")
        if self.mode != "float" and self.float32:
            raise OptionError("{} applies to float64 results, not to {} or {}", "float32", "digits", "exact")

    def _check_expression(self, expression: Expression) -> None:
        if self.wrt is not None and self.wrt not in expression.names():
            names = ", ".join(expression.names())
            raise OptionError(
                f"{{}} {self.wrt}: with {{}} it is one of the expression's names: {names}", "wrt", "expr"
            )
        if self.mode == "exact" and self.curve.order > MAX_EXACT_ORDER:
            raise OptionError(f"{{}} works up to {{}} {MAX_EXACT_ORDER}", "exact", "order")
        if self.check:
            raise OptionError(
                "{} checks the family's derivatives; {} is differentiated by jets", "check", "expr"
            )
        if self.float32:
            raise OptionError("{} applies to the family, not to {}", "float32", "expr")

    @property
    def columns(self) -> tuple[str, ...]:
        if self.wrt == "all":
            return ("d/dx", "d/dk", "d/dx0", "d/dL")
        return ("y",)

    def result_names(self, label: str) -> list[str]:
        """What --with-input calls the results of an input named ``label``: `sigmoid(score)`,
        `d/dk(score)` (a header's names, under --header)."""
        if len(self.columns) > 1:
            return [f"{column}({label})" for column in self.columns]
        if self.expression is not None and self.wrt is None:  # softplus(x) of a column score
            return [
                re.sub(
                    rf"(?<![A-Za-z0-9_]){re.escape(self.expression.var)}(?![A-Za-z0-9_])",
                    label,
                    self.expression.text,
                )
            ]
        return [f"{self._function_name()}({label})"]

    def _function_name(self) -> str:
        curve = self.curve
        if self.expression is not None and self.wrt is None:
            return self.expression.text
        if self.wrt is not None:  # grad
            variable = self.wrt
            if curve.order > 1:
                return f"d{curve.order}/d{variable}{curve.order}"
            return f"d/d{variable}"
        name = "sigmoid" if curve.fn == "logistic" else curve.fn
        if curve.normalize and curve.member.odd:
            name += "01"
        if curve.inverse:
            return "logit" if curve.fn == "logistic" else f"inverse-{name}"
        if curve.complement:
            name = f"1-{name}"
        return f"log-{name}" if curve.log else name

    @property
    def partial_names(self) -> tuple[str, ...]:
        """The variables of --wrt, in output order."""
        return ("x", "k", "x0", "L") if self.wrt == "all" else (self.wrt or "x",)

    @property
    def vectorised(self) -> bool:
        """Whether a whole chunk can go through numpy at once."""
        if self.expression is not None:  # its value; derivatives are Taylor jets, value by value
            return self.mode == "float" and self.wrt is None
        return self.mode == "float" and not self.check and self.softmax is None

    def vector_rows(self, texts: list[str], numbers: list[float]) -> tuple[list[str], list[list[str]]]:
        """--softmax and its kin: the inputs and the rows of results of one vector (a line, or
        the VALUEs); logsumexp gives one result, shown beside all of its inputs."""
        from .numeric import softmax

        if len(numbers) > softmax.MAX_VALUES:
            raise DataError(f"{len(numbers)} values in one vector: the limit is {softmax.MAX_VALUES}")
        assert self.softmax is not None
        results = [[self.format(v)] for v in softmax.vector(numbers, self.softmax, self.temperature)]
        if self.softmax == "logsumexp":
            return [" ".join(texts)], results
        return texts, results

    def format(self, x: float) -> str:
        return format_float32(x) if self.float32 else format_float(x)

    # --- float64 -------------------------------------------------------------------------

    def float_columns(self, x: Any) -> tuple[list[Any], Any]:
        """Results over a numpy array: (columns of float arrays, mask of out-of-domain values)."""
        if self.expression is not None:
            result, bad = self.expression.float_values(x)
            return [result], bad
        if self.wrt in (None, "x"):
            result, bad = numeric.array_values(self.curve, x)
            return [result], bad
        return self._partials(numeric.array_values, x)

    def _partials(self, evaluate: Any, x: Any) -> tuple[list[Any], Any]:
        """∂y/∂x, ∂y/∂k, ∂y/∂x0, ∂y/∂L of y = L·h(k(x − x0)), from h and h'."""
        c = self.curve
        base = replace(c, k=1.0, x0=0.0, L=1.0, order=0)
        u = c.k * (x - c.x0)
        h, bad = evaluate(base, u)
        slope, _ = evaluate(replace(base, order=1), u)
        partials = {
            "x": c.L * c.k * slope,
            "k": c.L * _line_times_slope(x - c.x0, slope),
            "x0": -c.L * c.k * slope,
            "L": h,
        }
        return [partials[name] for name in self.partial_names], bad

    def scalar(self, text: str) -> list[str]:
        """The results for one VALUE given as text, in the job's arithmetic."""
        if self.mode == "digits":
            return self._digits(text)
        if self.mode == "exact":
            return self._exact(text)
        x = read_float(text)
        if self.expression is not None:
            if self.wrt is None:
                return [self.format(self.expression.float_value(x))]
            return [self.format(self.expression.derivative(x, self.wrt, self.curve.order))]
        if self.curve.inverse:
            numeric.check_inverse_domain(self.curve, x, text.strip())
        if self.wrt in (None, "x"):
            result = numeric.float_value(self.curve, x)
            if self.check:
                self._check(text, x, result)
            return [self.format(result)]
        if self.curve.inverse:
            raise OptionError("{} cannot be combined with {}", "wrt", "inverse")
        columns, _ = self._partials(lambda curve, u: (numeric.float_value(curve, u), None), x)
        if self.check:
            for name, column in zip(self.partial_names, columns, strict=True):
                self._check(text, x, float(column), name)
        return [self.format(float(v)) for v in columns]

    # --- independent check (grad --check) ------------------------------------------------

    def _check(self, text: str, x: float, result: float, wrt: str = "x") -> None:
        """Differentiate again, numerically with mpmath (by x, or by the parameter ``wrt``
        of --wrt), doubling the precision until two runs agree (the tails need more
        digits than the centre), and compare."""
        import mpmath

        c = self.curve
        base = replace(c, order=0)
        order = c.order if wrt == "x" else 1
        position = {"k": 0, "x0": 1, "L": 2}.get(wrt)

        def h(t: Any) -> Any:
            if position is None:
                return numeric.mp_value(mpmath.mp, base, t)
            params = [mpmath.mpf(c.k), mpmath.mpf(c.x0), mpmath.mpf(c.L)]
            params[position] = t
            return numeric.mp_value(mpmath.mp, base, mpmath.mpf(x), (params[0], params[1], params[2]))

        point = x if position is None else (c.k, c.x0, c.L)[position]
        # Differences of h lose the digits by which h outweighs its derivative: add them.
        scale = abs(numeric.float_value(base, x)) if order else 0.0
        lost = math.log10(scale / abs(result)) if scale and result and math.isfinite(scale) else 0.0
        digits = 40 + int(max(0.0, min(lost, 700.0)))
        reference: float | None = None
        for _ in range(5):
            with mpmath.workdps(digits):
                value = mpmath.diff(h, mpmath.mpf(point), order) if order else h(mpmath.mpf(point))
            if float(value) == reference:
                break
            reference, digits = float(value), 2 * digits
        assert reference is not None
        tolerance = 1e-10 * max(abs(reference), 1e-300)
        if math.isnan(result) != math.isnan(reference) or abs(result - reference) > tolerance:
            by = "" if wrt == "x" else f" (d/d{wrt})"
            raise VerificationError(
                f"check failed for {quote(text)}{by}: computed {format_float(result)}, "
                f"independent differentiation gives {format_float(reference)}"
            )

    # --- multiple precision ------------------------------------------------------------------

    def _digits(self, text: str) -> list[str]:
        """Correctly rounded to N significant digits: compute with guard digits, and again
        with more, until both round to the same N digits (Ziv's strategy)."""
        # The float64 reading first, as --exact does: it refuses a literal beyond float64
        # (`-1e99999`, whose σ has a 100,000-digit exponent) before mpmath runs away with it.
        read_float(text)
        node = parse_value(text)
        from .deadline import time_limit

        try:
            with time_limit(DIGITS_TIME_LIMIT):
                return self._ziv(node, text)
        except OutOfTime:
            raise OptionError(
                f"{{}} {self.digits} gave up on {quote(text)} after {DIGITS_TIME_LIMIT:g} s: "
                "ask for fewer digits or a lower {}",
                "digits",
                "order",
            ) from None

    def _ziv(self, node: Any, text: str) -> list[str]:
        import mpmath

        guard = 20
        previous: tuple[list[str], float] | None = None  # the outputs, and their spare digits
        while True:
            with mpmath.workdps(self.digits + guard):
                ctx = mpmath.mp
                x = self._mp_input(ctx, node, text)
                values, lost = self._mp_results(ctx, x)
                outputs = [_round_digits(ctx, v, self.digits) for v in values]
            # Digits that cancelled in an --expr's sums are not guard digits: the lower of the
            # two precisions that agree must have 10 left, or both may round the same error.
            agreed = previous is not None and outputs == previous[0] and previous[1] >= 10
            if agreed or guard > 4 * self.digits + 200:
                return outputs
            previous, guard = (outputs, guard - lost * math.log10(2)), guard * 2

    def _mp_input(self, ctx: Any, node: Any, text: str) -> Any:
        from .grammar.arithmetic import compute

        try:
            x = compute(node, mp_backend(ctx))
        except (ValueError, ZeroDivisionError):
            raise DataError(f"{quote(text)} is outside the domain of a function in it") from None
        if self.curve.inverse:
            numeric.check_inverse_domain(self.curve, float(x), text.strip())
        return x

    def _mp_results(self, ctx: Any, x: Any) -> tuple[list[Any], float]:
        """The results in mpmath, and the bits an --expr lost to cancellation on the way."""
        if self.expression is not None:
            point = self.expression.point(ctx, x)
            value, lost = self.expression.mp_result(ctx, point, self.wrt, self.curve.order)
            return [value], lost
        return self._curve_results(ctx, x), 0.0

    def _curve_results(self, ctx: Any, x: Any) -> list[Any]:
        c = self.curve
        params = self._mp_params(ctx)
        if self.wrt in (None, "x"):
            return [numeric.mp_value(ctx, c, x, params)]
        k, x0, L = params
        one = (ctx.mpf(1), ctx.mpf(0), ctx.mpf(1))
        base = replace(c, k=1.0, x0=0.0, L=1.0, order=0)
        u = k * (x - x0)
        h = numeric.mp_value(ctx, base, u, one)
        slope = numeric.mp_value(ctx, replace(base, order=1), u, one)
        partials = {"x": L * k * slope, "k": L * (x - x0) * slope, "x0": -L * k * slope, "L": h}
        return [partials[name] for name in self.partial_names]

    def _mp_params(self, ctx: Any) -> tuple[Any, Any, Any]:
        c = self.curve
        if c.exact_params is None:
            return ctx.mpf(c.k), ctx.mpf(c.x0), ctx.mpf(c.L)
        from .grammar.arithmetic import compute

        k, x0, L = (compute(parse_value(t), mp_backend(ctx)) for t in c.exact_params)
        return k, x0, L

    # --- exact ----------------------------------------------------------------------------------

    def _exact(self, text: str) -> list[str]:
        from .symbolic import closed_form

        return closed_form.results(self, text)


def _line_times_slope(distance: Any, slope: Any) -> Any:
    """(x − x0)·h'(u), which is 0 where h' is (it decays faster than x grows), not the
    nan of inf·0 at x = ±inf or where x − x0 overflows."""
    if isinstance(slope, float):
        return 0.0 if slope == 0.0 else distance * slope
    import numpy as np

    with np.errstate(invalid="ignore", over="ignore"):
        return np.where(slope == 0.0, 0.0, distance * slope)


def _round_digits(ctx: Any, value: Any, digits: int) -> str:
    """N significant digits, in plain notation for moderate magnitudes."""
    if not ctx.isfinite(value):
        return format_float(float(value))
    if value == 0:
        return "0." + "0" * (digits - 1) if digits > 1 else "0"
    exponent = int(ctx.floor(ctx.log10(abs(value))))
    if -7 <= exponent < max(digits, 21):
        text = ctx.nstr(value, digits, strip_zeros=False, min_fixed=-ctx.inf, max_fixed=ctx.inf)
    else:
        text = ctx.nstr(value, digits, strip_zeros=False, min_fixed=1, max_fixed=0)
    # mpmath writes one digit as '1.' or '5.e-435'; a number does not end in a point.
    return str(text).replace(".e", "e").removesuffix(".")
