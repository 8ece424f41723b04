"""Which words of a language are forms of one another: "anmelden", "Anmeldung" and "angemeldet"
share their postings in the index, so a search for any of them finds pages that use another.

Stems are used only while building the index: every form found in the catalogue is listed with
its stem's postings, so the query engines need no stemmer. German and English use the Snowball
stemmers; Arabic uses the light stemmer of Larkey, Ballesteros and Connell ("light10": prefixes
و، ال، وال، بال، كال، فال، لل and ten suffixes), which keeps far more of a word than Snowball's
Arabic stemmer (that one takes "بطاقة", card, to "طاق"). Bulgarian uses Savoy's light stemmer
(J. Savoy, "Searching strategies for the Bulgarian language", Information Retrieval 10, 2007:
the definite article, then the plural, then a final vowel), written here from the paper's rules.
Slovenian has no stemmer here and keeps every form apart; the query engines' prefix and
inflection matching finds them ("osebne" finds "osebna" through a shared start).

For languages in ``STEMS_AS_FORMS`` each stem is also listed as a form of its own: the engines
match a query word that *starts with* a listed form (inflection), so "личните карти", a form the
catalogue never uses, finds "лична карта" through the stems "личн" and "карт".
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


STEMS_AS_FORMS = frozenset({"bg"})


def bulgarian_light(word: str) -> str:
    """Savoy's light stemmer: "личната", "лична" and "личните" all become "личн"; "картата",
    "карти" and "карта" become "карт". Words under four letters are left as they are."""
    if len(word) < 4:
        return word
    if len(word) > 5 and word.endswith("ища"):
        return word[:-3]
    word = _bg_plural(_bg_article(word))
    if len(word) > 3:
        if word.endswith("я"):
            word = word[:-1]
        if word.endswith(("а", "о", "е")):
            word = word[:-1]
    if len(word) > 4 and word.endswith("ен"):
        word = word[:-2] + "н"
    if len(word) > 5 and word[-2] == "ъ":
        word = word[:-2] + word[-1]
    return word


def _bg_article(word: str) -> str:
    """Without the definite article: -ият, -ът, -то, -те, -та, -ия, -ят."""
    if len(word) > 6 and word.endswith("ият"):
        return word[:-3]
    if len(word) > 5 and word.endswith(("ът", "то", "те", "та", "ия")):
        return word[:-2]
    if len(word) > 4 and word.endswith("ят"):
        return word[:-2]
    return word


def _bg_plural(word: str) -> str:
    """The singular's stem of a plural: -ове, -овци, -еве (→ й), -ища, -та, -ци (→ к), -зи (→ г),
    -е…и (→ я…), -си (→ х), -и."""
    if len(word) > 6:
        if word.endswith("овци"):
            return word[:-3]
        if word.endswith("ове"):
            return word[:-3]
        if word.endswith("еве"):
            return word[:-3] + "й"
    if len(word) > 5:
        if word.endswith("ища"):
            return word[:-3]
        if word.endswith("та"):
            return word[:-2]
        if word.endswith("ци"):
            return word[:-2] + "к"
        if word.endswith("зи"):
            return word[:-2] + "г"
        if word[-3] == "е" and word[-1] == "и":
            return word[:-3] + "я" + word[-2]
    if len(word) > 4:
        if word.endswith("си"):
            return word[:-2] + "х"
        if word.endswith("и"):
            return word[:-1]
    return word


@lru_cache(maxsize=None)
def stemmer(lang: str) -> Callable[[str], str]:
    """A function from a normalized word to its stem (the word itself where there is no stemmer)."""
    if lang == "ar":
        return lru_cache(maxsize=None)(arabic_light)
    if lang == "bg":
        return lru_cache(maxsize=None)(bulgarian_light)
    if lang in SNOWBALL:
        import snowballstemmer

        stem_word = snowballstemmer.stemmer(SNOWBALL[lang]).stemWord
        return lru_cache(maxsize=None)(stem_word)
    return lambda word: word
