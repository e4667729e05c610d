"""The proof printer: verified step-by-step derivations.

>>> from sigmoid_cli.proofs import derive
>>> from sigmoid_cli.proofs.forms import plain
>>> proof = derive()                       # d/dx σ(x) = σ(x)(1 − σ(x)), the classic ten steps
>>> proof.verified, len(proof.steps), plain(proof.result)
(True, 10, 'σ(x)·(1 - σ(x))')
>>> plain(derive(expr="x*sigmoid(x)").result)   # any expression: the general rule engine
'σ(x)·(1 + x - x·σ(x))'

``derive`` returns a frozen Proof (steps.py); render.py and sigmoid_cli.cli.rich_output print it.
Only ``derive`` imports SymPy, and only when called.
"""

from .derive import FAMILY, LANGUAGES, RESULT_FORMS, derive

__all__ = ["FAMILY", "LANGUAGES", "RESULT_FORMS", "derive"]
