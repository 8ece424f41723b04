"""The site's search, in Python: the same index files and the same ranking as the browser's
``search-engine.js`` (civicat/templates/components/search/engine.mjs), for the results page that
citizens without JavaScript get. ``tests/search/test_engines_agree.py`` runs both on every query
of the query sets and compares the results.

The index (written by the build, civicat/search/index.py) is read lazily: ``meta.json`` first,
then only the term files the query's words need and the result files of the results shown.
Everything the engine needs to read a query as the index was built (folded letters, stop words,
match qualities) is in ``meta.json``; nothing here knows a language.
"""
import json
import re
import unicodedata

WORD = re.compile(r"[^\W_]+")


class Index:
    """One language's index; ``read(name)`` returns a file's bytes (from disk, a package …)."""

    def __init__(self, read):
        self.read = read
        self.meta = json.loads(read("meta.json"))
        text = self.meta["text"]
        self.fold = str.maketrans(text["fold"])
        self.dropped = text["dropped"]
        self.stop = frozenset(text["stop"])
        self.prefixes = text.get("prefixes") or []
        self.particles = text.get("particles") or []
        self.match = self.meta["match"]
        self.firsts = [first for first, _name in self.meta["chunks"]]
        self._chunks = {}
        self._docs = {}

    # -- reading words --------------------------------------------------------------------------
    def normalize(self, text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text.lower())
        kept = "".join(c for c in decomposed if c != self.dropped and unicodedata.category(c) != "Mn")
        return kept.translate(self.fold)

    def words(self, query: str) -> tuple:
        """(the query's words that count, the separable particles it has): without stop words
        (unless it has nothing else), each once, at most ``max_words``."""
        found = list(dict.fromkeys(WORD.findall(self.normalize(query))))
        content = [w for w in found if w not in self.stop]
        particles = [w for w in found if w in self.particles] if content else []
        return (content or found)[: self.match["max_words"]], particles

    def variants(self, word: str, particles=()) -> list:
        """(form to look up, factor): the word; the word without a prefix of the language; the
        word with each separable particle of the query in front."""
        found = [(word, 1.0)]
        for prefix in self.prefixes:
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                found.append((word[len(prefix):], self.match["affix"]))
        for particle in particles:
            found.append((particle + word, self.match["affix"]))
        return found

    # -- files ----------------------------------------------------------------------------------
    def span(self, word: str) -> tuple:
        """(letters the candidates share with ``word``, term files that hold them)."""
        letters = min(2, len(word))
        while True:
            low, high = word[:letters], word[:letters] + "\uffff"
            chunks = [i for i, first in enumerate(self.firsts)
                      if first < high and (i + 1 == len(self.firsts) or self.firsts[i + 1] > low)]
            if len(chunks) <= self.match["candidate_chunks"] or letters >= len(word):
                return letters, chunks
            letters += 1

    def chunk(self, number: int) -> dict:
        if number not in self._chunks:
            self._chunks[number] = json.loads(self.read(self.meta["chunks"][number][1]))
        return self._chunks[number]

    def shown(self, doc: int) -> list:
        """[address, title, one line, office] of document ``doc``."""
        number = doc // self.meta["docs_per_file"]
        if number not in self._docs:
            self._docs[number] = json.loads(self.read(self.meta["doc_files"][number]))
        return self._docs[number][doc % self.meta["docs_per_file"]]

    # -- matching -------------------------------------------------------------------------------
    def quality(self, word: str, form: str) -> tuple:
        """(how well the vocabulary's ``form`` matches the query's ``word``, 0 for not at all;
        whether that takes a typo)."""
        if form == word:
            return 1.0, False
        match = self.match
        if len(word) >= 2 and form.startswith(word):
            base, share = match["prefix"]
            return base + share * len(word) / len(form), False
        start, per_letter, most = match["inflection"]
        if len(form) >= 4 and word.startswith(form) and len(word) - len(form) <= most:
            return start - per_letter * (len(word) - len(form)), False
        if len(word) >= 4:
            allowed = 1 if len(word) < match["long_word"] else 2
            if abs(len(word) - len(form)) <= allowed and distance(word, form, allowed) <= allowed:
                return match["typo"][allowed - 1], True
            if len(form) > len(word) and distance(word, form[: len(word)], 1) <= 1:
                return match["typo_prefix"], True
        return 0.0, False

    def word_scores(self, word: str, particles=()) -> dict:
        """Document → the best score of any form matching ``word``."""
        best = {}  # (chunk, postings number) → quality
        typos = {}  # the same for matches with a typo: only used when there are no others
        for form, factor in self.variants(word, particles):
            letters, chunks = self.span(form)
            low = form[:letters]
            for number in chunks:
                chunk = self.chunk(number)
                forms = chunk["w"]
                i = _left(forms, low)
                while i < len(forms) and forms[i].startswith(low):
                    if len(form) > 1 or forms[i] == form:
                        quality, typo = self.quality(form, forms[i])
                        found = typos if typo else best
                        q = quality * factor
                        key = (number, chunk["s"][i])
                        if q > found.get(key, 0.0):
                            found[key] = q
                    i += 1
        best = best or typos
        scores = {}
        for (number, key), q in best.items():
            flat = self.chunk(number)["p"][key]
            doc = 0
            for j in range(0, len(flat), 2):
                doc += flat[j]
                value = q * flat[j + 1]
                if value > scores.get(doc, 0.0):
                    scores[doc] = value
        return scores

    def search(self, query: str) -> list:
        """Document numbers, best first: the pages that have the most of the query's words (all,
        when any page has all of them), by their summed scores. A page has a word when its score
        for it is at least ``counts`` × the best page's score for it."""
        found, particles = self.words(query)
        if not found:
            return []
        per_word = [self.word_scores(word, particles) for word in found]
        coverage, total = {}, {}
        for scores in per_word:
            if not scores:
                continue
            least = max(scores.values()) * self.match["counts"]
            for doc, value in scores.items():
                total[doc] = total.get(doc, 0.0) + value
                if value >= least:
                    coverage[doc] = coverage.get(doc, 0) + 1
        if not coverage:
            return []
        most = max(coverage.values())
        hits = [doc for doc, n in coverage.items() if n == most]
        hits.sort(key=lambda doc: (-total[doc], doc))
        return hits


def distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours is one edit), or ``limit`` + 1
    as soon as it must exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2 = None
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        low = current[0]
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            low = min(low, value)
        if low > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[len(b)]


def _left(items: list, value: str) -> int:
    """The first position in sorted ``items`` not before ``value``."""
    low, high = 0, len(items)
    while low < high:
        middle = (low + high) // 2
        if items[middle] < value:
            low = middle + 1
        else:
            high = middle
    return low
