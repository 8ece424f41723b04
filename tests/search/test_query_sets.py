"""The query sets (queries/*.yaml: what citizens type, and the service they mean) find that
service among the first three results, at least as often as last recorded (hit_rates.json; the
benchmark reports the same rates in BENCHMARKS.md). A change to the index or the ranking that
loses a query fails here, with the query, what was meant and what came first instead."""

from __future__ import annotations

import pytest

from .support import below_recorded, query_set


@pytest.mark.parametrize("lang, least", [("de", 40), ("en", 40), ("ar", 15)])
def test_each_language_has_a_query_set_of_colloquial_queries(lang, least):
    queries = query_set(lang)
    assert len(queries) >= least
    assert len({q["query"] for q in queries}) == len(queries), "a query is listed twice"


@pytest.mark.parametrize("lang", ["de", "en", "ar"])
def test_the_hit_rate_does_not_drop_below_the_recorded_one(index, lang):
    shortfall = below_recorded(index[lang], lang)
    assert shortfall is None, shortfall


def test_every_expected_service_exists(demo_build):
    services = set(demo_build[1].services)
    unknown = {(lang, q["query"], sid) for lang in ("de", "en", "ar") for q in query_set(lang)
               for sid in q["expect"] if sid not in services}
    assert unknown == set()
