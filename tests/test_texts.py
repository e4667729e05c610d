"""The texts of the derivations: every language speaks of every rule, in the same terms.

English is the reference. A translation has a text for each of its rule ids and fixed words,
and names the same placeholders, inside the same optional parts, as the English text; else a
parameter would silently go missing, or print as {name}, in that language only.
"""

from __future__ import annotations

import pytest

from sigmoid_cli.cli.derive import Lang
from sigmoid_cli.proofs import LANGUAGES
from sigmoid_cli.proofs.texts import ENGLISH, TEXTS, placeholders

TRANSLATIONS = [lang for lang in TEXTS if lang != "en"]


def _terms(text: str) -> tuple[set[str], list[list[str]]]:
    always, optional = placeholders(text)
    # The variable is always known: a translation may name it where English does not, or not.
    return always - {"x"}, sorted(sorted(part) for part in optional)


def test_every_language_is_registered_everywhere() -> None:
    assert tuple(TEXTS) == LANGUAGES == tuple(lang.value for lang in Lang)


@pytest.mark.parametrize("lang", list(TEXTS))
def test_every_rule_has_a_name_and_an_explanation(lang: str) -> None:
    assert TEXTS[lang].rules.keys() == ENGLISH.rules.keys(), lang
    for rule, (name, text) in TEXTS[lang].rules.items():
        assert name, (rule, lang)
        assert text or rule.startswith("lemma_"), (rule, lang)  # a lemma's title explains nothing


@pytest.mark.parametrize("lang", list(TEXTS))
def test_every_fixed_word_is_there(lang: str) -> None:
    assert TEXTS[lang].words.keys() == ENGLISH.words.keys(), lang
    for key, text in TEXTS[lang].words.items():
        assert text, (key, lang)


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_a_translation_names_the_same_placeholders_and_optional_parts(lang: str) -> None:
    for rule, (name, text) in ENGLISH.rules.items():
        own_name, own_text = TEXTS[lang].rules[rule]
        assert _terms(own_name) == _terms(name), (rule, "name", lang)
        assert _terms(own_text) == _terms(text), (rule, lang)
    for key, reference in ENGLISH.words.items():
        assert _terms(TEXTS[lang].words[key]) == _terms(reference), (key, lang)


@pytest.mark.parametrize("lang", list(TEXTS))
def test_optional_parts_are_closed_and_not_nested(lang: str) -> None:
    texts = [text for pair in TEXTS[lang].rules.values() for text in pair] + list(TEXTS[lang].words.values())
    for text in texts:
        depth = 0
        for char in text:
            depth += {"⟦": 1, "⟧": -1}.get(char, 0)
            assert depth in (0, 1), (lang, text)
        assert depth == 0, (lang, text)


def test_the_check_sees_a_missing_placeholder() -> None:
    assert _terms("{part} = {value}⟦ for {corner} ≠ 0⟧") != _terms("{part}⟦ for {corner} ≠ 0⟧")
    assert _terms("{part}⟦ for {corner} ≠ 0⟧") != _terms("{part} for {corner} ≠ 0")
    assert _terms("{part} at {x}") == _terms("{part}")


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_checks_words_are_there_with_the_same_placeholders(lang: str) -> None:
    from sigmoid_cli.proofs.texts import CHECK_WORDS

    assert CHECK_WORDS.keys() == TEXTS.keys()
    english = CHECK_WORDS["en"]
    assert CHECK_WORDS[lang].keys() == english.keys(), lang
    for key, reference in english.items():
        assert CHECK_WORDS[lang][key], (key, lang)
        assert _terms(CHECK_WORDS[lang][key]) == _terms(reference), (key, lang)


def test_every_mistake_check_names_has_its_words() -> None:
    from typing import get_args

    from sigmoid_cli.proofs.diagnose import Kind
    from sigmoid_cli.proofs.texts import CHECK_WORDS

    assert {kind for kind in get_args(Kind) if kind != "should_be"} <= CHECK_WORDS["en"].keys()
