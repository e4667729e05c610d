"""The texts of the derivations: every language speaks of every rule."""

from __future__ import annotations

import pytest

from sigmoid_cli.proofs.texts import ENGLISH, TEXTS


@pytest.mark.parametrize("lang", list(TEXTS))
def test_every_rule_has_a_name_and_an_explanation(lang: str) -> None:
    for rule in ENGLISH.rules:
        name, text = TEXTS[lang].rules[rule]
        assert name, (rule, lang)
        assert text or rule.startswith("lemma_"), (rule, lang)  # a lemma's title explains nothing
