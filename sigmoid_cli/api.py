"""The Python API: everything the CLI computes, as plain functions.

Python numbers go through the pure-``math`` path and return a float; anything else (lists,
numpy arrays and scalars, masked arrays) goes through numpy and comes back as numpy would give
it from a ufunc: the same shape, float32 for float32, a numpy scalar for one.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from .errors import DataError
from .numeric import curve as numeric
from .numeric.curve import Curve

if TYPE_CHECKING:
    from .numeric.softmax import Kind
    from .proofs.steps import Proof


@lru_cache(maxsize=256)
def _curve(*args: Any, **kwargs: Any) -> Curve:
    """Curve(...), made once per distinct set of arguments (a call's overhead is mostly this)."""
    return Curve(*args, **kwargs)


def evaluate(curve: Curve, x: float) -> float:
    """The curve (value, derivative or inverse) at one float (outside an inverse's domain a
    DataError)."""
    return numeric.float_value(curve, float(x))


def evaluate_array(curve: Curve, x: Any, errors: str = "raise") -> Any:
    """The curve over an array; values outside an inverse's domain raise DataError, or are nan
    with ``errors="nan"`` (as scipy.special gives them)."""
    result, bad = numeric.array_values(curve, x)
    if bad.any():
        if errors != "nan":
            raise DataError(f"{int(bad.sum())} values are outside the domain of the inverse")
        result[bad] = float("nan")
    return result


def _python_number(x: Any) -> bool:
    """An int or float of Python's own (np.float64 is a float too, but numpy's type goes back)."""
    return isinstance(x, int | float) and type(x).__module__ == "builtins"


def _refuse_complex(x: Any) -> None:
    if isinstance(x, complex) or getattr(getattr(x, "dtype", None), "kind", "") == "c":
        raise TypeError("complex input: these functions are computed on real numbers")


def _apply(curve: Curve, x: Any, errors: str = "nan") -> Any:
    """Like a numpy ufunc: a Python number gives a float; a numpy scalar, array or masked array
    the same kind back; float32 in gives float32 out (correctly rounded where the float64 result
    is); a pandas Series or DataFrame back as one, with its index and columns; outside a domain
    nan (``errors="raise"``: a DataError); complex input a TypeError."""
    if type(x) is float and (number := numeric.compiled_float(curve, x)) is not None:
        return number  # the common case first: a Python float the compiled kernel decides
    if errors not in ("nan", "raise"):
        raise ValueError(f"errors must be 'nan' or 'raise', not {errors!r}")
    _refuse_complex(x)
    if _python_number(x):
        try:
            return evaluate(curve, x)
        except DataError:
            if errors == "raise":
                raise
            return float("nan")
    kind = type(x)
    if kind.__module__.startswith("pandas") and kind.__name__ in ("Series", "DataFrame"):
        # pandas is never imported here: the object builds its own kind back, index kept.
        labels = {"name": x.name} if kind.__name__ == "Series" else {"columns": x.columns}
        return kind(_apply(curve, x.to_numpy(), errors), index=x.index, **labels)
    import numpy as np

    if isinstance(x, np.ma.MaskedArray):
        return np.ma.array(_apply(curve, x.filled(0.5), errors), mask=np.ma.getmaskarray(x))
    values = np.asarray(x)
    fast = numeric.compiled_array(curve, values)
    if fast is not None:
        result, bad = fast
        if len(bad):
            if errors == "raise":
                raise DataError(f"{len(bad)} values are outside the domain of the inverse")
            result.reshape(-1)[bad] = float("nan")
        return result.dtype.type(result[()]) if isinstance(x, np.generic) else result
    single = values.dtype == np.float32
    if single:
        from dataclasses import replace

        curve = replace(curve, float32=True)
    result = evaluate_array(curve, values.astype(np.float64, copy=False), errors)
    if single:
        result = result.astype(np.float32)
    if isinstance(x, np.generic):  # a numpy scalar: the same type back (an integer: float64)
        return result.dtype.type(result[()])
    return result


def _like_ufunc(x: Any, scalar: Callable[[float], float], array: Callable[[Any, bool], Any]) -> Any:
    """``scalar`` for a Python number, ``array`` (float64 values, whether the input was float32)
    for anything else, given back in the input's own kind, as _apply does for a curve (which
    has compiled kernels on its way; the activations do not)."""
    _refuse_complex(x)
    if _python_number(x):
        return scalar(x)
    kind = type(x)
    if kind.__module__.startswith("pandas") and kind.__name__ in ("Series", "DataFrame"):
        # pandas is never imported here: the object builds its own kind back, index kept.
        labels = {"name": x.name} if kind.__name__ == "Series" else {"columns": x.columns}
        return kind(_like_ufunc(x.to_numpy(), scalar, array), index=x.index, **labels)
    import numpy as np

    if isinstance(x, np.ma.MaskedArray):
        return np.ma.array(_like_ufunc(x.filled(0.5), scalar, array), mask=np.ma.getmaskarray(x))
    values = np.asarray(x)
    single = values.dtype == np.float32
    result = array(values.astype(np.float64, copy=False), single)
    if single:
        result = result.astype(np.float32)
    if isinstance(x, np.generic):  # a numpy scalar: the same type back (an integer: float64)
        return result.dtype.type(result[()])
    return result


def _activation(name: str) -> Callable[[Any], Any]:
    """The grammar function ``name`` (numeric/activations.py) as a ufunc-like function: within
    4 ulp of the exact value, nan outside its domain, no warnings."""

    def apply(x: Any) -> Any:
        from .numeric import activations, kernels

        kernel = activations.KERNELS[name]

        def array(values: Any, single: bool) -> Any:
            import numpy as np

            with np.errstate(all="ignore"):
                return np.asarray(kernel(kernels.numpy_namespace(), values), dtype=np.float64)

        return _like_ufunc(x, lambda value: float(kernel(kernels.MATH, float(value))), array)

    formula = {
        "softplus": "log(1 + e^x), without overflow",
        "silu": "x·σ(x) (SiLU, swish)",
        "gelu": "x·Φ(x) = x/2·(1 + erf(x/√2)) (GELU)",
        "gelu_tanh": "x/2·(1 + tanh(√(2/π)(x + 0.044715x³))) (GELU's tanh approximation)",
        "mish": "x·tanh(softplus(x))",
        "relu": "max(0, x)",
        "log1p": "log(1 + x), accurate for tiny x; nan below −1",
        "expm1": "e^x − 1, accurate for tiny x",
        "erfc": "1 − erf(x), accurate in the right tail",
        "sech": "1/cosh(x), without overflow",
    }[name]
    apply.__name__ = apply.__qualname__ = name
    apply.__doc__ = f"{formula}; like a numpy ufunc, within 4 ulp of the exact value."
    return apply


softplus = _activation("softplus")
silu = swish = _activation("silu")
gelu = _activation("gelu")
gelu_tanh = _activation("gelu_tanh")
mish = _activation("mish")
relu = _activation("relu")
log1p = _activation("log1p")
expm1 = _activation("expm1")
erfc = _activation("erfc")
sech = _activation("sech")


def softmax(x: Any, axis: int | tuple[int, ...] | None = None, *, temperature: float = 1.0) -> Any:
    """e^(xᵢ/T)/Σⱼ e^(xⱼ/T) over ``axis`` (None: every element), as scipy.special.softmax; shifted
    by the largest value, so 1000, 1001, 1002 are fine. A list of Python numbers (axis None)
    gives a list of correctly rounded floats, as `sigmoid eval --softmax` prints them.

    >>> softmax([1000, 1001, 1002])
    [0.09003057317038046, 0.24472847105479764, 0.6652409557748219]
    """
    return _softmax(x, "softmax", axis, temperature)


def log_softmax(x: Any, axis: int | tuple[int, ...] | None = None, *, temperature: float = 1.0) -> Any:
    """log softmax(x) = x/T − logsumexp(x/T), as scipy.special.log_softmax."""
    return _softmax(x, "log-softmax", axis, temperature)


def logsumexp(x: Any, axis: int | tuple[int, ...] | None = None, *, temperature: float = 1.0) -> Any:
    """log Σ e^(xⱼ/T) over ``axis`` (None: every element), as scipy.special.logsumexp."""
    return _softmax(x, "logsumexp", axis, temperature)


def _softmax(x: Any, kind: Kind, axis: int | tuple[int, ...] | None, temperature: float) -> Any:
    from .numeric import softmax as vectors

    _refuse_complex(x)
    if not temperature > 0 or temperature == float("inf"):
        raise ValueError(f"temperature must be a positive finite number, not {temperature!r}")
    if isinstance(x, list | tuple) and axis is None and all(_python_number(v) for v in x):
        values = vectors.vector([float(v) for v in x], kind, temperature)
        return values[0] if kind == "logsumexp" else values
    return vectors.array(x, kind, axis, temperature)


def _into(result: Any, out: Any) -> Any:
    """numpy's ``out=``: ``out`` must be a numpy array of the result's shape and dtype (float32
    for float32 input, else float64); the result is written into it and ``out`` returned."""
    if out is None:
        return result
    import numpy as np

    if not isinstance(out, np.ndarray):
        raise TypeError(f"out must be a numpy array, not {type(out).__name__}")
    values = np.asarray(result)
    if out.shape != values.shape or out.dtype != values.dtype:
        raise ValueError(
            f"out must have shape {values.shape} and dtype {values.dtype}, not {out.shape} and {out.dtype}"
        )
    out[...] = values
    return out


def sigmoid(
    x: Any,
    *,
    out: Any = None,
    k: float = 1.0,
    x0: float = 0.0,
    L: float = 1.0,
    fn: str = "logistic",
    normalize: bool = False,
    complement: bool = False,
) -> Any:
    """L/(1+e^{−k(x−x0)}) (or the family member ``fn``): for the logistic correctly rounded
    (the double nearest the exact value), for other members within 2 ulp.

    >>> sigmoid(0.5)
    0.6224593312018546

    ``out``: a numpy array of the result's shape and dtype to write into (returned), as a ufunc's.
    """
    if _arrays(k, x0, L):
        return _into(
            _broadcast(x, k, x0, L, lambda *p: _curve(fn, *p, normalize=normalize, complement=complement)),
            out,
        )
    return _into(_apply(_curve(fn, k, x0, L, normalize=normalize, complement=complement), x), out)


def _arrays(*parameters: Any) -> bool:
    """Whether a parameter is an array (numpy broadcasts it against x), not one number."""
    return not all(isinstance(p, int | float) for p in parameters) and any(
        getattr(p, "ndim", 0) > 0 or isinstance(p, list | tuple) for p in parameters
    )


def _broadcast(x: Any, k: Any, x0: Any, L: Any, curve_of: Any) -> Any:
    """The curve with array parameters, broadcast against x as a ufunc's arguments are: each
    distinct (k, x0, L) is one Curve, computed over its values of x as with scalar parameters
    (the same bits; float32 stays float32)."""
    import numpy as np

    _refuse_complex(x)
    values = np.asarray(x)
    if values.dtype.kind not in "f":
        values = values.astype(np.float64)
    xs, ks, x0s, ls = np.broadcast_arrays(values, *(np.asarray(p, dtype=np.float64) for p in (k, x0, L)))
    flat = np.ascontiguousarray(xs).reshape(-1)
    result = np.empty(flat.shape, dtype=np.float32 if values.dtype == np.float32 else np.float64)
    table = np.stack([ks.reshape(-1), x0s.reshape(-1), ls.reshape(-1)], axis=1)
    distinct, which = np.unique(table, axis=0, return_inverse=True)
    which = which.reshape(-1)
    for index, (k_, x0_, l_) in enumerate(distinct.tolist()):
        chosen = which == index
        result[chosen] = _apply(curve_of(k_, x0_, l_), flat[chosen])
    return result.reshape(xs.shape)


def log_sigmoid(x: Any, *, out: Any = None, complement: bool = False) -> Any:
    """log σ(x), or log(1 − σ(x)) with ``complement``; no overflow, no spurious −inf. ``out`` as
    for sigmoid."""
    return _into(_apply(_curve(log=True, complement=complement), x), out)


def logit(
    p: Any, *, out: Any = None, fn: str = "logistic", normalize: bool = False, errors: str = "nan"
) -> Any:
    """The inverse of σ: log(p/(1−p)); 0 → −inf, 1 → inf; outside [0, 1] nan, as scipy's
    (``errors="raise"``: a DataError instead).

    >>> logit(0.75)
    1.0986122886681098

    ``out`` as for sigmoid.
    """
    return _into(_apply(_curve(fn, normalize=normalize, inverse=True), p, errors), out)


def sigmoid_grad(
    x: Any,
    order: int = 1,
    *,
    out: Any = None,
    k: float = 1.0,
    x0: float = 0.0,
    L: float = 1.0,
    fn: str = "logistic",
    normalize: bool = False,
    log: bool = False,
    complement: bool = False,
    wrt: str = "x",
) -> Any:
    """The ``order``-th derivative of L·h(k(x − x0)) (h = σ, log σ, 1 − σ, a family member) with
    respect to x; or, with ``wrt`` k, x0 or L, the first partial derivative by that parameter,
    and with ``wrt="all"`` a dict of all four (as `sigmoid grad --wrt all`).

    >>> sigmoid_grad(0.0)
    0.25
    >>> sigmoid_grad(0.5, k=2, wrt="all")["k"]
    0.09830596662074093

    ``out`` as for sigmoid (not with ``wrt="all"``, whose result is a dict).
    """
    if wrt == "x" and _arrays(k, x0, L):
        shape = {"normalize": normalize, "log": log, "complement": complement, "order": order}
        return _into(_broadcast(x, k, x0, L, lambda *p: _curve(fn, *p, **shape)), out)
    curve = _curve(fn, k, x0, L, normalize=normalize, log=log, complement=complement, order=order)
    if wrt == "x":
        return _into(_apply(curve, x), out)
    if wrt == "all" and out is not None:
        raise TypeError('out= with wrt="all": the result is a dict of four arrays')
    return _into(_partials(curve, x, wrt), out)


def _partials(curve: Curve, x: Any, wrt: str) -> Any:
    """∂/∂k, ∂/∂x0, ∂/∂L (or all four, ∂/∂x first, as a dict) over x, shaped as x."""
    import numpy as np

    from .jobs import Job

    _refuse_complex(x)
    job = Job(curve, wrt=wrt)  # checks the choice (and that order is 1) in the library's words
    values = np.asarray(x, dtype=np.float64)
    columns, _ = job.float_columns(values.ravel())
    scalar = _python_number(x)
    shaped = [float(c[0]) if scalar else c.reshape(values.shape) for c in columns]
    if wrt == "all":
        return dict(zip(job.partial_names, shaped, strict=True))
    return shaped[0]


def derivative(curve: Curve, x: Any, order: int = 1) -> Any:
    """The ``order``-th derivative of ``curve`` with respect to x."""
    from dataclasses import replace

    return _apply(replace(curve, order=order), x)


def with_digits(x: str | float, digits: int, curve: Curve | None = None) -> str:
    """``digits`` significant digits of the curve at x (a VALUE text or a float), correctly rounded.

    >>> with_digits("1", 20)
    '0.73105857863000487925'
    """
    from .jobs import Job

    text = x if isinstance(x, str) else repr(float(x))
    return Job(curve or Curve(), mode="digits", digits=digits).scalar(text)[0]


def exact(x: str | float, curve: Curve | None = None) -> Any:
    """The exact value as a sympy expression: exact('log(3)') == Rational(3, 4)."""
    from .jobs import Job
    from .symbolic.closed_form import exact_results

    text = x if isinstance(x, str) else repr(float(x))
    return exact_results(Job(curve or Curve(), mode="exact"), text)[0]


def derive(*args: Any, **kwargs: Any) -> Proof:
    """A verified step-by-step derivation (see ``sigmoid_cli.proofs.derive``), which Jupyter
    shows as Markdown with $…$ math; ``.sympy()`` and ``.numpy()`` give its result to code."""
    from dataclasses import fields

    from .proofs import derive as derive_proof

    proof = derive_proof(*args, **kwargs)
    return _shown_proof()(**{field.name: getattr(proof, field.name) for field in fields(proof)})


def derive_softmax(*, lang: str = "en", verify: bool = True) -> tuple[Proof, Proof]:
    """``sigmoid derive --softmax``: ∂pᵢ/∂zⱼ = pᵢ(δᵢⱼ − pⱼ), and the two-class softmax
    p₁ = σ(z₁ − z₂), every step checked for n = 2, 3, 4 (see ``sigmoid_cli.proofs.softmax``)."""
    from dataclasses import fields

    from .proofs.softmax import derive_softmax as derive_both

    shown = _shown_proof()
    general, two = (
        shown(**{field.name: getattr(proof, field.name) for field in fields(proof)})
        for proof in derive_both(lang=lang, verify=verify)
    )
    return general, two


@cache
def _shown_proof() -> type[Proof]:
    """Proof with a notebook display: rendering lives above the proof model, so the API adds it."""
    from dataclasses import dataclass

    from .proofs.render import markdown
    from .proofs.steps import Proof as Model

    @dataclass(frozen=True, slots=True, repr=False)
    class ShownProof(Model):
        def _repr_markdown_(self) -> str:
            return markdown(self)

        def _repr_latex_(self) -> str:
            """The chain of equalities of the top-level steps, for MathJax and KaTeX: one
            aligned display, the problem on the first line (the steps' words: Markdown)."""
            from .proofs.forms import latex

            lines = [f"{latex(self.problem)} &= {latex(self.steps[0].after)}" if self.steps else ""]
            lines += [f"&= {latex(step.after)}" for step in self.steps[1:]]
            return "$$\\begin{aligned}\n" + " \\\\\n".join(lines) + "\n\\end{aligned}$$"

    return ShownProof
