"""UI strings of the website per language, from ``civicat/i18n/<lang>.yaml``.

Every language file has the same keys; a language without a file falls back to English UI strings
(the catalogue texts still follow the site's default-language fallback).

A string with a number is a map of CLDR plural categories, with exactly the categories of its
language (ar: zero, one, two, few, many, other; sl: one, two, few, other; bg, de, en: one,
other), and ``{count}`` for the number: ``t("service.count", count=3)`` picks the form by the
language's CLDR rules (babel, which mkdocs-material brings as well). Scripts get the whole map and
pick with ``civicat.plural`` (the browser's ``Intl.PluralRules``).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

I18N_DIR = Path(__file__).resolve().parent.parent / "i18n"
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
"""CLDR's plural categories, in CLDR's order."""


def is_plural(value: Any) -> bool:
    """A string table value that is a map of plural forms (``{one: …, other: …}``)."""
    return isinstance(value, dict) and "other" in value and set(value) <= set(PLURAL_CATEGORIES)


@lru_cache(maxsize=None)
def _plural_rule(lang: str) -> Any:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang.replace("-", "_")).plural_form
    except (UnknownLocaleError, ValueError):  # a language without a string file speaks English
        return Locale.parse("en").plural_form


def plural_categories(lang: str) -> tuple[str, ...]:
    """The categories ``lang`` distinguishes (CLDR), in CLDR's order: what its plural maps hold."""
    tags = _plural_rule(lang).tags | {"other"}
    return tuple(tag for tag in PLURAL_CATEGORIES if tag in tags)


def plural_category(lang: str, count: Any) -> str:
    """CLDR's category of ``count`` in ``lang``: ``plural_category("ar", 11) == "many"``."""
    return _plural_rule(lang)(count)


def available() -> list[str]:
    """Languages that have a complete UI string file."""
    return sorted(p.stem for p in I18N_DIR.glob("*.yaml"))


@lru_cache(maxsize=None)
def _load(lang: str) -> dict[str, Any]:
    path = I18N_DIR / f"{lang}.yaml"
    if not path.exists():
        path = I18N_DIR / "en.yaml"
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


class Strings:
    """The UI strings of one language: ``s.t("office.hours")``, ``s.t("updated", date=…)``."""

    def __init__(self, lang: str):
        self.lang = lang
        self.data = _load(lang)

    def get(self, key: str) -> Any:
        node: Any = self.data
        for part in key.split("."):
            node = node[part]
        return node

    def t(self, key: str, /, **values: Any) -> str:
        """The text of ``key`` with its ``{placeholders}`` filled in; a text with plural forms takes
        the form for ``count``."""
        text = self.get(key)
        if is_plural(text):
            if "count" not in values:
                raise KeyError(f"{key} has plural forms: give its number as count=")
            text = self.plural(text, values["count"])
        return text.format(**values) if values else text

    def plural(self, forms: dict[str, str], count: Any) -> str:
        """The form of a plural map for ``count`` in this language (``other`` if it lacks one)."""
        return forms.get(plural_category(self.lang, count)) or forms["other"]

    @property
    def dir(self) -> str:
        return self.data["dir"]

    @property
    def locale(self) -> str:
        return self.data["locale"]

    def language_name(self, code: str) -> str:
        """Name of language ``code`` in this language (for fallback notices)."""
        return self.data["language_names"].get(code, code)

    def endonym(self) -> str:
        """This language's own name, for the language switcher."""
        return self.data["name"]
