"""Search in Bulgarian (a light stemmer) and Slovenian (none here), checked by real
queries: the demo district with a translator's bg/sl texts for 20 services (``bgsl.py``,
``fixtures/bgsl.yaml``) finds the service a query means among the first three results at least
as often as last recorded (hit_rates.json), with the inflected forms citizens type ("личната
карта", "osebne izkaznice") matched by stems, prefixes and inflection."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .bgsl import LANGS, texts
from .support import below_recorded, query_set


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_a_query_set_of_colloquial_queries(lang):
    queries = query_set(lang)
    assert len(queries) >= 15
    assert len({q["query"] for q in queries}) == len(queries), "a query is listed twice"


@pytest.mark.parametrize("lang", LANGS)
def test_every_expected_service_exists_and_is_translated(bgsl_catalogue, lang):
    """A query means a service that has a title in its language: one falling back to German
    would test German search instead."""
    services = bgsl_catalogue[1].services
    wrong = {(q["query"], sid) for q in query_set(lang) for sid in q["expect"]
             if sid not in services or lang not in texts().get(sid, {}).get("title", {})}
    assert wrong == set()


@pytest.mark.parametrize("lang", LANGS)
def test_the_merged_texts_are_the_services_texts(bgsl_catalogue, lang):
    catalogue = bgsl_catalogue[1]
    assert lang in catalogue.site.languages
    for sid, extra in texts().items():
        service = catalogue.services[sid]
        assert service.title[lang] == extra["title"][lang]
        words = {keyword.get(lang) for keyword in service.keywords}
        assert {entry[lang] for entry in extra["keywords"]} <= words, sid


def test_the_merged_catalogue_passes_civicat_validate(bgsl_catalogue):
    result = subprocess.run([sys.executable, "-m", "civicat.cli", "validate", "-q", str(bgsl_catalogue[0])],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("lang", LANGS)
def test_the_hit_rate_does_not_drop_below_the_recorded_one(bgsl_index, lang):
    shortfall = below_recorded(bgsl_index[lang], lang)
    assert shortfall is None, shortfall
