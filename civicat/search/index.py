"""The search index of one language: postings in small files, so that a search fetches only what
its words need.

A visitor's first search on a slow phone must not wait for the whole catalogue (Material's lunr
index of 2,000 services was 1.7 MB gzip, and building it in the browser took seconds). Like
Pagefind, the index is cut into files:

- ``meta.json``: which words each term file starts with, how many pages there are, the rules
  for reading a query (``text.rules``), the match qualities (``MATCH``) and the words of the
  search's interface (count of results, nothing found …).
- ``t<n>.<hash>.json``: a slice of the sorted vocabulary (every form of every word the catalogue
  uses), each form with its stem's postings: page numbers (as differences) and scores. A slice
  never splits the words starting with the same two letters unless they are too many, so a
  query word, its completions, its inflections and its typos after the second letter are in
  the slices that hold its first letters (usually one).
- ``d<n>.<hash>.json``: what results show of ``DOCS_PER_FILE`` pages: address, title, one line,
  office.

A score is computed at build time (BM25-like, per field): a word in the title counts 10, in a
keyword (the catalogue's colloquial synonyms) 7, in the summary 2, in the body 1 (saturating with
repetitions, relative to the field's usual length); a short title or keyword phrase counts more
than a long one ("Ummeldung" is a better match for "ummelden" than "Auto ummelden"); a part of a
compound counts ``PART`` of the whole word; rare words count more than common ones (idf); a
page's kind scales it (``documents.KIND_WEIGHT``: services first). Names hold the content's
hash: a browser never mixes files of two builds, and unchanged files are not written again.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from . import compounds
from .documents import Document
from .stems import STEMS_AS_FORMS, stemmer
from .stopwords import stopwords
from .text import rules, terms

VERSION = 1
FIELDS = {"title": 10.0, "keywords": 7.0, "summary": 2.0, "body": 1.0}
"""How much a word counts in each field."""
PART = 0.6
"""A part of a compound (``compounds``) counts this much of the whole word."""
TITLE_LENGTH, KEYWORD_LENGTH = 0.1, 0.25
"""Each further word of a title (keyword phrase) lowers what one of its words counts: 1 / (1 + x·(n − 1))."""
BM25_K, BM25_B = 1.2, 0.75
SCALE = 10
"""Scores are written as integers: score × SCALE, rounded, at least 1."""
CHUNK_BYTES = 24_000
"""A term file's size to aim at (before compression; about a third of it gzipped)."""
DOCS_PER_FILE = 50
MATCH = {
    "prefix": [0.5, 0.4],
    "inflection": [0.85, 0.05, 3],
    "typo": [0.6, 0.45],
    "typo_prefix": 0.4,
    "affix": 0.9,
    "long_word": 8,
    "candidate_chunks": 2,
    "max_words": 8,
    "counts": 0.15,
}
"""How well a vocabulary form matches a query word (the query engines read this from meta.json):
the same word 1; a completion ("hund" → "hundesteuer") prefix[0] + prefix[1] × the share typed;
an inflection the catalogue lacks ("anmeldungen" → "anmeldung": the form is the start of the word,
at least 4 letters, at most inflection[2] letters shorter) inflection[0] − inflection[1] per
letter; one typo (two from long_word letters on) typo[0] (typo[1]); a typo in an unfinished word
typo_prefix; a word found without an Arabic prefix (``PREFIXES``) affix × that. A query word's
candidates are the forms sharing its first two letters, or more letters while they would span more
than candidate_chunks files. At most max_words words of a query count. A page has a query word
when its score for the word is at least ``counts`` × the best page's: a passing mention of
"Reisepass" on the vehicle page does not make it a page about "neuer Reisepass"."""
PREFIXES = {"ar": ["وال", "بال", "كال", "فال", "لل", "ال", "و", "ب", "ل"]}
"""What a query word may begin with that is not part of the word (Arabic: "and", the article,
"with", "for"): the engines also look the word up without it."""
PARTICLES = {"de": ["ab", "an", "auf", "aus", "ein", "fest", "mit", "nach", "um", "vor", "weg", "zu", "zuruck"]}
"""German separable verb particles: "Wo melde ich meinen Hund an?" means "anmelden", "Wie melde
ich mich um?" "ummelden". When a query has one of these as a word of its own, the engines also
look up each other word with the particle in front (``affix`` × the match)."""


@dataclass
class _Terms:
    """One document's words by field, as read (``Index.put``); scored in ``Index.files``."""

    title: list[str]
    keywords: list[list[str]]
    summary: Counter
    body: Counter
    shown: list[Any]
    weight: float


@dataclass
class Index:
    """The documents of one language, and the files they make."""

    lang: str
    extra: dict[str, Any] = field(default_factory=dict)
    """More for ``meta.json`` (the interface's words, the language root's address)."""
    docs: dict[str, _Terms] = field(default_factory=dict)

    def put(self, doc: Document) -> None:
        """Add ``doc``, or replace the document at its address."""
        stop = stopwords(self.lang)

        def content(text: str) -> list[str]:
            found, hyphenated = terms(text)
            return [w for w in found + hyphenated if w not in stop]

        self.docs[doc.path] = _Terms(
            title=content(doc.title),
            keywords=[found for phrase in doc.keywords if (found := content(phrase))],
            summary=Counter(content(doc.summary)),
            body=Counter(content(doc.body)),
            shown=doc.shown(),
            weight=doc.weight,
        )

    def remove(self, path: str) -> None:
        self.docs.pop(path, None)

    # -- the files ------------------------------------------------------------------------
    def files(self) -> dict[str, bytes]:
        """Every file of the index by name; ``meta.json`` names the others."""
        order = sorted(self.docs, key=lambda path: (-self.docs[path].weight, path))
        docs = [self.docs[path] for path in order]
        stem = stemmer(self.lang)
        vocabulary: set[str] = set()
        for doc in docs:
            vocabulary.update(doc.title)
            for phrase in doc.keywords:
                vocabulary.update(phrase)
            vocabulary.update(doc.summary)
            vocabulary.update(doc.body)
        known = frozenset(w for w in vocabulary if len(w) >= compounds.SHORTEST_PART)
        parts = compounds.splitter(self.lang, known)
        expansion: dict[str, tuple[tuple[str, float], ...]] = {}
        for word in vocabulary:
            found = {stem(word): 1.0}
            for part in parts(word):
                found.setdefault(stem(part), PART)
            expansion[word] = tuple(found.items())
        postings = _postings(docs, expansion)
        stems = {word: stem(word) for word in vocabulary}
        if self.lang in STEMS_AS_FORMS:  # a query form the catalogue lacks starts with its stem
            stems.update({root: root for root in set(stems.values()) - vocabulary
                          if len(root) >= 4 and root in postings})
        term_files, chunks = _term_files(sorted(stems), stems, postings)
        doc_files = [_named("d", n, [doc.shown for doc in docs[start:start + DOCS_PER_FILE]])
                     for n, start in enumerate(range(0, len(docs), DOCS_PER_FILE))]
        meta = {
            "version": VERSION, "lang": self.lang, "docs": len(docs), "docs_per_file": DOCS_PER_FILE,
            "chunks": [[first, name] for first, (name, _data) in zip(chunks, term_files)],
            "doc_files": [name for name, _data in doc_files],
            "text": {**rules(self.lang), "prefixes": PREFIXES.get(self.lang, []),
                     "particles": PARTICLES.get(self.lang, [])},
            "match": MATCH, **self.extra,
        }
        files = dict(term_files + doc_files)
        files["meta.json"] = _json(meta)
        return files

    def write(self, folder: Path) -> dict[str, bytes]:
        """Write the files into ``folder``: new ones first, ``meta.json`` last (renamed over the
        old one), then remove what it no longer names. Returns the files."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        files = self.files()
        for name, data in files.items():
            if name != "meta.json" and not (folder / name).exists():
                _write_atomically(folder / name, data)
        _write_atomically(folder / "meta.json", files["meta.json"])
        for old in folder.glob("*.json"):
            if old.name not in files:
                old.unlink(missing_ok=True)
        return files


def _postings(docs: list[_Terms], expansion: dict[str, tuple[tuple[str, float], ...]]) -> dict[str, list[tuple[int, float]]]:
    """Stem → [(document number, score)], in document order."""
    count = len(docs) or 1
    average = {name: (sum(sum(getattr(d, name).values()) for d in docs) / count) or 1.0 for name in ("summary", "body")}
    per_doc: list[dict[str, float]] = []
    df: Counter = Counter()
    for doc in docs:
        fields: dict[str, list[float]] = {}  # stem → [title, keyword, summary tf, body tf]

        def at(key: str) -> list[float]:
            found = fields.get(key)
            if found is None:
                found = fields[key] = [0.0, 0.0, 0.0, 0.0]
            return found

        title_factor = 1 / (1 + TITLE_LENGTH * (len(doc.title) - 1)) if doc.title else 0
        for word in doc.title:
            for key, part in expansion[word]:
                slot = at(key)
                slot[0] = max(slot[0], part * title_factor)
        for phrase in doc.keywords:
            factor = 1 / (1 + KEYWORD_LENGTH * (len(phrase) - 1))
            for word in phrase:
                for key, part in expansion[word]:
                    slot = at(key)
                    slot[1] = max(slot[1], part * factor)
        for index, name in ((2, "summary"), (3, "body")):
            for word, tf in getattr(doc, name).items():
                for key, part in expansion[word]:
                    at(key)[index] += tf * part
        lengths = (sum(doc.summary.values()), sum(doc.body.values()))
        norms = [BM25_K * (1 - BM25_B + BM25_B * length / average[name])
                 for length, name in zip(lengths, ("summary", "body"))]
        scores = {}
        for key, (title, keyword, summary_tf, body_tf) in fields.items():
            scores[key] = (FIELDS["title"] * title + FIELDS["keywords"] * keyword
                           + FIELDS["summary"] * _saturate(summary_tf, norms[0])
                           + FIELDS["body"] * _saturate(body_tf, norms[1])) * doc.weight
        per_doc.append(scores)
        df.update(scores.keys())
    postings: dict[str, list[tuple[int, float]]] = {}
    for number, scores in enumerate(per_doc):
        for key, score in scores.items():
            idf = math.log(1 + (count - df[key] + 0.5) / (df[key] + 0.5))
            postings.setdefault(key, []).append((number, score * idf))
    return postings


def _saturate(tf: float, norm: float) -> float:
    return tf * (BM25_K + 1) / (tf + norm) if tf else 0.0


def _encoded(postings: list[tuple[int, float]]) -> list[int]:
    """[doc, score, doc, score …] with each doc number as the difference to the one before."""
    flat, before = [], 0
    for number, score in postings:
        flat += [number - before, max(1, round(score * SCALE))]
        before = number
    return flat


def _term_files(vocabulary: list[str], stems: dict[str, str],
                postings: dict[str, list[tuple[int, float]]]) -> tuple[list[tuple[str, bytes]], list[str]]:
    """The term files, and the first word of each. Words are grouped by their first two letters;
    groups are packed into files of about ``CHUNK_BYTES``; a group larger than that is split by
    its first three letters (and so on)."""
    encoded: dict[str, list[int]] = {}
    sizes: dict[str, int] = {}
    for key, found in postings.items():
        flat = encoded[key] = _encoded(found)
        sizes[key] = sum(len(str(n)) + 1 for n in flat) + 3

    def size(group: list[str]) -> int:
        return sum(len(w.encode()) + 4 for w in group) + sum(sizes.get(k, 0) for k in {stems[w] for w in group})

    def groups(items: list[str], letters: int) -> Iterable[list[str]]:
        start = 0
        for end in range(1, len(items) + 1):
            if end == len(items) or items[end][:letters] != items[start][:letters]:
                group = items[start:end]
                if len(group) > 1 and letters < 6 and size(group) > CHUNK_BYTES:
                    yield from groups(group, letters + 1)
                else:
                    yield group
                start = end

    chunks: list[list[str]] = []
    current: list[str] = []
    current_size = 0
    for group in groups(vocabulary, 2):
        group_size = size(group)
        if current and current_size + group_size > CHUNK_BYTES:
            chunks.append(current)
            current, current_size = [], 0
        current += group
        current_size += group_size
    if current or not chunks:
        chunks.append(current)
    files = []
    for n, chunk in enumerate(chunks):
        keys = list(dict.fromkeys(stems[w] for w in chunk))
        slot = {key: i for i, key in enumerate(keys)}
        files.append(_named("t", n, {"w": chunk, "s": [slot[stems[w]] for w in chunk],
                                     "p": [encoded.get(key, []) for key in keys]}))
    firsts = [""] + [chunk[0] for chunk in chunks[1:]]
    return files, firsts


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _named(prefix: str, number: int, value: Any) -> tuple[str, bytes]:
    data = _json(value)
    return f"{prefix}{number}.{hashlib.sha1(data).hexdigest()[:10]}.json", data


def _write_atomically(path: Path, data: bytes) -> None:
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_bytes(data)
    os.replace(partial, path)
