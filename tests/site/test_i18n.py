"""The UI strings: every language complete, same keys, same placeholders."""

from __future__ import annotations

import re

import pytest

from civicat.render.strings import Strings, available

LANGS = ["de", "en", "ar", "bg", "sl"]


def _flatten(data, prefix=""):
    for key, value in data.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def test_all_five_languages_have_string_files():
    assert set(LANGS) <= set(available())


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_has_exactly_the_english_keys_and_placeholders(lang):
    english = dict(_flatten(Strings("en").data))
    other = dict(_flatten(Strings(lang).data))
    assert set(other) == set(english)
    for key, value in english.items():
        if isinstance(value, str):
            assert other[key].strip(), f"{lang}: {key} is empty"
            assert set(re.findall(r"{\w+}", other[key])) == set(re.findall(r"{\w+}", value)), f"{lang}: {key}"
        elif isinstance(value, list):
            assert len(other[key]) == len(value), f"{lang}: {key}"


def test_arabic_is_right_to_left_and_the_others_left_to_right():
    assert Strings("ar").dir == "rtl"
    assert {Strings(lang).dir for lang in ["de", "en", "bg", "sl"]} == {"ltr"}
