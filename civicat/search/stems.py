"""Which words of a language are forms of one another: "anmelden", "Anmeldung" and "angemeldet"
share their postings in the index, so a search for any of them finds pages that use another.

Stems are used only while building the index: every form found in the catalogue is listed with
its stem's postings, so the query engines need no stemmer. German and English use the Snowball
stemmers; Arabic uses the light stemmer of Larkey, Ballesteros and Connell ("light10": prefixes
و، ال، وال، بال، كال، فال، لل and ten suffixes), which keeps far more of a word than Snowball's
Arabic stemmer (that one takes "بطاقة", card, to "طاق"). Languages without a stemmer here
(Bulgarian, Slovenian) keep every form apart; the query engines' prefix and inflection matching
finds them ("удостоверението" finds "удостоверение").
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

SNOWBALL = {"de": "german", "en": "english"}
AR_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
AR_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
"""light10's suffixes after normalization (ة is ه and ية is يه by then: ``text.FOLD``)."""


def arabic_light(word: str) -> str:
    """light10 on a normalized word: "البطاقه", "بطاقات" and "بطاقه" all become "بطاق"."""
    if word.startswith("و") and len(word) > 3:
        word = word[1:]
    for prefix in AR_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            word = word[len(prefix):]
            break
    for suffix in AR_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            word = word[: -len(suffix)]
    return word


@lru_cache(maxsize=None)
def stemmer(lang: str) -> Callable[[str], str]:
    """A function from a normalized word to its stem (the word itself where there is no stemmer)."""
    if lang == "ar":
        return lru_cache(maxsize=None)(arabic_light)
    if lang in SNOWBALL:
        import snowballstemmer

        stem_word = snowballstemmer.stemmer(SNOWBALL[lang]).stemWord
        return lru_cache(maxsize=None)(stem_word)
    return lambda word: word
