"""How text becomes search words: the same rules at build time (here) and at query time (the
browser's ``search-engine.js`` and the functions' ``chalicelib/search/engine.py``).

The query side knows no stemmer or word list of its own: the index's ``meta.json`` carries the
rules below (the letters folded into others, the stop words), and both query engines apply them
the same way: lower case, Unicode compatibility decomposition (NFKD), combining marks and the
Arabic tatweel dropped, then the fold table. So "Führerschein", "Fuhrerschein" and "FÜHRERSCHEIN"
are one word; "البِطاقة" and "البطاقه" too (diacritics; ta marbuta), "أ", "إ", "آ" become "ا" by the
decomposition, and "ى" becomes "ي" by the table. Words are runs of letters and digits.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

FOLD = {
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "ı": "i", "ħ": "h", "þ": "th",
    # Arabic: alef maqsura and ta marbuta as most people type them without a proper keyboard
    "ى": "ي", "ة": "ه",
    # Arabic-Indic and Persian digits as Western digits
    **{chr(0x0660 + n): str(n) for n in range(10)}, **{chr(0x06F0 + n): str(n) for n in range(10)},
}
"""Letters that stand for others when people search (after marks are dropped)."""
_TABLE = str.maketrans(FOLD)
DROPPED = "\u0640"
"""Arabic tatweel (kashida): a stretch of the line, not a letter."""
WORD = re.compile(r"[^\W_]+")
"""A word: letters and digits (``\\w`` without the underscore; the browser: ``[\\p{L}\\p{N}]+``)."""
HYPHENATED = re.compile(r"[^\W_]+(?:-[^\W_]+)+")


def normalize(text: str) -> str:
    """``text`` as the index and the queries compare it."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    if decomposed.isascii():
        return decomposed.translate(_TABLE)
    kept = "".join(c for c in decomposed if c != DROPPED and unicodedata.category(c) != "Mn")
    return kept.translate(_TABLE)


def words(text: str) -> list[str]:
    """The normalized words of ``text``, in order."""
    return [word for chunk in text.split() for word in _chunk(chunk)[0]]


def joined(text: str) -> list[str]:
    """Hyphenated words written as one ("day-care" → "daycare", "Kita-Platz" → "kitaplatz"), as
    people often search for them; the index holds both."""
    return [word for chunk in text.split() for word in _chunk(chunk)[1]] if "-" in text else []


def terms(text: str) -> tuple[list[str], list[str]]:
    """``words(text)`` and ``joined(text)`` at once, ``text`` split only once."""
    found, hyphenated = [], []
    for chunk in text.split():
        own, whole = _chunk(chunk)
        found += own
        if whole:
            hyphenated += whole
    return found, (hyphenated if "-" in text else [])


@lru_cache(maxsize=1 << 17)
def _chunk(chunk: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words and joined hyphenated words of a run of text without white space.

    A catalogue says the same words thousands of times, and ``normalize`` looks at every letter
    of a text that is not ASCII (German, Arabic, Bulgarian, Slovenian): per run between spaces it
    is done once. The result is the same as for the whole text: white space is never a word
    character, nothing in NFKD reorders or joins across it, and lower case ("Σ" at a word's end)
    looks no further than the letters next to it."""
    normal = normalize(chunk)
    return tuple(WORD.findall(normal)), tuple(found.replace("-", "") for found in HYPHENATED.findall(normal))


def rules(lang: str) -> dict:
    """What a query engine needs to read words as the index does (``meta.json``, ``text``)."""
    from .stopwords import stopwords

    return {"fold": FOLD, "dropped": DROPPED, "stop": sorted(stopwords(lang))}
