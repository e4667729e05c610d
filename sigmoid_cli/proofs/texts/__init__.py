"""The texts of a derivation, one module per language, and how the renderers fill them in.

Each language module (en.py, ja.py, ko.py) holds every rule's name and explanation, keyed by
the rule id a step carries, and the fixed words the renderers put around the steps. Ids are
what JSON consumers read; the texts are for people, written the way a patient teacher talks a
student through the step. ``{name}`` is a parameter of the step (a form, shown in the
output's own notation), ``{x}`` the variable and ``{formula}`` the rule's general statement
(formulas.py); a part between ⟦ and ⟧ is shown only when every parameter it names is there.

English is the reference. A language is one more module with the same keys, registered in
TEXTS below (``sigmoid_cli.proofs.LANGUAGES`` follows it) and in ``--lang``; where it has no text,
or an empty one, the English text is shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from . import check_en, check_ja, check_ko, en, ja, ko


@dataclass(frozen=True)
class Texts:
    rules: dict[str, tuple[str, str]]  # rule id → (name, explanation)
    words: dict[str, str]


TEXTS: dict[str, Texts] = {
    "en": Texts(en.RULES, en.WORDS),
    "ja": Texts(ja.RULES, ja.WORDS),
    "ko": Texts(ko.RULES, ko.WORDS),
}
ENGLISH = TEXTS["en"]

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_OPTIONAL = re.compile(r"⟦(.*?)⟧", re.DOTALL)


def template(rule: str, lang: str, which: Literal["name", "text"] = "text") -> str:
    """A rule's name or explanation, unfilled; an id that is no rule is shown as itself."""
    english = ENGLISH.rules.get(rule)
    if english is None:
        return rule
    index = 1 if which == "text" else 0
    own = TEXTS.get(lang, ENGLISH).rules.get(rule, english)
    return own[index] or english[index]


def fill(text: str, values: dict[str, str]) -> str:
    """Put rendered parameters into a template; drop optional parts whose parameters are missing."""

    def optional(match: re.Match[str]) -> str:
        inner = match.group(1)
        names = _PLACEHOLDER.findall(inner)
        return inner if all(name in values for name in names) else ""

    text = _OPTIONAL.sub(optional, text)
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def pieces(text: str) -> list[tuple[str, str]]:
    """A filled-in template split into ("text", ...) and ("param", name) pieces, for renderers
    that show text and mathematics differently."""
    result: list[tuple[str, str]] = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        if match.start() > position:
            result.append(("text", text[position : match.start()]))
        result.append(("param", match.group(1)))
        position = match.end()
    if position < len(text):
        result.append(("text", text[position:]))
    return result


def placeholders(text: str) -> tuple[set[str], list[set[str]]]:
    """The parameters a template names outside its optional parts, and those of each optional part."""
    optional = [set(_PLACEHOLDER.findall(part)) for part in _OPTIONAL.findall(text)]
    return set(_PLACEHOLDER.findall(_OPTIONAL.sub("", text))), optional


def word(key: str, lang: str) -> str:
    return TEXTS.get(lang, ENGLISH).words.get(key) or ENGLISH.words[key]


# `sigmoid check`'s own words (check_en.py is the reference), apart from the derivations' texts.
CHECK_WORDS: dict[str, dict[str, str]] = {"en": check_en.WORDS, "ja": check_ja.WORDS, "ko": check_ko.WORDS}


def check_word(key: str, lang: str, **values: str) -> str:
    """One of check's texts in ``lang`` (English where it has none), filled in."""
    text = CHECK_WORDS.get(lang, CHECK_WORDS["en"]).get(key) or CHECK_WORDS["en"][key]
    return fill(text, values)
