"""Soft hyphens in long words of a page's heading, so that a narrow screen with large text breaks
"Personalausweis" as "Personal-/ausweis", not "Personala/usweis".

Browsers hyphenate with ``hyphens: auto`` only where they have a dictionary for the language, and
Chromium on Linux fetches its dictionaries at run time (or not at all); a soft hyphen (U+00AD) is a
break point every browser honours, shown as "-" only where the line breaks. The points come from
pyphen (LibreOffice's hyphenation patterns). Arabic script is not hyphenated.
"""

from __future__ import annotations

import re
from functools import lru_cache

SHY = "\u00ad"
LONGEST_UNBROKEN = 8
"""Words up to this length stay whole; longer ones get break points. A phone 390 px wide with the
text at 200 % fits about nine bold letters of a heading on a line."""
_PATTERNS = {"de": "de_DE", "en": "en_GB", "bg": "bg_BG", "sl": "sl_SI"}
_WORD = re.compile(r"\w{%d,}" % (LONGEST_UNBROKEN + 1))
_LATIN = re.compile(r"[A-Za-zÀ-ɏ]+$")


@lru_cache(maxsize=None)
def _dictionary(lang: str):
    name = _PATTERNS.get(lang.split("-")[0])
    if name is None:
        return None
    import pyphen

    return pyphen.Pyphen(lang=name, left=3, right=3)


def load(languages: list[str]) -> None:
    """Read the patterns of ``languages`` now: ``civicat build`` does it once before its language
    workers fork (German's take 0.4 s to read, and the German, the Arabic and any worker whose
    titles fall back to German would each read them again)."""
    for lang in languages:
        _dictionary(lang)


def soft_hyphens(text: str, lang: str, latin: str | None = None) -> str:
    """``text`` with soft hyphens at the break points of its long words. In a language without
    patterns (Arabic), words in Latin letters ("(Landratsamt)" in an Arabic office name) are
    hyphenated as ``latin`` (the site's default language), if given."""
    dictionary = _dictionary(lang)
    if dictionary is None and latin:
        dictionary = _dictionary(latin)
        if dictionary is None or not text:
            return text
        return _WORD.sub(lambda match: _hyphenate(dictionary, match.group(0)) if _LATIN.match(match.group(0)) else match.group(0), text)
    if dictionary is None or not text:
        return text
    return _WORD.sub(lambda match: _hyphenate(dictionary, match.group(0)), text)


def _hyphenate(dictionary, word: str) -> str:
    points = [point for point in dictionary.positions(word) if 0 < point < len(word)]
    # The German patterns also mark both sides of a compound's joint letter ("Persona-l-ausweis"):
    # of two points one letter apart, the later one is the joint.
    kept = [point for index, point in enumerate(points)
            if not (index + 1 < len(points) and points[index + 1] - point == 1)]
    out, start = [], 0
    for point in kept:
        out.append(word[start:point])
        start = point
    out.append(word[start:])
    return SHY.join(out)
