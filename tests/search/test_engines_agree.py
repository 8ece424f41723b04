"""The browser's search engine (engine.mjs, run in node) and the functions' (engine.py, for the
results page without JavaScript) find the same pages in the same order: every query of the query
sets, and queries that test the edges (one letter, stop words only, typos, Arabic ligatures and
digits, capitals, the German ß)."""

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
    require(shutil.which("node") is not None, "node (to run the browser's search engine)")
    queries = [entry["query"] for entry in query_set(lang)] + EDGES
    (tmp_path / "queries.json").write_text(json.dumps(queries), encoding="utf-8")
    done = subprocess.run(["node", str(HERE / "run_engine.mjs"), str(demo_build[0] / lang / "search"),
                           str(tmp_path / "queries.json")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    browser = json.loads(done.stdout)
    functions = [index[lang].search(query) for query in queries]
    different = [(query, ours, theirs[:10]) for query, ours, theirs in zip(queries, browser, functions) if ours != theirs]
    assert different == []
    assert sum(1 for hits in functions if hits) > len(queries) * 0.8  # they agree on finding things, not on nothing
