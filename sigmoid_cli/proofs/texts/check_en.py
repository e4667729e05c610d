"""English: the words of `sigmoid check` — verdicts on someone's own steps, and the mistakes
it names. The reference for check_ja.py and check_ko.py (same keys, same placeholders)."""

from __future__ import annotations

WORDS: dict[str, str] = {
    "problem": "Problem",
    "result": "Result",
    "line": "line {line}",
    "line and column": "line {line}, column {column}",
    "heading": "{where}, {kind}: {verdict}",
    "step": "step",
    "side": "side step",
    "proved": "proved",
    "checked numerically": "checked numerically",
    "failed": "wrong",
    "differ at": "the sides differ at {x} = {at}: {before} ≠ {after}",
    "differ": "the sides differ",
    "mistake": "probable mistake: {mistake}",
    "should be": "the line should be: {correct}",
    "agrees": "agrees with an independent differentiation (sympy.diff): {status}",
    "is not": "is not {problem}: {difference}",
    "derivative is": "the derivative is {expected}",
    "first wrong": "First wrong step: {number} ({where})",
    "every step holds": "Every step holds.",
    "ends elsewhere": "The chain ends away from the derivative.",
    # the mistakes (diagnose.py's kinds)
    "sign_lost": "sign lost: the line is the negative of what the step gives",
    "sign_lost_inner": "sign lost: the chain rule misses the inner derivative −1 (of {inner})",
    "missing_inner": "the chain rule misses the inner derivative {derivative} (of {inner})",
    "wrong_power": "wrong power: {wrote} should be {meant}",
    "wrong_cancellation": (
        "wrong cancellation: {term} is a term of a sum, not a factor, so it cannot be cancelled in {quotient}"
    ),
}
