"""Picking the text for a language, with the fallback to the default language made visible."""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGE_NAMES = {
    "de": "German", "en": "English", "ar": "Arabic", "bg": "Bulgarian", "sl": "Slovenian",
    "fr": "French", "pl": "Polish", "ru": "Russian", "tr": "Turkish", "uk": "Ukrainian",
}


def language_name(code: str) -> str:
    return f"{LANGUAGE_NAMES.get(code, code)} ({code})"


@dataclass(frozen=True)
class Localized:
    """A text in one language. ``lang`` differs from the requested one when it fell back."""

    text: str
    lang: str
    fallback: bool

    def __str__(self) -> str:
        return self.text


def localize(value: str | dict[str, str] | None, lang: str, default: str) -> Localized | None:
    """The text of ``value`` in ``lang``; the default language's text (marked) when it is missing."""
    if value is None:
        return None
    if isinstance(value, str):
        return Localized(value, default, lang != default)
    if lang in value:
        return Localized(value[lang], lang, False)
    if default in value:
        return Localized(value[default], default, lang != default)
    first = next(iter(value))
    return Localized(value[first], first, True)
