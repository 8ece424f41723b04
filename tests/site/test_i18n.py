"""The UI strings: every language complete, same keys, same placeholders, and plural forms that
follow each language's CLDR rules."""

from __future__ import annotations

import re

import pytest

from civicat.render.strings import Strings, available, is_plural, plural_categories, plural_category

LANGS = ["de", "en", "ar", "bg", "sl"]
CLDR = {"ar": ("zero", "one", "two", "few", "many", "other"), "sl": ("one", "two", "few", "other"),
        "bg": ("one", "other"), "de": ("one", "other"), "en": ("one", "other")}
"""The plural categories of whole numbers in each language, as CLDR defines them."""


def _flatten(data, prefix=""):
    for key, value in data.items():
        if isinstance(value, dict) and not is_plural(value):
            yield from _flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"{\w+}", text))


def _plurals(lang):
    return {key: value for key, value in _flatten(Strings(lang).data) if is_plural(value)}


def test_all_five_languages_have_string_files():
    assert set(LANGS) <= set(available())


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_has_exactly_the_english_keys_and_placeholders(lang):
    english = dict(_flatten(Strings("en").data))
    other = dict(_flatten(Strings(lang).data))
    assert set(other) == set(english)
    for key, value in english.items():
        if isinstance(value, str):
            assert isinstance(other[key], str), f"{lang}: {key} must be one text, as in English"
            assert other[key].strip(), f"{lang}: {key} is empty"
            assert _placeholders(other[key]) == _placeholders(value), f"{lang}: {key}"
        elif is_plural(value):
            assert is_plural(other[key]), f"{lang}: {key} must have plural forms, as in English"
            assert _placeholders(other[key]["other"]) == _placeholders(value["other"]), f"{lang}: {key}"
        elif isinstance(value, list):
            assert len(other[key]) == len(value), f"{lang}: {key}"


@pytest.mark.parametrize("lang", LANGS)
def test_plural_forms_are_exactly_the_categories_of_the_language(lang):
    assert plural_categories(lang) == CLDR[lang]
    for key, forms in _plurals(lang).items():
        assert tuple(forms) == CLDR[lang], f"{lang}: {key} has {tuple(forms)}, CLDR says {CLDR[lang]}"
        assert all(text.strip() for text in forms.values()), f"{lang}: {key}"


@pytest.mark.parametrize("lang", LANGS)
def test_a_form_leaves_out_the_number_only_where_its_category_holds_one_number(lang):
    """Arabic says "يوم واحد" (one day) and "يومان" (two days) without a digit, because its "one"
    and "two" hold 1 and 2 only; Slovenian's "one" also holds 101, 201 … and must show it."""
    numbers = {category: [n for n in range(1000) if plural_category(lang, n) == category] for category in CLDR[lang]}
    assert all(numbers.values())
    for key, forms in _plurals(lang).items():
        assert "{count}" in forms["other"], f"{lang}: {key}: the plural number is {{count}}"
        for category, text in forms.items():
            wanted = _placeholders(forms["other"]) - ({"{count}"} if len(numbers[category]) == 1 else set())
            assert wanted <= _placeholders(text) <= _placeholders(forms["other"]), f"{lang}: {key}.{category}: {text}"


@pytest.mark.parametrize("lang, count, expected", [
    ("ar", 0, "لا توجد خدمات"), ("ar", 1, "خدمة واحدة"), ("ar", 2, "خدمتان"), ("ar", 3, "3 خدمات"),
    ("ar", 11, "11 خدمةً"), ("ar", 100, "100 خدمة"), ("ar", 103, "103 خدمات"),
    ("sl", 1, "1 storitev"), ("sl", 2, "2 storitvi"), ("sl", 4, "4 storitve"), ("sl", 5, "5 storitev"),
    ("sl", 102, "102 storitvi"), ("de", 1, "1 Leistung"), ("de", 0, "0 Leistungen"), ("en", 21, "21 services"),
])
def test_a_count_takes_the_form_its_language_needs(lang, count, expected):
    assert Strings(lang).t("service.count", count=count) == expected


def test_a_text_with_plural_forms_needs_its_count():
    with pytest.raises(KeyError, match="count="):
        Strings("de").t("service.count", number=3)


def test_arabic_is_right_to_left_and_the_others_left_to_right():
    assert Strings("ar").dir == "rtl"
    assert {Strings(lang).dir for lang in ["de", "en", "bg", "sl"]} == {"ltr"}
