"""The tree of a form: its nodes, building them, and walking and rewriting them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction

# --- the tree -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Num:
    """A non-negative rational number (a negative one is Neg(Num)). ``decimal``: shown as the
    decimal it is (0.044715, as the user typed it) where it has one; it takes no part in
    equality, since the value is the same exact rational either way."""

    value: Fraction
    decimal: bool = field(default=False, compare=False)


@dataclass(frozen=True, slots=True)
class Const:
    name: str  # "pi" or "e"


@dataclass(frozen=True, slots=True)
class Sym:
    name: str


@dataclass(frozen=True, slots=True)
class Neg:
    arg: Form


@dataclass(frozen=True, slots=True)
class Add:
    terms: tuple[Form, ...]


@dataclass(frozen=True, slots=True)
class Mul:
    factors: tuple[Form, ...]


@dataclass(frozen=True, slots=True)
class Div:
    num: Form
    den: Form


@dataclass(frozen=True, slots=True)
class Pow:
    base: Form
    exp: Form


@dataclass(frozen=True, slots=True)
class Func:
    name: str  # a function of the registry (grammar/functions.py), or the f of a rule statement
    arg: Form


@dataclass(frozen=True, slots=True)
class Deriv:
    """d^order/dvar^order [expr], not yet carried out; ``partial``: written ∂/∂var, for a function
    of several variables (the softmax's ∂pᵢ/∂zⱼ)."""

    expr: Form
    var: str
    order: int = 1
    partial: bool = False


@dataclass(frozen=True, slots=True)
class Integral:
    """∫_lower^upper integrand d(var)."""

    integrand: Form
    var: str
    lower: Form
    upper: Form


@dataclass(frozen=True, slots=True)
class Interval:
    """An interval of the variable: lo < var < hi, with None for an infinite end."""

    var: str
    lo: Fraction | None
    hi: Fraction | None
    lo_closed: bool = False
    hi_closed: bool = False

    def contains(self, value: float) -> bool:
        if self.lo is not None and (value < self.lo or (value == self.lo and not self.lo_closed)):
            return False
        return not (self.hi is not None and (value > self.hi or (value == self.hi and not self.hi_closed)))

    def samples(self, count: int) -> list[float]:
        """``count`` points strictly inside, spread out and away from the ends."""
        lo = float(self.lo) if self.lo is not None else None
        hi = float(self.hi) if self.hi is not None else None
        if lo is None and hi is None:
            return [0.37, -0.81, 1.3, -1.9, 2.6, 0.11, -2.95, 3.7][:count]
        if lo is None:
            assert hi is not None
            return [hi - 0.23 - 0.61 * k for k in range(count)]
        if hi is None:
            return [lo + 0.23 + 0.61 * k for k in range(count)]
        return [lo + (hi - lo) * (k + 0.71) / (count + 0.5) for k in range(count)]


@dataclass(frozen=True, slots=True)
class Cases:
    """A piecewise form: each piece holds on its interval."""

    pieces: tuple[tuple[Form, Interval], ...]


Form = Num | Const | Sym | Neg | Add | Mul | Div | Pow | Func | Deriv | Integral | Cases

# --- building -----------------------------------------------------------------------------------

ZERO = Num(Fraction(0))
ONE = Num(Fraction(1))
TWO = Num(Fraction(2))


def num(value: int | Fraction) -> Form:
    """A rational number as a form: negative values become Neg(Num)."""
    value = Fraction(value)
    return Neg(Num(-value)) if value < 0 else Num(value)


def neg(form: Form) -> Form:
    return Neg(form)


def add(*terms: Form) -> Form:
    return terms[0] if len(terms) == 1 else Add(tuple(terms))


def sub(left: Form, right: Form) -> Form:
    return Add((left, Neg(right)))


def mul(*factors: Form) -> Form:
    return factors[0] if len(factors) == 1 else Mul(tuple(factors))


def div(top: Form, bottom: Form) -> Form:
    return Div(top, bottom)


def power(base: Form, exponent: Form | int) -> Form:
    return Pow(base, num(exponent) if isinstance(exponent, int) else exponent)


def func(name: str, arg: Form) -> Form:
    """A function application; names outside the registry (f, f') are for showing rules only."""
    return Func(name, arg)


def exp(arg: Form) -> Form:
    return Func("exp", arg)


def sigma(arg: Form) -> Form:
    return Func("sigmoid", arg)


def deriv(expr: Form, var: str, order: int = 1) -> Form:
    return Deriv(expr, var, order)


# --- inspecting and rewriting -------------------------------------------------------------------


def children(form: Form) -> tuple[Form, ...]:
    if isinstance(form, Neg):
        return (form.arg,)
    if isinstance(form, Add):
        return form.terms
    if isinstance(form, Mul):
        return form.factors
    if isinstance(form, Div):
        return (form.num, form.den)
    if isinstance(form, Pow):
        return (form.base, form.exp)
    if isinstance(form, Func):
        return (form.arg,)
    if isinstance(form, Deriv):
        return (form.expr,)
    if isinstance(form, Integral):
        return (form.integrand, form.lower, form.upper)
    if isinstance(form, Cases):
        return tuple(piece for piece, _ in form.pieces)
    return ()


def walk(form: Form) -> Iterator[Form]:
    """Every node, parents before children (iteratively: trees may be deep)."""
    stack = [form]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(children(node)))


def size(form: Form) -> int:
    return sum(1 for _ in walk(form))


def symbols(form: Form) -> set[str]:
    """Free symbol names (an integral's own variable is not free)."""
    found: set[str] = set()
    bound: set[str] = set()
    for node in walk(form):
        if isinstance(node, Sym):
            found.add(node.name)
        elif isinstance(node, Integral):
            bound.add(node.var)
    return found - bound


def free_of(form: Form, var: str) -> bool:
    return var not in symbols(form)


def rebuild(form: Form, parts: tuple[Form, ...]) -> Form:
    """The same kind of node with new children."""
    if isinstance(form, Neg):
        return Neg(parts[0])
    if isinstance(form, Add):
        return Add(parts)
    if isinstance(form, Mul):
        return Mul(parts)
    if isinstance(form, Div):
        return Div(parts[0], parts[1])
    if isinstance(form, Pow):
        return Pow(parts[0], parts[1])
    if isinstance(form, Func):
        return Func(form.name, parts[0])
    if isinstance(form, Deriv):
        return Deriv(parts[0], form.var, form.order, form.partial)
    if isinstance(form, Integral):
        return Integral(parts[0], form.var, parts[1], parts[2])
    if isinstance(form, Cases):
        return Cases(tuple((part, where) for part, (_, where) in zip(parts, form.pieces, strict=True)))
    return form


def replace(form: Form, old: Form, new: Form) -> Form:
    """Every occurrence of the subtree ``old`` replaced by ``new``."""
    if form == old:
        return new
    parts = children(form)
    if not parts:
        return form
    changed = tuple(replace(part, old, new) for part in parts)
    return form if changed == parts else rebuild(form, changed)


def replace_first(form: Form, match: Callable[[Form], bool], make: Callable[[Form], Form]) -> Form:
    """The first node (pre-order, left to right) that matches, replaced by make(node)."""
    done = False

    def visit(node: Form) -> Form:
        nonlocal done
        if done:
            return node
        if match(node):
            done = True
            return make(node)
        parts = children(node)
        if not parts:
            return node
        changed = tuple(visit(part) for part in parts)
        return node if changed == parts else rebuild(node, changed)

    return visit(form)


def map_bottom_up(form: Form, function: Callable[[Form], Form]) -> Form:
    parts = children(form)
    if parts:
        changed = tuple(map_bottom_up(part, function) for part in parts)
        if changed != parts:
            form = rebuild(form, changed)
    return function(form)


def as_number(form: Form) -> Fraction | None:
    """The rational value of a plain number form (n, -n), else None."""
    if isinstance(form, Num):
        return form.value
    if isinstance(form, Neg) and isinstance(form.arg, Num):
        return -form.arg.value
    return None
