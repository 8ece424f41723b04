"""The browser's search engine (engine.mjs, run in node) and the functions' (engine.py, for the
results page without JavaScript) find the same pages in the same order: every query of the query
sets, and queries that test the edges (one letter, stop words only, typos, Arabic ligatures and
digits, capitals, the German ß), in the demo's languages and in Bulgarian and Slovenian (the
demo with their texts, ``bgsl.py``: no stemmer, so the engines' inflection matching does more)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.conftest import require

from .support import HERE, query_set

EDGES = ["a", "xy", "   ", "der die das", "Personalausw", "Fuhrershien", "Perso beantragen", "anmeldungen",
         "STRASSE", "straße", "ﻻ", "٣", "Ⅻ", "Hund-Steuer", "wie melde ich mich um", "‏هوية‎", "e-mail", "x" * 60]


@pytest.mark.parametrize("lang", ["de", "en", "ar"])
def test_both_engines_rank_every_query_alike(demo_build, index, lang, tmp_path):
    assert_engines_agree(demo_build[0] / lang / "search", index[lang], query_set(lang), tmp_path)


@pytest.mark.parametrize("lang", ["bg", "sl"])
def test_both_engines_rank_every_bulgarian_and_slovenian_query_alike(bgsl_site, bgsl_index, lang, tmp_path):
    assert_engines_agree(bgsl_site / lang / "search", bgsl_index[lang], query_set(lang), tmp_path)


def assert_engines_agree(folder, index, entries, tmp_path):
    require(shutil.which("node") is not None, "node (to run the browser's search engine)")
    queries = [entry["query"] for entry in entries] + EDGES
    (tmp_path / "queries.json").write_text(json.dumps(queries), encoding="utf-8")
    done = subprocess.run(["node", str(HERE / "run_engine.mjs"), str(folder),
                           str(tmp_path / "queries.json")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    browser = json.loads(done.stdout)
    functions = [index.search(query) for query in queries]
    different = [(query, ours, theirs[:10]) for query, ours, theirs in zip(queries, browser, functions) if ours != theirs]
    assert different == []
    assert sum(1 for hits in functions if hits) > len(queries) * 0.8  # they agree on finding things, not on nothing
