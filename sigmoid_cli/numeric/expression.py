"""`--expr EXPR` of eval and grad: the user's formula, parsed once by the grammar's whitelist
parser (never eval-ed), and computed at a VALUE in float64, in mpmath or on Taylor jets.

- float64: the tree rewritten by grammar/stable.py (1 − σ(u) → σ(−u), log(1 + e^u) →
  softplus(u), …) and computed with the grammar's float kernels, overflow giving ±inf as
  IEEE arithmetic does;
- mpmath: the tree as written, with the registry's tail-safe mpmath forms, for --digits;
- derivatives: the tree on jets (expression_jets.py) at a working precision doubled until two
  precisions give the same double (Ziv's strategy).

Runaway input is refused, never attempted: the parser's limits on length and nesting, and in
mpmath an exponential of more than 2^60 or a power with more than 2^60 binary digits
(e^e^e^99), whose result no memory could hold.
"""

from __future__ import annotations

import keyword
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import Any

from sigmoid_cli.errors import DataError, ParseError, UsageError
from sigmoid_cli.grammar.arithmetic import Arithmetic, compute
from sigmoid_cli.grammar.functions import BY_NAME
from sigmoid_cli.grammar.parser import MAX_POWER_DIGITS, RESERVED_NAMES, BinOp, Call, Neg, Node, Var, parse

from .text import float_backend, mp_backend

_NAME = re.compile(r"[A-Za-z_\u03c0\u03c3][A-Za-z0-9_]*")
_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,31}")
_RUNAWAY = 2.0**60  # an exponent (in binary digits) past which mpmath would need unbounded memory
MAX_BITS = 1 << 14  # the working precision at which the derivatives' Ziv loop stops doubling


def check_name(name: str, what: str) -> str:
    """A name for --var or --set: letters, digits and _, not a word of the grammar."""
    if not _IDENTIFIER.fullmatch(name) or name.lower() in RESERVED_NAMES or keyword.iskeyword(name):
        raise UsageError(f"{what}: {name!r} cannot be a variable name (letters, digits, _; not a function)")
    return name


@dataclass(frozen=True)
class Expression:
    """EXPR in the variable ``var``, with other names bound to VALUE texts (--set)."""

    text: str
    var: str = "x"
    bindings: tuple[tuple[str, str], ...] = ()
    tree: Node = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        check_name(self.var, "--var")
        bound = dict(self.bindings)
        if self.var in bound:
            raise UsageError(f"--set {self.var}: {self.var!r} is the variable (--var); it takes the VALUEs")
        # As derive --expr: every other word may be a name, so that text which is no expression
        # at all ('x; import os') is reported as the syntax error it is; names starting with _
        # (__import__) are never variables, and the parser calls them unknown.
        words = {match.group() for match in _NAME.finditer(self.text)}
        names = {w for w in words if w.lower() not in RESERVED_NAMES and w[0] != "_"} | {self.var}
        try:
            tree = parse(self.text, frozenset(names), allow_special=False)
        except ParseError as error:
            raise UsageError(f"--expr: {error}") from None
        unbound = sorted(names - bound.keys() - {self.var})
        for name in unbound:
            if keyword.iskeyword(name) or len(name) > 32:
                raise UsageError(f"--expr: {name!r} cannot be a name; choose another (letters, digits, _)")
        if unbound:
            raise UsageError(
                f"--expr: the name {unbound[0]!r} has no value: bind it with --set {unbound[0]}=VALUE"
                + (f", or make it the variable with --var {unbound[0]}" if self.var == "x" else "")
            )
        _check_powers(tree)
        object.__setattr__(self, "tree", tree)

    def names(self) -> tuple[str, ...]:
        """Every name a derivative can be taken by: the variable, then the bound names."""
        return (self.var, *(name for name, _ in self.bindings))

    @cached_property
    def _stable(self) -> Node:
        from sigmoid_cli.grammar.stable import stable

        return stable(self.tree)

    @cached_property
    def _float_bindings(self) -> dict[str, float]:
        from .text import read_float

        values = {}
        for name, text in self.bindings:
            try:
                values[name] = read_float(text)
            except DataError as error:
                raise UsageError(f"--set {name}: {error}") from None
        return values

    # --- float64 ---------------------------------------------------------------------------------

    def float_value(self, x: float) -> float:
        """The value at x in float64 by the stable form; a DataError where it is undefined."""
        try:
            result = float(compute(self._stable, _ieee(), {**self._float_bindings, self.var: x}))
        except ZeroDivisionError:
            raise DataError("the expression divides by zero there") from None
        except ValueError:
            raise DataError("the expression is undefined there (outside a function's domain)") from None
        if math.isnan(result) and not math.isnan(x):
            raise DataError("the expression is undefined there")
        return result

    def float_values(self, x: Any) -> tuple[Any, Any]:
        """(values, bad) over a float64 array: each value what float_value gives it (the
        array is computed at once; a value whose steps left the finite doubles is computed
        by float_value itself), nan and marked bad where float_value raises."""
        import numpy as np

        from .expression_arrays import compute_array

        y, opened = compute_array(self._stable, self._float_bindings, self.var, x)
        bad = np.zeros(len(y), dtype=bool)
        for i in np.flatnonzero(opened).tolist():
            try:
                y[i] = self.float_value(float(x[i]))
            except DataError:
                y[i], bad[i] = math.nan, True
        return y, bad

    # --- multiple precision ------------------------------------------------------------------------

    def point(self, ctx: Any, x: Any) -> dict[str, Any]:
        """The variable at x and every bound name at its VALUE, in the context's precision."""
        from .text import parse_value

        values = {name: _mp_compute(parse_value(text), mp_backend(ctx), {}) for name, text in self.bindings}
        return {**values, self.var: ctx.mpf(x)}

    def mp_value(self, ctx: Any, values: Mapping[str, Any]) -> Any:
        """The value in mpmath at the context's precision, ``values`` for var and the bound names."""
        return self.mp_result(ctx, values)[0]

    def mp_derivative(self, ctx: Any, values: Mapping[str, Any], wrt: str, order: int) -> Any:
        """The order-th derivative by ``wrt`` in mpmath at the context's precision, by jets."""
        return self._jets(ctx, values, wrt, order)[0]

    def mp_result(
        self, ctx: Any, values: Mapping[str, Any], wrt: str | None = None, order: int = 0
    ) -> tuple[Any, float]:
        """The value (or with ``wrt`` the derivative), and the bits that cancelled in its sums:
        --digits asks its lower precision to hold them (1 + tanh(−200) is 0 at 60 digits)."""
        if wrt is not None:
            return self._jets(ctx, values, wrt, order)
        cancelled = [0.0]

        def seen(value: Any, *terms: Any) -> Any:
            if terms:
                cancelled[0] = max(cancelled[0], _cancellation(ctx, value, terms))
            return value

        try:
            result = _tracked(self.tree, guarded(ctx), values, seen)
        except ZeroDivisionError:
            raise DataError("the expression divides by zero there") from None
        except (ValueError, TypeError):
            raise DataError("the expression is undefined there (outside a function's domain)") from None
        return result, cancelled[0]

    def _jets(self, ctx: Any, values: Mapping[str, Any], wrt: str, order: int) -> tuple[Any, float]:
        """The derivative, and how many bits cancelled on the way to it: log2 of the largest
        derivative of any part of the formula over the result's (inf for a result 0)."""
        from .taylor import Jet

        jets, arithmetic = _jet_parts(ctx, order)
        point = {**values, wrt: jets.variable(values[wrt])}
        largest = [ctx.zero]
        cancelled = [0.0]

        def seen(value: Any, *terms: Any) -> Any:
            # A complex part (log or √ of a negative number, log1p below −1): no real function
            # there to differentiate, as eval says of its value.
            if isinstance(value.c[0] if isinstance(value, Jet) else value, ctx.mpc):
                raise DataError("the expression is undefined there (outside a function's domain)")
            if isinstance(value, Jet):
                size = max(abs(c) * ctx.factorial(k) for k, c in enumerate(value.c))
                if ctx.isfinite(size) and size > largest[0]:
                    largest[0] = size
                if terms:  # a sum: the bits its coefficients lost to cancellation
                    cancelled[0] = max(cancelled[0], _cancellation(ctx, value, terms))
            return value

        try:
            result = _tracked(self.tree, arithmetic, point, seen)
        except ZeroDivisionError:
            raise DataError("the expression divides by zero there") from None
        except (ValueError, TypeError):
            raise DataError("the expression is undefined there (outside a function's domain)") from None
        if not isinstance(result, Jet):
            return ctx.zero, 0.0
        value = result.derivative(order)
        if not ctx.isfinite(value) or largest[0] == 0:
            return value, 0.0
        if value == 0:
            return value, math.inf
        return value, max(cancelled[0], float(ctx.log(largest[0] / abs(value), 2)))

    def derivative(self, x: float, wrt: str, order: int) -> float:
        """The order-th derivative by ``wrt`` at the double x as the nearest double: the working
        precision doubles until two precisions give the same double, the lower of them with
        60 bits to spare beyond those that cancelled (Ziv's strategy, guarded: at a too low
        precision a cancellation can give the same wrong double twice)."""
        from .rounded import mp_nearest_double

        previous: tuple[float, float] | None = None
        bits = 96
        while True:
            ctx = _context(bits)
            value, lost = self._jets(ctx, self.point(ctx, x), wrt, order)
            got = mp_nearest_double(value)  # nan at a corner (relu, abs at 0): none there
            if math.isinf(got) or (math.isnan(got) and previous is not None and math.isnan(previous[0])):
                return got
            if previous is not None and got == previous[0] and previous[1] >= lost + 60:
                return got
            if bits >= MAX_BITS:
                return got
            previous, bits = (got, bits), bits * 2


@cache
def _context(bits: int) -> Any:
    """An mpmath context at ``bits``, made once: making one (and the arithmetic on it) cost
    five times the derivative itself, value after value."""
    import mpmath

    ctx = mpmath.MPContext()
    ctx.prec = bits
    return ctx


@lru_cache(maxsize=128)
def _jet_parts(ctx: Any, order: int) -> tuple[Any, Arithmetic]:
    """The jets of ``order`` on ctx and the grammar's arithmetic on them, made once a context."""
    from .expression_jets import jet_arithmetic
    from .taylor import JetContext

    jets = JetContext(ctx, order + 1)
    plain = guarded(ctx)
    return jets, jet_arithmetic(jets, plain, _jet_power(jets, plain))


def _cancellation(ctx: Any, total: Any, terms: tuple[Any, ...]) -> float:
    """log2 of |term| over |sum|, the worst coefficient of a sum of two jets (or a jet and a
    number): inf where a nonzero term cancelled to exactly 0 (1 + tanh(−200) at 96 bits)."""
    worst = 0.0
    coefficients = total.c if hasattr(total, "c") else [total]
    for k, c in enumerate(coefficients):
        size = max(abs(t.c[k]) if hasattr(t, "c") else (abs(t) if k == 0 else 0) for t in terms)
        if not ctx.isfinite(size) or not ctx.isfinite(c):
            continue
        if size == 0:
            continue
        if c == 0:
            return math.inf
        worst = max(worst, float(ctx.log(size / abs(c), 2)))
    return worst


def _tracked(node: Node, arithmetic: Arithmetic, values: Mapping[str, Any], seen: Callable[..., Any]) -> Any:
    """compute(), with ``seen`` shown the value of every part of the tree."""
    if isinstance(node, Neg):
        return seen(-_tracked(node.operand, arithmetic, values, seen))
    if isinstance(node, BinOp):
        left = _tracked(node.left, arithmetic, values, seen)
        right = _tracked(node.right, arithmetic, values, seen)
        single = BinOp(node.op, Var("_left"), Var("_right"))
        result = compute(single, arithmetic, {"_left": left, "_right": right})
        return seen(result, left, right) if node.op in "+-" else seen(result)
    if isinstance(node, Call):
        return seen(arithmetic.functions[node.func](_tracked(node.arg, arithmetic, values, seen)))
    return compute(node, arithmetic, values)


def _check_powers(tree: Node) -> None:
    """derive --expr's limit: a constant exponent of more than MAX_POWER_DIGITS digits' worth
    (x^99999999999, e^e^e^99) is refused before any work, in every arithmetic."""
    if isinstance(tree, Neg):
        _check_powers(tree.operand)
    elif isinstance(tree, Call):
        _check_powers(tree.arg)
    elif isinstance(tree, BinOp):
        _check_powers(tree.left)
        _check_powers(tree.right)
        if tree.op == "^" and not _has_variable(tree.right):
            exponent = _constant(tree.right)
            base = _constant(tree.left) if not _has_variable(tree.left) else 10.0
            size = math.inf if exponent is None or base is None else abs(exponent) * max(1.0, _log10(base))
            if size > MAX_POWER_DIGITS:
                shown = "" if exponent is None else f" of about {exponent:.3g}"
                raise UsageError(
                    f"--expr: a power in the expression has an exponent{shown}: too large to work with "
                    f"(the limit is {MAX_POWER_DIGITS} digits)"
                )


def _has_variable(tree: Node) -> bool:
    if isinstance(tree, Var):
        return True
    if isinstance(tree, Neg):
        return _has_variable(tree.operand)
    if isinstance(tree, Call):
        return _has_variable(tree.arg)
    if isinstance(tree, BinOp):
        return _has_variable(tree.left) or _has_variable(tree.right)
    return False


def _constant(tree: Node) -> float | None:
    """A constant subtree's float64 value; None where it overflows or is undefined."""
    try:
        value = float(compute(tree, _ieee()))
    except (ArithmeticError, ValueError):
        return None
    return value if math.isfinite(value) else None


def _log10(value: float) -> float:
    return math.log10(abs(value)) if value else 0.0


def _mp_compute(tree: Node, arithmetic: Arithmetic, values: Mapping[str, Any]) -> Any:
    try:
        return compute(tree, arithmetic, values)
    except ZeroDivisionError:
        raise DataError("the expression divides by zero there") from None
    except (ValueError, TypeError):  # TypeError: mpmath's complex result met a comparison
        raise DataError("the expression is undefined there (outside a function's domain)") from None


def _runaway(size: Any) -> bool:
    return bool(abs(size) > _RUNAWAY)


def guarded(ctx: Any) -> Arithmetic:
    """mpmath's arithmetic of the grammar, refusing exponentials that no memory could hold."""
    plain = mp_backend(ctx)
    functions = dict(plain.functions)
    for name, function in plain.functions.items():
        if BY_NAME[name].grows:
            functions[name] = _refusing(name, function)

    def power(base: Any, exponent: Any) -> Any:
        if base != 0 and _runaway(exponent * ctx.log(abs(base), 2)):
            raise UsageError("--expr: a power in the expression is too large to compute")
        result = ctx.power(base, exponent)
        if isinstance(result, ctx.mpc):
            raise DataError("a negative number to a fractional power")
        return result

    return Arithmetic(plain.number, plain.constants, functions, power, plain.divide)


def _refusing(name: str, function: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def apply(u: Any) -> Any:
        if _runaway(u):
            raise UsageError(f"--expr: {name} of a number beyond 2^60 is too large to compute")
        return function(u)

    return apply


def _jet_power(jets: Any, plain: Arithmetic) -> Callable[[Any, Any], Any]:
    from .taylor import Jet

    def power(base: Any, exponent: Any) -> Any:
        if isinstance(exponent, Jet):
            return jets.exp(exponent * (jets.log(base) if isinstance(base, Jet) else jets.ctx.log(base)))
        if not isinstance(base, Jet):
            return plain.power(base, exponent)
        if exponent == int(exponent) and abs(exponent) <= 1 << 20:  # exact at a zero of the base
            n = int(exponent)
            result: Any = jets.constant(1)
            square = base
            for bit in bin(abs(n))[:1:-1]:
                if bit == "1":
                    result = result * square
                square = square * square
            return 1 / result if n < 0 else result
        if base.c[0] <= 0:
            raise DataError("a power with a fractional exponent has no derivative there")
        return base**exponent

    return power


# --- float64 with IEEE overflow -------------------------------------------------------------


@cache
def _ieee() -> Arithmetic:
    """float_backend with overflow as ±inf (e^1000 is inf, and σ(e^1000) then 1), not an error."""
    plain = float_backend()
    functions = {name: _overflow_to_inf(name, f) for name, f in plain.functions.items()}
    return Arithmetic(plain.number, plain.constants, functions, _float_power, plain.divide)


def _overflow_to_inf(name: str, function: Callable[[float], float]) -> Callable[[float], float]:
    odd = name in ("sinh", "tan")

    def apply(u: float) -> float:
        if math.isnan(u):
            return u
        try:
            return float(function(u))
        except OverflowError:
            return math.copysign(math.inf, u) if odd else math.inf

    return apply


def _float_power(base: float, exponent: float) -> float:
    try:
        result = float_backend().power(base, exponent)
    except OverflowError:
        odd = exponent == int(exponent) and int(exponent) % 2 == 1
        return math.copysign(math.inf, base) if odd else math.inf
    except ZeroDivisionError:  # 0 to a negative power
        return math.inf
    return float(result)
