"""The parts of German compounds, so that "Müll" finds "Sperrmüll" and "Biomüll".

A search that matches the beginnings of words already finds "Hundesteuer" for "Hund"; what it
cannot find is a word's end or middle. So a compound is also indexed under each word it ends
with, found from the right: "sperrmullkarte" ends with "karte", and what is left, "sperrmull",
ends with "mull". A part counts only if it is a word of at least four letters that the catalogue
itself uses on its own (its vocabulary), and at least three letters must be left before it: no
dictionary to keep up to date, and no "Antrag" split into "An" + "trag". Parts weigh less than
the whole word (``index.PART``).
"""

from __future__ import annotations

from functools import lru_cache

LANGUAGES = frozenset({"de"})
"""Languages that write compounds as one word (here: German)."""
SHORTEST_PART = 4
SHORTEST_REST = 3
DEPTH = 3
"""At most this many parts of one word."""


def splitter(lang: str, known: frozenset[str]):
    """A function from a normalized word to the parts it is indexed under too (none outside
    ``LANGUAGES``); ``known``: the words the catalogue uses on their own."""
    if lang not in LANGUAGES:
        return lambda word: ()

    @lru_cache(maxsize=None)
    def parts(word: str) -> tuple[str, ...]:
        found: list[str] = []
        rest = word
        while len(found) < DEPTH and len(rest) >= SHORTEST_REST + SHORTEST_PART:
            for cut in range(SHORTEST_REST, len(rest) - SHORTEST_PART + 1):
                if rest[cut:] in known:
                    found.append(rest[cut:])
                    rest = rest[:cut]
                    break
            else:
                break
        return tuple(found)

    return parts
